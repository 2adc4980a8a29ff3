/**
 * The review end to end on real synthesis: the Hyogo fixture synthesized once as base, one
 * head with realistic edits across both clouds (an access tier's client block moved, an
 * ExpressRoute circuit's peering location changed, a population's reach widened, the cost
 * assumptions changed). Also: the CLI's exit codes, acknowledgements, the Markdown budget on
 * the largest change (every stack removed), and the property that a tree reviewed against
 * itself has no findings.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readSynthTree, type SynthTree } from '../../lib/review/artifacts';
import { MARKDOWN_BUDGET, REVIEW_MARKER, renderReviewMarkdown } from '../../lib/review/render-markdown';
import { review } from '../../lib/review/review';
import type { Report } from '../../lib/review/types';
import { perMutant } from '../support/per-mutant';
import type { MutableProfile } from '../support/profiles';
import { runTsunagi } from '../support/run-tsunagi';
import { artifactsDir, editedArtifactsDir } from '../support/synthesized';

const ROOT = join(__dirname, '..', '..');
const TODAY = '2026-12-01';
let temp: string;
let base: SynthTree;
let head: SynthTree;
let iwate: SynthTree;
let baseDir: string;
let headDir: string;
let report: Report;

/**
 * A realistic pull request across both clouds: an access tier's client block moved, a
 * circuit's peering location changed, a population's reach widened, the cost assumptions
 * changed.
 */
const HEAD_EDITS = (p: MutableProfile) => {
  p.accessTiers.find((t: { id: string }) => t.id === 'aws-tokyo').clientAddressBlock = '10.112.0.0/12';
  p.expressRoute.circuits[0].peeringLocation = 'Tokyo2';
  p.populations.find((x: { name: string }) => x.name === 'small-business').reach.push('municipal-gateway');
  p.costAssumptions = { connectedHoursPerMonth: 200, averageConcurrencyPercent: 60 };
};

function tsunagi(args: readonly string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'dist', 'tsunagi.js'), 'review', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

beforeAll(() => {
  temp = mkdtempSync(join(tmpdir(), 'tsunagi-review-test-'));
  // The base is the fixture as the global setup synthesized it (real CLI).
  baseDir = artifactsDir('hyogo');
  // The head: the fixture with a pull request's edits (HEAD_EDITS), synthesized in-process as
  // the apps do (test/support/synth-both.ts) into the artifact cache, laid out as `tsunagi synth
  // --output` writes it. A difference between that path and the real CLI's would show here as
  // changes the edits do not explain.
  headDir = editedArtifactsDir('hyogo', 'review-head', HEAD_EDITS);
});

// Read and reviewed in each test of a mutation run (the reader and the review are under
// mutation), once in npm test.
const trees = perMutant(() => ({
  base: readSynthTree(baseDir, 'base'),
  head: readSynthTree(headDir, 'head'),
  iwate: readSynthTree(artifactsDir('iwate'), 'iwate'),
}));
const headReport = perMutant(() => review(trees().base, trees().head, { today: TODAY }));
beforeEach(() => {
  ({ base, head, iwate } = trees());
  report = headReport();
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('unchanged tree', () => {
  test('pass with no findings, and capacity recomputed from the artifacts equals the plan', () => {
    const same = review(base, base, { today: TODAY });
    expect(same.verdict).toBe('pass');
    expect(same.findings).toEqual([]);
    expect(same.changes).toEqual([]);
    expect(same.capacity.map((r) => [r.key, r.base, r.head])).toEqual(
      base.plan!.scenarios.map((s) => [expect.any(String), s.capacity, s.capacity]),
    );
    expect(same.capacity.find((r) => r.key === 'nominal')).toMatchObject({ required: 99_000, head: 170_000 });
  });

  test('property: any tree reviewed against a re-serialized copy of itself has no findings', () => {
    const reorder = (value: unknown, flip: boolean): unknown => {
      if (Array.isArray(value)) return value.map((v) => reorder(v, flip));
      if (value && typeof value === 'object') {
        const keys = Object.keys(value).sort();
        if (flip) keys.reverse();
        return Object.fromEntries(keys.map((k) => [k, reorder((value as Record<string, unknown>)[k], flip)]));
      }
      return value;
    };
    const copy = (tree: SynthTree, flip: boolean): SynthTree => ({
      ...tree,
      aws: new Map(
        [...tree.aws].map(([k, s]) => {
          const template = reorder(s.template, flip) as typeof s.template;
          return [k, { ...s, template, text: JSON.stringify(template) }];
        }),
      ),
      azure: new Map(
        [...tree.azure].map(([k, s]) => {
          const json = reorder(s.json, flip) as typeof s.json;
          return [k, { ...s, json, text: JSON.stringify(json) }];
        }),
      ),
    });
    fc.assert(
      fc.property(fc.constantFrom(base, head, iwate), fc.boolean(), (tree, flip) => {
        const r = review(tree, copy(tree, flip), { today: TODAY });
        return r.findings.length === 0 && r.verdict === 'pass';
      }),
      { numRuns: 6, seed: 7 },
    );
  });
});

describe('a change across both clouds', () => {
  const find = (rule: string, resource?: RegExp) =>
    report.findings.filter((f) => f.rule === rule && (!resource || resource.test(f.resource)));

  test('the moved client block replaces the Tokyo endpoint: blocking, and the whole tier at once cannot be acknowledged', () => {
    expect(find('stateful-replaced', /^awstokyo0Endpoint/)).toMatchObject([
      { severity: 'block', category: 'replacement', cloud: 'aws', cause: ['Properties.ClientCidrBlock'] },
    ]);
    expect(find('tier-all-endpoints-replaced')).toMatchObject([
      { severity: 'block', acknowledgeable: false, cause: ['tier aws-tokyo'] },
    ]);
  });

  test('changes only the stacks the edits reach', () => {
    // The base comes from the real CLI, the head from an in-process synth: a difference
    // between the two paths would add stacks here (the unedited fixture gives no change).
    expect([...new Set(report.changes.map((c) => c.stack))].sort()).toEqual([
      'hyogo-prod-connectivity',
      'hyogo-prod-monitoring',
      'hyogo-prod-remote-access',
      'hyogo-prod-remote-access-apne1',
      'hyogo-prod-remote-access-apne3',
    ]);
  });

  test('the ExpressRoute circuit with a new peering location is replaced: blocking', () => {
    const [circuit] = find('stateful-replaced', /^azurerm_express_route_circuit\./);
    expect(circuit).toMatchObject({ cloud: 'azure', severity: 'block', cause: ['peering_location'] });
    expect(circuit!.userImpact).toMatch(/provider .* must provision the circuit again/);
  });

  test('the population newly reaching a segment is a security finding on both clouds where it shows', () => {
    const widened = find('authorization-widened');
    expect(widened.length).toBeGreaterThan(0);
    expect(widened.every((f) => f.category === 'security' && f.severity === 'block')).toBe(true);
    expect(widened.map((f) => f.message).join('\n')).toMatch(
      /tw-small-business is newly authorized to reach 10\.17\.0\.0\/16/,
    );
  });

  test('capacity: head meets every scenario; during the change the Tokyo endpoint is down', () => {
    const nominal = report.capacity.find((r) => r.key === 'nominal')!;
    expect(nominal).toMatchObject({ base: 170_000, head: 170_000, during: 163_000, verdict: 'meets' });
    expect(report.findings.filter((f) => f.rule === 'capacity-below-target')).toEqual([]);
  });

  test('cost: the planner\u2019s monthly estimate per cloud and component, with the delta', () => {
    expect(report.cost).not.toBeNull();
    const cost = report.cost!;
    expect(cost.deltaMonthly).toBeCloseTo(cost.headMonthly - cost.baseMonthly, 2);
    expect(cost.deltaMonthly).toBeGreaterThan(0);
    expect(cost.baseMonthly).toBe(base.plan!.cost.monthlyUsd);
    expect(cost.byCloud.reduce((s, c) => s + c.deltaMonthly, 0)).toBeCloseTo(cost.deltaMonthly, 0);
    expect(find('cost-changed')).toMatchObject([{ category: 'cost' }]);
  });

  test('acknowledging the endpoint replacement is not enough: the tier rule refuses acknowledgement', () => {
    const endpoint = find('stateful-replaced', /^awstokyo0Endpoint/)[0]!;
    const tier = find('tier-all-endpoints-replaced')[0]!;
    const acked = review(base, head, {
      today: TODAY,
      acknowledgements: [endpoint, tier].map((f) => ({
        fingerprint: f.id,
        reason: 'maintenance window approved by the change board',
        reference: 'CR-42',
        expires: '2026-12-31',
      })),
    });
    expect(acked.findings.find((f) => f.id === endpoint.id)!.acknowledged).toBe(true);
    expect(acked.acks.refused.map((r) => r.fingerprint)).toEqual([tier.id]);
    expect(acked.verdict).toBe('block');
  });

  test('Markdown: verdict on the first line behind the marker, blocking table, capacity, cost, details', () => {
    const md = renderReviewMarkdown(report);
    expect(md.split('\n')[0]).toMatch(
      new RegExp(`^${REVIEW_MARKER}\u274c \\*\\*tsunagi review: block\\*\\*`),
    );
    expect(md).toContain('| id | stack | resource | type | action | cause | what it means for users |');
    expect(md).toMatch(
      /\| nominal \(nothing failed\) \| 99,000 \| 170,000 \| 170,000 \| 163,000 \| meets \|/,
    );
    expect(md).toContain('<details><summary>aws <code>hyogo-prod-remote-access-apne1</code>');
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
  });
});

describe('Markdown budget', () => {
  test('the largest change (every stack removed) stays within 60,000 characters and says what was cut', () => {
    const empty = join(temp, 'empty');
    mkdirSync(join(empty, 'cdk.out'), { recursive: true });
    mkdirSync(join(empty, 'cdktf.out'), { recursive: true });
    writeFileSync(join(empty, 'cdk.out', 'manifest.json'), JSON.stringify({ version: '1', artifacts: {} }));
    writeFileSync(join(empty, 'cdktf.out', 'manifest.json'), JSON.stringify({ stacks: {} }));
    const gone = review(base, readSynthTree(empty, 'nothing'), { today: TODAY });
    expect(gone.changes.length).toBeGreaterThan(300);
    const md = renderReviewMarkdown(gone);
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_BUDGET);
    // A smaller budget forces the later stages; the comment names them.
    const small = renderReviewMarkdown(gone, 12_000);
    expect(small.length).toBeLessThanOrEqual(12_000);
    expect(small).toMatch(
      /Shortened to fit .* per-stack resource tables and informational findings left out/,
    );
  });
});

describe('tsunagi review (CLI)', () => {
  test('exit 1 on a blocking finding, JSON with schemaVersion', () => {
    const blocked = tsunagi(['--base', baseDir, '--head', headDir, '--format', 'json']);
    expect(blocked.status).toBe(1);
    const json = JSON.parse(blocked.stdout) as Report;
    expect(json).toMatchObject({ schemaVersion: 1, verdict: 'block' });
    expect(json.findings.map((f) => f.id)).toEqual(report.findings.map((f) => f.id));
  });

  test('exit 2 with one clear line on bad usage or input, never a stack trace', async () => {
    const usage = await runTsunagi(['review']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^tsunagi review: pass --base <dir>/);
    const badAcks = join(temp, 'acks.yaml');
    writeFileSync(badAcks, 'acknowledgements:\n  - fingerprint: nope\n');
    const r = await runTsunagi(['review', '--base', baseDir, '--head', baseDir, '--acks', badAcks]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/acks\.yaml:2: acknowledgements\[0\]\.fingerprint/);
  });
});
