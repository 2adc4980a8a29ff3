/**
 * Properties of the cost-optimal, failure-aware plan on generated profiles:
 * - no cheaper design exists in the search space (brute force over every size combination,
 *   with an independent max-flow / min-cost-flow evaluation);
 * - every required scenario's steering carries its requirement within each tier's capacity;
 * - steering never sends a population to a tier it cannot use;
 * - the plan's cost is the sum of its lines (and its subtotals, and JPY at the stated rate);
 * - back-haul demand never exceeds an element the plan calls sufficient.
 */
import fc from 'fast-check';
import type { CapacityPlan } from '../../lib/model/plan';
import { connectionChargePerConnectionUsd } from '../../lib/planner/design-cost';
import { eligibilityMatrix, tierServes } from '../../lib/planner/eligibility';
import { FlowNetwork } from '../../lib/planner/flow';
import { planCapacity } from '../../lib/planner/plan';
import { enumerateScenarios } from '../../lib/planner/scenarios';
import { type SearchInput, searchDesigns } from '../../lib/planner/search';
import { requiredConnections } from '../../lib/planner/sizing';
import { buildTierModels } from '../../lib/planner/tier-models';
import type { Profile } from '../../lib/profile/schema';
import { loadModel, type MutableProfile } from '../support/profiles';

const BASE: MutableProfile = structuredClone(loadModel('hyogo').profile);
const RUNS = { numRuns: 8, seed: 20261201 };

/** Max flow (independent of the planner's Hall-condition check) of demands into capacities. */
function maxFlow(masks: readonly number[], demands: readonly number[], caps: readonly number[]): number {
  const P = demands.length;
  const T = caps.length;
  const net = new FlowNetwork(P + T + 2);
  demands.forEach((d, p) => net.addEdge(0, 1 + p, d));
  caps.forEach((c, t) => net.addEdge(1 + P + t, P + T + 1, c));
  masks.forEach((m, p) => {
    for (let t = 0; t < T; t++) if (m & (1 << t)) net.addEdge(1 + p, 1 + P + t, Number.POSITIVE_INFINITY);
  });
  return net.minCostMaxFlow(0, P + T + 1).flow;
}

/** Cheapest usage (independent of the planner's greedy): min-cost flow with per-tier prices. */
function cheapestUsage(
  masks: readonly number[],
  demands: readonly number[],
  caps: readonly number[],
  price: readonly number[],
): number {
  const P = demands.length;
  const T = caps.length;
  const net = new FlowNetwork(P + T + 2);
  demands.forEach((d, p) => net.addEdge(0, 1 + p, d));
  caps.forEach((c, t) => net.addEdge(1 + P + t, P + T + 1, c));
  masks.forEach((m, p) => {
    for (let t = 0; t < T; t++)
      if (m & (1 << t)) net.addEdge(1 + p, 1 + P + t, Number.POSITIVE_INFINITY, price[t]!);
  });
  const total = demands.reduce((a, b) => a + b, 0);
  const { flow, cost } = net.minCostMaxFlow(0, P + T + 1);
  return flow < total - 1e-6 ? Number.POSITIVE_INFINITY : cost;
}

/** Brute force over every combination of sizes; returns the cheapest feasible total. */
function bruteForce(input: SearchInput): number {
  const T = input.fixed.length;
  let best = Number.POSITIVE_INFINITY;
  const pick = new Array<number>(T).fill(0);
  const visit = (t: number): void => {
    if (t === T) {
      for (const r of input.required) {
        const caps = pick.map((i, j) => input.capacity[j]![i]![r.scenario]!);
        const demands = input.shares.map((s) => s * r.connections);
        if (maxFlow(input.masks, demands, caps) < r.connections - 1e-6) return;
      }
      const nominal = pick.map((i, j) => input.capacity[j]![i]![0]!);
      const usage = cheapestUsage(
        input.masks,
        input.shares.map((s) => s * input.normalConnections),
        nominal,
        input.usagePerConnection,
      );
      const fixed = pick.reduce((sum, i, j) => sum + input.fixed[j]![i]!, 0);
      best = Math.min(best, fixed + usage);
      return;
    }
    for (let i = 0; i < input.fixed[t]!.length; i++) {
      pick[t] = i;
      visit(t + 1);
    }
  };
  visit(0);
  return best;
}

describe('sizing search', () => {
  it('finds the cheapest design of the search space (brute force on small synthetic instances)', () => {
    const instance = fc.record({
      tiers: fc.array(
        fc.record({
          sizes: fc.array(
            fc.record({
              fixed: fc.integer({ min: 0, max: 2_000 }),
              nominal: fc.integer({ min: 0, max: 3_000 }),
              scenarios: fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 3, maxLength: 3 }),
            }),
            { minLength: 1, maxLength: 4 },
          ),
          price: fc.integer({ min: 1, max: 10 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      populations: fc.array(
        fc.record({ weight: fc.integer({ min: 1, max: 10 }), mask: fc.integer({ min: 1, max: 7 }) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      target: fc.integer({ min: 100, max: 2_500 }),
      percents: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
    });
    fc.assert(
      fc.property(instance, (x) => {
        const T = x.tiers.length;
        const all = (1 << T) - 1;
        const weights = x.populations.reduce((s, p) => s + p.weight, 0);
        const input: SearchInput = {
          objective: 'cost-optimal',
          fixed: x.tiers.map((t) => t.sizes.map((s) => s.fixed)),
          capacity: x.tiers.map((t) => t.sizes.map((s) => [s.nominal, ...s.scenarios])),
          required: [
            { scenario: 0, connections: x.target },
            ...x.percents.flatMap((p, i) =>
              p > 0 ? [{ scenario: i + 1, connections: requiredConnections(x.target, p) }] : [],
            ),
          ],
          masks: x.populations.map((p) => p.mask & all || all),
          shares: x.populations.map((p) => p.weight / weights),
          normalConnections: x.target,
          usagePerConnection: x.tiers.map((t) => t.price),
          keep: 3,
        };
        const found = searchDesigns(input).designs[0];
        const brute = bruteForce(input);
        if (!Number.isFinite(brute)) expect(found).toBeUndefined();
        else expect(found?.totalUsd).toBeCloseTo(brute, 4);
      }),
      { numRuns: 200, seed: 20261201 },
    );
  });

  it('finds the cheapest design for generated profiles (brute force over the real tier sizes)', () => {
    const shape = fc.record({
      tiers: fc.constantFrom([0, 2], [1, 3], [0, 3], [0, 1]),
      target: fc.integer({ min: 500, max: 12_000 }),
      az: fc.constantFrom(0, 50, 100),
      region: fc.constantFrom(0, 100),
      provider: fc.constantFrom(0, 50, 100),
      mbps: fc.constantFrom(0.5, 1, 2),
    });
    fc.assert(
      fc.property(shape, (s) => {
        const profile = variant((p) => {
          p.accessTiers = s.tiers.map((i) => p.accessTiers[i]);
          p.target.concurrentUsers = s.target;
          p.target.averageMbpsPerUser = s.mbps;
          p.populations = [{ ...p.populations[0], concurrentUsers: s.target }];
          p.resilience = [
            { failure: 'availability-zone', keepPercent: s.az },
            { failure: 'region', keepPercent: s.region },
            { failure: 'provider', keepPercent: s.provider },
          ];
        });
        const outcome = planCapacity(profile);
        const models = buildTierModels(profile);
        const scenarios = enumerateScenarios(models);
        const keep: Record<string, number> = {
          nominal: 100 + profile.target.growthHeadroomPercent,
          'availability-zone': s.az,
          region: s.region,
          provider: s.provider,
        };
        const input: SearchInput = {
          objective: 'cost-optimal',
          fixed: models.map((m) => m.sizes.map((z) => z.fixedMonthlyUsd)),
          capacity: models.map((m) =>
            m.sizes.map((z) => scenarios.map((sc) => m.capacity(z, sc).connections)),
          ),
          required: scenarios
            .map((sc, scenario) => ({ scenario, connections: requiredConnections(s.target, keep[sc.kind]!) }))
            .filter((r, i) => keep[scenarios[i]!.kind]! > 0 && r.connections > 0),
          masks: eligibilityMatrix(profile, models).map((row) =>
            row.reduce((m, e, t) => (e.ok ? m | (1 << t) : m), 0),
          ),
          shares: [1],
          normalConnections: s.target,
          usagePerConnection: models.map((m) =>
            connectionChargePerConnectionUsd(profile, m.provider, m.region),
          ),
          keep: 1,
        };
        const brute = bruteForce(input);
        if (!Number.isFinite(brute)) {
          expect(outcome.ok).toBe(false);
          return;
        }
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(outcome.plan.search.chosenMonthlyUsd).toBeCloseTo(brute, 1);
        expect(outcome.plan.cost.concentratorMonthlyUsd).toBeCloseTo(brute, 0);
      }),
      { numRuns: 12, seed: 20261201 },
    );
  });
});

function variant(edit: (p: MutableProfile) => void): Profile {
  const p: MutableProfile = structuredClone(BASE);
  edit(p);
  return p as Profile;
}

const planShape = fc.record({
  objective: fc.constantFrom('cost-optimal', 'balanced'),
  target: fc.integer({ min: 2_000, max: 120_000 }),
  directoryUsers: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  noEntra: fc.boolean(),
  az: fc.constantFrom(0, 100),
  region: fc.constantFrom(0, 50, 100),
  provider: fc.constantFrom(0, 50),
});

function generated(s: typeof planShape extends fc.Arbitrary<infer T> ? T : never): Profile {
  return variant((p) => {
    p.planning = { ...p.planning, objective: s.objective };
    const scale = s.target / 90_000;
    p.target.concurrentUsers = s.target;
    p.populations.forEach((pop: MutableProfile, i: number) => {
      pop.concurrentUsers = Math.max(1, Math.ceil(pop.concurrentUsers * scale));
      // directory (AD password) users cannot use point-to-site (no RADIUS).
      if (s.directoryUsers[i]) pop.authentication = ['certificate', 'directory'];
    });
    if (s.noEntra) p.identity.federation = { saml: p.identity.federation.saml };
    p.resilience = [
      { failure: 'availability-zone', keepPercent: s.az },
      { failure: 'region', keepPercent: s.region },
      { failure: 'provider', keepPercent: s.provider },
    ];
  });
}

describe('plan properties on generated profiles', () => {
  it('carries every required scenario within capacity, never on a tier a population cannot use', () => {
    fc.assert(
      fc.property(planShape, (s) => {
        const profile = generated(s);
        const outcome = planCapacity(profile);
        if (!outcome.ok) return;
        const plan = outcome.plan;
        const models = buildTierModels(profile);
        for (const [index, steer] of plan.steering.scenarios.entries()) {
          const result = plan.scenarios.find((x) => x.label === steer.label)!;
          const placed = steer.placement.reduce((sum, p) => sum + p.connections, 0);
          const needed = index === 0 ? profile.target.concurrentUsers : result.required;
          // Placements are rounded per population and tier: allow one connection each.
          expect(placed).toBeGreaterThanOrEqual(needed - steer.placement.length);
          for (const tier of plan.tiers) {
            const on = steer.placement
              .filter((p) => p.tierId === tier.tierId)
              .reduce((a, p) => a + p.connections, 0);
            const cap = result.byTier.find((c) => c.tierId === tier.tierId)!.connections;
            expect(on).toBeLessThanOrEqual(cap + steer.placement.length);
          }
          for (const p of steer.placement) {
            const population = profile.populations.find((x) => x.name === p.population)!;
            const model = models.find((m) => m.tier.id === p.tierId)!;
            expect(tierServes(profile, population, model).ok).toBe(true);
          }
        }
        for (const s2 of plan.scenarios) if (s2.verdict !== 'not-required') expect(s2.verdict).toBe('meets');
      }),
      RUNS,
    );
  });

  it('prices the plan as the sum of its lines, per cloud and component, and in JPY at the stated rate', () => {
    fc.assert(
      fc.property(planShape, fc.integer({ min: 80, max: 200 }), (s, rate) => {
        const profile = generated(s);
        (profile.planning as MutableProfile).exchangeRate = {
          jpyPerUsd: rate,
          date: '2026-12-01',
          source: 'test',
        };
        const outcome = planCapacity(profile);
        if (!outcome.ok) return;
        const { cost, search } = outcome.plan;
        const sum = (xs: readonly { monthlyUsd: number }[]) => xs.reduce((a, x) => a + x.monthlyUsd, 0);
        expect(cost.monthlyUsd).toBeCloseTo(sum(cost.lines), 1);
        expect(sum(cost.byCloud)).toBeCloseTo(cost.monthlyUsd, 1);
        expect(sum(cost.byComponent)).toBeCloseTo(cost.monthlyUsd, 1);
        expect(cost.monthlyJpy).toBe(Math.round(cost.monthlyUsd * rate));
        for (const l of cost.lines) {
          expect(l.monthlyUsd).toBeCloseTo(l.quantity * l.unitPriceUsd, 0);
          expect(l.source).toMatch(/^https:\/\//);
        }
        expect(cost.concentratorMonthlyUsd).toBeCloseTo(search.chosenMonthlyUsd, 0);
        expect(cost.perConcurrentUser.monthlyUsd).toBeCloseTo(
          cost.monthlyUsd / profile.target.concurrentUsers,
          2,
        );
      }),
      RUNS,
    );
  });

  it('never calls sufficient an element whose demand exceeds its capacity, and names a fix for every short one', () => {
    fc.assert(
      fc.property(planShape, (s) => {
        const outcome = planCapacity(generated(s));
        if (!outcome.ok) return;
        const plan: CapacityPlan = outcome.plan;
        expect(plan.backhaul.length).toBeGreaterThan(0);
        for (const b of plan.backhaul) {
          if (b.verdict === 'sufficient') expect(b.demandMbps).toBeLessThanOrEqual(b.capacityMbps);
          else expect(b.fix).toBeTruthy();
        }
        // Demand follows the steering: every connection of a scenario is counted once at its hub firewall or its Region's first hop.
        const nominal = plan.steering.scenarios[0]!;
        const azure = nominal.placement
          .filter((p) => p.tierId.startsWith('azure-'))
          .reduce((a, p) => a + p.connections, 0);
        const firewalls = plan.backhaul
          .filter((b) => b.scenario === nominal.label && b.kind === 'firewall')
          .reduce((a, b) => a + b.demandMbps, 0);
        const carriers = 2_030 * 0.8; // the closed mobile network lands at Japan East
        expect(firewalls).toBeGreaterThanOrEqual(Math.floor(azure * 0.8 + carriers) - 2);
        expect(firewalls).toBeLessThanOrEqual(Math.ceil(azure * 0.8 + carriers) + 2);
      }),
      RUNS,
    );
  });
});
