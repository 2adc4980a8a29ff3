/**
 * AWS Client VPN quotas, from shared/reference/LIMITS.md ("AWS Client VPN").
 * One table, one place: the planner, the validators and the artifact verification all
 * read these values; nothing else in the code base may restate them.
 */
import type { Sourced } from './source';

const LIMITS_PAGE = 'https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/limits.html';
const BEST_PRACTICES_PAGE =
  'https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/what-is-best-practices.html';

/**
 * Concurrent connections per endpoint by the number of associated subnets (index = count).
 * One association per AZ, so an endpoint in a 3-AZ Region tops out at 66,500.
 */
export const CLIENT_VPN_CONNECTIONS_BY_ASSOCIATIONS: Sourced<Readonly<Record<number, number>>> = {
  value: { 0: 0, 1: 7_000, 2: 36_500, 3: 66_500, 4: 96_500, 5: 126_000 },
  source: LIMITS_PAGE,
  adjustable: true,
};

export const CLIENT_VPN_ENDPOINTS_PER_REGION: Sourced<number> = {
  value: 5,
  source: LIMITS_PAGE,
  adjustable: true,
};

export const CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT: Sourced<number> = {
  value: 200,
  source: LIMITS_PAGE,
  adjustable: true,
};

export const CLIENT_VPN_ROUTES_PER_ASSOCIATION: Sourced<number> = {
  value: 100,
  source: LIMITS_PAGE,
  adjustable: true,
};

export const CLIENT_VPN_CRL_ENTRIES: Sourced<number> = {
  value: 20_000,
  source: LIMITS_PAGE,
  adjustable: false,
};

/** The client CIDR must be between /22 and /12, and cannot change after creation. */
export const CLIENT_VPN_CLIENT_CIDR_PREFIX: Sourced<{ largest: number; smallest: number }> = {
  value: { largest: 12, smallest: 22 },
  source: LIMITS_PAGE,
  adjustable: false,
};

/** AWS advises a client CIDR with twice the addresses of the planned peak. */
export const CLIENT_VPN_ADDRESSES_PER_CONNECTION: Sourced<number> = {
  value: 2,
  source: BEST_PRACTICES_PAGE,
};

/** Each associated subnet must be at least /27 with 20 free addresses. */
export const CLIENT_VPN_ASSOCIATED_SUBNET_MAX_PREFIX: Sourced<number> = {
  value: 27,
  source: LIMITS_PAGE,
  adjustable: false,
};

/** Baseline bandwidth of one Client VPN connection, in Mbps. */
export const CLIENT_VPN_PER_CONNECTION_MBPS: Sourced<number> = {
  value: 50,
  source: LIMITS_PAGE,
  adjustable: true,
};

/** Connections an endpoint with `associations` subnet associations can hold. */
export function clientVpnConnections(associations: number): number {
  const table = CLIENT_VPN_CONNECTIONS_BY_ASSOCIATIONS.value;
  const known = Object.keys(table).map(Number);
  const capped = Math.min(associations, Math.max(...known));
  return table[capped] ?? 0;
}
