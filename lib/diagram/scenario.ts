/**
 * Failure scenarios named on the command line (`tsunagi diagram --scenario <id>`). The ids
 * follow the plan's scenarios: `zone:<provider>:<region>:<zone>`, `region:<provider>:<region>`,
 * `provider:<provider>`. A shorter id that names one scenario is accepted too
 * (`region:ap-northeast-1`, `zone:ap-northeast-1a`).
 */
import type { CapacityPlan, Scenario, ScenarioResult } from '../model/plan';

export function scenarioId(scenario: Scenario): string {
  switch (scenario.kind) {
    case 'nominal':
      return 'none';
    case 'availability-zone':
      return `zone:${scenario.provider}:${scenario.region}:${scenario.zone}`;
    case 'region':
      return `region:${scenario.provider}:${scenario.region}`;
    case 'provider':
      return `provider:${scenario.provider}`;
  }
}

export type ScenarioLookup =
  | { readonly ok: true; readonly result: ScenarioResult }
  | { readonly ok: false; readonly message: string };

/** The plan's scenario an id names, or a message listing the ids that exist. */
export function findScenario(plan: CapacityPlan, spec: string): ScenarioLookup {
  const ids = plan.scenarios.map((s) => ({ id: scenarioId(s.scenario), result: s }));
  const exact = ids.find((s) => s.id === spec);
  if (exact) return { ok: true, result: exact.result };
  const [kind, ...rest] = spec.split(':');
  const matches = ids.filter((s) => {
    const parts = s.id.split(':');
    return parts[0] === kind && rest.length > 0 && parts.slice(-rest.length).join(':') === rest.join(':');
  });
  if (matches.length === 1) return { ok: true, result: matches[0]!.result };
  const known = ids.filter((s) => s.id !== 'none').map((s) => s.id);
  const why =
    matches.length > 1
      ? `is ambiguous (${matches.map((m) => m.id).join(', ')})`
      : 'is not a scenario of this plan';
  return {
    ok: false,
    message: `--scenario ${spec} ${why}; use one of: ${known.join(', ')}`,
  };
}
