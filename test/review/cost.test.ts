/**
 * The review's cost comparison (lib/review/cost.ts) on hand-built plans: only the fields
 * reviewCost reads (tiers' ids and providers, the cost's total, lines and assumptions). Every
 * figure is exact: rounding to cents, grouping per cloud and component, the order of the rows,
 * the per-cloud totals, and the threshold, severity and wording of the `cost-changed` finding.
 */
import { reviewCost } from '../../lib/review/cost';
import { type CostLineInput, costPlan } from './support';

type Line = CostLineInput;
const plan = costPlan;

const BASIS = 'lib/planner cost model, from the capacity plan written beside each side\u2019s artifacts';
const IMPACT = 'none for users; the budget changes';

describe('reviewCost: no plan', () => {
  it('gives no summary and no finding when neither side has a plan', () => {
    expect(reviewCost(undefined, undefined)).toEqual({ summary: null, findings: [] });
  });
});

describe('reviewCost: lines grouped per cloud and component', () => {
  it('names the cloud from the line, else from its tier, else aws; the component from the line, else its item', () => {
    const tiers = [
      { tierId: 'tokyo', provider: 'aws' as const },
      { tierId: 'japan-east', provider: 'azure' as const },
    ];
    const lines: Line[] = [
      // cloud from the tier (azure), component from the item
      { tierId: 'japan-east', item: 'P2S gateway hours', monthlyUsd: 10 },
      // the line's own cloud wins over its tier's provider
      { cloud: 'aws', tierId: 'japan-east', component: 'Transit Gateway', monthlyUsd: 7 },
      // no cloud, unknown tier: aws
      { tierId: 'nowhere', component: 'Data transfer', monthlyUsd: 3 },
      // no cloud, no tier: aws
      { component: 'Elastic IPs', monthlyUsd: 2 },
      // component wins over item
      { cloud: 'azure', component: 'ExpressRoute', item: 'circuit osaka', monthlyUsd: 5 },
      // cloud from an aws tier
      { tierId: 'tokyo', component: 'Client VPN', monthlyUsd: 11 },
    ];
    const { summary } = reviewCost(undefined, plan(38, lines, [], tiers));
    expect(summary?.byComponent).toEqual([
      { cloud: 'aws', component: 'Client VPN', baseMonthly: 0, headMonthly: 11, deltaMonthly: 11 },
      { cloud: 'aws', component: 'Data transfer', baseMonthly: 0, headMonthly: 3, deltaMonthly: 3 },
      { cloud: 'aws', component: 'Elastic IPs', baseMonthly: 0, headMonthly: 2, deltaMonthly: 2 },
      { cloud: 'aws', component: 'Transit Gateway', baseMonthly: 0, headMonthly: 7, deltaMonthly: 7 },
      { cloud: 'azure', component: 'ExpressRoute', baseMonthly: 0, headMonthly: 5, deltaMonthly: 5 },
      { cloud: 'azure', component: 'P2S gateway hours', baseMonthly: 0, headMonthly: 10, deltaMonthly: 10 },
    ]);
  });

  it('adds lines of the same cloud and component, keeps base and head apart, and sorts by cloud then component', () => {
    const base = plan(0, [
      { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 100 },
      { cloud: 'aws', component: 'Transit Gateway', monthlyUsd: 40 },
      { cloud: 'aws', component: 'Client VPN', monthlyUsd: 30 },
      { cloud: 'aws', component: 'Transit Gateway', monthlyUsd: 2 },
    ]);
    const head = plan(0, [
      { cloud: 'aws', component: 'Transit Gateway', monthlyUsd: 50 },
      { cloud: 'aws', component: 'Transit Gateway', monthlyUsd: 5 },
      { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 90 },
      { cloud: 'azure', component: 'Azure Firewall', monthlyUsd: 20 },
    ]);
    const { summary } = reviewCost(base, head);
    expect(summary?.byComponent).toEqual([
      { cloud: 'aws', component: 'Client VPN', baseMonthly: 30, headMonthly: 0, deltaMonthly: -30 },
      { cloud: 'aws', component: 'Transit Gateway', baseMonthly: 42, headMonthly: 55, deltaMonthly: 13 },
      { cloud: 'azure', component: 'Azure Firewall', baseMonthly: 0, headMonthly: 20, deltaMonthly: 20 },
      { cloud: 'azure', component: 'VPN Gateway', baseMonthly: 100, headMonthly: 90, deltaMonthly: -10 },
    ]);
    expect(summary?.byCloud).toEqual([
      { cloud: 'aws', baseMonthly: 72, headMonthly: 55, deltaMonthly: -17 },
      { cloud: 'azure', baseMonthly: 100, headMonthly: 110, deltaMonthly: 10 },
    ]);
  });

  it('rounds each row to cents, half a cent up and less than half down', () => {
    const base = plan(0, [
      { cloud: 'aws', component: 'A', monthlyUsd: 0.125 },
      { cloud: 'aws', component: 'B', monthlyUsd: 1.004 },
    ]);
    const head = plan(0, [
      { cloud: 'aws', component: 'A', monthlyUsd: 0.25 },
      { cloud: 'aws', component: 'A', monthlyUsd: 0.125 },
      { cloud: 'aws', component: 'B', monthlyUsd: 2.0 },
    ]);
    const { summary } = reviewCost(base, head);
    expect(summary?.byComponent).toEqual([
      // 0.125 -> 0.13; 0.375 -> 0.38; 0.375 - 0.125 = 0.25
      { cloud: 'aws', component: 'A', baseMonthly: 0.13, headMonthly: 0.38, deltaMonthly: 0.25 },
      // 1.004 -> 1; 2 - 1.004 = 0.996 -> 1
      { cloud: 'aws', component: 'B', baseMonthly: 1, headMonthly: 2, deltaMonthly: 1 },
    ]);
    expect(summary?.byCloud).toEqual([
      { cloud: 'aws', baseMonthly: 1.13, headMonthly: 2.38, deltaMonthly: 1.25 },
    ]);
  });

  it('keeps a cloud whose base or head is non-zero and drops one that is zero on both sides', () => {
    const base = plan(0, [
      { cloud: 'aws', component: 'Client VPN', monthlyUsd: 12 },
      { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 0 },
    ]);
    const head = plan(0, [{ cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 0 }]);
    expect(reviewCost(base, head).summary?.byCloud).toEqual([
      { cloud: 'aws', baseMonthly: 12, headMonthly: 0, deltaMonthly: -12 },
    ]);
    expect(reviewCost(head, base).summary?.byCloud).toEqual([
      { cloud: 'aws', baseMonthly: 0, headMonthly: 12, deltaMonthly: 12 },
    ]);
    const azureOnly = plan(0, [{ cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 3 }]);
    expect(reviewCost(azureOnly, undefined).summary?.byCloud).toEqual([
      { cloud: 'azure', baseMonthly: 3, headMonthly: 0, deltaMonthly: -3 },
    ]);
  });
});

describe('reviewCost: the headline figures', () => {
  it('takes each side from the plan total (not the sum of lines), rounded to cents both ways', () => {
    const base = plan(1234.564, [{ cloud: 'aws', component: 'X', monthlyUsd: 1 }]);
    const head = plan(1234.567, [{ cloud: 'aws', component: 'X', monthlyUsd: 1 }]);
    const { summary, findings } = reviewCost(base, head);
    expect(summary).toMatchObject({
      currency: 'USD',
      baseMonthly: 1234.56,
      headMonthly: 1234.57,
      deltaMonthly: 0.01,
    });
    expect(findings).toEqual([]);
  });

  it('counts an absent side as zero and reads the basis from the side that is there', () => {
    const only = plan(
      250.5,
      [{ cloud: 'aws', component: 'Client VPN', monthlyUsd: 250.5 }],
      ['730 h a month'],
    );
    const headOnly = reviewCost(undefined, only).summary;
    expect(headOnly).toEqual({
      currency: 'USD',
      baseMonthly: 0,
      headMonthly: 250.5,
      deltaMonthly: 250.5,
      byCloud: [{ cloud: 'aws', baseMonthly: 0, headMonthly: 250.5, deltaMonthly: 250.5 }],
      byComponent: [
        { cloud: 'aws', component: 'Client VPN', baseMonthly: 0, headMonthly: 250.5, deltaMonthly: 250.5 },
      ],
      basis: [BASIS, '730 h a month'],
    });
    const baseOnly = reviewCost(only, undefined).summary;
    expect(baseOnly).toEqual({
      currency: 'USD',
      baseMonthly: 250.5,
      headMonthly: 0,
      deltaMonthly: -250.5,
      byCloud: [{ cloud: 'aws', baseMonthly: 250.5, headMonthly: 0, deltaMonthly: -250.5 }],
      byComponent: [
        { cloud: 'aws', component: 'Client VPN', baseMonthly: 250.5, headMonthly: 0, deltaMonthly: -250.5 },
      ],
      basis: [BASIS, '730 h a month'],
    });
  });

  it("prefers head's assumptions to base's, and has only the fixed line when the plan has none", () => {
    const base = plan(10, [], ['base: 1 USD = 150 JPY']);
    const head = plan(10, [], ['head: 730 h a month', 'head: 1 USD = 155 JPY']);
    expect(reviewCost(base, head).summary?.basis).toEqual([
      BASIS,
      'head: 730 h a month',
      'head: 1 USD = 155 JPY',
    ]);
    expect(reviewCost(base, undefined).summary?.basis).toEqual([BASIS, 'base: 1 USD = 150 JPY']);
    expect(reviewCost(undefined, plan(10, [], null)).summary?.basis).toEqual([BASIS]);
  });
});

describe('reviewCost: the cost-changed finding', () => {
  it('is absent below one dollar either way and present from one dollar either way', () => {
    expect(reviewCost(plan(100), plan(100.99)).findings).toEqual([]);
    expect(reviewCost(plan(100.99), plan(100)).findings).toEqual([]);
    expect(reviewCost(plan(100), plan(101)).findings).toEqual([
      {
        cloud: 'aws',
        stack: '',
        resource: '',
        type: '',
        rule: 'cost-changed',
        severity: 'info',
        category: 'cost',
        cause: [],
        message: 'monthly cost rises by USD 1 (+1.0 %), from 100 to 101',
        userImpact: IMPACT,
      },
    ]);
    expect(reviewCost(plan(101), plan(100)).findings.map((f) => [f.severity, f.message])).toEqual([
      ['info', 'monthly cost falls by USD 1 (-1.0 %), from 101 to 100'],
    ]);
  });

  it('warns on a rise of 10 % or more, not below 10 %, and never on a fall', () => {
    const at = (base: number, head: number) =>
      reviewCost(plan(base), plan(head)).findings.map((f) => [f.severity, f.message]);
    expect(at(1000, 1100)).toEqual([
      ['warn', 'monthly cost rises by USD 100 (+10.0 %), from 1,000 to 1,100'],
    ]);
    // 9.99 %: printed as 10.0 but below the threshold
    expect(at(1000, 1099.9)).toEqual([
      ['info', 'monthly cost rises by USD 100 (+10.0 %), from 1,000 to 1,100'],
    ]);
    expect(at(1000, 800)).toEqual([['info', 'monthly cost falls by USD 200 (-20.0 %), from 1,000 to 800']]);
    expect(at(1000, 500)).toEqual([['info', 'monthly cost falls by USD 500 (-50.0 %), from 1,000 to 500']]);
  });

  it('counts a rise from zero, or from no plan, as +100 %', () => {
    const expected = [['warn', 'monthly cost rises by USD 250 (+100.0 %), from 0 to 250']];
    expect(reviewCost(plan(0), plan(250)).findings.map((f) => [f.severity, f.message])).toEqual(expected);
    expect(reviewCost(undefined, plan(250)).findings.map((f) => [f.severity, f.message])).toEqual(expected);
  });

  it('writes whole dollars with thousands separators and the percent with one decimal', () => {
    const [rise] = reviewCost(plan(12345.4), plan(13580.6)).findings;
    // delta 1235.2, 1235.2 / 12345.4 = 10.005 %
    expect([rise?.severity, rise?.message]).toEqual([
      'warn',
      'monthly cost rises by USD 1,235 (+10.0 %), from 12,345 to 13,581',
    ]);
    const [fall] = reviewCost(plan(2345678.4), plan(1234567.6)).findings;
    // delta -1111110.8, -47.37 %
    expect([fall?.severity, fall?.message]).toEqual([
      'info',
      'monthly cost falls by USD 1,111,111 (-47.4 %), from 2,345,678 to 1,234,568',
    ]);
  });

  it('names the components whose cost changed, and the cloud of the largest change either way', () => {
    const base = plan(1000, [
      { cloud: 'aws', component: 'Client VPN', monthlyUsd: 600 },
      { cloud: 'aws', component: 'Transit Gateway', monthlyUsd: 100 },
      { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 300 },
    ]);
    const head = plan(965, [
      { cloud: 'aws', component: 'Client VPN', monthlyUsd: 615 },
      { cloud: 'aws', component: 'Transit Gateway', monthlyUsd: 100 },
      { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 250 },
    ]);
    expect(reviewCost(base, head).findings).toEqual([
      {
        cloud: 'azure',
        stack: '',
        resource: '',
        type: '',
        rule: 'cost-changed',
        severity: 'info',
        category: 'cost',
        cause: ['aws: Client VPN', 'azure: VPN Gateway'],
        message: 'monthly cost falls by USD 35 (-3.5 %), from 1,000 to 965',
        userImpact: IMPACT,
      },
    ]);
    const awsUp = plan(1200, [
      { cloud: 'aws', component: 'Client VPN', monthlyUsd: 900 },
      { cloud: 'aws', component: 'Transit Gateway', monthlyUsd: 100 },
      { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 280 },
    ]);
    const [finding] = reviewCost(base, awsUp).findings;
    expect([finding?.cloud, finding?.severity, finding?.cause]).toEqual([
      'aws',
      'warn',
      ['aws: Client VPN', 'azure: VPN Gateway'],
    ]);
  });

  it('falls back to aws when no line changed but the total did', () => {
    const base = plan(100, [{ cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 100 }]);
    const head = plan(150, [{ cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 100 }]);
    const [changed] = reviewCost(base, head).findings;
    // the only row has delta 0, so it is no cause, but it is still the top row: azure
    expect([changed?.cloud, changed?.cause]).toEqual(['azure', []]);
    const [noLines] = reviewCost(plan(100), plan(150)).findings;
    expect([noLines?.cloud, noLines?.cause, noLines?.severity]).toEqual(['aws', [], 'warn']);
    const azureOnly = reviewCost(
      plan(100),
      plan(150, [{ cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 50 }]),
    );
    expect(azureOnly.findings.map((f) => f.cloud)).toEqual(['azure']);
  });
});
