/**
 * DNS for remote users: a Route 53 Resolver INBOUND endpoint in the services subnets, one
 * fixed address per planned zone, which the Client VPN endpoints push to their clients.
 *
 * Why not the VPC resolver (VPC base + 2)? Client VPN sends every client's packets from its
 * few endpoint ENIs, and the VPC resolver answers at most 1,024 packets per second per ENI
 * (VPC_RESOLVER_PACKETS_PER_SECOND_PER_ENI): 66,500 users at 0.1 queries per second are
 * 6,650 per second. An inbound endpoint is a DNS server in the VPC that answers up to
 * 10,000 queries per second per address (RESOLVER_ENDPOINT_QUERIES_PER_SECOND_PER_IP) and
 * resolves like the VPC resolver: the AD domain through the outbound forwarding rule, every
 * other name through Route 53 Resolver.
 *
 * Clients use their first DNS server and fall back to the second only when it fails, so the
 * endpoints' lists are rotated (endpoint i starts at address i mod n) and each endpoint's
 * connections must fit one address's planned capacity; dnsServersForEndpoint checks it.
 * The addresses are fixed (offset 10 of each services subnet) so the remote-access stack
 * computes them from the plan: no cross-stack reference.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import type { AwsRegionNetworkPlan } from '../../model/plan';
import { formatAddress, parseCidr } from '../../net/cidr';
import {
  DNS_QUERIES_PER_SECOND_PER_USER,
  RESOLVER_ENDPOINT_QUERIES_PER_SECOND_PER_IP,
  RESOLVER_PLANNED_UTILISATION,
} from '../../quotas/route53-resolver';

/** Offset of the inbound address in each services subnet (AWS reserves the first four). */
const ADDRESS_OFFSET = 10n;

/** The inbound endpoint's addresses, one per planned zone, in zone order. */
export function inboundResolverAddresses(network: AwsRegionNetworkPlan): string[] {
  return network.zones.map((zone) => {
    const subnet = network.subnets.find((s) => s.role === 'services' && s.zone === zone);
    if (!subnet) throw new Error(`internal: no services subnet in ${zone}`);
    return formatAddress(parseCidr(subnet.cidr).first + ADDRESS_OFFSET);
  });
}

/** Connections one inbound address can serve as a primary DNS server. */
export function connectionsPerResolverAddress(): number {
  return Math.floor(
    (RESOLVER_ENDPOINT_QUERIES_PER_SECOND_PER_IP.value * RESOLVER_PLANNED_UTILISATION) /
      DNS_QUERIES_PER_SECOND_PER_USER.value,
  );
}

/**
 * The two DNS servers pushed to the clients of the Region's endpoint number `index`
 * (rotated so endpoints spread over the addresses). Throws when one endpoint's connections
 * would exceed one address's planned capacity.
 */
export function dnsServersForEndpoint(
  addresses: readonly string[],
  index: number,
  endpointConnections: number,
): string[] {
  if (addresses.length === 0) throw new Error('internal: no inbound resolver address');
  const capacity = connectionsPerResolverAddress();
  if (endpointConnections > capacity) {
    throw new Error(
      `a Client VPN endpoint of ${endpointConnections} connections would send about ${Math.round(endpointConnections * DNS_QUERIES_PER_SECOND_PER_USER.value)} DNS queries per second to its first DNS server, above the ${capacity * DNS_QUERIES_PER_SECOND_PER_USER.value} planned for one Route 53 Resolver address; plan smaller endpoints (fewer zones per endpoint)`,
    );
  }
  const first = addresses[index % addresses.length]!;
  const second = addresses[(index + 1) % addresses.length]!;
  return first === second ? [first] : [first, second];
}

export interface InboundResolverProps {
  /** Prefix of resource names, e.g. `hyogo-prod-apne1`. */
  readonly namePrefix: string;
  readonly vpc: ec2.IVpc;
  /** The Region's network plan (zones, services subnets, client-vpn subnets). */
  readonly network: AwsRegionNetworkPlan;
  /** The services subnets, in zone order (one address in each). */
  readonly subnets: readonly ec2.ISubnet[];
}

export class InboundResolver extends Construct {
  readonly endpoint: route53resolver.CfnResolverEndpoint;
  readonly addresses: readonly string[];

  constructor(scope: Construct, id: string, props: InboundResolverProps) {
    super(scope, id);
    this.addresses = inboundResolverAddresses(props.network);
    if (props.subnets.length !== this.addresses.length) {
      throw new Error(
        `InboundResolver: ${props.subnets.length} services subnets for ${this.addresses.length} planned zones`,
      );
    }
    if (this.addresses.length < 2) {
      throw new Error('InboundResolver: Route 53 Resolver endpoints need addresses in at least two zones');
    }
    const group = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Route 53 Resolver inbound endpoint: DNS from the Client VPN subnets only',
      allowAllOutbound: false,
    });
    for (const subnet of props.network.subnets.filter((s) => s.role === 'client-vpn')) {
      group.addIngressRule(
        ec2.Peer.ipv4(subnet.cidr),
        ec2.Port.udp(53),
        `DNS from Client VPN (${subnet.zone})`,
      );
      group.addIngressRule(
        ec2.Peer.ipv4(subnet.cidr),
        ec2.Port.tcp(53),
        `DNS from Client VPN (${subnet.zone})`,
      );
    }
    this.endpoint = new route53resolver.CfnResolverEndpoint(this, 'Inbound', {
      name: `${props.namePrefix}-inbound`,
      direction: 'INBOUND',
      securityGroupIds: [group.securityGroupId],
      ipAddresses: props.subnets.map((subnet, i) => ({ subnetId: subnet.subnetId, ip: this.addresses[i] })),
    });
  }
}
