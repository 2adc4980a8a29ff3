/**
 * Monthly cost of base and head from the planner's cost model: each side's plan
 * (tsunagi-plan.json, written by `tsunagi synth` from lib/planner) carries its estimate line
 * by line, so prices live only in lib/quotas and are never copied here. Lines are grouped
 * per cloud and per component (`component` when the plan names it, else the line's item).
 */
import type { CapacityPlan } from '../model/plan';
import type { FindingInput } from './finding';
import type { Cloud, CostLineDelta, CostSummary } from './types';

interface LooseCostLine {
  readonly cloud?: Cloud;
  readonly component?: string;
  readonly tierId?: string;
  readonly item: string;
  readonly monthlyUsd: number;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function linesOf(plan: CapacityPlan | undefined): { cloud: Cloud; component: string; monthly: number }[] {
  if (!plan) return [];
  const providerOf = new Map(plan.tiers.map((t) => [t.tierId, t.provider]));
  return (plan.cost.lines as readonly LooseCostLine[]).map((line) => ({
    cloud: line.cloud ?? providerOf.get(line.tierId ?? '') ?? 'aws',
    component: line.component ?? line.item,
    monthly: line.monthlyUsd,
  }));
}

export function reviewCost(
  base: CapacityPlan | undefined,
  head: CapacityPlan | undefined,
): { summary: CostSummary | null; findings: FindingInput[] } {
  if (!base && !head) return { summary: null, findings: [] };
  const rows = new Map<string, { cloud: Cloud; component: string; base: number; head: number }>();
  const add = (side: 'base' | 'head', plan: CapacityPlan | undefined) => {
    for (const l of linesOf(plan)) {
      const k = `${l.cloud}\u0000${l.component}`;
      const row = rows.get(k) ?? { cloud: l.cloud, component: l.component, base: 0, head: 0 };
      row[side] += l.monthly;
      rows.set(k, row);
    }
  };
  add('base', base);
  add('head', head);
  const byComponent: CostLineDelta[] = [...rows.values()]
    .map((r) => ({
      cloud: r.cloud,
      component: r.component,
      baseMonthly: round(r.base),
      headMonthly: round(r.head),
      deltaMonthly: round(r.head - r.base),
    }))
    .sort((a, b) => a.cloud.localeCompare(b.cloud) || a.component.localeCompare(b.component));
  const byCloud = (['aws', 'azure'] as const)
    .map((cloud) => {
      const mine = byComponent.filter((c) => c.cloud === cloud);
      const b = round(mine.reduce((s, c) => s + c.baseMonthly, 0));
      const h = round(mine.reduce((s, c) => s + c.headMonthly, 0));
      return { cloud, baseMonthly: b, headMonthly: h, deltaMonthly: round(h - b) };
    })
    .filter((c) => c.baseMonthly !== 0 || c.headMonthly !== 0);
  const baseMonthly = base ? round(base.cost.monthlyUsd) : 0;
  const headMonthly = head ? round(head.cost.monthlyUsd) : 0;
  const summary: CostSummary = {
    currency: 'USD',
    baseMonthly,
    headMonthly,
    deltaMonthly: round(headMonthly - baseMonthly),
    byCloud,
    byComponent,
    basis: [
      'lib/planner cost model, from the capacity plan written beside each side\u2019s artifacts',
      ...((head ?? base)?.cost.assumptions ?? []),
    ],
  };
  const findings: FindingInput[] = [];
  const delta = summary.deltaMonthly;
  if (Math.abs(delta) >= 1) {
    const percent = baseMonthly > 0 ? (delta * 100) / baseMonthly : 100;
    const top = [...byComponent].sort((a, b) => Math.abs(b.deltaMonthly) - Math.abs(a.deltaMonthly))[0];
    findings.push({
      cloud: top?.cloud ?? 'aws',
      stack: '',
      resource: '',
      type: '',
      rule: 'cost-changed',
      severity: delta > 0 && percent >= 10 ? 'warn' : 'info',
      category: 'cost',
      cause: byComponent.filter((c) => c.deltaMonthly !== 0).map((c) => `${c.cloud}: ${c.component}`),
      message: `monthly cost ${delta > 0 ? 'rises' : 'falls'} by USD ${Math.abs(delta).toLocaleString('en-US', { maximumFractionDigits: 0 })} (${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %), from ${baseMonthly.toLocaleString('en-US', { maximumFractionDigits: 0 })} to ${headMonthly.toLocaleString('en-US', { maximumFractionDigits: 0 })}`,
      userImpact: 'none for users; the budget changes',
    });
  }
  return { summary, findings };
}
