/**
 * The network foundation of one access Region: a VPC whose subnets are exactly the planned
 * ones (client-vpn, services, transit per zone; no internet gateway, no NAT: remote users
 * reach the prefecture's networks, not the internet) and a Transit Gateway that later
 * stacks segment with their own route tables.
 */

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Tags } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import type { AwsRegionNetworkPlan, SubnetPlan } from '../planner/types';
import { encryptedLogGroup } from './common/log-encryption-key';
import { acknowledge } from './common/nag';
import { PlannedIpAddresses } from './planned-ip-addresses';
import { cidrId } from './remote-access/access-policy';

export interface NetworkFoundationProps {
  /** The planner's network plan for this Region: VPC CIDR, zones, subnets, TGW ASN. */
  readonly plan: AwsRegionNetworkPlan;
  /** Prefix of resource names, e.g. `hyogo-prod`. */
  readonly namePrefix: string;
  /**
   * Destinations the client-vpn and services subnets route to the Transit Gateway: the
   * networks remote users may reach and the on-premises DNS servers. Protected segments are
   * never listed (and the Transit Gateway blackholes them as well). Default: none.
   */
  readonly routedCidrs?: readonly string[];
  /** VPC flow logs: the Region's log key and the profile's retention. Default: no flow logs. */
  readonly flowLogs?: { readonly key: kms.IKey; readonly retentionDays: number };
}

const SUBNET_GROUPS: readonly { name: SubnetPlan['role']; cidrMask: number }[] = [
  { name: 'client-vpn', cidrMask: 24 },
  { name: 'services', cidrMask: 24 },
  { name: 'transit', cidrMask: 28 },
];

export class NetworkFoundation extends Construct {
  readonly vpc: ec2.Vpc;
  readonly transitGateway: ec2.CfnTransitGateway;
  readonly transitGatewayAttachment: ec2.CfnTransitGatewayVpcAttachment;

  constructor(scope: Construct, id: string, props: NetworkFoundationProps) {
    super(scope, id);
    const { plan, namePrefix } = props;

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      vpcName: `${namePrefix}-vpc`,
      ipAddresses: new PlannedIpAddresses(plan.vpcCidr, plan.subnets),
      availabilityZones: [...plan.zones],
      natGateways: 0,
      createInternetGateway: false,
      subnetConfiguration: SUBNET_GROUPS.map((group) => ({
        name: group.name,
        cidrMask: group.cidrMask,
        subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
      })),
      enableDnsHostnames: true,
      enableDnsSupport: true,
    });

    this.transitGateway = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      amazonSideAsn: plan.transitGatewayAsn,
      description: `${namePrefix} segmented transit for remote access, data centres and carriers`,
      // Segmentation is explicit: every attachment is associated with a named route table.
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      autoAcceptSharedAttachments: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      tags: [{ key: 'Name', value: `${namePrefix}-tgw` }],
    });

    this.transitGatewayAttachment = new ec2.CfnTransitGatewayVpcAttachment(this, 'VpcAttachment', {
      transitGatewayId: this.transitGateway.attrId,
      vpcId: this.vpc.vpcId,
      subnetIds: this.vpc.selectSubnets({ subnetGroupName: 'transit' }).subnetIds,
      tags: [{ key: 'Name', value: `${namePrefix}-vpc-attachment` }],
    });
    for (const role of ['client-vpn', 'services'] as const) {
      this.vpc.selectSubnets({ subnetGroupName: role }).subnets.forEach((subnet) => {
        for (const cidr of props.routedCidrs ?? []) {
          const route = new ec2.CfnRoute(this, `Route-${role}-${subnet.availabilityZone}-${cidrId(cidr)}`, {
            routeTableId: subnet.routeTable.routeTableId,
            destinationCidrBlock: cidr,
            transitGatewayId: this.transitGateway.attrId,
          });
          route.node.addDependency(this.transitGatewayAttachment);
        }
      });
    }
    if (props.flowLogs) {
      const logGroup = encryptedLogGroup(this, 'FlowLogGroup', {
        key: props.flowLogs.key,
        retentionDays: props.flowLogs.retentionDays,
        logGroupName: `/tsunagi/${namePrefix}/vpc-flow-logs`,
      });
      this.vpc.addFlowLog('FlowLogs', {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(logGroup),
        trafficType: ec2.FlowLogTrafficType.ALL,
      });
    }
    acknowledge(
      this.vpc,
      'CloudFormation-Validate::W3010',
      'Availability Zones are named in the profile on purpose: the address plan pins each subnet to a zone and synth runs offline, without an availability-zones lookup.',
    );
    Tags.of(this).add('tsunagi:component', 'network-foundation');
  }

  /** Subnets of one planned role, in zone order. */
  subnets(role: SubnetPlan['role']): ec2.ISubnet[] {
    return this.vpc.selectSubnets({ subnetGroupName: role }).subnets;
  }
}
