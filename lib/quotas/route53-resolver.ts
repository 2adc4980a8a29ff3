/**
 * DNS capacity figures behind the remote-access DNS path (lib/aws/identity/inbound-resolver.ts).
 */
import type { Sourced } from './source';

/**
 * Packets per second per network interface to the Amazon-provided VPC resolver (the VPC
 * base + 2 address). Client VPN sends every client's traffic from a handful of endpoint
 * ENIs, so pushing the VPC resolver to 90,000 clients would meet this limit.
 */
export const VPC_RESOLVER_PACKETS_PER_SECOND_PER_ENI: Sourced<number> = {
  value: 1_024,
  source: 'https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-limits',
  adjustable: false,
};

/** Queries per second each IP address of a Route 53 Resolver endpoint can answer. */
export const RESOLVER_ENDPOINT_QUERIES_PER_SECOND_PER_IP: Sourced<number> = {
  value: 10_000,
  source:
    'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html#limits-api-entities-resolver',
  adjustable: false,
  note: 'varies with query type, response size and protocol: sized with the headroom below',
};

/**
 * DNS queries per second per connected user (assumption: a split-tunnel Windows client
 * resolves a few names a minute; 0.1 q/s is a busy office client). Revisit with the
 * Resolver query logs after go-live.
 */
export const DNS_QUERIES_PER_SECOND_PER_USER: Sourced<number> = {
  value: 0.1,
  source: 'assumption (no vendor figure); see docs/deploy.md "DNS for remote users"',
};

/** Share of an endpoint IP's capacity planned for use (the rest absorbs bursts). */
export const RESOLVER_PLANNED_UTILISATION = 0.8;
