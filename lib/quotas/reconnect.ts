/**
 * Limits a reconnect storm meets: when a tier fails its clients reconnect elsewhere within
 * seconds to minutes. Where a vendor publishes no figure the value is null and the planner
 * says so, with the assumption it uses instead.
 */
import type { Sourced } from './source';

const LAMBDA_LIMITS = 'https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html';
const LAMBDA_SCALING = 'https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html';
const CONNECT_HANDLER =
  'https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-authorization.html';

/** Concurrent executions per account and Region (default, shared by every function). */
export const LAMBDA_ACCOUNT_CONCURRENCY: Sourced<number> = {
  value: 1_000,
  source: LAMBDA_LIMITS,
  adjustable: true,
};

/** A function scales by at most this many execution environments every 10 seconds. */
export const LAMBDA_SCALING_PER_10_SECONDS: Sourced<number> = { value: 1_000, source: LAMBDA_SCALING };

/** The client connect handler times out after 30 s; throttled or failed calls deny the connection. */
export const CLIENT_VPN_HANDLER_TIMEOUT_SECONDS: Sourced<number> = { value: 30, source: CONNECT_HANDLER };

/**
 * Assumed latency of one connect-handler call (one DynamoDB read), in seconds; the AWS
 * stacks size provisioned concurrency on the same assumption (lib/aws/remote-access).
 */
export const CONNECT_HANDLER_SECONDS_ASSUMED = 0.2;

/** New connections per second an endpoint accepts: AWS publishes no figure. */
export const CLIENT_VPN_CONNECTIONS_PER_SECOND: Sourced<number | null> = {
  value: null,
  source: 'https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/limits.html',
  note: 'not published: the quota page lists concurrent connections, not a connection rate',
};

/** New connections per second a point-to-site gateway accepts: Microsoft publishes no figure. */
export const P2S_CONNECTIONS_PER_SECOND: Sourced<number | null> = {
  value: null,
  source: 'https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq',
  note: 'not published: the FAQ gives concurrent connections and throughput per scale unit, not a connection rate',
};
