/**
 * Subnet layout of an access Region's VPC, carved by index so that adding a zone or an
 * endpoint never moves an existing subnet:
 *
 * - /24 number z          : client-vpn subnet of zone z (Client VPN associations, ENIs)
 * - /24 number 4 + z      : services subnet of zone z (Resolver endpoints, directory)
 * - /24 number 8, /28 z   : transit subnet of zone z (Transit Gateway attachment)
 *
 * So a VPC needs a /20 or larger and at most 4 zones.
 */

import type { SubnetPlan } from '../model/plan';
import { nthSubnet, parseCidr } from '../net/cidr';

export const MAX_ZONES_PER_VPC = 4;
export const VPC_MIN_PREFIX = 20;

export function layoutVpcSubnets(vpcCidr: string, zones: readonly string[]): SubnetPlan[] {
  const vpc = parseCidr(vpcCidr);
  const transitBlock = nthSubnet(vpc, 24, 2 * MAX_ZONES_PER_VPC);
  const subnets: SubnetPlan[] = [];
  zones.forEach((zone, z) => {
    const clientVpn = nthSubnet(vpc, 24, z);
    const services = nthSubnet(vpc, 24, MAX_ZONES_PER_VPC + z);
    const transit = transitBlock && nthSubnet(transitBlock, 28, z);
    if (!clientVpn || !services || !transit) throw new Error(`internal: ${vpcCidr} cannot hold zone ${zone}`);
    subnets.push({ role: 'client-vpn', zone, cidr: clientVpn.text });
    subnets.push({ role: 'services', zone, cidr: services.text });
    subnets.push({ role: 'transit', zone, cidr: transit.text });
  });
  return subnets;
}
