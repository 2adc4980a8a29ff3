/**
 * ExpressRoute gateway sizing in a Virtual WAN hub (pure). One scale unit carries 2 Gbps and
 * a gateway takes 1-10 units (lib/quotas/expressroute.ts, from LIMITS.md "Azure Virtual WAN":
 * "ExpressRoute gateway 20 Gbps (1 scale unit = 2 Gbps, 1-10 units)").
 */
import {
  EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS,
  EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT,
} from '../quotas/expressroute';

/**
 * Scale units for a hub's ExpressRoute gateway: enough for the sum of the bandwidths of the
 * circuits connected to it, at least 1. Throws when even the largest gateway is too small.
 */
export function expressRouteGatewayScaleUnits(circuitBandwidthsMbps: readonly number[]): number {
  const total = circuitBandwidthsMbps.reduce((sum, mbps) => sum + mbps, 0);
  const units = Math.max(1, Math.ceil(total / EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value));
  if (units > EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS) {
    throw new Error(
      `expressRoute.circuits: ${total} Mbps of circuits on one hub need ${units} ExpressRoute gateway scale units; a gateway has at most ${EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS} (${EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS * EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value} Mbps); spread the circuits over more hubs`,
    );
  }
  return units;
}
