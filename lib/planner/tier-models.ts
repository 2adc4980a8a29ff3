/**
 * Capacity models of the two concentrator products: the discrete sizes a tier can take (the
 * sizing search space), how many connections each size carries nominally and after a
 * failure, and what it costs a month. Figures come from lib/quotas only.
 *
 * Search space:
 * - Client VPN: endpoints (the pinned minimum up to the Region quota and the block's room) x
 *   associations per endpoint (1 up to one per Availability Zone). Every endpoint's client
 *   CIDR is sized for an association in every zone, so changing associations never moves a pool.
 * - Virtual WAN point-to-site: every settable scale unit count (1-20, then 40-200 in 20s) from
 *   the pinned minimum up to what the block's pools allow.
 *
 * Failure assumptions (stated in every plan's notes):
 * - Client VPN: an endpoint that loses an associated AZ keeps the quota of one association fewer.
 * - Virtual WAN point-to-site: gateway instances spread evenly over the hub's zones; a zone
 *   loss removes ceil(instances / zones) of them; from 40 scale units each remaining
 *   instance takes at most 10,000 connections, below that capacity shrinks in proportion.
 *   Aggregate throughput is 500 Mbps per scale unit (the FAQ table), shrinking the same way.
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
import { TRANSIT_GATEWAY_VPC_ATTACHMENT_MBPS } from '../quotas/aws-links';
import { AZURE_FIREWALL_TIERS } from '../quotas/azure-firewall';
import {
  P2S_CONNECTIONS_PER_INSTANCE,
  P2S_MBPS_PER_SCALE_UNIT,
  P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS,
  P2S_SCALE_UNIT_COUNTS,
  P2S_USERS_PER_HUB,
  p2sMinimumPools,
  p2sRow,
  S2S_MAX_MBPS,
} from '../quotas/azure-virtual-wan';
import {
  EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS,
  EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT,
} from '../quotas/expressroute';
import { HOURS_PER_MONTH, PRICES } from '../quotas/prices';
import type { CloudProvider } from '../quotas/regions';
import { carvePopulationPools, P2S_POOL_PREFIX, type PopulationDemand } from './azure-pools';
import { scenarioEffect } from './scenarios';

/** One size a tier can take: what the stacks deploy and what it costs fixed per month. */
export type TierSize =
  | {
      readonly kind: 'aws-client-vpn';
      readonly endpoints: number;
      readonly associations: number;
      readonly fixedMonthlyUsd: number;
    }
  | { readonly kind: 'azure-p2s'; readonly scaleUnits: number; readonly fixedMonthlyUsd: number };

export interface TierModel {
  readonly tier: AccessTier;
  readonly provider: CloudProvider;
  readonly region: string;
  readonly zones: readonly string[];
  readonly block: Cidr;
  /** Every size the search may pick (pinned minimum, quotas and the block's room applied), cheapest first. */
  readonly sizes: readonly TierSize[];
  /** Why the tier cannot grow past its largest size. */
  readonly limitReason: string;
  /** Why the tier has no size at all (its minimum exceeds its room), when `sizes` is empty. */
  readonly emptyReason?: string;
  capacity(size: TierSize, scenario: Scenario): TierCapacity;
  describe(size: TierSize): string;
  /** Per-connection bandwidth limit in Mbps, or null if the vendor publishes none. */
  readonly perConnectionMbps: number | null;
  aggregateMbps(size: TierSize): number | null;
  /** Connections the place's back-haul service limits allow this tier (placeExitLimitMbps), if any. */
  readonly exitLimitConnections?: number;
}

/** Client CIDR prefix for one Client VPN endpoint with `associations` subnets. */
export function clientVpnCidrPrefix(associations: number): number {
  const addresses = clientVpnConnections(associations) * CLIENT_VPN_ADDRESSES_PER_CONNECTION.value;
  const { largest, smallest } = CLIENT_VPN_CLIENT_CIDR_PREFIX.value;
  return Math.min(smallest, Math.max(largest, prefixLengthFor(addresses)));
}

export { P2S_POOL_PREFIX };

/** What the per-population pool carving (./azure-pools) needs to know about the profile. */
export interface P2sPoolDemand {
  readonly populations: readonly PopulationDemand[];
  readonly headroomPercent: number;
}

function bySizeCost(a: TierSize, b: TierSize): number {
  return a.fixedMonthlyUsd - b.fixedMonthlyUsd;
}

export function awsClientVpnModel(
  tier: AccessTier,
  zones: readonly string[],
  endpointQuota: number,
): TierModel & { readonly endpointPrefix: number; readonly maxEndpoints: number } {
  const block = parseCidr(tier.clientAddressBlock);
  const endpointPrefix = clientVpnCidrPrefix(zones.length);
  const room = zones.length === 0 ? 0 : subnetCount(block, endpointPrefix);
  const maxEndpoints = Math.min(endpointQuota, room);
  const minEndpoints = tier.minimumEndpoints ?? 1;
  const sizes: TierSize[] = [];
  for (let endpoints = minEndpoints; endpoints <= maxEndpoints; endpoints++) {
    for (let associations = 1; associations <= zones.length; associations++) {
      sizes.push({
        kind: 'aws-client-vpn',
        endpoints,
        associations,
        fixedMonthlyUsd: endpoints * associations * PRICES.clientVpnAssociationHour.value * HOURS_PER_MONTH,
      });
    }
  }
  sizes.sort(bySizeCost);
  const limitReason =
    room < endpointQuota
      ? `its client block ${tier.clientAddressBlock} holds ${room} endpoint CIDR(s) of /${endpointPrefix}`
      : `the Client VPN quota of ${endpointQuota} endpoints per Region`;
  return {
    tier,
    provider: 'aws',
    region: tier.region,
    zones,
    block,
    endpointPrefix,
    maxEndpoints,
    sizes,
    limitReason,
    emptyReason: sizes.length === 0 ? limitReason : undefined,
    perConnectionMbps: CLIENT_VPN_PER_CONNECTION_MBPS.value,
    aggregateMbps: () => null,
    capacity(size, scenario) {
      if (size.kind !== 'aws-client-vpn') throw new Error('internal: size of another product');
      const associated = zones.slice(0, size.associations);
      const effect = scenarioEffect(scenario, { provider: 'aws', region: tier.region, zones: associated });
      const each =
        effect.kind === 'tier-lost'
          ? 0
          : clientVpnConnections(size.associations - (effect.kind === 'zone-lost' ? 1 : 0));
      return { tierId: tier.id, connections: size.endpoints * each, throughputLimited: false };
    },
    describe(size) {
      return size.kind === 'aws-client-vpn'
        ? `${size.endpoints} endpoint(s) x ${size.associations} association(s)`
        : '';
    },
  };
}

export function azureP2sModel(
  tier: AccessTier,
  zones: readonly string[],
  averageMbpsPerUser: number,
  poolDemand: P2sPoolDemand = { populations: [], headroomPercent: 0 },
): TierModel {
  const block = parseCidr(tier.clientAddressBlock);
  const poolRoom = block.prefixLength <= P2S_POOL_PREFIX ? subnetCount(block, P2S_POOL_PREFIX) : 0;
  const counts = P2S_SCALE_UNIT_COUNTS.value.filter(
    (n) => (p2sRow(n)?.connections ?? 0) <= P2S_USERS_PER_HUB.value,
  );
  // A size fits when the block holds its pools, carved per population (./azure-pools). Pool
  // counts only grow with scale units, so the fitting sizes are a prefix of `counts`.
  let carvingReason: string | undefined;
  const fitting: number[] = [];
  for (const n of counts) {
    if (p2sMinimumPools(n) > poolRoom) break;
    const carving = carvePopulationPools(
      block,
      poolDemand.populations,
      poolDemand.headroomPercent,
      n,
      p2sRow(n)?.connections ?? 0,
    );
    if (!carving.fits) {
      carvingReason = carving.reason;
      break;
    }
    fitting.push(n);
  }
  const minimum = tier.minimumScaleUnits ?? 1;
  const sizes: TierSize[] = fitting
    .filter((n) => n >= minimum)
    .map((scaleUnits) => ({
      kind: 'azure-p2s' as const,
      scaleUnits,
      fixedMonthlyUsd: scaleUnits * PRICES.p2sScaleUnitHour.value * HOURS_PER_MONTH,
    }));
  const largest = fitting[fitting.length - 1];
  const limitReason = carvingReason
    ? carvingReason
    : largest !== counts[counts.length - 1]
      ? `its client block ${tier.clientAddressBlock} holds ${poolRoom} pool(s) of /${P2S_POOL_PREFIX}`
      : `the maximum of ${largest} scale units per hub`;
  return {
    tier,
    provider: 'azure',
    region: tier.region,
    zones,
    block,
    sizes,
    limitReason,
    emptyReason: sizes.length === 0 ? limitReason : undefined,
    perConnectionMbps: null,
    aggregateMbps: (size) =>
      size.kind === 'azure-p2s' ? size.scaleUnits * P2S_MBPS_PER_SCALE_UNIT.value : null,
    capacity(size, scenario) {
      if (size.kind !== 'azure-p2s') throw new Error('internal: size of another product');
      const row = p2sRow(size.scaleUnits);
      if (!row) throw new Error(`internal: no point-to-site row for ${size.scaleUnits} scale units`);
      const effect = scenarioEffect(scenario, { provider: 'azure', region: tier.region, zones });
      if (effect.kind === 'tier-lost') return { tierId: tier.id, connections: 0, throughputLimited: false };
      let remaining = row.gatewayInstances;
      if (effect.kind === 'zone-lost') remaining -= Math.ceil(row.gatewayInstances / zones.length);
      const share = remaining / row.gatewayInstances;
      const byConnections =
        size.scaleUnits >= P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS.value
          ? Math.min(row.connections, remaining * P2S_CONNECTIONS_PER_INSTANCE.value)
          : Math.floor(row.connections * share);
      const byThroughput = Math.floor(
        (size.scaleUnits * P2S_MBPS_PER_SCALE_UNIT.value * share) / averageMbpsPerUser,
      );
      return {
        tierId: tier.id,
        connections: Math.min(byConnections, byThroughput),
        throughputLimited: byThroughput < byConnections,
      };
    },
    describe(size) {
      if (size.kind !== 'azure-p2s') return '';
      return `${size.scaleUnits} scale unit(s), ${p2sRow(size.scaleUnits)?.gatewayInstances ?? 0} instance(s)`;
    },
  };
}

/**
 * The most traffic a tier's place can send home whatever links the profile orders: the
 * services' fixed limits (a hub's ExpressRoute and VPN gateways, its firewall; a Transit
 * Gateway VPC attachment). Links the profile declares too small are plan findings with the
 * size that fixes them (lib/planner/backhaul.ts); these limits no size fixes, so the sizing
 * respects them. Shared equally by the tiers at one place.
 */
export function placeExitLimitMbps(profile: Profile, provider: CloudProvider, region: string): number | null {
  const place = `${provider}:${region}`;
  if (provider === 'aws') return TRANSIT_GATEWAY_VPC_ATTACHMENT_MBPS.value;
  const er = profile.expressRoute.circuits.some((c) => c.hubRegion === region)
    ? EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS * EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value
    : 0;
  const vpn = profile.dataCentres.some((dc) =>
    dc.links.some((l) => l.to === place && l.type === 'site-to-site-vpn'),
  )
    ? S2S_MAX_MBPS
    : 0;
  // A hub with no way home of its own sends its users' traffic through the other hubs.
  if (er + vpn === 0) return null;
  const firewall = Math.max(...Object.values(AZURE_FIREWALL_TIERS).map((t) => t.maxThroughputMbps.value));
  // Closed mobile network devices landing here use the same way home.
  const carriers = profile.closedMobileNetworks
    .filter((c) => c.landing.at === place)
    .reduce((sum, c) => sum + c.devices * profile.target.averageMbpsPerUser, 0);
  return Math.max(0, Math.min(er + vpn, firewall) - carriers);
}

function withExitLimit(model: TierModel, limitMbps: number | null, averageMbpsPerUser: number): TierModel {
  if (limitMbps === null) return model;
  const cap = Math.floor(limitMbps / averageMbpsPerUser);
  return {
    ...model,
    exitLimitConnections: cap,
    capacity(size, scenario) {
      const inner = model.capacity(size, scenario);
      return inner.connections > cap ? { ...inner, connections: cap, throughputLimited: true } : inner;
    },
  };
}

export function buildTierModels(
  profile: Profile,
  respectBackhaulLimits: boolean = profile.planning.respectBackhaulLimits,
): TierModel[] {
  const endpointQuota =
    profile.quotaOverrides.clientVpnEndpointsPerRegion?.value ?? CLIENT_VPN_ENDPOINTS_PER_REGION.value;
  const mbps = profile.target.averageMbpsPerUser;
  return profile.accessTiers.map((tier) => {
    const sharing = profile.accessTiers.filter(
      (t) => t.provider === tier.provider && t.region === tier.region,
    ).length;
    const exit = respectBackhaulLimits ? placeExitLimitMbps(profile, tier.provider, tier.region) : null;
    const share = exit === null ? null : exit / sharing;
    if (tier.provider === 'aws') {
      const region = profile.clouds.aws?.regions.find((r) => r.region === tier.region);
      // Client VPN publishes no aggregate throughput limit, so its capacity is connection-bound.
      return withExitLimit(
        awsClientVpnModel(tier, region?.availabilityZones ?? [], endpointQuota),
        share,
        mbps,
      );
    }
    const hub = profile.clouds.azure?.hubs.find((h) => h.region === tier.region);
    return withExitLimit(
      azureP2sModel(tier, hub?.availabilityZones ?? [], mbps, {
        populations: profile.populations,
        headroomPercent: profile.target.growthHeadroomPercent,
      }),
      share,
      mbps,
    );
  });
}
