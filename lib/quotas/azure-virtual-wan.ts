/**
 * Azure Virtual WAN point-to-site (User VPN) gateway quotas, from
 * shared/reference/LIMITS.md ("Azure Virtual WAN point-to-site (User VPN) gateway").
 */
import type { Sourced } from './source';

const FAQ = 'https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq';
const POOLS = 'https://learn.microsoft.com/azure/virtual-wan/about-client-address-pools';

export interface P2sScaleUnitRow {
  /** The smallest scale unit count of the row; the planner only picks these. */
  readonly scaleUnits: number;
  /** Largest scale unit count that gives the same capacity. */
  readonly upToScaleUnits: number;
  readonly gatewayInstances: number;
  readonly connections: number;
  /** Aggregate throughput at the row's lowest scale unit count, in Mbps (lower bound). */
  readonly aggregateMbps: number;
}

function largeRow(scaleUnits: number): P2sScaleUnitRow {
  return {
    scaleUnits,
    upToScaleUnits: scaleUnits,
    gatewayInstances: scaleUnits / 10,
    connections: scaleUnits * 500,
    aggregateMbps: scaleUnits * 500,
  };
}

/**
 * Capacity rows. Where the table gives a throughput range (0.5-1.5 Gbps), the lower bound
 * is used: LIMITS.md asks for the lower capacity where figures differ.
 */
export const P2S_SCALE_UNITS: Sourced<readonly P2sScaleUnitRow[]> = {
  value: [
    { scaleUnits: 1, upToScaleUnits: 3, gatewayInstances: 2, connections: 500, aggregateMbps: 500 },
    { scaleUnits: 4, upToScaleUnits: 6, gatewayInstances: 2, connections: 1_000, aggregateMbps: 2_000 },
    { scaleUnits: 7, upToScaleUnits: 10, gatewayInstances: 2, connections: 5_000, aggregateMbps: 3_500 },
    { scaleUnits: 11, upToScaleUnits: 20, gatewayInstances: 2, connections: 10_000, aggregateMbps: 5_500 },
    ...[40, 60, 80, 100, 120, 140, 160, 180, 200].map(largeRow),
  ],
  source: FAQ,
};

/** Point-to-site users one virtual hub accepts. */
export const P2S_USERS_PER_HUB: Sourced<number> = { value: 100_000, source: FAQ };

/** At 40 scale units and above, one gateway instance takes at most this many connections. */
export const P2S_CONNECTIONS_PER_INSTANCE: Sourced<number> = { value: 10_000, source: POOLS };

/** Scale units from which the per-instance connection limit above applies. */
export const P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS: Sourced<number> = { value: 40, source: POOLS };

/** Every client address pool should hold at least this many RFC 1918 addresses. */
export const P2S_MIN_ADDRESSES_PER_POOL: Sourced<number> = { value: 10_000, source: POOLS };

/** Minimum pool count is scale units / this divisor (180 SU: 9 pools). */
export const P2S_SCALE_UNITS_PER_POOL: Sourced<number> = { value: 20, source: POOLS };

/** User groups (policy groups) per point-to-site gateway. */
export const P2S_USER_GROUPS_PER_GATEWAY: Sourced<number> = { value: 90, source: FAQ };

export const P2S_MAX_SCALE_UNITS = 200;

/**
 * Aggregate throughput of one scale unit, in Mbps: the FAQ table grows by 0.5 Gbps per scale
 * unit (1 SU 0.5 Gbps ... 20 SU 10 Gbps, 200 SU 100 Gbps), so n scale units carry n x 500.
 */
export const P2S_MBPS_PER_SCALE_UNIT: Sourced<number> = { value: 500, source: FAQ };

/** Scale unit counts a point-to-site gateway can be set to: 1-20, then steps of 20 up to 200. */
export const P2S_SCALE_UNIT_COUNTS: Sourced<readonly number[]> = {
  value: [...Array.from({ length: 20 }, (_, i) => i + 1), ...[40, 60, 80, 100, 120, 140, 160, 180, 200]],
  source: FAQ,
};

/** The capacity row for a scale unit count, or undefined for an invalid count. */
export function p2sRow(scaleUnits: number): P2sScaleUnitRow | undefined {
  return P2S_SCALE_UNITS.value.find(
    (row) => scaleUnits >= row.scaleUnits && scaleUnits <= row.upToScaleUnits,
  );
}

/** Minimum number of client address pools for a scale unit count. */
export function p2sMinimumPools(scaleUnits: number): number {
  return Math.max(1, Math.ceil(scaleUnits / P2S_SCALE_UNITS_PER_POOL.value));
}

/**
 * Aggregate throughput of one site-to-site VPN gateway scale unit in a hub, in Mbps
 * (LIMITS.md: the gateway tops out at 20 Gbps, reached at 40 units).
 */
export const S2S_MBPS_PER_SCALE_UNIT: Sourced<number> = { value: 500, source: FAQ };

/** Largest aggregate throughput of a hub's site-to-site VPN gateway, in Mbps (LIMITS.md: 20 Gbps). */
export const S2S_MAX_MBPS = 20_000;
