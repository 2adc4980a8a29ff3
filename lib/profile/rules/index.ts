/**
 * The cross-field rules, run after the schema accepts the profile. Each rule is one
 * concept in one file and returns every issue it finds (never only the first).
 */
import type { ProfileIssue } from '../issues';
import type { Profile } from '../schema';
import { checkAddresses } from './addresses';
import { checkAuthentication } from './authentication';
import { checkExpressRoute } from './expressroute';
import { checkUniqueNames } from './names';
import { checkPopulations } from './populations';
import { checkProtectedSegments } from './protected-segments';
import { checkReferences } from './references';
import { checkRegions } from './regions';

export const PROFILE_RULES: readonly ((profile: Profile) => ProfileIssue[])[] = [
  checkUniqueNames,
  checkRegions,
  checkReferences,
  checkPopulations,
  checkAuthentication,
  checkAddresses,
  checkProtectedSegments,
  checkExpressRoute,
];

export function runProfileRules(profile: Profile): ProfileIssue[] {
  return PROFILE_RULES.flatMap((rule) => rule(profile));
}
