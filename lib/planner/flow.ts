/**
 * A small min-cost flow (successive shortest paths with Bellman-Ford) over real-valued
 * capacities. The planner's graphs have a source, one node per population, one per access
 * tier and a sink - a dozen nodes - so the textbook algorithm is exact and fast enough to
 * run for every candidate design of the sizing search.
 */

const EPS = 1e-9;

interface Edge {
  readonly to: number;
  readonly cost: number;
  capacity: number;
  flow: number;
  /** Index of the reverse edge in `edges`. */
  readonly reverse: number;
}

export class FlowNetwork {
  private readonly edges: Edge[] = [];
  private readonly adjacency: number[][];

  constructor(readonly nodeCount: number) {
    this.adjacency = Array.from({ length: nodeCount }, () => []);
  }

  /** Adds a directed edge and returns its id (for `flowOn`). */
  addEdge(from: number, to: number, capacity: number, cost = 0): number {
    const id = this.edges.length;
    this.edges.push({ to, cost, capacity, flow: 0, reverse: id + 1 });
    this.edges.push({ to: from, cost: -cost, capacity: 0, flow: 0, reverse: id });
    this.adjacency[from]!.push(id);
    this.adjacency[to]!.push(id + 1);
    return id;
  }

  flowOn(edge: number): number {
    return this.edges[edge]!.flow;
  }

  /** Pushes as much flow as possible from `source` to `sink` at the least cost. */
  minCostMaxFlow(source: number, sink: number): { readonly flow: number; readonly cost: number } {
    let flow = 0;
    let cost = 0;
    for (;;) {
      const distance = new Array<number>(this.nodeCount).fill(Number.POSITIVE_INFINITY);
      const via = new Array<number>(this.nodeCount).fill(-1);
      distance[source] = 0;
      // Bellman-Ford: residual edges may have negative cost.
      for (let round = 0; round < this.nodeCount; round++) {
        let changed = false;
        for (let node = 0; node < this.nodeCount; node++) {
          const d = distance[node]!;
          if (d === Number.POSITIVE_INFINITY) continue;
          for (const id of this.adjacency[node]!) {
            const e = this.edges[id]!;
            if (e.capacity - e.flow <= EPS) continue;
            const next = d + e.cost;
            if (next < distance[e.to]! - EPS) {
              distance[e.to] = next;
              via[e.to] = id;
              changed = true;
            }
          }
        }
        if (!changed) break;
      }
      if (distance[sink] === Number.POSITIVE_INFINITY) return { flow, cost };
      let push = Number.POSITIVE_INFINITY;
      for (let node = sink; node !== source; ) {
        const e = this.edges[via[node]!]!;
        push = Math.min(push, e.capacity - e.flow);
        node = this.edges[e.reverse]!.to;
      }
      for (let node = sink; node !== source; ) {
        const id = via[node]!;
        const e = this.edges[id]!;
        e.flow += push;
        this.edges[e.reverse]!.flow -= push;
        node = this.edges[e.reverse]!.to;
      }
      flow += push;
      cost += push * distance[sink]!;
    }
  }
}
