/**
 * Back-haul warnings: one per short path (its worst scenario and how many scenarios are
 * short), not one per scenario.
 */
import { shortPaths } from '../../lib/planner/backhaul';
import type { BackhaulCheck } from '../../lib/planner/types';
import { perMutant } from '../support/per-mutant';
import { loadModel } from '../support/profiles';

const check = (
  scenario: string,
  element: string,
  demandMbps: number,
  capacityMbps: number,
): BackhaulCheck => ({
  scenario,
  element,
  kind: 'link',
  from: 'azure:japanwest',
  to: 'dc:dc-harima',
  demandMbps,
  capacityMbps,
  verdict: demandMbps > capacityMbps ? 'short' : 'sufficient',
  ...(demandMbps > capacityMbps ? { fix: `fix ${element} ${demandMbps}` } : {}),
});

describe('shortPaths', () => {
  it('keeps one entry per short element with its largest shortfall and its scenario count', () => {
    const paths = shortPaths([
      check('nominal', 'link a', 3000, 1250),
      check('nominal', 'link b', 1000, 1250),
      check('loss of zone 1', 'link a', 4000, 1250),
      check('loss of zone 1', 'gateway g', 900, 500),
      check('loss of zone 2', 'link a', 4000, 1250),
      check('loss of zone 2', 'link b', 1251, 1250),
    ]);
    expect(paths.map((p) => [p.worst.element, p.worst.scenario, p.worst.demandMbps, p.scenarios])).toEqual([
      ['link a', 'loss of zone 1', 4000, 3], // the first of two equal worst cases
      ['gateway g', 'loss of zone 1', 900, 1],
      ['link b', 'loss of zone 2', 1251, 1], // a sufficient check does not count
    ]);
    expect(paths[0]!.worst.fix).toBe('fix link a 4000');
  });

  it('compares shortfalls, not demands, when capacities differ between scenarios', () => {
    const [path] = shortPaths([check('s1', 'link a', 5000, 4000), check('s2', 'link a', 4500, 2000)]);
    expect(path!.worst.scenario).toBe('s2');
    expect(path!.scenarios).toBe(2);
  });

  it('is empty when nothing is short', () => {
    expect(shortPaths([check('nominal', 'link a', 100, 1250)])).toEqual([]);
  });
});

describe('back-haul warnings of a profile', () => {
  const hyogo = perMutant(() => loadModel('hyogo'));

  it('say each short path once, with the count of scenarios it is short in', () => {
    const model = hyogo();
    const warnings = model.warnings.filter((w) => w.message.startsWith('back-haul short'));
    const short = model.plan.backhaul.filter((c) => c.verdict === 'short');
    const elements = new Set(short.map((c) => c.element));
    expect(warnings).toHaveLength(elements.size);
    for (const element of elements) {
      const lines = warnings.filter((w) => w.message.includes(`: ${element} carries`));
      expect(lines).toHaveLength(1);
      const count = short.filter((c) => c.element === element).length;
      expect(lines[0]!.message).toContain(
        count === 1 ? 'short after ' : `short in ${count} scenarios, worst after `,
      );
    }
  });
});
