/**
 * What the hub firewalls allow, derived from the profile and the plan alone (pure, no cdktf):
 * every population's own point-to-site pools, and every carrier device range that enters
 * Azure (after translation), may reach exactly the CIDRs of its reach networks; protected
 * networks are denied to every source before any allow rule is read; everything else is
 * denied by default (Azure Firewall allows only what a rule allows).
 *
 * Destinations are the reach networks' own CIDRs, never a data centre's advertised
 * prefixes: dc-kobe advertises 10.0.0.0/12, which covers the protected 10.8.0.0/16.
 */
import type { CapacityPlan } from '../planner/types';
import type { Profile } from '../profile/schema';
import { azureTiers } from './inventory';

export interface SegmentSource {
  /** Population or closed mobile network name; names its rule collection. */
  readonly name: string;
  readonly kind: 'population' | 'carrier';
  /** Source CIDRs: the population's pools on every Azure tier, or the carrier range after translation. */
  readonly sourceCidrs: readonly string[];
  /** Names of the networks it may reach (populations[].reach / closedMobileNetworks[].reach). */
  readonly reach: readonly string[];
  /** The reach networks' CIDRs: the only destinations its allow rule names. */
  readonly destinationCidrs: readonly string[];
}

export interface SegmentationPlan {
  readonly sources: readonly SegmentSource[];
  /** CIDRs of every protected network, denied to every source first. */
  readonly protectedCidrs: readonly string[];
}

/** The carrier range as it appears inside Azure: the translated range where Azure translates. */
export function carrierRangeInAzure(network: Profile['closedMobileNetworks'][number]): string {
  return network.translation?.at === 'azure' ? network.translation.translatedRange : network.devicePool;
}

export function segmentationPlan(profile: Profile, plan: CapacityPlan): SegmentationPlan {
  const cidrsOf = (names: readonly string[]) =>
    names.flatMap((n) => profile.addressPlan.networks.find((net) => net.name === n)?.cidrs ?? []);
  const tiers = azureTiers(plan);
  const populations: SegmentSource[] = profile.populations.map((p) => ({
    name: p.name,
    kind: 'population',
    sourceCidrs: tiers.flatMap((t) => t.populationPools.find((pp) => pp.population === p.name)?.pools ?? []),
    reach: [...p.reach],
    destinationCidrs: cidrsOf(p.reach),
  }));
  // Only carriers whose gateway lands on an Azure hub send traffic through a hub firewall;
  // a carrier that lands at a data centre never crosses Azure.
  const carriers: SegmentSource[] = profile.closedMobileNetworks
    .filter((n) => n.landing.type === 'vpn' && n.landing.at.startsWith('azure:'))
    .map((n) => ({
      name: n.name,
      kind: 'carrier',
      sourceCidrs: [carrierRangeInAzure(n)],
      reach: [...n.reach],
      destinationCidrs: cidrsOf(n.reach),
    }));
  return {
    sources: [...populations, ...carriers].filter((s) => s.sourceCidrs.length > 0),
    protectedCidrs: profile.addressPlan.networks.filter((n) => n.protected).flatMap((n) => [...n.cidrs]),
  };
}
