/**
 * Azure Firewall in a secured Virtual WAN hub (`azurerm_firewall` with `sku_name = "AZFW_Hub"`):
 * throughput and price per tier. The Azure half of the design puts one firewall in every hub
 * and sends private traffic through it (routing intent), so every point-to-site user's
 * private traffic crosses it: the planner checks the firewall's throughput against the
 * demand in every failure scenario and adds its cost.
 *
 * Tier choice (used by lib/azure and the planner): Standard wherever the hub's worst-case
 * demand fits in Standard's throughput, Premium only where it does not. Tsunagi configures
 * neither TLS inspection nor IDPS in Deny mode, so Premium keeps its full 100 Gbps (IDPS in
 * Deny mode would drop it to 22 Gbps, see the performance table).
 */
import type { Sourced } from './source';

const PERFORMANCE = 'https://learn.microsoft.com/azure/firewall/firewall-performance';
const PRICING = 'https://azure.microsoft.com/pricing/details/azure-firewall/';
const SECONDARY_PRICE_NOTE =
  "secondary sources (Microsoft's price page renders its figures client-side and could not be read here); " +
  'the Secured Virtual Hub price equals the virtual-network deployment price; confirm the Japan East figure on ' +
  `${PRICING} before quoting`;

/** The Azure Firewall tiers Tsunagi can deploy in a hub (Basic tops out at 250 Mbps: never enough). */
export type AzureFirewallTier = 'Standard' | 'Premium';

export interface AzureFirewallTierRow {
  readonly tier: AzureFirewallTier;
  /**
   * Maximum TCP/UDP throughput of one firewall after autoscale, in Mbps. Premium's figure
   * holds with TLS inspection off and IDPS off or in Alert mode.
   */
  readonly maxThroughputMbps: Sourced<number>;
  /**
   * Throughput of a freshly deployed firewall before it scales out, in Mbps. It scales out
   * when average throughput or CPU reaches 60 % (or connections 80 %), 5-7 minutes per step.
   */
  readonly initialThroughputMbps: Sourced<number>;
  /** Largest single TCP connection, in Mbps. */
  readonly singleConnectionMbps: Sourced<number>;
  /** Price per deployment hour in Japan East, USD. */
  readonly deploymentHourUsd: Sourced<number>;
  /** Price per GB processed in Japan East, USD. */
  readonly dataProcessedPerGbUsd: Sourced<number>;
}

export const AZURE_FIREWALL_TIERS: Readonly<Record<AzureFirewallTier, AzureFirewallTierRow>> = {
  Standard: {
    tier: 'Standard',
    maxThroughputMbps: { value: 30_000, source: PERFORMANCE },
    initialThroughputMbps: { value: 3_000, source: PERFORMANCE },
    singleConnectionMbps: { value: 1_500, source: PERFORMANCE },
    deploymentHourUsd: { value: 1.25, source: PRICING, note: SECONDARY_PRICE_NOTE },
    dataProcessedPerGbUsd: { value: 0.016, source: PRICING, note: SECONDARY_PRICE_NOTE },
  },
  Premium: {
    tier: 'Premium',
    maxThroughputMbps: {
      value: 100_000,
      source: PERFORMANCE,
      note: 'TLS inspection off, IDPS off or Alert; IDPS in Deny mode gives 22 Gbps',
    },
    initialThroughputMbps: { value: 18_000, source: PERFORMANCE },
    singleConnectionMbps: { value: 9_000, source: PERFORMANCE },
    deploymentHourUsd: {
      value: 2.496,
      source: PRICING,
      note: `${SECONDARY_PRICE_NOTE}; secondary sources give USD 1.75 and USD 2.496 per hour, the higher is used (LIMITS.md: take the higher price)`,
    },
    dataProcessedPerGbUsd: { value: 0.016, source: PRICING, note: SECONDARY_PRICE_NOTE },
  },
};

/** `sku_name` of a firewall that lives in a Virtual WAN hub. */
export const AZURE_FIREWALL_HUB_SKU_NAME = 'AZFW_Hub';

/** Tiers in order of price, cheapest first: the tier choice takes the first that fits. */
export const AZURE_FIREWALL_TIER_ORDER: readonly AzureFirewallTier[] = ['Standard', 'Premium'];

/**
 * The cheapest tier whose maximum throughput carries `demandMbps`, or undefined when even
 * Premium cannot (the design then needs more hubs, not a bigger firewall).
 */
export function azureFirewallTierFor(demandMbps: number): AzureFirewallTier | undefined {
  return AZURE_FIREWALL_TIER_ORDER.find(
    (tier) => AZURE_FIREWALL_TIERS[tier].maxThroughputMbps.value >= demandMbps,
  );
}
