/**
 * Translation of a carrier's device pool to the prefecture's local range, in the access VPC.
 *
 * AWS has no static 1:1 NAT service. The closest managed equivalent is a private NAT gateway
 * (many-to-one source translation). It is placed in subnets carved from the translated range,
 * added to the VPC as a secondary CIDR, one gateway per zone:
 *
 *   carrier -> TGW (carrier-mobile table: reachable networks -> VPC attachment)
 *     -> transit subnet (reachable networks -> NAT gateway of the zone)
 *     -> NAT gateway (source becomes an address of the translated range)
 *     -> TGW (remote-access table: data centres) -> data centre
 *
 * Return traffic reaches the translated range through the data-centres table (the VPC
 * attachment propagates its secondary CIDR). If a strict 1:1 mapping per device is required
 * (e.g. on-premises systems address devices individually), the translation belongs in an
 * appliance or at the carrier (translation.at: carrier): this construct documents the
 * difference rather than hiding it.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { nthSubnet, parseCidr } from '../../net/cidr';
import { acknowledge } from '../common/nag';
import { cidrId } from '../remote-access/access-policy';

export interface CarrierTranslationProps {
  readonly name: string;
  readonly vpc: ec2.IVpc;
  readonly zones: readonly string[];
  readonly translatedRange: string;
  readonly devicePool: string;
  readonly transitGatewayId: string;
  /** Networks the carrier's devices may reach (translated on the way). */
  readonly destinations: readonly string[];
  /** Transit subnets of the VPC (where the TGW attachment's ENIs are), by zone. */
  readonly transitSubnets: ReadonlyMap<string, ec2.ISubnet>;
}

export class CarrierTranslation extends Construct {
  readonly natGateways = new Map<string, ec2.CfnNatGateway>();

  constructor(scope: Construct, id: string, props: CarrierTranslationProps) {
    super(scope, id);
    const secondary = new ec2.CfnVPCCidrBlock(this, 'TranslatedRange', {
      vpcId: props.vpc.vpcId,
      cidrBlock: props.translatedRange,
    });
    const range = parseCidr(props.translatedRange);
    // One subnet per zone, carved by zone index (4 slots: the layout's zone maximum).
    const prefix = Math.min(28, range.prefixLength + 2);
    props.zones.forEach((zone, z) => {
      const cidr = nthSubnet(range, prefix, z);
      if (!cidr) throw new Error(`${props.translatedRange} cannot hold a /${prefix} for zone ${zone}`);
      const subnet = new ec2.CfnSubnet(this, `Subnet-${zone}`, {
        vpcId: props.vpc.vpcId,
        availabilityZone: zone,
        cidrBlock: cidr.text,
        tags: [{ key: 'Name', value: `${props.name}-translation-${zone}` }],
      });
      subnet.addResourceDependency(secondary);
      acknowledge(
        subnet,
        'CloudFormation-Validate::W3010',
        'The translation subnet sits in a zone the profile names, beside that zone’s transit subnet.',
      );
      const nat = new ec2.CfnNatGateway(this, `Nat-${zone}`, {
        subnetId: subnet.ref,
        connectivityType: 'private',
        tags: [{ key: 'Name', value: `${props.name}-translation-${zone}` }],
      });
      this.natGateways.set(zone, nat);
      const table = new ec2.CfnRouteTable(this, `Routes-${zone}`, { vpcId: props.vpc.vpcId });
      new ec2.CfnSubnetRouteTableAssociation(this, `RoutesAssoc-${zone}`, {
        subnetId: subnet.ref,
        routeTableId: table.ref,
      });
      for (const destination of [...props.destinations, props.devicePool]) {
        new ec2.CfnRoute(this, `Out-${zone}-${cidrId(destination)}`, {
          routeTableId: table.ref,
          destinationCidrBlock: destination,
          transitGatewayId: props.transitGatewayId,
        });
      }
      const transit = props.transitSubnets.get(zone);
      if (!transit) throw new Error(`internal: no transit subnet in ${zone}`);
      for (const destination of props.destinations) {
        new ec2.CfnRoute(this, `In-${zone}-${cidrId(destination)}`, {
          routeTableId: transit.routeTable.routeTableId,
          destinationCidrBlock: destination,
          natGatewayId: nat.ref,
        });
      }
    });
  }
}
