/**
 * The cross-field rules, run after the schema accepts the profile. Each rule is one
 * concept in one file and returns every issue it finds (never only the first).
 */
import type { ProfileIssue } from '../issues';
import type { Profile } from '../schema';
import { checkAddresses } from './addresses';
import { checkAsns } from './asns';
import { checkAuthentication } from './authentication';
import { checkAwsDeployability } from './aws-deployability';
import { checkAzureAccess } from './azure-access';
import { checkAzureDeployability } from './azure-deployability';
import { checkCarriers } from './carriers';
import { checkDataCentreLinks } from './data-centre-links';
import { checkExpressRoute } from './expressroute';
import { checkRepeatedValues } from './lists';
import { checkMicrosoft365Ranges } from './microsoft365';
import { checkUniqueNames } from './names';
import { checkPopulations } from './populations';
import { checkProtectedSegments } from './protected-segments';
import { checkReferences } from './references';
import { checkRegions } from './regions';
import { checkRevocation } from './revocation';

export const PROFILE_RULES: readonly ((profile: Profile) => ProfileIssue[])[] = [
  checkUniqueNames,
  checkRegions,
  checkReferences,
  checkPopulations,
  checkAuthentication,
  checkAzureAccess,
  checkAddresses,
  checkProtectedSegments,
  checkExpressRoute,
  checkRepeatedValues,
  checkAsns,
  checkCarriers,
  checkDataCentreLinks,
  checkMicrosoft365Ranges,
  checkAwsDeployability,
  checkAzureDeployability,
  checkRevocation,
];

export function runProfileRules(profile: Profile): ProfileIssue[] {
  return PROFILE_RULES.flatMap((rule) => rule(profile));
}
