/**
 * Capacity models of the two concentrator products: how many connections a tier of a given
 * size carries, nominally and after a failure, and what its size costs a month. Figures
 * come from lib/quotas only.
 *
 * Failure assumptions (stated in every plan's notes):
 * - Client VPN: an endpoint that loses an AZ keeps the quota of one association fewer.
 * - Virtual WAN point-to-site: gateway instances spread evenly over the hub's zones; a
 *   zone loss removes ceil(instances / zones) of them; from 40 scale units each remaining
 *   instance takes at most 10,000 connections, below that capacity shrinks in proportion.
 */

import type { AccessTier, Profile } from '../model/deployment-model';
import type { Scenario, TierCapacity } from '../model/plan';
import { type Cidr, parseCidr, prefixLengthFor, subnetCount } from '../net/cidr';
import {
  CLIENT_VPN_ADDRESSES_PER_CONNECTION,
  CLIENT_VPN_CLIENT_CIDR_PREFIX,
  CLIENT_VPN_ENDPOINTS_PER_REGION,
  CLIENT_VPN_PER_CONNECTION_MBPS,
  clientVpnConnections,
} from '../quotas/aws-client-vpn';
import {
  P2S_CONNECTIONS_PER_INSTANCE,
  P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS,
  P2S_SCALE_UNITS,
  P2S_USERS_PER_HUB,
  type P2sScaleUnitRow,
  p2sMinimumPools,
} from '../quotas/azure-virtual-wan';
import { HOURS_PER_MONTH, PRICES } from '../quotas/prices';
import type { CloudProvider } from '../quotas/regions';
import { carvePopulationPools, P2S_POOL_PREFIX, type PopulationDemand } from './azure-pools';
import { scenarioEffect } from './scenarios';

export interface TierModel {
  readonly tier: AccessTier;
  readonly provider: CloudProvider;
  readonly region: string;
  readonly zones: readonly string[];
  readonly block: Cidr;
  /** Smallest size level the profile allows (its pinned minimum); level 0 is the smallest deployable size. */
  readonly minLevel: number;
  /** Largest size level within quotas and the client block's room. */
  readonly maxLevel: number;
  /** Why the tier cannot grow past maxLevel. */
  readonly limitReason: string;
  capacity(level: number, scenario: Scenario): TierCapacity;
  monthlyFixedCostUsd(level: number): number;
  describe(level: number): string;
  /** Per-connection bandwidth limit in Mbps, or null if the vendor publishes none. */
  readonly perConnectionMbps: number | null;
  aggregateMbps(level: number): number | null;
}

/** Client CIDR prefix for one Client VPN endpoint with `associations` subnets. */
export function clientVpnCidrPrefix(associations: number): number {
  const addresses = clientVpnConnections(associations) * CLIENT_VPN_ADDRESSES_PER_CONNECTION.value;
  const { largest, smallest } = CLIENT_VPN_CLIENT_CIDR_PREFIX.value;
  return Math.min(smallest, Math.max(largest, prefixLengthFor(addresses)));
}

export { P2S_POOL_PREFIX };

export function awsClientVpnModel(
  tier: AccessTier,
  zones: readonly string[],
  endpointQuota: number,
): TierModel & { readonly endpointPrefix: number } {
  const block = parseCidr(tier.clientAddressBlock);
  const associations = zones.length;
  const endpointPrefix = clientVpnCidrPrefix(associations);
  const room = subnetCount(block, endpointPrefix);
  const maxEndpoints = Math.min(endpointQuota, room);
  const perEndpoint = clientVpnConnections(associations);
  const perEndpointDegraded = clientVpnConnections(associations - 1);
  return {
    tier,
    provider: 'aws',
    region: tier.region,
    zones,
    block,
    endpointPrefix,
    minLevel: (tier.minimumEndpoints ?? 1) - 1,
    maxLevel: maxEndpoints - 1,
    limitReason:
      room < endpointQuota
        ? `its client block ${tier.clientAddressBlock} holds ${room} endpoint CIDR(s) of /${endpointPrefix}`
        : `the Client VPN quota of ${endpointQuota} endpoints per Region`,
    perConnectionMbps: CLIENT_VPN_PER_CONNECTION_MBPS.value,
    aggregateMbps: () => null,
    capacity(level, scenario) {
      const endpoints = level + 1;
      const effect = scenarioEffect(scenario, { provider: 'aws', region: tier.region, zones });
      const each =
        effect.kind === 'tier-lost' ? 0 : effect.kind === 'zone-lost' ? perEndpointDegraded : perEndpoint;
      return { tierId: tier.id, connections: endpoints * each, throughputLimited: false };
    },
    monthlyFixedCostUsd(level) {
      return (level + 1) * associations * PRICES.clientVpnAssociationHour.value * HOURS_PER_MONTH;
    },
    describe(level) {
      return `${level + 1} endpoint(s) x ${associations} association(s)`;
    },
  };
}

/** Capacity rows the planner steps through, smallest first. */
const P2S_ROWS: readonly P2sScaleUnitRow[] = P2S_SCALE_UNITS.value.filter(
  (row) => row.connections <= P2S_USERS_PER_HUB.value,
);

export function p2sRowAt(level: number): P2sScaleUnitRow {
  const row = P2S_ROWS[level];
  if (!row) throw new Error(`internal: no point-to-site row at level ${level}`);
  return row;
}

/** What the per-population pool carving (./azure-pools) needs to know about the profile. */
export interface P2sPoolDemand {
  readonly populations: readonly PopulationDemand[];
  readonly headroomPercent: number;
}

export function azureP2sModel(
  tier: AccessTier,
  zones: readonly string[],
  averageMbpsPerUser: number,
  poolDemand: P2sPoolDemand = { populations: [], headroomPercent: 0 },
): TierModel {
  const block = parseCidr(tier.clientAddressBlock);
  const poolRoom = block.prefixLength <= P2S_POOL_PREFIX ? subnetCount(block, P2S_POOL_PREFIX) : 0;
  let maxLevel = -1;
  let carvingReason: string | undefined;
  // Levels are checked smallest first and stop at the first that does not fit, so every
  // level up to maxLevel has a carving (pool counts only grow with scale units).
  for (const [level, row] of P2S_ROWS.entries()) {
    if (p2sMinimumPools(row.scaleUnits) > poolRoom) break;
    const carving = carvePopulationPools(
      block,
      poolDemand.populations,
      poolDemand.headroomPercent,
      row.scaleUnits,
      row.connections,
    );
    if (!carving.fits) {
      carvingReason = carving.reason;
      break;
    }
    maxLevel = level;
  }
  const limitedByBlock = maxLevel < P2S_ROWS.length - 1;
  return {
    tier,
    provider: 'azure',
    region: tier.region,
    zones,
    block,
    minLevel: Math.max(
      0,
      P2S_ROWS.findIndex((row) => row.upToScaleUnits >= (tier.minimumScaleUnits ?? 1)),
    ),
    maxLevel,
    limitReason: carvingReason
      ? carvingReason
      : limitedByBlock
        ? `its client block ${tier.clientAddressBlock} holds ${poolRoom} pool(s) of /${P2S_POOL_PREFIX}`
        : `the maximum of ${P2S_ROWS[P2S_ROWS.length - 1]!.scaleUnits} scale units per hub`,
    perConnectionMbps: null,
    aggregateMbps: (level) => p2sRowAt(level).aggregateMbps,
    capacity(level, scenario) {
      const row = p2sRowAt(level);
      const effect = scenarioEffect(scenario, { provider: 'azure', region: tier.region, zones });
      if (effect.kind === 'tier-lost') return { tierId: tier.id, connections: 0, throughputLimited: false };
      let remaining = row.gatewayInstances;
      if (effect.kind === 'zone-lost') remaining -= Math.ceil(row.gatewayInstances / zones.length);
      const share = remaining / row.gatewayInstances;
      const byConnections =
        row.scaleUnits >= P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS.value
          ? Math.min(row.connections, remaining * P2S_CONNECTIONS_PER_INSTANCE.value)
          : Math.floor(row.connections * share);
      const byThroughput = Math.floor((row.aggregateMbps * share) / averageMbpsPerUser);
      return {
        tierId: tier.id,
        connections: Math.min(byConnections, byThroughput),
        throughputLimited: byThroughput < byConnections,
      };
    },
    monthlyFixedCostUsd(level) {
      const row = p2sRowAt(level);
      return (row.scaleUnits * PRICES.p2sScaleUnitHour.value + PRICES.virtualHubHour.value) * HOURS_PER_MONTH;
    },
    describe(level) {
      const row = p2sRowAt(level);
      return `${row.scaleUnits} scale unit(s), ${row.gatewayInstances} instance(s)`;
    },
  };
}

export function buildTierModels(profile: Profile): TierModel[] {
  const endpointQuota =
    profile.quotaOverrides.clientVpnEndpointsPerRegion?.value ?? CLIENT_VPN_ENDPOINTS_PER_REGION.value;
  return profile.accessTiers.map((tier) => {
    if (tier.provider === 'aws') {
      const region = profile.clouds.aws?.regions.find((r) => r.region === tier.region);
      // Client VPN publishes no aggregate throughput limit, so its capacity is connection-bound.
      return awsClientVpnModel(tier, region?.availabilityZones ?? [], endpointQuota);
    }
    const hub = profile.clouds.azure?.hubs.find((h) => h.region === tier.region);
    return azureP2sModel(tier, hub?.availabilityZones ?? [], profile.target.averageMbpsPerUser, {
      populations: profile.populations,
      headroomPercent: profile.target.growthHeadroomPercent,
    });
  });
}
