/**
 * Transit Gateway segmentation of one Region: a route table per segment, so that segments
 * reach each other only where a route says so.
 *
 * - remote-access: associated with the access VPC attachment (Client VPN ENIs and the shared
 *   services in the same VPC: Resolver endpoints, directory). Learns the data centres' routes
 *   by propagation, and blackholes every protected segment, so a longer prefix than any
 *   advertisement keeps them out even if a data centre advertises them.
 * - data-centres: associated with every Site-to-Site VPN and Direct Connect attachment.
 *   Learns the access VPC (and its translated carrier range) by propagation; nothing else.
 * - carrier-mobile: associated with the carrier's landing; routes only to the networks the
 *   carrier's devices may reach, protected segments blackholed.
 *
 * Shared services have no attachment of their own here: the planner places them in the
 * access VPC's services subnets (lib/planner/network-layout.ts), so they share the
 * remote-access table; a separate services VPC would add a fourth table.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { cidrId } from '../remote-access/access-policy';

export type Segment = 'remote-access' | 'data-centres' | 'carrier-mobile';

export interface SegmentationProps {
  readonly namePrefix: string;
  readonly transitGatewayId: string;
  readonly segments: readonly Segment[];
  /** CIDRs no route may reach from remote access or carriers. */
  readonly protectedCidrs: readonly string[];
}

export class TransitGatewaySegmentation extends Construct {
  readonly tables = new Map<Segment, ec2.CfnTransitGatewayRouteTable>();
  private readonly props: SegmentationProps;

  constructor(scope: Construct, id: string, props: SegmentationProps) {
    super(scope, id);
    this.props = props;
    for (const segment of props.segments) {
      const table = new ec2.CfnTransitGatewayRouteTable(this, segment, {
        transitGatewayId: props.transitGatewayId,
        tags: [{ key: 'Name', value: `${props.namePrefix}-${segment}` }],
      });
      this.tables.set(segment, table);
      if (segment !== 'data-centres') {
        for (const cidr of props.protectedCidrs) {
          new ec2.CfnTransitGatewayRoute(this, `${segment}-blackhole-${cidrId(cidr)}`, {
            transitGatewayRouteTableId: table.ref,
            destinationCidrBlock: cidr,
            blackhole: true,
          });
        }
      }
    }
  }

  table(segment: Segment): ec2.CfnTransitGatewayRouteTable {
    const table = this.tables.get(segment);
    if (!table) throw new Error(`internal: no ${segment} route table`);
    return table;
  }

  /** Associates an attachment with its segment's table. */
  associate(id: string, attachmentId: string, segment: Segment): void {
    new ec2.CfnTransitGatewayRouteTableAssociation(this, `${id}-assoc`, {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.table(segment).ref,
    });
  }

  /** Propagates an attachment's routes into the given segments' tables. */
  propagate(id: string, attachmentId: string, into: readonly Segment[]): void {
    for (const segment of into) {
      if (!this.tables.has(segment)) continue;
      new ec2.CfnTransitGatewayRouteTablePropagation(this, `${id}-to-${segment}`, {
        transitGatewayAttachmentId: attachmentId,
        transitGatewayRouteTableId: this.table(segment).ref,
      });
    }
  }

  /**
   * Blackholes `cidr` in one segment's table (a static route wins over a propagated one of
   * the same or a shorter prefix). Skips a protected CIDR, which is blackholed already.
   */
  blackhole(segment: Segment, cidr: string): void {
    if (this.props.protectedCidrs.includes(cidr) || !this.tables.has(segment)) return;
    new ec2.CfnTransitGatewayRoute(this, `${segment}-outside-reach-${cidrId(cidr)}`, {
      transitGatewayRouteTableId: this.table(segment).ref,
      destinationCidrBlock: cidr,
      blackhole: true,
    });
  }

  /** A static route in one segment's table. */
  route(segment: Segment, cidr: string, attachmentId: string): void {
    new ec2.CfnTransitGatewayRoute(this, `${segment}-route-${cidrId(cidr)}`, {
      transitGatewayRouteTableId: this.table(segment).ref,
      destinationCidrBlock: cidr,
      transitGatewayAttachmentId: attachmentId,
    });
  }

  get protectedCidrs(): readonly string[] {
    return this.props.protectedCidrs;
  }
}
