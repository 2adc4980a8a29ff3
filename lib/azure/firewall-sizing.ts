/**
 * The tier of each hub's Azure Firewall, from the demand it carries in the worst planned
 * scenario: every point-to-site connection of the hub's tiers plus every carrier device
 * landing on the hub, at the profile's average Mbps per user (routing intent sends all of
 * their private traffic through the firewall). The cheapest tier that carries it is used
 * (lib/quotas/azure-firewall.ts).
 */
import type { CapacityPlan } from '../planner/types';
import type { Profile } from '../profile/schema';
import { AZURE_FIREWALL_TIERS, type AzureFirewallTier, azureFirewallTierFor } from '../quotas/azure-firewall';
import { azureTiers } from './inventory';

export interface HubFirewallSizing {
  readonly region: string;
  /** Worst-case demand through the hub firewall, in Mbps. */
  readonly demandMbps: number;
  readonly tier: AzureFirewallTier;
  readonly maxThroughputMbps: number;
}

export function hubFirewallSizing(profile: Profile, plan: CapacityPlan, region: string): HubFirewallSizing {
  const tierIds = new Set(
    azureTiers(plan)
      .filter((t) => t.region === region)
      .map((t) => t.tierId),
  );
  const p2sPeak = Math.max(
    0,
    ...plan.scenarios.map((s) =>
      s.byTier.filter((t) => tierIds.has(t.tierId)).reduce((sum, t) => sum + t.connections, 0),
    ),
  );
  const carrierDevices = profile.closedMobileNetworks
    .filter((n) => n.landing.type === 'vpn' && n.landing.at === `azure:${region}`)
    .reduce((sum, n) => sum + n.devices, 0);
  const demandMbps = Math.ceil((p2sPeak + carrierDevices) * profile.target.averageMbpsPerUser);
  const tier = azureFirewallTierFor(demandMbps);
  if (!tier) {
    throw new Error(
      `clouds.azure.hubs (${region}): the hub firewall would carry ${demandMbps} Mbps, more than Azure Firewall Premium's ${AZURE_FIREWALL_TIERS.Premium.maxThroughputMbps.value} Mbps; spread the Azure tiers over more hubs or lower target.averageMbpsPerUser`,
    );
  }
  return { region, demandMbps, tier, maxThroughputMbps: AZURE_FIREWALL_TIERS[tier].maxThroughputMbps.value };
}
