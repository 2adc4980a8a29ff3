/**
 * AWS back-haul limits: what one site-to-site VPN tunnel and one Transit Gateway VPC
 * attachment carry, and the Direct Connect port speeds. Read by the planner's back-haul check.
 */
import type { Sourced } from './source';

/** One site-to-site VPN tunnel carries up to 1.25 Gbps (more needs ECMP over several). */
export const SITE_TO_SITE_VPN_TUNNEL_MBPS: Sourced<number> = {
  value: 1_250,
  source: 'https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-limits.html',
};

/** Maximum bandwidth of one Transit Gateway VPC attachment (burst), in Mbps. */
export const TRANSIT_GATEWAY_VPC_ATTACHMENT_MBPS: Sourced<number> = {
  value: 100_000,
  source: 'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html',
};

/** Dedicated Direct Connect port speeds, in Mbps. */
export const DIRECT_CONNECT_PORT_MBPS: Sourced<readonly number[]> = {
  value: [1_000, 10_000, 100_000, 400_000],
  source: 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/dedicated_connection.html',
};
