/**
 * Test support for checkBackhaul (lib/planner/backhaul.ts) on edited copies of the Hyogo
 * fixture with hand-written placements: the tiers' places, the fixture without its carrier,
 * scenarios, placements and the checks as compact rows (test/planner/backhaul.test.ts and
 * backhaul-routes.test.ts).
 */
import type { Placement } from '../../../lib/model/plan';
import { checkBackhaul, type ScenarioTraffic } from '../../../lib/planner/backhaul';
import type { Profile } from '../../../lib/profile/schema';
import { editedFixture, type MutableProfile } from '../../support/profiles';

/** The place of each of the fixture's access tiers. */
export const PLACES: ReadonlyMap<string, string> = new Map([
  ['aws-tokyo', 'aws:ap-northeast-1'],
  ['aws-osaka', 'aws:ap-northeast-3'],
  ['azure-japaneast', 'azure:japaneast'],
  ['azure-japanwest', 'azure:japanwest'],
]);

/** Hyogo without its carrier (unless `keepCarrier`), edited. */
export function hyogo(edit: (p: MutableProfile) => void = () => {}, keepCarrier = false): Profile {
  return editedFixture('hyogo', (profile) => {
    if (!keepCarrier) profile.closedMobileNetworks = [];
    edit(profile);
  });
}

export const scenario = (
  placement: Placement[],
  lost: string[] = [],
  label = 'nominal',
): ScenarioTraffic => ({
  label,
  lostPlaces: new Set(lost),
  placement,
});

export const on = (tierId: string, population: string, connections: number): Placement => ({
  tierId,
  population,
  connections,
});

/** The checks as compact rows: element, from, to, demand, capacity, verdict[, fix]. */
export function rows(profile: Profile, scenarios: ScenarioTraffic[]) {
  return checkBackhaul(profile, PLACES, scenarios).checks.map((c) =>
    [c.scenario, c.element, c.kind, c.from, c.to, c.demandMbps, c.capacityMbps, c.verdict, c.fix].filter(
      (v) => v !== undefined,
    ),
  );
}
