/**
 * Composition of the AWS stacks for one profile and environment. Stacks only compose:
 * every size and range comes from the model's plan and profile.
 */
import { type App, Tags } from 'aws-cdk-lib';
import { stackName } from '../../lib/naming/stack-names';
import type { DeploymentModel } from '../../lib/profile/load';
import { NetworkStack } from './network-stack';

export interface AwsStacks {
  readonly network: ReadonlyMap<string, NetworkStack>;
}

export function addAwsStacks(app: App, model: DeploymentModel, environmentName: string): AwsStacks {
  const { profile, plan } = model;
  const environment = profile.environments.find((e) => e.name === environmentName);
  if (!environment?.aws) throw new Error(`internal: environment ${environmentName} has no AWS account`);
  const org = profile.organisation.id;
  const namePrefix = `${org}-${environmentName}`;

  Tags.of(app).add('tsunagi:organisation', org);
  Tags.of(app).add('tsunagi:environment', environmentName);
  for (const [key, value] of Object.entries(profile.organisation.tags)) Tags.of(app).add(key, value);

  const network = new Map<string, NetworkStack>();
  for (const regionPlan of plan.awsRegions) {
    const name = stackName(org, environmentName, 'network', regionPlan.region);
    network.set(
      regionPlan.region,
      new NetworkStack(app, name, {
        stackName: name,
        env: { account: environment.aws.accountId, region: regionPlan.region },
        description: `Tsunagi ${org} ${environmentName}: network foundation in ${regionPlan.region}`,
        plan: regionPlan,
        namePrefix: `${namePrefix}-${regionPlan.region}`,
      }),
    );
  }
  return { network };
}
