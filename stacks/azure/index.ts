/**
 * Composition of the Azure (CDK for Terraform) stacks for one profile and environment.
 * Each stack is a standalone Terraform root module (no cross-stack references), so
 * `terraform -chdir=cdktf.out/stacks/<stack>` works without the cdktf CLI. A later stack
 * finds an earlier stack's resources by deterministic name (lib/azure/inventory.ts), so
 * apply them in this order: connectivity, remote-access, links, identity, monitoring.
 *
 * Why five stacks: each has its own state and blast radius. The long-lead circuits and hubs
 * never appear in a plan that only resizes a point-to-site gateway; the monitoring stack can
 * be destroyed and rebuilt without touching a tunnel.
 */
import type { App } from 'cdktf';
import type { BackendKind } from '../../lib/azure/provider';
import { stackName } from '../../lib/naming/stack-names';
import type { DeploymentModel } from '../../lib/profile/load';
import { type AzureStackProps, ConnectivityStack } from './connectivity-stack';
import { IdentityStack } from './identity-stack';
import { LinksStack } from './links-stack';
import { MonitoringStack } from './monitoring-stack';
import { RemoteAccessStack } from './remote-access-stack';

export interface AzureStacks {
  readonly connectivity?: ConnectivityStack;
  readonly remoteAccess?: RemoteAccessStack;
  readonly links?: LinksStack;
  readonly identity?: IdentityStack;
  readonly monitoring?: MonitoringStack;
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
  const props: AzureStackProps = { model, environment, backend, tags };
  const name = (purpose: string) => stackName(org, environment, purpose);
  const connectivity = new ConnectivityStack(app, name('connectivity'), props);
  const hasTiers = plan.tiers.some((t) => t.kind === 'azure-p2s');
  const remoteAccess = hasTiers ? new RemoteAccessStack(app, name('remote-access'), props) : undefined;
  const links = new LinksStack(app, name('links'), props);
  const identity = profile.identity.entraDomainServices
    ? new IdentityStack(app, name('identity'), props)
    : undefined;
  const monitoring = new MonitoringStack(app, name('monitoring'), props);
  // Apply order only (recorded in cdktf.out/manifest.json "dependencies"); no references.
  remoteAccess?.addDependency(connectivity);
  links.addDependency(connectivity);
  identity?.addDependency(connectivity);
  for (const earlier of [connectivity, remoteAccess, links, identity])
    if (earlier) monitoring.addDependency(earlier);
  return {
    connectivity,
    ...(remoteAccess ? { remoteAccess } : {}),
    links,
    ...(identity ? { identity } : {}),
    monitoring,
  };
}
