/**
 * The capacity plan: what the planner decides, what the stacks build from and what
 * `tsunagi plan --format json` prints (documented in docs/plan-json.md; bump
 * PLAN_SCHEMA_VERSION on any breaking change). Types and the version only, so that lib/profile, lib/planner
 * and the stacks can share them without importing one another.
 */
import type { CloudProvider } from '../quotas/regions';

export const PLAN_SCHEMA_VERSION = 2;

export type Scenario =
  | { readonly kind: 'nominal' }
  | {
      readonly kind: 'availability-zone';
      readonly provider: CloudProvider;
      readonly region: string;
      readonly zone: string;
    }
  | { readonly kind: 'region'; readonly provider: CloudProvider; readonly region: string }
  | { readonly kind: 'provider'; readonly provider: CloudProvider };

export interface ClientVpnEndpointPlan {
  /** Position in the tier; keys the client CIDR (block `index` of the tier's block). */
  readonly index: number;
  /** Stable name, `<tier id>-<index>`; stacks derive logical IDs from it. */
  readonly name: string;
  readonly clientCidr: string;
  /** Availability Zones with a subnet association (one per AZ). */
  readonly associatedZones: readonly string[];
  /** Connections the endpoint holds with every association up (quota table). */
  readonly maxConnections: number;
}

export interface AwsClientVpnTierPlan {
  readonly kind: 'aws-client-vpn';
  readonly tierId: string;
  readonly provider: 'aws';
  readonly region: string;
  readonly zones: readonly string[];
  readonly endpoints: readonly ClientVpnEndpointPlan[];
  /** Endpoints the tier may grow to: the lower of the Region quota and the block's room. */
  readonly maxEndpoints: number;
  /** Subnet associations of every endpoint (the first zones of the Region). */
  readonly associationsPerEndpoint: number;
  readonly nominalConnections: number;
  readonly transportProtocol: 'udp' | 'tcp';
}

export interface AzureP2sTierPlan {
  readonly kind: 'azure-p2s';
  readonly tierId: string;
  readonly provider: 'azure';
  readonly region: string;
  readonly zones: readonly string[];
  readonly scaleUnits: number;
  readonly gatewayInstances: number;
  readonly nominalConnections: number;
  readonly aggregateMbps: number;
  /**
   * Every client address pool of the tier (the union of `populationPools`, in slot order);
   * never fewer than the vendor minimum.
   */
  readonly addressPools: readonly string[];
  /** Per-population pools, see lib/planner/azure-pools.ts for the carving rule. */
  readonly populationPools: readonly AzurePopulationPoolPlan[];
  readonly maxScaleUnits: number;
}

export interface AzurePopulationPoolPlan {
  /** Population name; its connection configuration and policy group carry the same name. */
  readonly population: string;
  /** The population's slot of the tier's client block; its pools never leave it. */
  readonly slot: string;
  /** The population's pools: /18 block `k` of the slot is pool `k`. */
  readonly pools: readonly string[];
}

export type TierPlan = AwsClientVpnTierPlan | AzureP2sTierPlan;

export interface SubnetPlan {
  readonly role: 'client-vpn' | 'services' | 'transit';
  readonly zone: string;
  readonly cidr: string;
}

export interface AwsRegionNetworkPlan {
  readonly region: string;
  readonly vpcCidr: string;
  readonly zones: readonly string[];
  readonly subnets: readonly SubnetPlan[];
  readonly transitGatewayAsn: number;
  /** Client pools routed to this Region (for Transit Gateway routes and on-prem advertisement). */
  readonly clientCidrs: readonly string[];
}

export interface AzureHubPlan {
  readonly region: string;
  readonly hubAddressPrefix: string;
  readonly zones: readonly string[];
  readonly clientCidrs: readonly string[];
}

export interface TierCapacity {
  readonly tierId: string;
  readonly connections: number;
  /** True when throughput, not connection count, bounds the tier here. */
  readonly throughputLimited: boolean;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  /** Human label, e.g. "loss of AZ ap-northeast-1a (aws)". */
  readonly label: string;
  /** Connections that must still be carried; 0 when the profile requires nothing here. */
  readonly required: number;
  readonly capacity: number;
  readonly byTier: readonly TierCapacity[];
  readonly verdict: 'meets' | 'short' | 'not-required';
}

export interface ThroughputCheck {
  readonly tierId: string;
  /** Aggregate limit in Mbps, or null where the vendor publishes none. */
  readonly aggregateLimitMbps: number | null;
  /** Demand if the tier carries its nominal connections at the average rate. */
  readonly demandAtNominalMbps: number;
  readonly perConnectionLimitMbps: number | null;
  readonly peakMbpsPerUser: number;
  readonly verdict: 'ok' | 'aggregate-limited' | 'per-connection-limited';
}

export interface CostLine {
  readonly cloud: CloudProvider;
  /** Billed component, e.g. "Client VPN", "Transit Gateway", "ExpressRoute circuit". */
  readonly component: string;
  /** What the line is for: a tier id, a Region, a hub, a link or a circuit name. */
  readonly tierId: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPriceUsd: number;
  readonly monthlyUsd: number;
  readonly monthlyJpy: number;
  readonly source: string;
}

export interface CostSubtotal {
  readonly key: string;
  readonly monthlyUsd: number;
  readonly monthlyJpy: number;
}

export interface CostEstimate {
  readonly currency: 'USD';
  readonly monthlyUsd: number;
  readonly monthlyJpy: number;
  readonly exchangeRate: { readonly jpyPerUsd: number; readonly date: string; readonly source: string };
  /** Access tiers only (fixed + per-connection charges): what the sizing search minimises. */
  readonly concentratorMonthlyUsd: number;
  readonly byCloud: readonly CostSubtotal[];
  readonly byComponent: readonly CostSubtotal[];
  readonly perConcurrentUser: { readonly monthlyUsd: number; readonly monthlyJpy: number };
  readonly perEmployee: {
    readonly employees: number;
    readonly monthlyUsd: number;
    readonly monthlyJpy: number;
  };
  readonly lines: readonly CostLine[];
  readonly assumptions: readonly string[];
}

/** Connections of one population on one tier. */
export interface Placement {
  readonly population: string;
  readonly tierId: string;
  readonly connections: number;
}

export interface PopulationSteering {
  readonly population: string;
  /** Connections in normal operation (the population's share of the target). */
  readonly connections: number;
  readonly usableTiers: readonly string[];
  readonly refusedTiers: readonly { readonly tierId: string; readonly reasons: readonly string[] }[];
  /** Tiers in the order the population's client profiles list them (first = normal operation). */
  readonly failoverOrder: readonly string[];
}

/** Clients of failed capacity reconnecting onto one tier, against its connect-rate limits. */
export interface ReconnectStorm {
  readonly tierId: string;
  readonly reconnecting: number;
  readonly perSecond: number;
  /** The binding published limit, or null when the vendor publishes none. */
  readonly limitPerSecond: number | null;
  readonly verdict: 'within-limit' | 'over-limit' | 'no-published-limit';
  readonly detail: string;
}

export interface ScenarioSteering {
  readonly label: string;
  readonly lostTiers: readonly string[];
  readonly placement: readonly Placement[];
  readonly moves: readonly {
    readonly population: string;
    readonly fromTierId: string;
    readonly toTierId: string;
    readonly connections: number;
  }[];
  readonly reconnects: readonly ReconnectStorm[];
}

export interface Steering {
  readonly objective: 'cost-optimal' | 'balanced' | 'explicit';
  readonly populations: readonly PopulationSteering[];
  /** Normal operation first, then one entry per required failure scenario (same order as `scenarios`). */
  readonly scenarios: readonly ScenarioSteering[];
}

export interface DesignAlternative {
  readonly description: string;
  readonly monthlyUsd: number;
  /** Extra monthly USD over the chosen design. */
  readonly deltaUsd: number;
}

export interface SizingSearch {
  readonly objective: 'cost-optimal' | 'balanced' | 'explicit';
  /** Designs in the search space (product of every tier's sizes) and how many were evaluated in full. */
  readonly spaceSize: number;
  readonly evaluated: number;
  /** Fixed + usage monthly USD of the chosen design's access tiers (the minimised objective). */
  readonly chosenMonthlyUsd: number;
  readonly chosenFixedUsd: number;
  readonly chosenUsageUsd: number;
  readonly runnersUp: readonly DesignAlternative[];
  /**
   * When planning.respectBackhaulLimits is false: the cheapest design whose tiers stay within
   * their places' back-haul service limits (null when the chosen design already does, or none
   * exists).
   */
  readonly withinBackhaulLimits: DesignAlternative | null;
}

/** Demand against capacity on one element of the way home (a link, a gateway, a firewall). */
export interface BackhaulCheck {
  readonly scenario: string;
  /** What is checked: `link kobe-er-tokyo`, `ExpressRoute gateway japaneast`, `Azure Firewall japaneast`. */
  readonly element: string;
  readonly kind: 'link' | 'gateway' | 'firewall' | 'service-limit';
  readonly from: string;
  readonly to: string;
  readonly demandMbps: number;
  readonly capacityMbps: number;
  readonly verdict: 'sufficient' | 'short';
  /** For a short element: the size that would carry the demand. */
  readonly fix?: string;
}

export interface CapacityPlan {
  readonly schemaVersion: typeof PLAN_SCHEMA_VERSION;
  readonly organisation: string;
  readonly target: {
    readonly concurrentUsers: number;
    readonly growthHeadroomPercent: number;
    readonly nominalRequired: number;
  };
  readonly tiers: readonly TierPlan[];
  readonly awsRegions: readonly AwsRegionNetworkPlan[];
  readonly azureHubs: readonly AzureHubPlan[];
  readonly scenarios: readonly ScenarioResult[];
  readonly throughput: readonly ThroughputCheck[];
  readonly steering: Steering;
  readonly search: SizingSearch;
  readonly backhaul: readonly BackhaulCheck[];
  readonly cost: CostEstimate;
  /** Notes on sizing decisions the reader should know (quota overrides, limits reached). */
  readonly notes: readonly string[];
}
