/**
 * Composition of the AWS stacks for one profile and environment. Stacks only compose:
 * every size and range comes from the model's plan and profile.
 *
 * Per access Region: network (VPC, Transit Gateway, log key, flow logs), links (Transit
 * Gateway segmentation, Site-to-Site VPN, Direct Connect, carrier landing), identity
 * (directory, Resolver, trust), remote access (Client VPN). Once: audit (CloudTrail archive,
 * in the home Region, the first AWS Region) and CI deploy access. References cross stacks
 * only within one Region; nothing crosses Regions (values come from the model instead).
 */
import { type App, Tags, Validations } from 'aws-cdk-lib/core';
import { CREATE_ONLY_TAG_TYPES } from '../../lib/aws/common/create-only-tag-types';
import { AwsSolutionsChecks } from '../../lib/aws/common/nag';
import {
  KEEP_NETWORK_EXPORTS_CONTEXT,
  NetworkParameterNames,
  sharedParameterRoot,
} from '../../lib/aws/common/network-parameters';
import { routedCidrs } from '../../lib/aws/common/routing';
import { deviceRegistryTableName } from '../../lib/aws/remote-access/device-registry';
import { stackName } from '../../lib/naming/stack-names';
import type { DeploymentModel } from '../../lib/profile/load';
import { regionShortName } from '../../lib/quotas/regions';
import { AuditStack } from './audit-stack';
import { CiDeployStack } from './ci-deploy-stack';
import { IdentityStack } from './identity-stack';
import { LinksStack } from './links-stack';
import { NetworkStack } from './network-stack';
import { RemoteAccessStack } from './remote-access-stack';

export interface AwsStacks {
  readonly network: ReadonlyMap<string, NetworkStack>;
  readonly remoteAccess: ReadonlyMap<string, RemoteAccessStack>;
  readonly links: ReadonlyMap<string, LinksStack>;
  readonly identity: ReadonlyMap<string, IdentityStack>;
  readonly audit: AuditStack;
  readonly ciDeploy?: CiDeployStack;
}

export interface AwsStackOptions {
  /** Register cdk-nag AwsSolutions as a validation plugin. Default true (unit tests may skip it). */
  readonly nag?: boolean;
}

/**
 * Resource types the organisation tags are never applied to: every type whose tags are
 * create-only in the CloudFormation specification (a changed `organisation.tags` value
 * would replace it: four Transit Gateway route tables, an outage for a label), derived by
 * scripts/derive-create-only-tags.mjs. A Client VPN endpoint replacement drops every
 * connected user (LIMITS.md), so it is listed whatever the specification says.
 */
export const UNTAGGED_RESOURCE_TYPES: readonly string[] = [
  ...new Set([...CREATE_ONLY_TAG_TYPES, 'AWS::EC2::ClientVpnEndpoint']),
];

export function addAwsStacks(
  app: App,
  model: DeploymentModel,
  environmentName: string,
  options: AwsStackOptions = {},
): AwsStacks {
  const { profile, plan } = model;
  const environment = profile.environments.find((e) => e.name === environmentName);
  if (!environment?.aws) throw new Error(`internal: environment ${environmentName} has no AWS account`);
  const org = profile.organisation.id;
  const namePrefix = `${org}-${environmentName}`;
  const account = environment.aws.accountId;

  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const tag = (key: string, value: string) =>
    Tags.of(app).add(key, value, { excludeResourceTypes: [...UNTAGGED_RESOURCE_TYPES] });
  tag('tsunagi:organisation', org);
  tag('tsunagi:environment', environmentName);
  for (const [key, value] of Object.entries(profile.organisation.tags)) tag(key, value);

  const network = new Map<string, NetworkStack>();
  const remoteAccess = new Map<string, RemoteAccessStack>();
  const links = new Map<string, LinksStack>();
  const identity = new Map<string, IdentityStack>();
  const routed = routedCidrs(profile);
  // One device registry (a global table) for the whole profile: created by the first Client
  // VPN Region's stack with a replica in every other; the rest read their replica by name.
  const clientVpnRegions = plan.awsRegions
    .map((r) => r.region)
    .filter((region) => plan.tiers.some((t) => t.kind === 'aws-client-vpn' && t.region === region));
  const deviceTableName = deviceRegistryTableName(org, environmentName);
  for (const regionPlan of plan.awsRegions) {
    const region = regionPlan.region;
    const env = { account, region };
    // One naming form everywhere: the short Region code (apne1), as in every stack name.
    const regionPrefix = `${namePrefix}-${regionShortName(region)}`;
    // The Region's stacks share identifiers through SSM parameters, never exports: a
    // replaced VPC, subnet, Transit Gateway or key never blocks on an importing stack.
    const parameters = new NetworkParameterNames(sharedParameterRoot(org, environmentName, region));
    const name = stackName(org, environmentName, 'network', region);
    const networkStack = new NetworkStack(app, name, {
      stackName: name,
      env,
      description: `Tsunagi ${org} ${environmentName}: network foundation in ${region}`,
      plan: regionPlan,
      namePrefix: regionPrefix,
      parameters,
      keepExports: [true, 'true'].includes(app.node.tryGetContext(KEEP_NETWORK_EXPORTS_CONTEXT)),
      routedCidrs: routed,
      logRetentionDays: profile.audit.logRetentionDays,
    });
    network.set(region, networkStack);

    const linksName = stackName(org, environmentName, 'links', region);
    const linksStack = new LinksStack(app, linksName, {
      stackName: linksName,
      env,
      description: `Tsunagi ${org} ${environmentName}: Transit Gateway segments, data-centre and carrier links in ${region}`,
      model,
      region,
      namePrefix: `${namePrefix}-${regionShortName(region)}`,
      network: parameters,
    });
    linksStack.addStackDependency(networkStack);
    links.set(region, linksStack);

    const identityName = stackName(org, environmentName, 'identity', region);
    const identityStack = new IdentityStack(app, identityName, {
      stackName: identityName,
      env,
      description: `Tsunagi ${org} ${environmentName}: directory, DNS forwarding and forest trust in ${region}`,
      model,
      namePrefix: `${namePrefix}-${regionShortName(region)}`,
      network: parameters,
    });
    identityStack.addStackDependency(networkStack);
    identity.set(region, identityStack);

    const hasClientVpn = plan.tiers.some((t) => t.kind === 'aws-client-vpn' && t.region === region);
    if (hasClientVpn) {
      const raName = stackName(org, environmentName, 'remote-access', region);
      remoteAccess.set(
        region,
        new RemoteAccessStack(app, raName, {
          stackName: raName,
          env,
          description: `Tsunagi ${org} ${environmentName}: Client VPN remote access in ${region}`,
          model,
          region,
          namePrefix: `${namePrefix}-${regionShortName(region)}`,
          network: parameters,
          hasManagedAd: identityStack.directory.managedAd !== undefined,
          deviceRegistry: {
            tableName: deviceTableName,
            regions: region === clientVpnRegions[0] ? clientVpnRegions : undefined,
          },
        }),
      );
      // Clients' DNS servers (the Resolver inbound endpoint) and the directory live in the
      // identity stack, which follows the network stack.
      remoteAccess.get(region)!.addStackDependency(identityStack);
      remoteAccess.get(region)!.addStackDependency(networkStack);
      const registryHome = remoteAccess.get(clientVpnRegions[0]!);
      // The replica this Region reads exists once the registry's stack is deployed.
      if (registryHome && region !== clientVpnRegions[0])
        remoteAccess.get(region)!.addStackDependency(registryHome);
    }
  }
  const homeRegion = plan.awsRegions[0]?.region;
  if (!homeRegion) throw new Error('internal: AWS stacks without an AWS Region');
  const auditName = stackName(org, environmentName, 'audit');
  const audit = new AuditStack(app, auditName, {
    stackName: auditName,
    env: { account, region: homeRegion },
    description: `Tsunagi ${org} ${environmentName}: multi-Region CloudTrail archive`,
    model,
    namePrefix,
  });
  let ciDeploy: CiDeployStack | undefined;
  if (profile.ci) {
    const ciName = stackName(org, environmentName, 'ci-deploy');
    ciDeploy = new CiDeployStack(app, ciName, {
      stackName: ciName,
      env: { account, region: homeRegion },
      description: `Tsunagi ${org} ${environmentName}: GitHub Actions OIDC deploy role`,
      model,
      namePrefix,
      github: profile.ci.github,
      existingOidcProviderArn: environment.aws.githubOidcProviderArn,
    });
  }
  return { network, remoteAccess, links, identity, audit, ciDeploy };
}
