/**
 * Composition of the Azure (CDK for Terraform) stacks for one profile and environment.
 * Each stack is a standalone Terraform root module (no cross-stack references), so
 * `terraform -chdir=cdktf.out/stacks/<stack>` works without the cdktf CLI.
 */
import type { App } from 'cdktf';
import type { BackendKind } from '../../lib/azure/provider';
import { stackName } from '../../lib/naming/stack-names';
import type { DeploymentModel } from '../../lib/profile/load';
import { ConnectivityStack } from './connectivity-stack';

export interface AzureStacks {
  readonly connectivity?: ConnectivityStack;
}

export function addAzureStacks(
  app: App,
  model: DeploymentModel,
  environment: string,
  backend: BackendKind,
): AzureStacks {
  const { profile, plan } = model;
  if (plan.azureHubs.length === 0) return {};
  const org = profile.organisation.id;
  const tags = {
    ...profile.organisation.tags,
    'tsunagi-organisation': org,
    'tsunagi-environment': environment,
  };
  const connectivity = new ConnectivityStack(app, stackName(org, environment, 'connectivity'), {
    model,
    environment,
    backend,
    tags,
  });
  return { connectivity };
}
