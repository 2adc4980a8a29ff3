/**
 * How the stacks of one AWS Region share values without CloudFormation exports.
 *
 * An export binds the producer: while another stack imports it, CloudFormation refuses any
 * update that changes or removes the exported value, so a replacement of the VPC, a subnet,
 * the Transit Gateway or the log key would block (or strand the network stack). Instead the
 * producer writes each value to an SSM parameter with a deterministic name,
 * `/tsunagi/<org>/<env>/<region short code>/<stack purpose>/<name>`, and every consumer
 * declares a CloudFormation parameter of type `AWS::SSM::Parameter::Value<String>` with that
 * name (`ssm.StringParameter.valueForStringParameter`), resolved at each deploy of the
 * consumer. Values the plan decides (CIDRs, zones, names) are passed as plain values. The
 * deploy order stays explicit: consumers depend on the producer's stack (`addDependency`).
 */

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Annotations, DefaultStackSynthesizer, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import type { AwsRegionNetworkPlan, SubnetPlan } from '../../model/plan';
import { regionShortName } from '../../quotas/regions';
import type { NetworkFoundation } from '../network-foundation';
import { acknowledge } from './nag';

/** Subnet groups of the access VPC, in the order NetworkFoundation creates them. */
export const SUBNET_ROLES: readonly SubnetPlan['role'][] = ['client-vpn', 'services', 'transit'];

/** Root of every parameter one environment's stacks in one Region share. */
export function sharedParameterRoot(organisation: string, environment: string, region: string): string {
  return `/tsunagi/${organisation}/${environment}/${regionShortName(region)}`;
}

/** Names of the values the network stack of one Region publishes. */
export class NetworkParameterNames {
  constructor(readonly root: string) {}
  get vpcId(): string {
    return `${this.root}/network/vpc-id`;
  }
  get transitGatewayId(): string {
    return `${this.root}/network/transit-gateway-id`;
  }
  get vpcAttachmentId(): string {
    return `${this.root}/network/transit-gateway-vpc-attachment-id`;
  }
  get logKeyArn(): string {
    return `${this.root}/network/log-key-arn`;
  }
  subnetId(role: SubnetPlan['role'], zone: string): string {
    return `${this.root}/network/subnet/${role}/${zone}/id`;
  }
  routeTableId(role: SubnetPlan['role'], zone: string): string {
    return `${this.root}/network/subnet/${role}/${zone}/route-table-id`;
  }
  /** The identity stack's Managed Microsoft AD (remote access authenticates against it). */
  get directoryId(): string {
    return `${this.root}/identity/directory-id`;
  }
}

/** Writes one value to a plain (Standard tier) SSM parameter of the producing stack. */
export function publishParameter(
  scope: Construct,
  id: string,
  name: string,
  value: string,
): ssm.StringParameter {
  return new ssm.StringParameter(scope, id, {
    parameterName: name,
    stringValue: value,
    description: 'Tsunagi: read by the other stacks of this Region at deploy time (no CloudFormation export)',
  });
}

/**
 * CloudFormation resolves a template's `AWS::SSM::Parameter::Value<...>` parameters with the
 * credentials of the caller of CreateChangeSet: under `cdk deploy`, the CDK bootstrap deploy
 * role, which the bootstrap template lets read only its own version parameter (its
 * `ReadVersion` statement: "CreateChangeSet uses this to evaluate any SSM parameters"). The
 * producing stack (deployed by the bootstrap execution role) therefore lets the Region's
 * deploy role read the parameters under `root`, and nothing else; without it the readers'
 * first deploy fails with AccessDenied on ssm:GetParameters.
 */
export function allowDeployRoleToRead(
  scope: Construct,
  root: string,
  qualifier: string = DefaultStackSynthesizer.DEFAULT_QUALIFIER,
): iam.Policy {
  const { account, region, partition } = Stack.of(scope);
  const resource = `arn:${partition}:ssm:${region}:${account}:parameter${root}/*`;
  const policy = new iam.Policy(scope, 'DeployRoleReadsParameters', {
    roles: [
      iam.Role.fromRoleName(scope, 'CdkDeployRole', `cdk-${qualifier}-deploy-role-${account}-${region}`),
    ],
    statements: [
      new iam.PolicyStatement({
        sid: 'EvaluateSharedParametersInChangeSets',
        actions: ['ssm:GetParameters', 'ssm:GetParameter'],
        resources: [resource],
      }),
    ],
  });
  acknowledge(
    policy,
    `AwsSolutions-IAM5[Resource::${resource}]`,
    'One bounded wildcard: the parameters this environment’s stacks write for each other in this Region (read-only, names only under the environment’s own prefix).',
  );
  return policy;
}

/**
 * CDK context key: `true` keeps the CloudFormation exports that earlier versions created
 * automatically (same export names), beside the SSM parameters. Only for an environment
 * deployed before the stacks stopped importing: deploy once with it (the network stacks add
 * the parameters and keep their exports; the consumers switch to the parameters), then once
 * without it (the unused exports go). docs/deploy.md.
 */
export const KEEP_NETWORK_EXPORTS_CONTEXT = 'tsunagi:keepNetworkExports';

/**
 * The network stack's side: every value another stack of the Region reads, and, with
 * `keepExports`, the exports earlier versions had for the same values.
 */
export function publishNetworkParameters(
  scope: Construct,
  names: NetworkParameterNames,
  foundation: NetworkFoundation,
  logKey: kms.IKey,
  options: { keepExports?: boolean } = {},
): void {
  const root = new Construct(scope, 'SharedParameters');
  allowDeployRoleToRead(root, names.root);
  const publish = (id: string, name: string, value: string, exported = true) => {
    publishParameter(root, id, name, value);
    if (options.keepExports && exported) Stack.of(scope).exportValue(value);
  };
  publish('VpcId', names.vpcId, foundation.vpc.vpcId);
  publish('TransitGatewayId', names.transitGatewayId, foundation.transitGateway.attrId);
  publish('VpcAttachmentId', names.vpcAttachmentId, foundation.transitGatewayAttachment.attrId);
  publish('LogKeyArn', names.logKeyArn, logKey.keyArn);
  for (const role of SUBNET_ROLES) {
    for (const subnet of foundation.subnets(role)) {
      const zone = subnet.availabilityZone;
      publish(`${role}-${zone}-SubnetId`, names.subnetId(role, zone), subnet.subnetId, role !== 'transit');
      publish(
        `${role}-${zone}-RouteTableId`,
        names.routeTableId(role, zone),
        subnet.routeTable.routeTableId,
        false,
      );
    }
  }
}

/**
 * A consumer's view of its Region's network: the VPC, its planned subnets (zones and CIDRs as
 * plain values from the plan), the Transit Gateway, the VPC attachment and the log key, each
 * identifier read from the network stack's SSM parameters at deploy time. Each value becomes
 * a template parameter only when the consumer uses it.
 */
export class NetworkReference extends Construct {
  private readonly names: NetworkParameterNames;
  private readonly plan: AwsRegionNetworkPlan;
  private readonly cache = new Map<string, unknown>();

  constructor(
    scope: Construct,
    id: string,
    props: { names: NetworkParameterNames; plan: AwsRegionNetworkPlan },
  ) {
    super(scope, id);
    this.names = props.names;
    this.plan = props.plan;
  }

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  private read(name: string): string {
    return ssm.StringParameter.valueForStringParameter(this, name);
  }

  get vpc(): ec2.IVpc {
    return this.once('vpc', () =>
      ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: this.read(this.names.vpcId),
        vpcCidrBlock: this.plan.vpcCidr,
        availabilityZones: [...this.plan.zones],
      }),
    );
  }

  get logKey(): kms.IKey {
    return this.once('logKey', () => kms.Key.fromKeyArn(this, 'LogKey', this.read(this.names.logKeyArn)));
  }

  get transitGatewayId(): string {
    return this.once('tgw', () => this.read(this.names.transitGatewayId));
  }

  get vpcAttachmentId(): string {
    return this.once('attachment', () => this.read(this.names.vpcAttachmentId));
  }

  /** The planned subnet of one role in one zone; its route table only when asked for. */
  subnet(role: SubnetPlan['role'], zone: string, options: { withRouteTable?: boolean } = {}): ec2.ISubnet {
    const withRouteTable = options.withRouteTable === true;
    return this.once(`${role}|${zone}|${withRouteTable}`, () => {
      const planned = this.plan.subnets.find((s) => s.role === role && s.zone === zone);
      if (!planned) throw new Error(`internal: no ${role} subnet planned in ${zone}`);
      const subnet = ec2.Subnet.fromSubnetAttributes(
        this,
        `${role}-${zone}${withRouteTable ? '-routed' : ''}`,
        {
          subnetId: this.read(this.names.subnetId(role, zone)),
          availabilityZone: zone,
          ipv4CidrBlock: planned.cidr,
          routeTableId: withRouteTable ? this.read(this.names.routeTableId(role, zone)) : undefined,
        },
      );
      if (!withRouteTable) {
        Annotations.of(subnet).acknowledgeWarning(
          '@aws-cdk/aws-ec2:noSubnetRouteTableId',
          'The route table is read (a template parameter) only by the constructs that route through it: subnet(role, zone, { withRouteTable: true }).',
        );
      }
      return subnet;
    });
  }

  /** The planned subnets of one role in every zone, in zone order. */
  subnets(role: SubnetPlan['role'], options: { withRouteTables?: boolean } = {}): ec2.ISubnet[] {
    return this.plan.zones.map((zone) =>
      this.subnet(role, zone, { withRouteTable: options.withRouteTables }),
    );
  }
}
