/**
 * The sizing search: the cheapest design - one size per access tier - that meets every
 * required failure scenario, where cost = the tiers' fixed monthly charges + the usage
 * charges of where normal traffic goes under the chosen objective.
 *
 * Exact over the search space (every size of lib/planner/tier-models.ts for every tier):
 * depth-first over the tiers with three prunings that never drop a better design:
 * - feasibility: a branch is cut when some required scenario fails even with every
 *   remaining tier at its largest capacity in that scenario;
 * - cost bound: a branch is cut when its fixed cost so far + the cheapest sizes of the
 *   remaining tiers + a lower bound of usage already exceeds the K-th best design found;
 * - dominance (cost-optimal only): a size that costs no less than another and carries no
 *   more in any scenario is skipped (replacing it can only lower the cost and keep
 *   feasibility, because usage cost never grows with capacity).
 * It returns the best design and the runners-up (the next cheapest feasible designs).
 */
import { canCarry, cheapestLoads, demandWithin, explicitAssignment, lowestUtilisation } from './steering';

export type Objective = 'cost-optimal' | 'balanced' | 'explicit';

export interface SearchInput {
  readonly objective: Objective;
  /** Per tier, per size: fixed monthly USD. */
  readonly fixed: readonly (readonly number[])[];
  /** Per tier, per size, per scenario: connections. Scenario 0 is nominal. */
  readonly capacity: readonly (readonly (readonly number[])[])[];
  /** Per required scenario: connections that must be carried (index into capacity's scenarios). */
  readonly required: readonly { readonly scenario: number; readonly connections: number }[];
  /** Population usable-tier masks and their share of the target (adds up to 1). */
  readonly masks: readonly number[];
  readonly shares: readonly number[];
  /** Connections in normal operation (the target), steered for usage cost. */
  readonly normalConnections: number;
  /** Monthly usage USD of one normal-operation connection on each tier. */
  readonly usagePerConnection: readonly number[];
  /** Explicit objective: each population's tiers in order. */
  readonly explicitOrders?: readonly (readonly number[])[];
  /** How many designs to return (best first). */
  readonly keep: number;
}

export interface DesignCost {
  /** Size index per tier. */
  readonly sizes: readonly number[];
  readonly fixedUsd: number;
  readonly usageUsd: number;
  readonly totalUsd: number;
}

export interface SearchResult {
  readonly designs: readonly DesignCost[];
  /** Designs evaluated in full, and the size of the search space, for the plan's notes. */
  readonly evaluated: number;
  readonly spaceSize: number;
}

/** Things every evaluation of one search needs, computed once. */
interface Prepared {
  /** demandWithin of the populations' shares (scale by connections). */
  readonly within: Float64Array;
  /** Tiers cheapest usage first. */
  readonly order: readonly number[];
  /** Scratch: one scenario's capacity per tier (meetsEveryScenario). */
  readonly caps: number[];
}

function prepare(input: SearchInput): Prepared {
  const T = input.fixed.length;
  return {
    within: demandWithin(input.masks, input.shares, T),
    order: [...Array(T).keys()].sort((a, b) => input.usagePerConnection[a]! - input.usagePerConnection[b]!),
    caps: new Array<number>(T).fill(0),
  };
}

/** Usage cost of a design's normal-operation steering, or Infinity when normal traffic does not fit. */
export function usageCost(
  input: SearchInput,
  nominalCaps: readonly number[],
  prepared: Prepared = prepare(input),
): number {
  const within = prepared.within;
  const scale = input.normalConnections;
  if (input.objective === 'explicit') {
    const demands = input.shares.map((s) => s * input.normalConnections);
    const { assignment, unplaced } = explicitAssignment(input.explicitOrders ?? [], demands, nominalCaps);
    if (unplaced > 0) return Number.POSITIVE_INFINITY;
    return assignment.reduce(
      (sum, row) => sum + row.reduce((s, x, t) => s + x * input.usagePerConnection[t]!, 0),
      0,
    );
  }
  if (!canCarry(within, scale, nominalCaps)) return Number.POSITIVE_INFINITY;
  let caps = nominalCaps;
  if (input.objective === 'balanced') {
    const u = lowestUtilisation(within, scale, nominalCaps);
    caps = nominalCaps.map((c) => c * Math.min(1, u) + 1e-9);
  }
  const loads = cheapestLoads(within, scale, caps, prepared.order);
  let sum = 0;
  for (let t = 0; t < loads.length; t++) sum += loads[t]! * input.usagePerConnection[t]!;
  return sum;
}

/** True when the design (capacity per tier per scenario) carries every required scenario. */
export function meetsEveryScenario(
  input: SearchInput,
  capsByTier: readonly (readonly number[])[],
  prepared: Prepared = prepare(input),
): boolean {
  const within = prepared.within;
  const caps = prepared.caps;
  for (const r of input.required) {
    for (let t = 0; t < caps.length; t++) caps[t] = capsByTier[t]![r.scenario]!;
    if (input.objective === 'explicit') {
      const demands = input.shares.map((s) => s * r.connections);
      if (explicitAssignment(input.explicitOrders ?? [], demands, caps).unplaced > 0) return false;
    } else if (!canCarry(within, r.connections, caps)) return false;
  }
  return true;
}

function dominated(input: SearchInput, tier: number): boolean[] {
  const sizes = input.fixed[tier]!.length;
  const out = new Array<boolean>(sizes).fill(false);
  if (input.objective !== 'cost-optimal') return out;
  for (let a = 0; a < sizes; a++) {
    for (let b = 0; b < sizes && !out[a]; b++) {
      if (a === b) continue;
      const cheaper = input.fixed[tier]![b]! <= input.fixed[tier]![a]!;
      const carries = input.capacity[tier]![b]!.every((c, s) => c >= input.capacity[tier]![a]![s]!);
      // Ties: keep the lower index, so exactly one of two equal sizes survives.
      const strictly =
        input.fixed[tier]![b]! < input.fixed[tier]![a]! ||
        input.capacity[tier]![b]!.some((c, s) => c > input.capacity[tier]![a]![s]!) ||
        b < a;
      if (cheaper && carries && strictly) out[a] = true;
    }
  }
  return out;
}

export function searchDesigns(input: SearchInput): SearchResult {
  const T = input.fixed.length;
  const scenarioCount = input.capacity[0]?.[0]?.length ?? 1;
  const skip = [...Array(T).keys()].map((t) => dominated(input, t));
  const minFixedFrom = new Array<number>(T + 1).fill(0);
  for (let t = T - 1; t >= 0; t--) {
    const fixed = input.fixed[t]!.filter((_, i) => !skip[t]![i]);
    minFixedFrom[t] = minFixedFrom[t + 1]! + Math.min(...fixed);
  }
  const maxCaps = input.capacity.map((sizes, t) =>
    Array.from({ length: scenarioCount }, (_, s) =>
      Math.max(0, ...sizes.filter((_, i) => !skip[t]![i]).map((c) => c[s]!)),
    ),
  );
  // A usage lower bound that holds for any design: each connection at its cheapest usable tier.
  const cheapestUsage = input.masks.reduce((sum, mask, p) => {
    let best = Number.POSITIVE_INFINITY;
    for (let t = 0; t < T; t++) if (mask & (1 << t)) best = Math.min(best, input.usagePerConnection[t]!);
    return sum + (Number.isFinite(best) ? best : 0) * input.shares[p]! * input.normalConnections;
  }, 0);

  const prepared = prepare(input);
  const nominal = new Array<number>(T).fill(0);
  const best: DesignCost[] = [];
  let evaluated = 0;
  // The K-th best total so far (Infinity until K designs are known): what a branch must beat.
  let bound = Number.POSITIVE_INFINITY;
  const chosen = new Array<number>(T).fill(0);
  const caps: number[][] = maxCaps.map((c) => [...c]);

  const visit = (t: number, fixedSoFar: number): void => {
    if (t === T) {
      evaluated++;
      for (let j = 0; j < T; j++) nominal[j] = caps[j]![0]!;
      const usage = usageCost(input, nominal, prepared);
      const total = fixedSoFar + usage;
      if (!Number.isFinite(total) || total > bound + 1e-9) return;
      best.push({ sizes: [...chosen], fixedUsd: fixedSoFar, usageUsd: usage, totalUsd: total });
      best.sort((a, b) => a.totalUsd - b.totalUsd || compareSizes(a.sizes, b.sizes));
      if (best.length > input.keep) best.pop();
      if (best.length >= input.keep) bound = best[best.length - 1]!.totalUsd;
      return;
    }
    const sizes = input.fixed[t]!;
    for (let i = 0; i < sizes.length; i++) {
      if (skip[t]![i]) continue;
      const fixed = fixedSoFar + sizes[i]!;
      if (fixed + minFixedFrom[t + 1]! + cheapestUsage > bound + 1e-9) continue;
      caps[t] = input.capacity[t]![i]! as number[];
      if (input.objective === 'cost-optimal') {
        // Usage with the remaining tiers at their largest is a lower bound (usage never grows with capacity).
        for (let j = 0; j < T; j++) nominal[j] = caps[j]![0]!;
        const usage = usageCost(input, nominal, prepared);
        if (fixed + minFixedFrom[t + 1]! + usage > bound + 1e-9) continue;
      }
      if (meetsEveryScenario(input, caps, prepared)) {
        chosen[t] = i;
        visit(t + 1, fixed);
      }
    }
    caps[t] = maxCaps[t]!;
  };
  visit(0, 0);
  const spaceSize = input.fixed.reduce((product, sizes) => product * sizes.length, 1);
  return { designs: best, evaluated, spaceSize };
}

function compareSizes(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
