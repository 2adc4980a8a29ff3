/**
 * Builders for the exact tests of the sizing search and the steering
 * (test/planner/search-steering.test.ts and search-steering-edges.test.ts): a search input with
 * neutral defaults, hand-made tier models whose capacity is a table by scenario, a minimal
 * steer input, and the expected storm, placement and move objects written out in full.
 */
import type { Scenario } from '../../../lib/model/plan';
import type { Eligibility } from '../../../lib/planner/eligibility';
import type { Objective, SearchInput } from '../../../lib/planner/search';
import { type SteerInput, steerDesign } from '../../../lib/planner/steer';
import type { TierModel, TierSize } from '../../../lib/planner/tier-models';
import type { Profile } from '../../../lib/profile/schema';

/** A search input with neutral defaults; each test states what it relies on. */
export function search(changes: Partial<SearchInput>): SearchInput {
  return {
    objective: 'cost-optimal',
    fixed: [[0], [0]],
    capacity: [[[0]], [[0]]],
    required: [],
    masks: [3],
    shares: [1],
    normalConnections: 0,
    usagePerConnection: [1, 1],
    keep: 1,
    ...changes,
  };
}

export type Cap = (scenario: Scenario) => number;

export function tierModel(
  id: string,
  provider: 'aws' | 'azure',
  region: string,
  zones: string[],
  cap: Cap,
): TierModel {
  return {
    tier: { id },
    provider,
    region,
    zones,
    capacity: (_size: TierSize, scenario: Scenario) => ({
      tierId: id,
      connections: cap(scenario),
      throughputLimited: false,
    }),
  } as unknown as TierModel;
}

/** Capacity `nominal` except in the scenarios listed by key (`az:<zone>`, `region:<region>`, `provider:<p>`). */
export const table =
  (nominal: number, changes: Record<string, number> = {}): Cap =>
  (s) => {
    const key =
      s.kind === 'availability-zone'
        ? `az:${s.zone}`
        : s.kind === 'region'
          ? `region:${s.region}`
          : s.kind === 'provider'
            ? `provider:${s.provider}`
            : 'nominal';
    return changes[key] ?? nominal;
  };

export const AWS_ZONES = ['apne1-az1', 'apne1-az2'];
export const HUB_ZONES = ['1', '2', '3'];
export const vpn = (associations: number): TierSize => ({
  kind: 'aws-client-vpn',
  endpoints: 1,
  associations,
  fixedMonthlyUsd: 0,
});
export const p2s = (scaleUnits: number): TierSize => ({ kind: 'azure-p2s', scaleUnits, fixedMonthlyUsd: 0 });

export const awsZone = (zone: string): Scenario => ({
  kind: 'availability-zone',
  provider: 'aws',
  region: 'ap-northeast-1',
  zone,
});
export const hubZone = (zone: string): Scenario => ({
  kind: 'availability-zone',
  provider: 'azure',
  region: 'japaneast',
  zone,
});

export interface Case {
  objective: Objective;
  target: number;
  window: number;
  populations: { name: string; mask: number; share: number; order?: number[] }[];
  models: TierModel[];
  sizes: TierSize[];
  usage: number[];
  requirements: { scenario: Scenario; percent: number }[];
  clouds?: unknown;
}

export function steer(c: Case) {
  const profile = {
    target: { concurrentUsers: c.target },
    planning: { objective: c.objective, reconnectWindowSeconds: c.window },
    populations: c.populations.map((p) => ({ name: p.name })),
    clouds: c.clouds ?? {},
  } as unknown as Profile;
  const eligibility: Eligibility[][] = c.populations.map((p) =>
    c.models.map((m, t) =>
      p.mask & (1 << t)
        ? { ok: true, reasons: [] }
        : { ok: false, reasons: [`${p.name} cannot reach ${m.tier.id}`] },
    ),
  );
  const input: SteerInput = {
    profile,
    models: c.models,
    sizes: c.sizes,
    requirements: c.requirements,
    eligibility,
    masks: c.populations.map((p) => p.mask),
    shares: c.populations.map((p) => p.share),
    orders: c.populations.map((p) => p.order ?? []),
    usagePerConnection: c.usage,
  };
  return steerDesign(input);
}

export const LAMBDA =
  "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html); the endpoint's own connection rate is not published: the quota page lists concurrent connections, not a connection rate";
export const awsStorm = (
  tierId: string,
  reconnecting: number,
  perSecond: number,
  concurrency: number,
  over = false,
) => ({
  tierId,
  reconnecting,
  perSecond,
  limitPerSecond: 5000,
  verdict: over ? 'over-limit' : 'within-limit',
  detail: `connect handler needs ${concurrency} concurrent executions (at 0.2 s each, assumed) of the 1000 the account has by default (${LAMBDA}`,
});
export const p2sStorm = (tierId: string, reconnecting: number, perSecond: number) => ({
  tierId,
  reconnecting,
  perSecond,
  limitPerSecond: null,
  verdict: 'no-published-limit',
  detail:
    "point-to-site connection rate not published: the FAQ gives concurrent connections and throughput per scale unit, not a connection rate; assumed to follow the gateway's instances (watch P2SConnectionCount during a drill)",
});
export const at = (population: string, tierId: string, connections: number) => ({
  population,
  tierId,
  connections,
});
export const move = (population: string, fromTierId: string, toTierId: string, connections: number) => ({
  population,
  fromTierId,
  toTierId,
  connections,
});
