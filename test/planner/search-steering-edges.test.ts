/**
 * Edges of the sizing search (lib/planner/search.ts), its steering arithmetic
 * (lib/planner/steering.ts) and the steering of a sized design (lib/planner/steer.ts) that
 * test/planner/search-steering.test.ts leaves open: the exact 1e-6 / 1e-9 tolerance
 * boundaries (a near-tie just under the K-th best, a branch whose bound equals it, a
 * shortfall or a reconnect count of exactly 1e-6), dominance by a strictly cheaper size of
 * equal capacity, the remaining tiers' largest capacities in the feasibility pruning, the
 * nominal scenario a design's normal capacity is read in, the zones a Client VPN endpoint is
 * associated with, and how losses from two lost tiers are paired with gains on two others.
 * Every input is tiny and hand-built and every expected value is written out literally, so
 * the file stays fast enough to run once per mutant.
 */
import { searchDesigns } from '../../lib/planner/search';
import { canCarry, demandWithin, flowAssignment } from '../../lib/planner/steering';
import {
  AWS_ZONES,
  at,
  awsStorm,
  awsZone,
  HUB_ZONES,
  move,
  p2s,
  p2sStorm,
  search,
  steer,
  table,
  tierModel,
  vpn,
} from './support/search-and-steer';

// ---------------------------------------------------------------------------------------------

describe('steering arithmetic at the 1e-6 boundary', () => {
  it('canCarry forgives a shortfall of exactly 1e-6, not more', () => {
    // One population on tier 0 alone, nothing of capacity: demand 1e-6 > 0 + 1e-6 is false.
    expect(canCarry(demandWithin([1], [1e-6], 1), 1, [0])).toBe(true);
    expect(canCarry(demandWithin([1], [2e-6], 1), 1, [0])).toBe(false);
    expect(canCarry(demandWithin([1], [1], 1), 1e-6, [0])).toBe(true);
  });

  it('flowAssignment reports a shortfall of at most 1e-6 as nothing unplaced', () => {
    const price = () => 1;
    // 1 connection, 0.9999995 of room: 5e-7 finds none, which is within the tolerance.
    expect(flowAssignment([1], [1], [0.9999995], price)).toEqual({ assignment: [[0.9999995]], unplaced: 0 });
    expect(flowAssignment([1], [1], [0.5], price)).toEqual({ assignment: [[0.5]], unplaced: 0.5 });
    expect(flowAssignment([1], [1], [1], price)).toEqual({ assignment: [[1]], unplaced: 0 });
  });
});

describe('searchDesigns edges', () => {
  const design = (sizes: number[], fixedUsd: number, usageUsd: number, totalUsd: number) => ({
    sizes,
    fixedUsd,
    usageUsd,
    totalUsd,
  });

  describe('dominance by a strictly cheaper size of equal capacity', () => {
    // One tier, 50 connections all on it, no usage charge, both sizes carry 100.
    const one = (fixed: number[]) =>
      search({
        fixed: [fixed],
        capacity: [[[100], [100]]],
        required: [{ scenario: 0, connections: 50 }],
        masks: [1],
        normalConnections: 50,
        usagePerConnection: [0],
        keep: 2,
      });
    it('skips the dearer size whether it comes first or second', () => {
      expect(searchDesigns(one([10, 5]))).toEqual({
        designs: [design([1], 5, 0, 5)],
        evaluated: 1,
        spaceSize: 2,
      });
      expect(searchDesigns(one([5, 10]))).toEqual({
        designs: [design([0], 5, 0, 5)],
        evaluated: 1,
        spaceSize: 2,
      });
    });
    it('balanced keeps both', () => {
      expect(searchDesigns({ ...one([10, 5]), objective: 'balanced' })).toEqual({
        designs: [design([1], 5, 0, 5), design([0], 10, 0, 10)],
        evaluated: 2,
        spaceSize: 2,
      });
    });
  });

  it('checks each prefix against the remaining tiers at their largest, not at nothing', () => {
    // Tier 0 ($10, 60) alone cannot carry the 100 required; with tier 1 ($20, 60) it can.
    // Usage: 60 on tier 0 at $1 + 40 on tier 1 at $2 = 140.
    const input = search({
      fixed: [[10], [20]],
      capacity: [[[60]], [[60]]],
      required: [{ scenario: 0, connections: 100 }],
      masks: [3],
      normalConnections: 100,
      usagePerConnection: [1, 2],
      keep: 3,
    });
    expect(searchDesigns(input)).toEqual({
      designs: [design([0, 0], 30, 140, 170)],
      evaluated: 1,
      spaceSize: 1,
    });
    expect(searchDesigns({ ...input, objective: 'explicit', explicitOrders: [[0, 1]] })).toEqual({
      designs: [design([0, 0], 30, 140, 170)],
      evaluated: 1,
      spaceSize: 1,
    });
  });

  it('drops the only design when its normal traffic does not fit, even with no bound yet', () => {
    // $10 carries 100 normally (150 needed) and 60 in scenario 1 (50 required).
    const input = search({
      fixed: [[10]],
      capacity: [[[100, 60]]],
      required: [{ scenario: 1, connections: 50 }],
      masks: [1],
      normalConnections: 150,
      usagePerConnection: [1],
      keep: 2,
    });
    expect(searchDesigns(input)).toEqual({ designs: [], evaluated: 1, spaceSize: 1 });
  });

  describe('the 1e-9 tolerance around the K-th best total', () => {
    // One tier, explicit (so no dominance and no usage bound), no usage charge, keep 1.
    const one = (fixed: number[]) =>
      search({
        objective: 'explicit',
        fixed: [fixed],
        capacity: [[[100], [100]]],
        required: [{ scenario: 0, connections: 50 }],
        masks: [1],
        normalConnections: 50,
        usagePerConnection: [0],
        explicitOrders: [[0]],
        keep: 1,
      });
    it('a later design cheaper by less than 1e-9 still replaces the best', () => {
      expect(searchDesigns(one([10, 9.9999999995]))).toEqual({
        designs: [design([1], 9.9999999995, 0, 9.9999999995)],
        evaluated: 2,
        spaceSize: 2,
      });
    });
    it('a branch whose bound is exactly the best + 1e-9 is still evaluated (then dropped)', () => {
      expect(searchDesigns(one([10, 10.000000001]))).toEqual({
        designs: [design([0], 10, 0, 10)],
        evaluated: 2,
        spaceSize: 2,
      });
      // 1e-8 dearer: cut before evaluation.
      expect(searchDesigns(one([10, 10.00000001]))).toEqual({
        designs: [design([0], 10, 0, 10)],
        evaluated: 1,
        spaceSize: 2,
      });
    });
  });
});

describe('steerDesign edges', () => {
  it('reads normal capacity in the nominal scenario', () => {
    // A model that carries 80 normally and 30 in any other scenario.
    const { steering, normalLoads } = steer({
      objective: 'cost-optimal',
      target: 50,
      window: 10,
      populations: [{ name: 'P', mask: 1, share: 1 }],
      models: [tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, (s) => (s.kind === 'nominal' ? 80 : 30))],
      sizes: [vpn(2)],
      usage: [1],
      requirements: [],
    });
    expect(steering).toEqual({
      objective: 'cost-optimal',
      populations: [
        { population: 'P', connections: 50, usableTiers: ['A'], refusedTiers: [], failoverOrder: ['A'] },
      ],
      scenarios: [
        {
          label: 'nominal (nothing failed)',
          lostTiers: [],
          placement: [at('P', 'A', 50)],
          moves: [],
          reconnects: [],
        },
      ],
    });
    expect([...normalLoads]).toEqual([['A', 50]]);
  });

  it('drops a Client VPN zone’s share only when the endpoint is associated with that zone', () => {
    // Three zones in the Region, the endpoint associated with the first two.
    const lose = (zone: string) =>
      steer({
        objective: 'cost-optimal',
        target: 100,
        window: 10,
        populations: [{ name: 'P', mask: 1, share: 1 }],
        models: [
          tierModel('A', 'aws', 'ap-northeast-1', ['apne1-az1', 'apne1-az2', 'apne1-az3'], table(200)),
        ],
        sizes: [vpn(2)],
        usage: [1],
        requirements: [{ scenario: awsZone(zone), percent: 100 }],
      }).steering.scenarios[1];
    expect(lose('apne1-az2')).toEqual({
      label: 'loss of zone apne1-az2 (AWS ap-northeast-1)',
      lostTiers: [],
      placement: [at('P', 'A', 100)],
      moves: [],
      reconnects: [awsStorm('A', 50, 5, 1)],
    });
    expect(lose('apne1-az3')).toEqual({
      label: 'loss of zone apne1-az3 (AWS ap-northeast-1)',
      lostTiers: [],
      placement: [at('P', 'A', 100)],
      moves: [],
      reconnects: [],
    });
  });

  it('pairs the losses of two lost tiers with the gains on two others, tier by tier', () => {
    // P normally: A 100 and D 50 (both $1). Losing AWS: B ($2) takes 50, C ($3) the other 100.
    // A's 100 fill B's 50 and then 50 of C; D's 50 go to the rest of C.
    const { steering, traffic } = steer({
      objective: 'cost-optimal',
      target: 150,
      window: 10,
      populations: [{ name: 'P', mask: 15, share: 1 }],
      models: [
        tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(100, { 'provider:aws': 0 })),
        tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(50)),
        tierModel('C', 'azure', 'japanwest', HUB_ZONES, table(200)),
        tierModel('D', 'aws', 'ap-northeast-3', AWS_ZONES, table(50, { 'provider:aws': 0 })),
      ],
      sizes: [vpn(2), p2s(1), p2s(1), vpn(2)],
      usage: [1, 2, 3, 1],
      requirements: [{ scenario: { kind: 'provider', provider: 'aws' }, percent: 100 }],
    });
    expect(steering).toEqual({
      objective: 'cost-optimal',
      populations: [
        {
          population: 'P',
          connections: 150,
          usableTiers: ['A', 'B', 'C', 'D'],
          refusedTiers: [],
          // Normal load A 100, D 50; then where P moved: C 100, B 50.
          failoverOrder: ['A', 'D', 'C', 'B'],
        },
      ],
      scenarios: [
        {
          label: 'nominal (nothing failed)',
          lostTiers: [],
          placement: [at('P', 'A', 100), at('P', 'D', 50)],
          moves: [],
          reconnects: [],
        },
        {
          label: 'loss of every AWS access tier',
          lostTiers: ['A', 'D'],
          placement: [at('P', 'B', 50), at('P', 'C', 100)],
          moves: [move('P', 'A', 'B', 50), move('P', 'A', 'C', 50), move('P', 'D', 'C', 50)],
          reconnects: [p2sStorm('B', 50, 5), p2sStorm('C', 100, 10)],
        },
      ],
    });
    expect(traffic.map((t) => [t.label, [...t.lostPlaces]])).toEqual([
      ['nominal (nothing failed)', []],
      ['loss of every AWS access tier', ['aws:ap-northeast-1', 'aws:ap-northeast-3']],
    ]);
  });

  it('orders failover by normal load even when the lower index carries more', () => {
    // Cost-optimal puts 80 on A ($1, 80) and 20 on B ($2): A first, then B.
    const { steering } = steer({
      objective: 'cost-optimal',
      target: 100,
      window: 10,
      populations: [{ name: 'P', mask: 3, share: 1 }],
      models: [
        tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(80)),
        tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(100)),
      ],
      sizes: [vpn(2), p2s(1)],
      usage: [1, 2],
      requirements: [],
    });
    expect(steering.populations).toEqual([
      {
        population: 'P',
        connections: 100,
        usableTiers: ['A', 'B'],
        refusedTiers: [],
        failoverOrder: ['A', 'B'],
      },
    ]);
    expect(steering.scenarios[0]!.placement).toEqual([at('P', 'A', 80), at('P', 'B', 20)]);
  });

  it('does not report a move of exactly 1e-6 connections', () => {
    // Losing AWS: B ($2) has room for exactly 1e-6, C ($3) takes the rest.
    const { steering } = steer({
      objective: 'cost-optimal',
      target: 100,
      window: 10,
      populations: [{ name: 'P', mask: 7, share: 1 }],
      models: [
        tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(100, { 'provider:aws': 0 })),
        tierModel('B', 'azure', 'japaneast', HUB_ZONES, table(0, { 'provider:aws': 1e-6 })),
        tierModel('C', 'azure', 'japanwest', HUB_ZONES, table(1000)),
      ],
      sizes: [vpn(2), p2s(1), p2s(1)],
      usage: [1, 2, 3],
      requirements: [{ scenario: { kind: 'provider', provider: 'aws' }, percent: 100 }],
    });
    expect(steering.scenarios[1]).toEqual({
      label: 'loss of every AWS access tier',
      lostTiers: ['A'],
      placement: [at('P', 'C', 100)],
      moves: [move('P', 'A', 'C', 100)],
      reconnects: [p2sStorm('C', 100, 10)],
    });
  });

  it('reports same-tier reconnects only above 1e-6 connections', () => {
    // A zone loss drops half of the tier's load: 2e-6 drops exactly 1e-6 (none), 4e-6 drops 2e-6.
    const zoneLoss = (share: number) =>
      steer({
        objective: 'cost-optimal',
        target: 1,
        window: 1,
        populations: [{ name: 'P', mask: 1, share }],
        models: [tierModel('A', 'aws', 'ap-northeast-1', AWS_ZONES, table(10))],
        sizes: [vpn(2)],
        usage: [1],
        requirements: [{ scenario: awsZone('apne1-az1'), percent: 100 }],
      }).steering.scenarios[1]!;
    expect(zoneLoss(2e-6)).toEqual({
      label: 'loss of zone apne1-az1 (AWS ap-northeast-1)',
      lostTiers: [],
      placement: [at('P', 'A', 0)],
      moves: [],
      reconnects: [],
    });
    expect(zoneLoss(4e-6).reconnects).toEqual([awsStorm('A', 0, 0, 1)]);
  });
});
