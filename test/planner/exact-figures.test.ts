/**
 * Exact figures of the planner and its quota tables, each derived by hand in a comment from
 * the vendor tables (LIMITS.md), so that a rounding in the wrong direction, an off-by-one at
 * a table boundary, a failure model that forgets a zone or a cost line in the wrong unit fails
 * an assertion here, not only a snapshot.
 */
import type { CapacityPlan, ScenarioResult } from '../../lib/model/plan';
import { enumerateScenarios, scenarioEffect, scenarioLabel } from '../../lib/planner/scenarios';
import { requiredConnections } from '../../lib/planner/sizing';
import { clientVpnCidrPrefix } from '../../lib/planner/tier-models';
import { clientVpnConnections } from '../../lib/quotas/aws-client-vpn';
import { p2sMinimumPools, p2sRow } from '../../lib/quotas/azure-virtual-wan';
import { HOURS_PER_MONTH, PRICES } from '../../lib/quotas/prices';
import { perMutant } from '../support/per-mutant';
import { loadModel } from '../support/profiles';

function scenarioOf(plan: CapacityPlan, label: string): ScenarioResult {
  const found = plan.scenarios.find((s) => s.label === label);
  if (!found)
    throw new Error(`no scenario "${label}"; have ${plan.scenarios.map((s) => s.label).join(' | ')}`);
  return found;
}

function byTier(result: ScenarioResult): Record<string, number> {
  return Object.fromEntries(result.byTier.map((t) => [t.tierId, t.connections]));
}

describe('quota tables at their boundaries', () => {
  test('Client VPN connections by associated subnets, capped at the largest row', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(clientVpnConnections)).toEqual([
      0, 7_000, 36_500, 66_500, 96_500, 126_000, 126_000,
    ]);
  });

  test('point-to-site rows: the first and last scale unit count of each row, and the gaps', () => {
    const connections = (su: number) => p2sRow(su)?.connections;
    expect([1, 3, 4, 6, 7, 10, 11, 20].map(connections)).toEqual([
      500, 500, 1_000, 1_000, 5_000, 5_000, 10_000, 10_000,
    ]);
    expect([40, 60, 100, 180, 200].map(connections)).toEqual([20_000, 30_000, 50_000, 90_000, 100_000]);
    // Scale units between the published rows do not exist.
    expect([0, 21, 39, 41, 201].map(connections)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([1, 20, 40, 100, 200].map((su) => p2sRow(su)?.gatewayInstances)).toEqual([2, 2, 4, 10, 20]);
    expect([1, 4, 7, 11, 40, 100].map((su) => p2sRow(su)?.aggregateMbps)).toEqual([
      500, 2_000, 3_500, 5_500, 20_000, 50_000,
    ]);
  });

  test('minimum client address pools: scale units / 20, rounded up, at least one', () => {
    expect([1, 19, 20, 21, 40, 41, 100, 180, 200].map(p2sMinimumPools)).toEqual([1, 1, 1, 2, 2, 3, 5, 9, 10]);
  });

  test('Client VPN client CIDR: twice the peak, as a prefix clamped to /12../22', () => {
    // 1 association: 7,000 x 2 = 14,000 addresses -> /18 (16,384); 2: 73,000 -> /15 (131,072);
    // 3: 133,000 -> /14 (262,144; a /15 holds only 131,072); 5: 252,000 -> /14; 0: clamped to /22.
    expect([0, 1, 2, 3, 4, 5].map(clientVpnCidrPrefix)).toEqual([22, 18, 15, 14, 14, 14]);
  });

  test('required connections: percent of the target, rounded up, exact at whole numbers', () => {
    expect(requiredConnections(90_000, 110)).toBe(99_000);
    expect(requiredConnections(90_000, 100)).toBe(90_000);
    expect(requiredConnections(90_000, 50)).toBe(45_000);
    expect(requiredConnections(1, 50)).toBe(1);
    expect(requiredConnections(3, 33)).toBe(1);
    expect(requiredConnections(101, 50)).toBe(51);
  });
});

describe('hyogo: every failure scenario, tier by tier', () => {
  const hyogoPlan = perMutant(() => loadModel('hyogo').plan);
  let plan: CapacityPlan;
  beforeEach(() => {
    plan = hyogoPlan();
  });

  test('sizes: the cheapest design - Tokyo 1 endpoint x 1 association, Osaka 2 x 2, 16 + 160 scale units', () => {
    // Tokyo: 7,000 (one association); Osaka: 2 x 36,500; Japan East: 16 SU, 2 instances, the
    // 11-20 row's 10,000 connections = 16 x 500 Mbps / 0.8 Mbps; Japan West: 160 SU, 16
    // instances, 80,000 connections (throughput 100,000).
    expect(
      plan.tiers.map((t) =>
        t.kind === 'aws-client-vpn'
          ? [
              t.tierId,
              t.endpoints.length,
              t.endpoints.map((e) => e.associatedZones.length),
              t.nominalConnections,
            ]
          : [t.tierId, t.scaleUnits, t.gatewayInstances, t.nominalConnections],
      ),
    ).toEqual([
      ['aws-tokyo', 1, [1], 7_000],
      ['aws-osaka', 2, [2, 2], 73_000],
      ['azure-japaneast', 16, 2, 10_000],
      ['azure-japanwest', 160, 16, 80_000],
    ]);
    expect(plan.target.nominalRequired).toBe(99_000);
  });

  test('one scenario per zone of every tier, per Region, per provider, and nominal', () => {
    expect(plan.scenarios.map((s) => s.label)).toEqual([
      'nominal (nothing failed)',
      'loss of zone ap-northeast-1a (AWS ap-northeast-1)',
      'loss of zone ap-northeast-1c (AWS ap-northeast-1)',
      'loss of zone ap-northeast-1d (AWS ap-northeast-1)',
      'loss of zone ap-northeast-3a (AWS ap-northeast-3)',
      'loss of zone ap-northeast-3b (AWS ap-northeast-3)',
      'loss of zone ap-northeast-3c (AWS ap-northeast-3)',
      'loss of zone 1 (Azure japaneast)',
      'loss of zone 2 (Azure japaneast)',
      'loss of zone 3 (Azure japaneast)',
      'loss of Region AWS ap-northeast-1',
      'loss of Region AWS ap-northeast-3',
      'loss of Region Azure japaneast',
      'loss of Region Azure japanwest',
      'loss of every AWS access tier',
      'loss of every Azure access tier',
    ]);
  });

  test('an AZ loss costs an endpoint one association only where it has one in that zone', () => {
    // Tokyo's single association is in 1a: losing 1a takes the whole tier (7,000).
    expect(byTier(scenarioOf(plan, 'loss of zone ap-northeast-1a (AWS ap-northeast-1)'))).toEqual({
      'aws-tokyo': 0,
      'aws-osaka': 73_000,
      'azure-japaneast': 10_000,
      'azure-japanwest': 80_000,
    });
    for (const zone of ['ap-northeast-1c', 'ap-northeast-1d'])
      expect(scenarioOf(plan, `loss of zone ${zone} (AWS ap-northeast-1)`).capacity).toBe(170_000);
    // Osaka's endpoints sit in 3a and 3b: either loss leaves 2 x 7,000.
    for (const zone of ['ap-northeast-3a', 'ap-northeast-3b']) {
      const s = scenarioOf(plan, `loss of zone ${zone} (AWS ap-northeast-3)`);
      expect(byTier(s)['aws-osaka']).toBe(14_000);
      expect([s.capacity, s.required, s.verdict]).toEqual([111_000, 90_000, 'meets']);
    }
    expect(byTier(scenarioOf(plan, 'loss of zone ap-northeast-3c (AWS ap-northeast-3)'))['aws-osaka']).toBe(
      73_000,
    );
  });

  test('a zone loss in Japan East removes ceil(2 / 3) = 1 of 2 instances: half the connections and throughput', () => {
    for (const zone of ['1', '2', '3']) {
      const s = scenarioOf(plan, `loss of zone ${zone} (Azure japaneast)`);
      // Below 40 scale units capacity shrinks in proportion: 10,000 x 1/2 = 5,000; throughput
      // 16 x 500 Mbps x 1/2 / 0.8 Mbps = 5,000 as well (not below, so not throughput-limited).
      expect(s.byTier.find((t) => t.tierId === 'azure-japaneast')).toEqual({
        tierId: 'azure-japaneast',
        connections: 5_000,
        throughputLimited: false,
      });
      expect(s.capacity).toBe(7_000 + 73_000 + 5_000 + 80_000);
    }
  });

  test('a Region or provider loss removes exactly its tiers', () => {
    const capacity = (label: string) => [scenarioOf(plan, label).capacity, scenarioOf(plan, label).required];
    expect(capacity('loss of Region AWS ap-northeast-1')).toEqual([163_000, 90_000]);
    expect(capacity('loss of Region AWS ap-northeast-3')).toEqual([97_000, 90_000]);
    expect(capacity('loss of Region Azure japaneast')).toEqual([160_000, 90_000]);
    expect(capacity('loss of Region Azure japanwest')).toEqual([90_000, 90_000]);
    expect(capacity('loss of every AWS access tier')).toEqual([90_000, 45_000]);
    expect(capacity('loss of every Azure access tier')).toEqual([80_000, 45_000]);
    expect(byTier(scenarioOf(plan, 'loss of Region AWS ap-northeast-3'))).toEqual({
      'aws-tokyo': 7_000,
      'aws-osaka': 0,
      'azure-japaneast': 10_000,
      'azure-japanwest': 80_000,
    });
    expect(scenarioOf(plan, 'nominal (nothing failed)')).toMatchObject({
      capacity: 170_000,
      required: 99_000,
    });
  });

  test('client CIDRs: a /14 per endpoint carved by index from the tier block; /18 pools on Azure', () => {
    const [tokyo, osaka, east, west] = plan.tiers;
    expect(tokyo!.kind === 'aws-client-vpn' && tokyo!.endpoints.map((e) => e.clientCidr)).toEqual([
      '10.64.0.0/14',
    ]);
    // Every endpoint's CIDR is sized for three associations (/14) whatever it has today.
    expect(osaka!.kind === 'aws-client-vpn' && osaka!.endpoints.map((e) => e.clientCidr)).toEqual([
      '10.80.0.0/14',
      '10.84.0.0/14',
    ]);
    for (const tier of [east!, west!]) {
      if (tier.kind !== 'azure-p2s') throw new Error('expected Azure');
      expect(tier.addressPools.length).toBeGreaterThanOrEqual(p2sMinimumPools(tier.scaleUnits));
      for (const pool of tier.addressPools) expect(pool).toMatch(/\/18$/);
      // Together the pools hold at least one address per connection.
      expect(tier.addressPools.length * 16_384).toBeGreaterThanOrEqual(tier.nominalConnections);
    }
  });

  test('monthly cost of the access tiers, line by line: quantity, unit, unit price and amount', () => {
    // 90,000 users x 60 % connected x 160 h = 96 connection-hours per normal connection, all on
    // point-to-site: 10,000 in Japan East, 80,000 in Japan West. AWS carries none, so it has
    // no connection line.
    const cents = (x: number) => Math.round(x * 100) / 100;
    const tiers = plan.cost.lines.filter(
      (l) => l.component === 'Client VPN' || l.component === 'Point-to-site',
    );
    expect(tiers.map((l) => [l.tierId, l.item, l.quantity, l.unit, l.unitPriceUsd, l.monthlyUsd])).toEqual([
      ['aws-tokyo', 'Client VPN endpoint associations', 1 * 730, 'association-hour', 0.15, 109.5],
      ['aws-osaka', 'Client VPN endpoint associations', 4 * 730, 'association-hour', 0.15, 438],
      ['azure-japaneast', 'point-to-site scale units', 16 * 730, 'scale-unit-hour', 0.261, 3_048.48],
      ['azure-japaneast', 'point-to-site connection units', 960_000, 'connection-hour', 0.0125, 12_000],
      ['azure-japanwest', 'point-to-site scale units', 160 * 730, 'scale-unit-hour', 0.261, 30_484.8],
      ['azure-japanwest', 'point-to-site connection units', 7_680_000, 'connection-hour', 0.0125, 96_000],
    ]);
    expect(plan.cost.concentratorMonthlyUsd).toBe(142_080.78);
    expect(plan.cost.monthlyUsd).toBe(cents(plan.cost.lines.reduce((s, l) => s + l.monthlyUsd, 0)));
    expect(HOURS_PER_MONTH).toBe(730);
    expect(plan.cost.lines[0]!.source).toBe(PRICES.clientVpnAssociationHour.source);
  });

  test('throughput: demand at nominal is the steered connections x average Mbps; Client VPN has no aggregate limit', () => {
    expect(
      plan.throughput.map((t) => [t.tierId, t.aggregateLimitMbps, t.demandAtNominalMbps, t.verdict]),
    ).toEqual([
      ['aws-tokyo', null, 0, 'ok'],
      ['aws-osaka', null, 0, 'ok'],
      ['azure-japaneast', 8_000, 8_000, 'ok'],
      ['azure-japanwest', 80_000, 64_000, 'ok'],
    ]);
  });
});

describe('iwate: each scale unit carries 500 Mbps, so 6,000 users at 1 Mbps need 12', () => {
  const iwatePlan = perMutant(() => loadModel('iwate').plan);
  let plan: CapacityPlan;
  beforeEach(() => {
    plan = iwatePlan();
  });

  test('12 scale units (6,000 Mbps) inside the 11-20 row, not the 40 the row-based rule gave', () => {
    const azure = plan.tiers.find((t) => t.kind === 'azure-p2s');
    expect(azure).toMatchObject({
      scaleUnits: 12,
      gatewayInstances: 2,
      nominalConnections: 6_000,
      aggregateMbps: 6_000,
    });
    for (const s of plan.scenarios.filter((x) => x.verdict !== 'not-required')) {
      expect(s.capacity).toBeGreaterThanOrEqual(s.required);
      expect(s.required).toBe(s.scenario.kind === 'nominal' ? plan.target.nominalRequired : 6_000);
    }
  });
});

describe('scenarios are enumerated once each, whatever the tiers share', () => {
  test('two placements in one Region give one scenario per zone, one for the Region, one per provider', () => {
    const tokyo = {
      provider: 'aws' as const,
      region: 'ap-northeast-1',
      zones: ['ap-northeast-1a', 'ap-northeast-1c'],
    };
    const east = { provider: 'azure' as const, region: 'japaneast', zones: [] };
    expect(enumerateScenarios([tokyo, tokyo, east]).map(scenarioLabel)).toEqual([
      'nominal (nothing failed)',
      'loss of zone ap-northeast-1a (AWS ap-northeast-1)',
      'loss of zone ap-northeast-1c (AWS ap-northeast-1)',
      'loss of Region AWS ap-northeast-1',
      'loss of Region Azure japaneast',
      'loss of every AWS access tier',
      'loss of every Azure access tier',
    ]);
  });

  test('a failure touches a placement only in its own provider, Region and zones', () => {
    const tokyo = { provider: 'aws' as const, region: 'ap-northeast-1', zones: ['ap-northeast-1a'] };
    const zone = (z: string) => ({
      kind: 'availability-zone' as const,
      provider: 'aws' as const,
      region: 'ap-northeast-1',
      zone: z,
    });
    expect(scenarioEffect(zone('ap-northeast-1a'), tokyo)).toEqual({
      kind: 'zone-lost',
      zone: 'ap-northeast-1a',
    });
    expect(scenarioEffect(zone('ap-northeast-1c'), tokyo)).toEqual({ kind: 'none' });
    expect(scenarioEffect({ ...zone('ap-northeast-1a'), provider: 'azure' }, tokyo)).toEqual({
      kind: 'none',
    });
    expect(scenarioEffect({ kind: 'region', provider: 'aws', region: 'ap-northeast-1' }, tokyo)).toEqual({
      kind: 'tier-lost',
    });
    expect(scenarioEffect({ kind: 'region', provider: 'aws', region: 'ap-northeast-3' }, tokyo)).toEqual({
      kind: 'none',
    });
    expect(scenarioEffect({ kind: 'region', provider: 'azure', region: 'ap-northeast-1' }, tokyo)).toEqual({
      kind: 'none',
    });
    expect(scenarioEffect({ kind: 'provider', provider: 'aws' }, tokyo)).toEqual({ kind: 'tier-lost' });
    expect(scenarioEffect({ kind: 'provider', provider: 'azure' }, tokyo)).toEqual({ kind: 'none' });
    expect(scenarioEffect({ kind: 'nominal' }, tokyo)).toEqual({ kind: 'none' });
  });
});
