/**
 * Stack names: `<organisation>-<environment>-<purpose>[-<region short name>]`. Names feed
 * CloudFormation stack names and Terraform stack directories, so they never change once
 * deployed; one function here keeps both clouds consistent.
 */
import { regionShortName } from '../quotas/regions';

export function stackName(
  organisation: string,
  environment: string,
  purpose: string,
  region?: string,
): string {
  return [organisation, environment, purpose, region ? regionShortName(region) : undefined]
    .filter(Boolean)
    .join('-');
}
