/**
 * Which clouds a profile uses. A profile may use one cloud only (an Azure-only or AWS-only
 * prefecture): the other app then synthesizes no stack at all, instead of failing.
 */
import type { DeploymentModel } from '../model/deployment-model';

export type Cloud = 'aws' | 'azure';

/** True when the profile plans anything in that cloud (an access tier, a Region or a hub). */
export function usesCloud(model: DeploymentModel, cloud: Cloud): boolean {
  return cloud === 'aws' ? model.plan.awsRegions.length > 0 : model.plan.azureHubs.length > 0;
}

/** The notice an app prints when the profile does not use its cloud. */
export function unusedCloudNotice(model: DeploymentModel, cloud: Cloud): string {
  return cloud === 'aws'
    ? `${model.file}: uses no AWS Region (clouds.aws); no AWS stack to synthesize`
    : `${model.file}: uses no Azure hub (clouds.azure); no Azure stack to synthesize`;
}
