/**
 * Sizing: the smallest-cost growth of the access tiers that meets every required scenario.
 *
 * Greedy and monotone by construction. Each step picks the required scenario with the
 * lowest capacity relative to its required percent (keepPercent, or 100 + headroom for
 * nominal) - an order that does not depend on the target - and grows the tier that adds
 * the most capacity there per dollar. So the sequence of sizes is the same for every
 * target and a larger target only runs it further: raising the target never shrinks a
 * tier, which keeps existing endpoints and pools in place.
 */

import type { Scenario } from '../model/plan';
import type { TierModel } from './tier-models';

export interface Requirement {
  readonly scenario: Scenario;
  /** Percent of the target this scenario must carry (0 = not required). */
  readonly percent: number;
}

/** Connections a requirement asks for; percent arithmetic keeps 90,000 x 110 % at 99,000. */
export function requiredConnections(target: number, percent: number): number {
  return Math.ceil((target * percent) / 100 - 1e-9);
}

export interface SizingResult {
  readonly levels: readonly number[];
  /** The scenario that could not be met, when sizing failed. */
  readonly unmet?: { readonly requirement: Requirement; readonly capacity: number };
}

export function scenarioCapacity(
  models: readonly TierModel[],
  levels: readonly number[],
  scenario: Scenario,
): number {
  return models.reduce((sum, model, i) => sum + model.capacity(levels[i]!, scenario).connections, 0);
}

export function sizeTiers(
  models: readonly TierModel[],
  requirements: readonly Requirement[],
  target: number,
): SizingResult {
  // Start from each tier's pinned minimum: sizing only ever grows a tier.
  const levels = models.map((m) => m.minLevel);
  const required = requirements.filter((r) => r.percent > 0);
  // Each step raises at least one level; the sum of max levels bounds the loop.
  const maxSteps = models.reduce((sum, m) => sum + Math.max(0, m.maxLevel), 0) + 1;
  for (let step = 0; step <= maxSteps; step++) {
    let worst: { requirement: Requirement; capacity: number; ratio: number } | undefined;
    for (const requirement of required) {
      const capacity = scenarioCapacity(models, levels, requirement.scenario);
      const ratio = (capacity * 100) / requirement.percent;
      if (!worst || ratio < worst.ratio) worst = { requirement, capacity, ratio };
    }
    // The lowest ratio is short exactly when any scenario is short.
    if (!worst || worst.capacity >= requiredConnections(target, worst.requirement.percent)) return { levels };

    let best: { index: number; nextLevel: number; score: number } | undefined;
    models.forEach((model, index) => {
      const level = levels[index]!;
      const before = model.capacity(level, worst.requirement.scenario).connections;
      // Look ahead to the first size that adds capacity here (a step may only add elsewhere).
      for (let next = level + 1; next <= model.maxLevel; next++) {
        const gain = model.capacity(next, worst.requirement.scenario).connections - before;
        if (gain <= 0) continue;
        const score = (model.monthlyFixedCostUsd(next) - model.monthlyFixedCostUsd(level)) / gain;
        if (!best || score < best.score) best = { index, nextLevel: next, score };
        return;
      }
    });
    if (!best) return { levels, unmet: { requirement: worst.requirement, capacity: worst.capacity } };
    levels[best.index] = best.nextLevel;
  }
  throw new Error('internal: sizing did not converge');
}
