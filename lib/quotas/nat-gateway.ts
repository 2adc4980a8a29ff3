/**
 * NAT gateway figures behind the carrier translation in AWS (lib/aws/links/carrier-translation.ts,
 * lib/planner/carrier-translation.ts).
 */
import type { Sourced } from './source';

/**
 * Simultaneous connections each IPv4 address of a NAT gateway (public or private) supports to
 * one unique destination (destination IP address, destination port and protocol); a NAT
 * gateway with more addresses supports that many times more.
 */
export const NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION: Sourced<number> = {
  value: 55_000,
  source: 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html',
  adjustable: false,
};

/**
 * Simultaneous connections one closed-mobile-network device holds to one destination (IP,
 * port, protocol) at its busiest (assumption: a browser opens at most 6 HTTP/1.1 connections
 * per host; a file share or VDI gateway fewer). Revisit with the NAT gateways'
 * ActiveConnectionCount after go-live.
 */
export const CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION: Sourced<number> = {
  value: 6,
  source: 'assumption (no vendor figure); see docs/deploy.md "Private NAT is many-to-one"',
};

/** Both figures, in the form lib/model/carrier-translation.ts takes them. */
export function natTranslationFigures(): {
  connectionsPerAddressPerDestination: number;
  deviceConnectionsPerDestination: number;
} {
  return {
    connectionsPerAddressPerDestination: NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION.value,
    deviceConnectionsPerDestination: CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION.value,
  };
}
