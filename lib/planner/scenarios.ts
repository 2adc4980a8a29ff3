/**
 * The single failures a plan is checked against: every Availability Zone of every access
 * tier, every Region, every provider, plus the nominal (nothing failed) case.
 */

import type { Scenario } from '../model/plan';
import type { CloudProvider } from '../quotas/regions';

interface TierPlacement {
  readonly provider: CloudProvider;
  readonly region: string;
  readonly zones: readonly string[];
}

const PROVIDER_LABEL: Record<CloudProvider, string> = { aws: 'AWS', azure: 'Azure' };

export function enumerateScenarios(tiers: readonly TierPlacement[]): Scenario[] {
  const scenarios: Scenario[] = [{ kind: 'nominal' }];
  const seen = new Set<string>();
  const add = (key: string, scenario: Scenario) => {
    if (seen.has(key)) return;
    seen.add(key);
    scenarios.push(scenario);
  };
  for (const t of tiers) {
    for (const zone of t.zones) {
      add(`az:${t.provider}:${t.region}:${zone}`, {
        kind: 'availability-zone',
        provider: t.provider,
        region: t.region,
        zone,
      });
    }
  }
  for (const t of tiers)
    add(`region:${t.provider}:${t.region}`, { kind: 'region', provider: t.provider, region: t.region });
  for (const t of tiers) add(`provider:${t.provider}`, { kind: 'provider', provider: t.provider });
  return scenarios;
}

export function scenarioLabel(scenario: Scenario): string {
  switch (scenario.kind) {
    case 'nominal':
      return 'nominal (nothing failed)';
    case 'availability-zone':
      return `loss of zone ${scenario.zone} (${PROVIDER_LABEL[scenario.provider]} ${scenario.region})`;
    case 'region':
      return `loss of Region ${PROVIDER_LABEL[scenario.provider]} ${scenario.region}`;
    case 'provider':
      return `loss of every ${PROVIDER_LABEL[scenario.provider]} access tier`;
  }
}

/** What a scenario does to a tier at `placement`. */
export function scenarioEffect(
  scenario: Scenario,
  placement: TierPlacement,
):
  | { readonly kind: 'none' }
  | { readonly kind: 'zone-lost'; readonly zone: string }
  | { readonly kind: 'tier-lost' } {
  switch (scenario.kind) {
    case 'nominal':
      return { kind: 'none' };
    case 'provider':
      return scenario.provider === placement.provider ? { kind: 'tier-lost' } : { kind: 'none' };
    case 'region':
      return scenario.provider === placement.provider && scenario.region === placement.region
        ? { kind: 'tier-lost' }
        : { kind: 'none' };
    case 'availability-zone':
      return scenario.provider === placement.provider &&
        scenario.region === placement.region &&
        placement.zones.includes(scenario.zone)
        ? { kind: 'zone-lost', zone: scenario.zone }
        : { kind: 'none' };
  }
}
