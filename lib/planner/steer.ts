/**
 * The steering of a sized design: which populations use which tiers in normal operation and
 * after each required failure, who moves where, and the reconnect storm each move causes.
 *
 * Normal operation follows the objective (cost-optimal: cheapest usage first; balanced: the
 * lowest common utilisation, cheapest within it; explicit: each population's listed order).
 * After a failure, users on surviving tiers stay where they are (as far as the tier's
 * remaining capacity allows) and only the displaced move - to the cheapest tiers they can
 * use, or down their listed order when explicit - so reconnect storms are as small as the
 * design allows. The result never places a population on a tier it cannot use: every
 * assignment runs over eligible edges only.
 */
import type { Profile } from '../model/deployment-model';
import type { Placement, ReconnectStorm, Scenario, ScenarioSteering, Steering } from '../model/plan';
import { p2sRow } from '../quotas/azure-virtual-wan';
import {
  CLIENT_VPN_CONNECTIONS_PER_SECOND,
  CONNECT_HANDLER_SECONDS_ASSUMED,
  LAMBDA_ACCOUNT_CONCURRENCY,
  P2S_CONNECTIONS_PER_SECOND,
} from '../quotas/reconnect';
import type { ScenarioTraffic } from './backhaul';
import type { Eligibility } from './eligibility';
import { scenarioEffect, scenarioLabel } from './scenarios';
import { type Requirement, requiredConnections } from './sizing';
import { demandWithin, explicitAssignment, flowAssignment, lowestUtilisation } from './steering';
import type { TierModel, TierSize } from './tier-models';

export interface SteerInput {
  readonly profile: Profile;
  readonly models: readonly TierModel[];
  readonly sizes: readonly TierSize[];
  readonly requirements: readonly Requirement[];
  readonly eligibility: readonly (readonly Eligibility[])[];
  readonly masks: readonly number[];
  readonly shares: readonly number[];
  readonly orders: readonly (readonly number[])[];
  readonly usagePerConnection: readonly number[];
}

const EPS = 1e-6;

function roundPlacement(assignment: readonly (readonly number[])[], input: SteerInput): Placement[] {
  const out: Placement[] = [];
  assignment.forEach((row, p) =>
    row.forEach((x, t) => {
      if (x > EPS) {
        out.push({
          population: input.profile.populations[p]!.name,
          tierId: input.models[t]!.tier.id,
          connections: Math.round(x),
        });
      }
    }),
  );
  return out;
}

/** Share of a tier's connections that a zone loss drops (they reconnect, to the same tier or elsewhere). */
function droppedShare(model: TierModel, size: TierSize, scenario: Scenario): number {
  if (size.kind === 'aws-client-vpn') {
    const effect = scenarioEffect(scenario, {
      provider: 'aws',
      region: model.region,
      zones: model.zones.slice(0, size.associations),
    });
    return effect.kind === 'tier-lost' ? 1 : effect.kind === 'zone-lost' ? 1 / size.associations : 0;
  }
  const effect = scenarioEffect(scenario, { provider: 'azure', region: model.region, zones: model.zones });
  if (effect.kind === 'tier-lost') return 1;
  if (effect.kind !== 'zone-lost') return 0;
  const instances = p2sRow(size.scaleUnits)?.gatewayInstances ?? 1;
  return Math.ceil(instances / model.zones.length) / instances;
}

function storm(model: TierModel, reconnecting: number, windowSeconds: number): ReconnectStorm {
  const perSecond = reconnecting / windowSeconds;
  if (model.provider === 'aws') {
    // The connect handler must answer every new connection; throttled calls are denied.
    const limit = LAMBDA_ACCOUNT_CONCURRENCY.value / CONNECT_HANDLER_SECONDS_ASSUMED;
    const concurrency = Math.ceil(perSecond * CONNECT_HANDLER_SECONDS_ASSUMED);
    return {
      tierId: model.tier.id,
      reconnecting: Math.round(reconnecting),
      perSecond: Math.round(perSecond * 10) / 10,
      limitPerSecond: Math.floor(limit),
      verdict: perSecond <= limit ? 'within-limit' : 'over-limit',
      detail: `connect handler needs ${concurrency} concurrent executions (at ${CONNECT_HANDLER_SECONDS_ASSUMED} s each, assumed) of the ${LAMBDA_ACCOUNT_CONCURRENCY.value} the account has by default (${LAMBDA_ACCOUNT_CONCURRENCY.source}); the endpoint's own connection rate is ${CLIENT_VPN_CONNECTIONS_PER_SECOND.note}`,
    };
  }
  return {
    tierId: model.tier.id,
    reconnecting: Math.round(reconnecting),
    perSecond: Math.round(perSecond * 10) / 10,
    limitPerSecond: null,
    verdict: 'no-published-limit',
    detail: `point-to-site connection rate ${P2S_CONNECTIONS_PER_SECOND.note}; assumed to follow the gateway's instances (watch P2SConnectionCount during a drill)`,
  };
}

export function steerDesign(input: SteerInput): {
  steering: Steering;
  traffic: ScenarioTraffic[];
  /** Normal-operation connections per tier id, unrounded (what the cost is computed from). */
  normalLoads: Map<string, number>;
} {
  const { profile, models, sizes, requirements, masks, shares, orders, usagePerConnection } = input;
  const T = models.length;
  const target = profile.target.concurrentUsers;
  const objective = profile.planning.objective;
  const windowSeconds = profile.planning.reconnectWindowSeconds;
  const capsIn = (scenario: Scenario) => models.map((m, t) => m.capacity(sizes[t]!, scenario).connections);
  const cost = (_p: number, t: number) => usagePerConnection[t]!;

  // Normal operation.
  const demands = shares.map((s) => s * target);
  const nominalCaps = capsIn({ kind: 'nominal' });
  let normal: number[][];
  if (objective === 'explicit') normal = explicitAssignment(orders, demands, nominalCaps).assignment;
  else if (objective === 'balanced') {
    const u = Math.min(1, lowestUtilisation(demandWithin(masks, demands, T), 1, nominalCaps));
    normal = flowAssignment(
      masks,
      demands,
      nominalCaps.map((c) => c * u + 1e-6),
      cost,
    ).assignment;
  } else normal = flowAssignment(masks, demands, nominalCaps, cost).assignment;

  const scenarios: ScenarioSteering[] = [
    {
      label: scenarioLabel({ kind: 'nominal' }),
      lostTiers: [],
      placement: roundPlacement(normal, input),
      moves: [],
      reconnects: [],
    },
  ];
  const traffic: ScenarioTraffic[] = [
    { label: scenarios[0]!.label, lostPlaces: new Set(), placement: scenarios[0]!.placement },
  ];
  const movedTo = profile.populations.map(() => new Map<number, number>());

  for (const r of requirements) {
    if (r.scenario.kind === 'nominal' || r.percent === 0) continue;
    const caps = capsIn(r.scenario);
    const factor = r.percent / 100;
    const scenarioDemands = shares.map((s) => s * requiredConnections(target, r.percent));
    const dropped = models.map((m, t) => droppedShare(m, sizes[t]!, r.scenario));
    // Users on surviving tiers stay, within the tier's remaining capacity.
    const stay = normal.map((row) => row.map((x, t) => (caps[t]! > 0 ? x * factor : 0)));
    for (let t = 0; t < T; t++) {
      const staying = stay.reduce((sum, row) => sum + row[t]!, 0);
      if (staying > caps[t]! + EPS) for (const row of stay) row[t]! *= caps[t]! / staying;
    }
    const displaced = scenarioDemands.map((d, p) => Math.max(0, d - stay[p]!.reduce((a, b) => a + b, 0)));
    const left = caps.map((c, t) => Math.max(0, c - stay.reduce((sum, row) => sum + row[t]!, 0)));
    let moved =
      objective === 'explicit'
        ? explicitAssignment(orders, displaced, left)
        : flowAssignment(masks, displaced, left, cost);
    let final = stay.map((row, p) => row.map((x, t) => x + moved.assignment[p]![t]!));
    if (moved.unplaced > 0 && objective !== 'explicit') {
      // Staying blocks a feasible assignment: re-steer everyone (more reconnects, still feasible).
      moved = flowAssignment(masks, scenarioDemands, caps, cost);
      final = moved.assignment;
    }
    const moves: ScenarioSteering['moves'][number][] = [];
    const arriving = new Array<number>(T).fill(0);
    final.forEach((row, p) => {
      const before = normal[p]!.map((x) => x * factor);
      const losses = before.map((x, t) => Math.max(0, x - row[t]!));
      const gains = row.map((x, t) => Math.max(0, x - before[t]!));
      for (let from = 0; from < T; from++) {
        for (let to = 0; to < T && losses[from]! > EPS; to++) {
          const amount = Math.min(losses[from]!, gains[to]!);
          if (amount <= EPS) continue;
          losses[from]! -= amount;
          gains[to]! -= amount;
          arriving[to]! += amount;
          movedTo[p]!.set(to, (movedTo[p]!.get(to) ?? 0) + amount);
          moves.push({
            population: profile.populations[p]!.name,
            fromTierId: models[from]!.tier.id,
            toTierId: models[to]!.tier.id,
            connections: Math.round(amount),
          });
        }
      }
    });
    // Same-tier reconnects: connections through a lost zone come back to the surviving zones.
    const reconnects = models
      .map((m, t) => {
        const sameTier = dropped[t]! < 1 ? final.reduce((sum, row) => sum + row[t]!, 0) * dropped[t]! : 0;
        return { m, count: arriving[t]! + sameTier };
      })
      .filter((x) => x.count > EPS)
      .map((x) => storm(x.m, x.count, windowSeconds));
    const label = scenarioLabel(r.scenario);
    const lostTiers = models.filter((_, t) => caps[t] === 0).map((m) => m.tier.id);
    const placement = roundPlacement(final, input);
    scenarios.push({ label, lostTiers, placement, moves, reconnects });
    const lostPlaces = new Set<string>();
    if (r.scenario.kind === 'region') lostPlaces.add(`${r.scenario.provider}:${r.scenario.region}`);
    if (r.scenario.kind === 'provider') {
      for (const m of models)
        if (m.provider === r.scenario.provider) lostPlaces.add(`${m.provider}:${m.region}`);
      const hubs =
        r.scenario.provider === 'azure'
          ? (profile.clouds.azure?.hubs ?? [])
          : (profile.clouds.aws?.regions ?? []);
      for (const h of hubs) lostPlaces.add(`${r.scenario.provider}:${h.region}`);
    }
    traffic.push({ label, lostPlaces, placement });
  }

  const populations = profile.populations.map((p, i) => {
    const usable = models.map((_, t) => t).filter((t) => input.eligibility[i]![t]!.ok);
    let order: number[];
    if (objective === 'explicit') order = [...orders[i]!];
    else {
      const normalLoad = (t: number) => normal[i]![t]!;
      const fallback = (t: number) => movedTo[i]!.get(t) ?? 0;
      order = [...usable].sort(
        (a, b) =>
          normalLoad(b) - normalLoad(a) ||
          fallback(b) - fallback(a) ||
          usagePerConnection[a]! - usagePerConnection[b]! ||
          a - b,
      );
    }
    return {
      population: p.name,
      connections: Math.round(demands[i]!),
      usableTiers: usable.map((t) => models[t]!.tier.id),
      refusedTiers: models
        .map((m, t) => ({ tierId: m.tier.id, reasons: input.eligibility[i]![t]!.reasons }))
        .filter((x) => x.reasons.length > 0),
      failoverOrder: order.map((t) => models[t]!.tier.id),
    };
  });
  const normalLoads = new Map(
    models.map((m, t) => [m.tier.id, normal.reduce((sum, row) => sum + row[t]!, 0)]),
  );
  return { steering: { objective, populations, scenarios }, traffic, normalLoads };
}
