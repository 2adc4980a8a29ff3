/**
 * Steering arithmetic: where populations' connections go, given each tier's capacity.
 *
 * Populations are grouped by the set of tiers they can use (a bit mask). For capacities c
 * and demands d, an assignment that carries every demand exists exactly when, for every set
 * R of tiers, the demand of the populations that can use only tiers in R fits in c(R) (Hall's
 * condition for a transportation problem). And because a connection's price depends only on
 * the tier it lands on, the cheapest assignment fills tiers cheapest first, each as far as
 * the populations that can reach it allow (the loads form a polymatroid, so greedy is exact).
 * Both run in 3^tiers steps, which is what keeps the exhaustive sizing search fast.
 */
import { FlowNetwork } from './flow';

const EPS = 1e-6;

/** demandWithin[R] = demand of the populations whose usable tiers all lie in R. */
export function demandWithin(
  masks: readonly number[],
  demands: readonly number[],
  tiers: number,
): Float64Array {
  const size = 1 << tiers;
  const within = new Float64Array(size);
  masks.forEach((mask, p) => {
    for (let set = 0; set < size; set++) if ((mask & set) === mask) within[set]! += demands[p]!;
  });
  return within;
}

function capacityOf(set: number, caps: readonly number[]): number {
  let sum = 0;
  for (let t = 0; t < caps.length; t++) if (set & (1 << t)) sum += caps[t]!;
  return sum;
}

/** True when `scale` x the demands can all be carried within `caps`. */
export function canCarry(within: Float64Array, scale: number, caps: readonly number[]): boolean {
  for (let set = 0; set < within.length; set++) {
    const demand = within[set]!;
    if (demand > 0 && demand * scale > capacityOf(set, caps) + EPS) return false;
  }
  return true;
}

/** Most connections the tiers in `allowed` can take: min over S in allowed of c(S) + demand that can use allowed \ S. */
function maxFlowInto(allowed: number, within: Float64Array, scale: number, caps: readonly number[]): number {
  const all = within.length - 1;
  const total = within[all]! * scale;
  let best = Number.POSITIVE_INFINITY;
  // Enumerate the subsets S of `allowed` (cut at the tiers), the rest cut at the populations.
  for (let s = allowed; ; s = (s - 1) & allowed) {
    const open = allowed & ~s;
    const value = capacityOf(s, caps) + total - within[all & ~open]! * scale;
    if (value < best) best = value;
    if (s === 0) break;
  }
  return best;
}

/**
 * Tier loads of the cheapest assignment: tiers in `order` (cheapest first) each take as much
 * as the populations able to reach them allow. Assumes `canCarry` holds.
 */
export function cheapestLoads(
  within: Float64Array,
  scale: number,
  caps: readonly number[],
  order: readonly number[],
): number[] {
  const loads = new Array<number>(caps.length).fill(0);
  let set = 0;
  let previous = 0;
  for (const t of order) {
    set |= 1 << t;
    const flow = maxFlowInto(set, within, scale, caps);
    loads[t] = Math.max(0, flow - previous);
    previous = flow;
  }
  return loads;
}

/** Lowest common utilisation every demand fits under (the balanced objective). */
export function lowestUtilisation(within: Float64Array, scale: number, caps: readonly number[]): number {
  let worst = 0;
  for (let set = 1; set < within.length; set++) {
    const demand = within[set]! * scale;
    if (demand <= EPS) continue;
    const capacity = capacityOf(set, caps);
    worst = Math.max(worst, capacity <= 0 ? Number.POSITIVE_INFINITY : demand / capacity);
  }
  return worst;
}

/**
 * Explicit steering: each population fills its tiers in its listed order, populations in
 * profile order. Returns per-population per-tier connections and what could not be placed.
 */
export function explicitAssignment(
  orders: readonly (readonly number[])[],
  demands: readonly number[],
  caps: readonly number[],
): { readonly assignment: number[][]; readonly unplaced: number } {
  const left = [...caps];
  let unplaced = 0;
  const assignment = demands.map((demand, p) => {
    const row = new Array<number>(caps.length).fill(0);
    let rest = demand;
    for (const t of orders[p] ?? []) {
      const take = Math.min(rest, left[t]!);
      if (take <= 0) continue;
      row[t] = take;
      left[t]! -= take;
      rest -= take;
    }
    unplaced += Math.max(0, rest);
    return row;
  });
  return { assignment, unplaced: unplaced > EPS ? unplaced : 0 };
}

/**
 * A per-population assignment by min-cost flow: `cost(p, t)` per connection on each eligible
 * edge, `edgeLimit(p, t)` caps an edge (Infinity for none). Returns the assignment and the
 * connections that found no room.
 */
export function flowAssignment(
  masks: readonly number[],
  demands: readonly number[],
  caps: readonly number[],
  cost: (p: number, t: number) => number,
): { readonly assignment: number[][]; readonly unplaced: number } {
  const P = demands.length;
  const T = caps.length;
  const source = 0;
  const sink = 1 + P + T;
  const net = new FlowNetwork(sink + 1);
  demands.forEach((d, p) => net.addEdge(source, 1 + p, d));
  caps.forEach((c, t) => net.addEdge(1 + P + t, sink, Math.max(0, c)));
  const edges: { p: number; t: number; id: number }[] = [];
  masks.forEach((mask, p) => {
    for (let t = 0; t < T; t++) {
      if (mask & (1 << t))
        edges.push({ p, t, id: net.addEdge(1 + p, 1 + P + t, Number.POSITIVE_INFINITY, cost(p, t)) });
    }
  });
  const { flow } = net.minCostMaxFlow(source, sink);
  const assignment = demands.map(() => new Array<number>(T).fill(0));
  for (const e of edges) assignment[e.p]![e.t]! += net.flowOn(e.id);
  const total = demands.reduce((a, b) => a + b, 0);
  return { assignment, unplaced: total - flow > EPS ? total - flow : 0 };
}
