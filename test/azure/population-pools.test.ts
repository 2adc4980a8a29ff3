/**
 * The per-population pool carving of Virtual WAN point-to-site tiers (lib/planner/azure-pools.ts):
 * pools never overlap, meet Microsoft's pool rules at 40+ scale units, and never move when a
 * population grows or scale units are added.
 */
import fc from 'fast-check';
import { addressCount, contains, overlaps, parseCidr } from '../../lib/net/cidr';
import { carvePopulationPools, type PopulationDemand } from '../../lib/planner/azure-pools';
import {
  P2S_MIN_ADDRESSES_PER_POOL,
  P2S_SCALE_UNITS,
  p2sMinimumPools,
} from '../../lib/quotas/azure-virtual-wan';

const BLOCK = parseCidr('10.96.0.0/13');
const ROWS = P2S_SCALE_UNITS.value;
const RUNS = { numRuns: 150, seed: 20261201 };

const populationsArb = fc
  .array(fc.integer({ min: 1, max: 60_000 }), { minLength: 1, maxLength: 6 })
  .map((users) => users.map((concurrentUsers, i): PopulationDemand => ({ name: `p${i}`, concurrentUsers })));
const rowArb = fc.integer({ min: 0, max: ROWS.length - 1 });

function carve(populations: readonly PopulationDemand[], row: number, headroom = 10) {
  const { scaleUnits, connections } = ROWS[row]!;
  return carvePopulationPools(BLOCK, populations, headroom, scaleUnits, connections);
}

function keyed(result: ReturnType<typeof carve>): Map<string, string> {
  const map = new Map<string, string>();
  if (!result.fits) return map;
  for (const p of result.populations) p.pools.forEach((cidr, k) => map.set(`${p.population}#${k}`, cidr));
  return map;
}

describe('per-population point-to-site pools', () => {
  it('never overlap, stay in the block and meet the vendor rules at 40+ scale units', () => {
    fc.assert(
      fc.property(populationsArb, rowArb, (populations, row) => {
        const result = carve(populations, row);
        if (!result.fits) return;
        const pools = result.populations.flatMap((p) => p.pools).map(parseCidr);
        for (let i = 0; i < pools.length; i++) {
          expect(contains(BLOCK, pools[i]!)).toBe(true);
          expect(addressCount(pools[i]!)).toBeGreaterThanOrEqual(BigInt(P2S_MIN_ADDRESSES_PER_POOL.value));
          for (let j = i + 1; j < pools.length; j++) expect(overlaps(pools[i]!, pools[j]!)).toBe(false);
        }
        expect(pools.length).toBeGreaterThanOrEqual(p2sMinimumPools(ROWS[row]!.scaleUnits));
        // Every population's pools hold its users (plus headroom) or the whole gateway.
        for (const [i, p] of result.populations.entries()) {
          const need = Math.min(Math.ceil(populations[i]!.concurrentUsers * 1.1), ROWS[row]!.connections);
          const held = p.pools.reduce((sum, c) => sum + Number(addressCount(parseCidr(c))), 0);
          expect(held).toBeGreaterThanOrEqual(need);
        }
      }),
      RUNS,
    );
  });

  it('never moves a pool when one population grows or scale units are added', () => {
    fc.assert(
      fc.property(
        populationsArb,
        rowArb,
        fc.nat(),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 3 }),
        (populations, row, which, extra, moreRows) => {
          const before = keyed(carve(populations, row));
          const grown = populations.map((p, i) =>
            i === which % populations.length ? { ...p, concurrentUsers: p.concurrentUsers + extra } : p,
          );
          const after = carve(grown, Math.min(ROWS.length - 1, row + moreRows));
          if (!after.fits) return;
          const afterPools = keyed(after);
          for (const [key, cidr] of before) expect(afterPools.get(key)).toBe(cidr);
        },
      ),
      RUNS,
    );
  });

  it('keeps every pool when a population is appended within the same power of two', () => {
    const three = ['a', 'b', 'c'].map((name) => ({ name, concurrentUsers: 20_000 }));
    const before = keyed(carve(three, 4));
    const after = keyed(carve([...three, { name: 'd', concurrentUsers: 5_000 }], 4));
    expect(before.size).toBeGreaterThan(0);
    for (const [key, cidr] of before) expect(after.get(key)).toBe(cidr);
  });

  it('explains why a block is too small', () => {
    // Three populations split a /17 into four /19 slots: smaller than one /18 pool.
    const populations = ['a', 'b', 'c'].map((name) => ({ name, concurrentUsers: 1 }));
    const result = carvePopulationPools(parseCidr('10.96.0.0/17'), populations, 0, 1, 500);
    expect(result).toEqual({
      fits: false,
      reason: expect.stringMatching(/10\.96\.0\.0\/17 .*\/19 slots.*\/18 pool/),
    });
  });
});
