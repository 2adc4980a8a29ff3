/**
 * The sizing search (lib/planner/search.ts), its steering arithmetic (lib/planner/steering.ts)
 * and the steering of a sized design (lib/planner/steer.ts), each on tiny hand-built inputs
 * whose every figure is worked out by hand and written out literally: the pruning bounds and
 * the K-best list (totals, sizes, `evaluated`, `spaceSize`), dominance and its tie rule, the
 * three objectives, the EPS boundaries, and after each required failure who stays, who moves
 * and the reconnect storms that causes. Nothing here plans a whole profile, so the file stays
 * fast enough to run once per mutant.
 */
import { meetsEveryScenario, type Objective, searchDesigns, usageCost } from '../../lib/planner/search';
import {
  canCarry,
  cheapestLoads,
  demandWithin,
  explicitAssignment,
  flowAssignment,
  lowestUtilisation,
} from '../../lib/planner/steering';
import {
  AWS_ZONES,
  at,
  awsStorm,
  awsZone,
  HUB_ZONES,
  hubZone,
  move,
  p2s,
  p2sStorm,
  search,
  steer,
  table,
  tierModel,
  vpn,
} from './support/search-and-steer';

describe('steering arithmetic', () => {
  describe('demandWithin', () => {
    it('adds each population to every tier set that holds all its usable tiers', () => {
      expect([...demandWithin([1, 2, 3], [10, 20, 30], 2)]).toEqual([0, 10, 20, 60]);
      expect([...demandWithin([1, 6], [5, 7], 3)]).toEqual([0, 5, 0, 5, 0, 5, 7, 12]);
      expect([...demandWithin([], [], 1)]).toEqual([0, 0]);
    });
  });

  describe('canCarry', () => {
    const within = demandWithin([1, 2, 3], [10, 20, 30], 2); // [0, 10, 20, 60]
    it('holds when every tier set carries the demand that can only use it', () => {
      expect(canCarry(within, 1, [40, 20])).toBe(true);
      expect(canCarry(within, 0.5, [20, 10])).toBe(true);
    });
    it('fails when one set is short, and forgives a shortfall up to 1e-6', () => {
      expect(canCarry(within, 1, [40, 19])).toBe(false); // tier 1 alone: 20 > 19
      expect(canCarry(within, 1, [9, 100])).toBe(false); // tier 0 alone: 10 > 9
      expect(canCarry(within, 1, [39, 20.5])).toBe(false); // both: 60 > 59.5
      expect(canCarry(within, 1, [39.5, 20.5])).toBe(true);
      expect(canCarry(within, 1, [40, 19.9999995])).toBe(true);
      expect(canCarry(within, 1, [40, 19.999998])).toBe(false);
      expect(canCarry(within, 2, [40, 20])).toBe(false);
    });
    it('ignores empty tier sets', () => {
      expect(canCarry(demandWithin([2], [5], 2), 1, [0, 5])).toBe(true);
    });
  });

  describe('cheapestLoads', () => {
    // Population A (tier 0 only) 10, population B (both tiers) 30.
    const within = demandWithin([1, 3], [0.25, 0.75], 2);
    it('fills the tiers in the given order, each as far as the populations reaching it allow', () => {
      expect(cheapestLoads(within, 40, [25, 100], [1, 0])).toEqual([10, 30]);
      expect(cheapestLoads(within, 40, [25, 100], [0, 1])).toEqual([25, 15]);
      expect(cheapestLoads(within, 40, [25, 20], [1, 0])).toEqual([20, 20]);
      expect(cheapestLoads(within, 40, [100, 100], [0, 1])).toEqual([40, 0]);
    });
  });

  describe('lowestUtilisation', () => {
    it('is the highest demand-to-capacity ratio over the tier sets', () => {
      const within = demandWithin([1, 2, 3], [10, 20, 30], 2);
      expect(lowestUtilisation(within, 1, [40, 40])).toBe(0.75);
      expect(lowestUtilisation(within, 1, [10, 190])).toBe(1);
      expect(lowestUtilisation(within, 2, [40, 40])).toBe(1.5);
      expect(lowestUtilisation(within, 1, [40, 0])).toBe(Number.POSITIVE_INFINITY);
    });
    it('skips tier sets whose demand is at most 1e-6', () => {
      expect(lowestUtilisation(demandWithin([1], [10], 2), 1, [20, 0])).toBe(0.5);
      expect(lowestUtilisation(demandWithin([1, 2], [10, 1e-6], 2), 1, [20, 0])).toBeCloseTo(0.50000005, 12);
      expect(lowestUtilisation(demandWithin([1, 2], [10, 2e-6], 2), 1, [20, 0])).toBe(
        Number.POSITIVE_INFINITY,
      );
      expect(lowestUtilisation(demandWithin([1], [0], 1), 1, [10])).toBe(0);
    });
  });

  describe('explicitAssignment', () => {
    it('fills each population down its listed order, populations in order', () => {
      expect(explicitAssignment([[1, 0], [0]], [30, 30], [20, 25])).toEqual({
        assignment: [
          [5, 25],
          [15, 0],
        ],
        unplaced: 15,
      });
      expect(explicitAssignment([[0, 1], [1]], [10, 5], [20, 25])).toEqual({
        assignment: [
          [10, 0],
          [0, 5],
        ],
        unplaced: 0,
      });
    });
    it('places nothing for a population without an order', () => {
      expect(explicitAssignment([[0]], [4, 6], [20])).toEqual({ assignment: [[4], [0]], unplaced: 6 });
    });
    it('forgives an unplaced remainder up to 1e-6', () => {
      expect(explicitAssignment([[0]], [1e-6], [0])).toEqual({ assignment: [[0]], unplaced: 0 });
      const over = explicitAssignment([[0]], [3e-6], [1e-6]);
      expect(over.assignment).toEqual([[1e-6]]);
      expect(over.unplaced).toBeCloseTo(2e-6, 12);
    });
  });

  describe('flowAssignment', () => {
    const price = (_p: number, t: number) => [2, 1][t]!;
    it('places each population at the least cost over its eligible tiers', () => {
      expect(flowAssignment([1, 3], [10, 30], [25, 100], price)).toEqual({
        assignment: [
          [10, 0],
          [0, 30],
        ],
        unplaced: 0,
      });
      expect(flowAssignment([1, 3], [10, 30], [25, 20], price)).toEqual({
        assignment: [
          [10, 0],
          [10, 20],
        ],
        unplaced: 0,
      });
    });
    it('reports what finds no room, treating a negative capacity as none', () => {
      expect(flowAssignment([1, 2], [10, 30], [5, 20], price)).toEqual({
        assignment: [
          [5, 0],
          [0, 20],
        ],
        unplaced: 15,
      });
      expect(flowAssignment([1, 2], [10, 30], [-5, 20], price)).toEqual({
        assignment: [
          [0, 0],
          [0, 20],
        ],
        unplaced: 20,
      });
      expect(flowAssignment([1], [1e-6], [0], price)).toEqual({ assignment: [[0]], unplaced: 0 });
      const over = flowAssignment([1], [3e-6], [1e-6], price);
      expect(over.unplaced).toBeCloseTo(2e-6, 12);
    });
  });
});

const design = (sizes: number[], fixedUsd: number, usageUsd: number) => ({
  sizes,
  fixedUsd,
  usageUsd,
  totalUsd: fixedUsd + usageUsd,
});

describe('usageCost', () => {
  // Population A (tier 0 only) 10, population B (both tiers) 30; tier 1 is the cheaper.
  const two = (objective: Objective, usagePerConnection = [3, 1]) =>
    search({ objective, masks: [1, 3], shares: [0.25, 0.75], normalConnections: 40, usagePerConnection });

  it('cost-optimal: fills the cheapest tier first', () => {
    expect(usageCost(two('cost-optimal'), [25, 100])).toBe(60); // 10 x 3 + 30 x 1
    expect(usageCost(two('cost-optimal'), [25, 20])).toBe(80); // 20 x 3 + 20 x 1
    expect(usageCost(two('cost-optimal', [1, 3]), [25, 100])).toBe(70); // 25 x 1 + 15 x 3
  });
  it('is Infinity when normal traffic does not fit', () => {
    expect(usageCost(two('cost-optimal'), [5, 100])).toBe(Number.POSITIVE_INFINITY);
    expect(usageCost(two('balanced'), [5, 100])).toBe(Number.POSITIVE_INFINITY);
  });
  it('balanced: every tier at the lowest common utilisation (plus 1e-9), cheapest first within it', () => {
    const one = (normalConnections: number) =>
      search({ objective: 'balanced', normalConnections, usagePerConnection: [3, 1] });
    // u = 40 / 80: tier 1 takes 10 + 1e-9, tier 0 the other 30 - 1e-9.
    expect(usageCost(one(40), [60, 20])).toBeCloseTo(99.999999998, 9);
    expect(usageCost({ ...one(40), objective: 'cost-optimal' }, [60, 20])).toBe(80);
    // u = 1: tier 1 takes 20 + 1e-9, tier 0 60 - 1e-9.
    expect(usageCost(one(80), [60, 20])).toBeCloseTo(199.999999998, 9);
    expect(usageCost(one(81), [60, 20])).toBe(Number.POSITIVE_INFINITY);
  });
  it("explicit: each population down its listed order, whatever the tiers' prices", () => {
    const explicit = (explicitOrders?: number[][]) =>
      search({ objective: 'explicit', normalConnections: 40, usagePerConnection: [3, 1], explicitOrders });
    expect(usageCost(explicit([[0, 1]]), [30, 20])).toBe(100); // 30 x 3 + 10 x 1
    expect(usageCost(explicit([[1, 0]]), [30, 20])).toBe(80); // 20 x 1 + 20 x 3
    expect(usageCost(explicit([[0, 1]]), [30, 5])).toBe(Number.POSITIVE_INFINITY);
    expect(usageCost(explicit(), [30, 20])).toBe(Number.POSITIVE_INFINITY);
    const pair = search({
      objective: 'explicit',
      masks: [3, 3],
      shares: [0.5, 0.5],
      normalConnections: 40,
      usagePerConnection: [3, 1],
      explicitOrders: [[1], [0, 1]],
    });
    expect(usageCost(pair, [30, 30])).toBe(80); // 20 x 1 + 20 x 3
  });
});

describe('meetsEveryScenario', () => {
  // Capacity per tier per scenario: scenario 1 loses tier 0, scenario 2 halves both.
  const caps = [
    [100, 0, 50],
    [100, 80, 40],
  ];
  const required = (a: number, b: number) => [
    { scenario: 1, connections: a },
    { scenario: 2, connections: b },
  ];
  it('checks every required scenario against that scenario’s capacities', () => {
    expect(meetsEveryScenario(search({ required: required(80, 90) }), caps)).toBe(true);
    expect(meetsEveryScenario(search({ required: required(81, 90) }), caps)).toBe(false);
    expect(meetsEveryScenario(search({ required: required(80, 91) }), caps)).toBe(false);
    expect(meetsEveryScenario(search({ required: [] }), caps)).toBe(true);
    // Only tier 0 usable: scenario 1 leaves it nothing.
    expect(
      meetsEveryScenario(search({ masks: [1], required: [{ scenario: 1, connections: 80 }] }), caps),
    ).toBe(false);
    expect(
      meetsEveryScenario(search({ masks: [2], required: [{ scenario: 1, connections: 80 }] }), caps),
    ).toBe(true);
  });
  it('explicit: each population only down its listed order', () => {
    const explicit = (explicitOrders: number[][] | undefined, shares = [1]) =>
      search({ objective: 'explicit', required: required(80, 90), explicitOrders, shares, masks: [3, 3] });
    expect(meetsEveryScenario(explicit([[1]]), caps)).toBe(false); // scenario 2: 90 > 40
    expect(meetsEveryScenario(explicit([[1, 0]]), caps)).toBe(true);
    expect(meetsEveryScenario(explicit(undefined), caps)).toBe(false);
    // Two halves: 45 on tier 1 (40) fails; 40 + 40 fits.
    expect(meetsEveryScenario(explicit([[1], [0]], [0.5, 0.5]), caps)).toBe(false);
    expect(
      meetsEveryScenario(
        { ...explicit([[1], [0, 1]], [0.5, 0.5]), required: [{ scenario: 2, connections: 80 }] },
        caps,
      ),
    ).toBe(true);
  });
});

describe('searchDesigns', () => {
  /**
   * Tier 0 (usage 1 a connection, lost in scenario 1): sizes $20/200, $10/100, $25/250.
   * Tier 1 (usage 2): $30/200, $15/100 (too small for scenario 1), $42/150 (dominated by $30/200).
   * 150 connections, all required in both scenarios.
   */
  const failover = (objective: Objective, keep: number) =>
    search({
      objective,
      fixed: [
        [20, 10, 25],
        [30, 15, 42],
      ],
      capacity: [
        [
          [200, 0],
          [100, 0],
          [250, 0],
        ],
        [
          [200, 200],
          [100, 100],
          [150, 150],
        ],
      ],
      required: [
        { scenario: 0, connections: 150 },
        { scenario: 1, connections: 150 },
      ],
      normalConnections: 150,
      usagePerConnection: [1, 2],
      keep,
    });

  describe('cost-optimal', () => {
    it('returns the K cheapest feasible designs, skipping dominated sizes and failing scenarios', () => {
      expect(searchDesigns(failover('cost-optimal', 3))).toEqual({
        designs: [design([0, 0], 50, 150), design([2, 0], 55, 150), design([1, 0], 40, 200)],
        evaluated: 3,
        spaceSize: 9,
      });
    });
    it('keeps only the K best, updating the bound as better designs arrive', () => {
      expect(searchDesigns(failover('cost-optimal', 2))).toEqual({
        designs: [design([0, 0], 50, 150), design([2, 0], 55, 150)],
        evaluated: 3,
        spaceSize: 9,
      });
    });
    it('cuts a branch whose usage with the remaining tiers at their largest already loses', () => {
      // After $200, tier 0 at $10 costs at least 10 + 15 + 200 (its usage) > 200: never evaluated.
      expect(searchDesigns(failover('cost-optimal', 1))).toEqual({
        designs: [design([0, 0], 50, 150)],
        evaluated: 1,
        spaceSize: 9,
      });
    });
    it('returns equal totals in size order, and a tie at the bound is still evaluated', () => {
      const tie = (keep: number) =>
        search({
          fixed: [
            [10, 20],
            [20, 10],
          ],
          capacity: [
            [[50], [100]],
            [[100], [50]],
          ],
          required: [{ scenario: 0, connections: 100 }],
          normalConnections: 100,
          usagePerConnection: [0, 0],
          keep,
        });
      expect(searchDesigns(tie(4))).toEqual({
        designs: [design([0, 1], 20, 0), design([0, 0], 30, 0), design([1, 1], 30, 0), design([1, 0], 40, 0)],
        evaluated: 4,
        spaceSize: 4,
      });
      // Bound 30 after two designs: [1, 1] at exactly 30 is evaluated (then trimmed), [1, 0] is cut.
      expect(searchDesigns(tie(2))).toEqual({
        designs: [design([0, 1], 20, 0), design([0, 0], 30, 0)],
        evaluated: 3,
        spaceSize: 4,
      });
    });
  });

  describe('dominance', () => {
    // One tier, one population of 50 on it, no usage charge.
    const sizes = (objective: Objective, fixed: number[], capacity: number[][]) =>
      search({
        objective,
        fixed: [fixed],
        capacity: [capacity],
        required: [{ scenario: 0, connections: 50 }],
        masks: [1],
        normalConnections: 50,
        usagePerConnection: [0],
        explicitOrders: [[0]],
        keep: 5,
      });
    const fixed = [10, 10, 12, 10, 9];
    const capacity = [
      [100, 50],
      [100, 50],
      [90, 50],
      [100, 60],
      [80, 50],
    ];
    it('cost-optimal skips a size that costs no less and carries no more in any scenario', () => {
      // 0 loses to 3 (more in scenario 1), 1 ties 0 (higher index), 2 costs more and carries less;
      // 3 and 4 each beat the other somewhere.
      expect(searchDesigns(sizes('cost-optimal', fixed, capacity))).toEqual({
        designs: [design([4], 9, 0), design([3], 10, 0)],
        evaluated: 2,
        spaceSize: 5,
      });
    });
    it('keeps the lower index of two equal sizes', () => {
      expect(searchDesigns(sizes('cost-optimal', [10, 10], [[100], [100]]))).toEqual({
        designs: [design([0], 10, 0)],
        evaluated: 1,
        spaceSize: 2,
      });
    });
    it.each(['balanced', 'explicit'] as const)('%s searches every size', (objective) => {
      expect(searchDesigns(sizes(objective, fixed, capacity))).toEqual({
        designs: [
          design([4], 9, 0),
          design([0], 10, 0),
          design([1], 10, 0),
          design([3], 10, 0),
          design([2], 12, 0),
        ],
        evaluated: 5,
        spaceSize: 5,
      });
    });
  });

  describe('balanced', () => {
    // Usage = 300 - tier 0's share (150 x c0 / (c0 + c1)) - 1e-9; dominated sizes are searched too.
    const expected = [
      { sizes: [2, 0], fixedUsd: 55, usageUsd: 216.666666666 },
      { sizes: [2, 2], fixedUsd: 67, usageUsd: 206.249999999 },
      { sizes: [0, 0], fixedUsd: 50, usageUsd: 224.999999999 },
      { sizes: [0, 2], fixedUsd: 62, usageUsd: 214.285714285 },
      { sizes: [1, 0], fixedUsd: 40, usageUsd: 249.999999999 },
      { sizes: [1, 2], fixedUsd: 52, usageUsd: 239.999999999 },
    ];
    const check = (keep: number) => {
      const result = searchDesigns(failover('balanced', keep));
      expect({ evaluated: result.evaluated, spaceSize: result.spaceSize }).toEqual({
        evaluated: 6,
        spaceSize: 9,
      });
      expect(result.designs.map((d) => d.sizes)).toEqual(expected.slice(0, keep).map((d) => d.sizes));
      result.designs.forEach((d, i) => {
        expect(d.fixedUsd).toBe(expected[i]!.fixedUsd);
        expect(d.usageUsd).toBeCloseTo(expected[i]!.usageUsd, 6);
        expect(d.totalUsd).toBeCloseTo(expected[i]!.fixedUsd + expected[i]!.usageUsd, 6);
      });
    };
    it('lists every feasible design in total order', () => check(6));
    it('keeps the two best', () => check(2));
  });

  describe('explicit', () => {
    /**
     * Tier 0 (usage 1): $10/50, $30/100, $60/100; tier 1 (usage 2): $5/50, $5/100, $50/100.
     * 100 connections, tier 0 first: usage 150 when tier 0 is $10/50, else 100.
     */
    const explicit = (keep: number) =>
      search({
        objective: 'explicit',
        fixed: [
          [10, 30, 60],
          [5, 5, 50],
        ],
        capacity: [
          [[50], [100], [100]],
          [[50], [100], [100]],
        ],
        required: [{ scenario: 0, connections: 100 }],
        normalConnections: 100,
        usagePerConnection: [1, 2],
        explicitOrders: [[0, 1]],
        keep,
      });
    it('keeps the K best by total, then sizes', () => {
      expect(searchDesigns(explicit(4))).toEqual({
        designs: [
          design([1, 0], 35, 100),
          design([1, 1], 35, 100),
          design([0, 0], 15, 150),
          design([0, 1], 15, 150),
        ],
        evaluated: 7,
        spaceSize: 9,
      });
    });
    it('cuts branches by fixed cost so far + the cheapest remaining sizes + the least usage', () => {
      expect(searchDesigns(explicit(1))).toEqual({
        designs: [design([1, 0], 35, 100)],
        evaluated: 5,
        spaceSize: 9,
      });
    });
    it('bounds usage by each population at its cheapest usable tier', () => {
      // Only tier 1 ($5 a connection) is usable: the bound is 50, so the $12 size is cut after the $10 one.
      const input = search({
        objective: 'explicit',
        fixed: [[0], [10, 12]],
        capacity: [[[10]], [[10], [10]]],
        required: [{ scenario: 0, connections: 10 }],
        masks: [2, 0],
        shares: [1, 0],
        normalConnections: 10,
        usagePerConnection: [1, 5],
        explicitOrders: [[1], []],
        keep: 1,
      });
      expect(searchDesigns(input)).toEqual({ designs: [design([0, 0], 10, 50)], evaluated: 1, spaceSize: 2 });
    });
  });

  describe('designs that cannot carry normal traffic or a failure', () => {
    // One tier: $10 carries 100 (too few for the 150 in normal operation), $20 carries 200; 60 in scenario 1.
    const small = (objective: Objective, connections: number) =>
      search({
        objective,
        fixed: [[10, 20]],
        capacity: [
          [
            [100, 60],
            [200, 60],
          ],
        ],
        required: [{ scenario: 1, connections }],
        masks: [1],
        normalConnections: 150,
        usagePerConnection: [1],
        explicitOrders: [[0]],
        keep: 2,
      });
    it.each(['cost-optimal', 'balanced', 'explicit'] as const)(
      '%s drops a design whose usage is Infinity',
      (o) => {
        expect(searchDesigns(small(o, 50))).toEqual({
          designs: [design([1], 20, 150)],
          evaluated: 2,
          spaceSize: 2,
        });
      },
    );
    it('returns no design when no size survives a required failure', () => {
      expect(searchDesigns(small('cost-optimal', 70))).toEqual({ designs: [], evaluated: 0, spaceSize: 2 });
    });
  });

  describe('degenerate spaces', () => {
    it('no tiers: one empty design', () => {
      const none = search({ fixed: [], capacity: [], masks: [], shares: [], usagePerConnection: [] });
      for (const objective of ['cost-optimal', 'balanced', 'explicit'] as const) {
        expect(searchDesigns({ ...none, objective, explicitOrders: [] })).toEqual({
          designs: [design([], 0, 0)],
          evaluated: 1,
          spaceSize: 1,
        });
      }
    });
    it('a tier without sizes: nothing to evaluate', () => {
      expect(searchDesigns(search({ fixed: [[]], capacity: [[]], masks: [1] }))).toEqual({
        designs: [],
        evaluated: 0,
        spaceSize: 0,
      });
      expect(
        searchDesigns(search({ fixed: [[10], []], capacity: [[[100]], []], usagePerConnection: [1, 1] })),
      ).toEqual({ designs: [], evaluated: 0, spaceSize: 0 });
    });
  });
});

describe('steerDesign', () => {
  describe('cost-optimal, three tiers, four kinds of failure', () => {
    // A: AWS (usage 1) 500, 250 without zone az1. B: Azure japaneast, 1 scale unit (2 instances,
    // a zone loss drops half; usage 2) 600, 300 without zone 2. C: Azure japanwest (usage 3) 2000.
    const result = () =>
      steer({
        objective: 'cost-optimal',
        target: 1000,
        window: 50,
        populations: [
          { name: 'office', mask: 7, share: 0.6 },
          { name: 'field', mask: 6, share: 0.4 },
        ],
        models: [
          tierModel(
            'A',
            'aws',
            'ap-northeast-1',
            AWS_ZONES,
            table(500, { 'az:apne1-az1': 250, 'provider:aws': 0 }),
          ),
          tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(600, { 'az:2': 300 })),
          tierModel('C', 'azure', 'japanwest', HUB_ZONES, table(2000, { 'region:japanwest': 0 })),
        ],
        sizes: [vpn(2), p2s(1), p2s(60)],
        usage: [1, 2, 3],
        requirements: [
          { scenario: { kind: 'nominal' }, percent: 110 },
          { scenario: awsZone('apne1-az1'), percent: 100 },
          { scenario: { kind: 'region', provider: 'azure', region: 'japaneast' }, percent: 0 },
          { scenario: hubZone('2'), percent: 50 },
          { scenario: { kind: 'provider', provider: 'aws' }, percent: 100 },
          { scenario: { kind: 'region', provider: 'azure', region: 'japanwest' }, percent: 100 },
        ],
        clouds: {
          aws: { regions: [{ region: 'ap-northeast-1' }, { region: 'ap-northeast-3' }] },
          azure: { hubs: [{ region: 'japaneast' }] },
        },
      });
    const nominal = [at('office', 'A', 500), at('office', 'B', 100), at('field', 'B', 400)];

    it('steers normal operation cheapest first and each required failure, skipping nominal and 0 %', () => {
      expect(result().steering).toEqual({
        objective: 'cost-optimal',
        populations: [
          {
            population: 'office',
            connections: 600,
            usableTiers: ['A', 'B', 'C'],
            refusedTiers: [],
            failoverOrder: ['A', 'B', 'C'],
          },
          {
            population: 'field',
            connections: 400,
            usableTiers: ['B', 'C'],
            refusedTiers: [{ tierId: 'A', reasons: ['field cannot reach A'] }],
            failoverOrder: ['B', 'C'],
          },
        ],
        scenarios: [
          { label: 'nominal (nothing failed)', lostTiers: [], placement: nominal, moves: [], reconnects: [] },
          {
            // A keeps 250 of office's 500; the other 250 move to B (its 100 spare) and C.
            label: 'loss of zone apne1-az1 (AWS ap-northeast-1)',
            lostTiers: [],
            placement: [
              at('office', 'A', 250),
              at('office', 'B', 200),
              at('office', 'C', 150),
              at('field', 'B', 400),
            ],
            moves: [move('office', 'A', 'B', 100), move('office', 'A', 'C', 150)],
            // A: half of the 250 left on it came through the lost zone.
            reconnects: [awsStorm('A', 125, 2.5, 1), p2sStorm('B', 100, 2), p2sStorm('C', 150, 3)],
          },
          {
            // Half the target: everyone stays; B's lost zone drops half of its 250.
            label: 'loss of zone 2 (Azure japaneast)',
            lostTiers: [],
            placement: [at('office', 'A', 250), at('office', 'B', 50), at('field', 'B', 200)],
            moves: [],
            reconnects: [p2sStorm('B', 125, 2.5)],
          },
          {
            label: 'loss of every AWS access tier',
            lostTiers: ['A'],
            placement: [at('office', 'B', 200), at('office', 'C', 400), at('field', 'B', 400)],
            moves: [move('office', 'A', 'B', 100), move('office', 'A', 'C', 400)],
            reconnects: [p2sStorm('B', 100, 2), p2sStorm('C', 400, 8)],
          },
          {
            label: 'loss of Region Azure japanwest',
            lostTiers: ['C'],
            placement: nominal,
            moves: [],
            reconnects: [],
          },
        ],
      });
    });
    it('reports the places each scenario removes and the unrounded normal loads', () => {
      const { traffic, normalLoads, steering } = result();
      expect(traffic).toEqual([
        { label: 'nominal (nothing failed)', lostPlaces: new Set(), placement: nominal },
        {
          label: 'loss of zone apne1-az1 (AWS ap-northeast-1)',
          lostPlaces: new Set(),
          placement: steering.scenarios[1]!.placement,
        },
        {
          label: 'loss of zone 2 (Azure japaneast)',
          lostPlaces: new Set(),
          placement: steering.scenarios[2]!.placement,
        },
        {
          label: 'loss of every AWS access tier',
          lostPlaces: new Set(['aws:ap-northeast-1', 'aws:ap-northeast-3']),
          placement: steering.scenarios[3]!.placement,
        },
        {
          label: 'loss of Region Azure japanwest',
          lostPlaces: new Set(['azure:japanwest']),
          placement: nominal,
        },
      ]);
      expect([...normalLoads]).toEqual([
        ['A', 500],
        ['B', 500],
        ['C', 0],
      ]);
    });
  });

  it('re-steers everyone when the users who stay block a feasible assignment', () => {
    // lab can only use A. After the zone loss A keeps 500: staying pro rata (office 300, lab 200)
    // would leave 200 of lab with nowhere to go, so lab takes 400 of A and office moves 500 to B.
    const { steering } = steer({
      objective: 'cost-optimal',
      target: 1000,
      window: 10,
      populations: [
        { name: 'office', mask: 3, share: 0.6 },
        { name: 'lab', mask: 1, share: 0.4 },
      ],
      models: [
        tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(1000, { 'az:apne1-az1': 500 })),
        tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(1000)),
      ],
      sizes: [vpn(2), p2s(1)],
      usage: [1, 2],
      requirements: [{ scenario: awsZone('apne1-az1'), percent: 100 }],
    });
    expect(steering.scenarios).toEqual([
      {
        label: 'nominal (nothing failed)',
        lostTiers: [],
        placement: [at('office', 'A', 600), at('lab', 'A', 400)],
        moves: [],
        reconnects: [],
      },
      {
        label: 'loss of zone apne1-az1 (AWS ap-northeast-1)',
        lostTiers: [],
        placement: [at('office', 'A', 100), at('office', 'B', 500), at('lab', 'A', 400)],
        moves: [move('office', 'A', 'B', 500)],
        reconnects: [awsStorm('A', 250, 25, 5), p2sStorm('B', 500, 50)],
      },
    ]);
    expect(steering.populations.map((p) => p.failoverOrder)).toEqual([['A', 'B'], ['A']]);
  });

  describe('balanced', () => {
    // A: AWS 600 (usage 1); B: Azure 200 (usage 2). 400 users: both tiers at 50 % (+1e-6).
    const balanced = (objective: Objective) =>
      steer({
        objective,
        target: 400,
        window: 20,
        populations: [{ name: 'staff', mask: 3, share: 1 }],
        models: [
          tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(600)),
          tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(200, { 'provider:azure': 0 })),
        ],
        sizes: [vpn(2), p2s(1)],
        usage: [1, 2],
        requirements: [{ scenario: { kind: 'provider', provider: 'azure' }, percent: 100 }],
      });
    it('spreads normal operation at the lowest common utilisation; B’s users move to A when Azure is lost', () => {
      const { steering, traffic, normalLoads } = balanced('balanced');
      expect(steering).toEqual({
        objective: 'balanced',
        populations: [
          {
            population: 'staff',
            connections: 400,
            usableTiers: ['A', 'B'],
            refusedTiers: [],
            failoverOrder: ['A', 'B'],
          },
        ],
        scenarios: [
          {
            label: 'nominal (nothing failed)',
            lostTiers: [],
            placement: [at('staff', 'A', 300), at('staff', 'B', 100)],
            moves: [],
            reconnects: [],
          },
          {
            label: 'loss of every Azure access tier',
            lostTiers: ['B'],
            placement: [at('staff', 'A', 400)],
            moves: [move('staff', 'B', 'A', 100)],
            reconnects: [awsStorm('A', 100, 5, 1)],
          },
        ],
      });
      // No Azure hubs in the profile: only the tiers' own place is lost.
      expect(traffic.map((t) => [...t.lostPlaces])).toEqual([[], ['azure:japaneast']]);
      expect([...normalLoads.keys()]).toEqual(['A', 'B']);
      expect(normalLoads.get('A')).toBeCloseTo(300.000001, 9);
      expect(normalLoads.get('B')).toBeCloseTo(99.999999, 9);
    });
    it('cost-optimal puts the same users all on the cheaper tier', () => {
      const { steering, normalLoads } = balanced('cost-optimal');
      expect(steering.scenarios.map((s) => s.placement)).toEqual([
        [at('staff', 'A', 400)],
        [at('staff', 'A', 400)],
      ]);
      expect(steering.scenarios[1]!.moves).toEqual([]);
      expect(steering.scenarios[1]!.reconnects).toEqual([]);
      expect([...normalLoads]).toEqual([
        ['A', 400],
        ['B', 0],
      ]);
    });
  });

  describe('explicit', () => {
    // office lists B then A, lab A then B, whatever the prices. A: AWS 400; B: Azure 700.
    const result = () =>
      steer({
        objective: 'explicit',
        target: 1000,
        window: 60,
        populations: [
          { name: 'office', mask: 3, share: 0.5, order: [1, 0] },
          { name: 'lab', mask: 3, share: 0.5, order: [0, 1] },
          // Carries nothing, so only its listed order (not price) can put B first.
          { name: 'guest', mask: 3, share: 0, order: [1, 0] },
        ],
        models: [
          tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(400)),
          tierModel(
            'B',
            'azure',
            'japaneast',
            HUB_ZONES,
            table(700, { 'region:japaneast': 0, 'provider:azure': 0 }),
          ),
        ],
        sizes: [vpn(2), p2s(1)],
        usage: [1, 2],
        requirements: [
          { scenario: { kind: 'region', provider: 'azure', region: 'japaneast' }, percent: 50 },
          { scenario: { kind: 'provider', provider: 'azure' }, percent: 40 },
        ],
        clouds: { azure: { hubs: [{ region: 'japaneast' }, { region: 'japanwest' }] } },
      });
    it('follows each population’s order, moving only down it and never re-steering', () => {
      const { steering, traffic, normalLoads } = result();
      expect(steering).toEqual({
        objective: 'explicit',
        populations: [
          {
            population: 'office',
            connections: 500,
            usableTiers: ['A', 'B'],
            refusedTiers: [],
            failoverOrder: ['B', 'A'],
          },
          {
            population: 'lab',
            connections: 500,
            usableTiers: ['A', 'B'],
            refusedTiers: [],
            failoverOrder: ['A', 'B'],
          },
          {
            population: 'guest',
            connections: 0,
            usableTiers: ['A', 'B'],
            refusedTiers: [],
            failoverOrder: ['B', 'A'],
          },
        ],
        scenarios: [
          {
            label: 'nominal (nothing failed)',
            lostTiers: [],
            placement: [at('office', 'B', 500), at('lab', 'A', 400), at('lab', 'B', 100)],
            moves: [],
            reconnects: [],
          },
          {
            // 250 each; lab keeps 200 on A, office takes A's other 200; lab's last 50 find no room.
            label: 'loss of Region Azure japaneast',
            lostTiers: ['B'],
            placement: [at('office', 'A', 200), at('lab', 'A', 200)],
            moves: [move('office', 'B', 'A', 200)],
            reconnects: [awsStorm('A', 200, 3.3, 1)],
          },
          {
            // 200 each: lab keeps 160 on A; office moves 200 and lab 40 from B.
            label: 'loss of every Azure access tier',
            lostTiers: ['B'],
            placement: [at('office', 'A', 200), at('lab', 'A', 200)],
            moves: [move('office', 'B', 'A', 200), move('lab', 'B', 'A', 40)],
            reconnects: [awsStorm('A', 240, 4, 1)],
          },
        ],
      });
      expect(traffic.map((t) => [t.label, [...t.lostPlaces]])).toEqual([
        ['nominal (nothing failed)', []],
        ['loss of Region Azure japaneast', ['azure:japaneast']],
        ['loss of every Azure access tier', ['azure:japaneast', 'azure:japanwest']],
      ]);
      expect([...normalLoads]).toEqual([
        ['A', 400],
        ['B', 600],
      ]);
    });
  });

  it('explicit: the displaced move down their listed order, not to the cheapest tier', () => {
    // office lists B, C, A; losing B sends it to C ($3) although A ($1) has room.
    const { steering } = steer({
      objective: 'explicit',
      target: 100,
      window: 10,
      populations: [{ name: 'office', mask: 7, share: 1, order: [1, 2, 0] }],
      models: [
        tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(100)),
        tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(100, { 'region:japaneast': 0 })),
        tierModel('C', 'azure', 'japanwest', HUB_ZONES, table(100)),
      ],
      sizes: [vpn(2), p2s(1), p2s(1)],
      usage: [1, 2, 3],
      requirements: [{ scenario: { kind: 'region', provider: 'azure', region: 'japaneast' }, percent: 100 }],
    });
    expect(steering.scenarios).toEqual([
      {
        label: 'nominal (nothing failed)',
        lostTiers: [],
        placement: [at('office', 'B', 100)],
        moves: [],
        reconnects: [],
      },
      {
        label: 'loss of Region Azure japaneast',
        lostTiers: ['B'],
        placement: [at('office', 'C', 100)],
        moves: [move('office', 'B', 'C', 100)],
        reconnects: [p2sStorm('C', 100, 10)],
      },
    ]);
    expect(steering.populations.map((p) => p.failoverOrder)).toEqual([['B', 'C', 'A']]);
  });

  it('orders failover by normal load, then where the population moved, then usage price, then index', () => {
    // P normally all on A; losing AWS sends 30 to B and 70 to C (same price): C comes before B.
    // Q (C, D) and R (B, C) carry nothing: Q by price (D is cheaper), R by index (equal prices).
    const { steering, traffic } = steer({
      objective: 'cost-optimal',
      target: 100,
      window: 10,
      populations: [
        { name: 'P', mask: 7, share: 1 },
        { name: 'Q', mask: 12, share: 0 },
        { name: 'R', mask: 6, share: 0 },
      ],
      models: [
        tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(100, { 'provider:aws': 0 })),
        tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(100, { 'provider:aws': 30 })),
        tierModel('C', 'azure', 'japanwest', HUB_ZONES, table(100, { 'provider:aws': 70 })),
        tierModel('D', 'aws', 'ap-northeast-3', AWS_ZONES, table(100, { 'provider:aws': 0 })),
      ],
      sizes: [vpn(2), p2s(1), p2s(1), vpn(2)],
      usage: [1, 2, 2, 1],
      requirements: [{ scenario: { kind: 'provider', provider: 'aws' }, percent: 100 }],
    });
    expect(steering.populations.map((p) => [p.population, p.usableTiers, p.failoverOrder])).toEqual([
      ['P', ['A', 'B', 'C'], ['A', 'C', 'B']],
      ['Q', ['C', 'D'], ['D', 'C']],
      ['R', ['B', 'C'], ['B', 'C']],
    ]);
    expect(steering.scenarios[1]).toEqual({
      label: 'loss of every AWS access tier',
      lostTiers: ['A', 'D'],
      placement: [at('P', 'B', 30), at('P', 'C', 70)],
      moves: [move('P', 'A', 'B', 30), move('P', 'A', 'C', 70)],
      reconnects: [p2sStorm('B', 30, 3), p2sStorm('C', 70, 7)],
    });
    // No AWS Regions in the profile: only the tiers' own places are lost.
    expect([...traffic[1]!.lostPlaces]).toEqual(['aws:ap-northeast-1', 'aws:ap-northeast-3']);
  });

  it('calls a storm over the limit only above 5,000 connections a second', () => {
    const storms = (target: number) =>
      steer({
        objective: 'cost-optimal',
        target,
        window: 1,
        populations: [{ name: 'P', mask: 3, share: 1 }],
        models: [
          tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(10_000)),
          tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(10_000, { 'region:japaneast': 0 })),
        ],
        sizes: [vpn(2), p2s(1)],
        usage: [2, 1],
        requirements: [
          { scenario: { kind: 'region', provider: 'azure', region: 'japaneast' }, percent: 100 },
        ],
      }).steering.scenarios[1]!;
    expect(storms(5000).moves).toEqual([move('P', 'B', 'A', 5000)]);
    expect(storms(5000).reconnects).toEqual([awsStorm('A', 5000, 5000, 1000)]);
    expect(storms(5001).reconnects).toEqual([awsStorm('A', 5001, 5001, 1001, true)]);
  });

  it('drops a zone’s share of a hub’s instances, all of them when the scale unit count has no row', () => {
    // B: 1 instance (999 scale units has no row) loses everything in a zone, so no same-tier
    // reconnects; E: 60 scale units, 6 instances over 3 zones, loses 2 of 6.
    const { steering } = steer({
      objective: 'cost-optimal',
      target: 600,
      window: 100,
      populations: [
        { name: 'b', mask: 1, share: 0.5 },
        { name: 'e', mask: 2, share: 0.5 },
      ],
      models: [
        tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(1000)),
        tierModel('E', 'azure', 'japaneast', HUB_ZONES, table(1000)),
      ],
      sizes: [p2s(999), p2s(60)],
      usage: [1, 1],
      requirements: [{ scenario: hubZone('1'), percent: 100 }],
    });
    expect(steering.scenarios[1]).toEqual({
      label: 'loss of zone 1 (Azure japaneast)',
      lostTiers: [],
      placement: [at('b', 'B', 300), at('e', 'E', 300)],
      moves: [],
      reconnects: [p2sStorm('E', 100, 1)],
    });
  });

  it('leaves out placements of at most 1e-6 connections and rounds the rest', () => {
    const { steering } = steer({
      objective: 'cost-optimal',
      target: 1,
      window: 1,
      populations: [
        { name: 'big', mask: 1, share: 0.999997 },
        { name: 'tiny', mask: 1, share: 1e-6 },
        { name: 'small', mask: 1, share: 2e-6 },
      ],
      models: [tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(10))],
      sizes: [vpn(2)],
      usage: [1],
      requirements: [],
    });
    expect(steering.scenarios).toEqual([
      {
        label: 'nominal (nothing failed)',
        lostTiers: [],
        placement: [at('big', 'A', 1), at('small', 'A', 0)],
        moves: [],
        reconnects: [],
      },
    ]);
    expect(steering.populations.map((p) => p.connections)).toEqual([1, 0, 0]);
  });
});
