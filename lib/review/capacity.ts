/**
 * Capacity of base and head under every failure scenario the planner knows, recomputed
 * from the artifacts (lib/verify reads the concentrators; the planner's tier models apply
 * its failure model to each one), and during the change: base's concentrators minus those
 * the change replaces, deletes or interrupts (a replaced Client VPN endpoint is down while
 * it is re-created; a gateway whose scale units change has downtime).
 *
 * Requirements (connections each scenario must keep) come from each side's capacity plan
 * (tsunagi-plan.json beside the artifacts); without a plan a scenario has no requirement.
 */
import type { AccessTier } from '../model/deployment-model';
import type { CapacityPlan, Scenario } from '../model/plan';
import { scenarioLabel } from '../planner/scenarios';
import { awsClientVpnModel, azureP2sModel } from '../planner/tier-models';
import { CLIENT_VPN_ENDPOINTS_PER_REGION } from '../quotas/aws-client-vpn';
import { p2sRow } from '../quotas/azure-virtual-wan';
import { clientVpnCapacity } from '../verify/aws-capacity';
import { p2sGatewayCapacities } from '../verify/azure-capacity';
import type { AwsStackArtifact, CfnTemplate, SynthTree } from './artifacts';
import type { FindingInput } from './finding';
import type { CapacityRow, Finding, ResourceChange } from './types';

/** One concentrator found in the artifacts. */
export interface Concentrator {
  readonly cloud: 'aws' | 'azure';
  readonly stack: string;
  /** Logical ID or Terraform address. */
  readonly resource: string;
  /** Access tier it belongs to (from the construct path; the Region when unknown). */
  readonly tier: string;
  readonly region: string;
  /** Zones it spans: associated subnets' zones (AWS) or the hub's zones (Azure). */
  readonly zones: readonly string[];
  /** AWS: associations (by logical ID); Azure: scale units. */
  readonly associations: readonly string[];
  readonly scaleUnits: number;
  /** Azure: average Mbps per user for the throughput bound, when the plan gives it. */
  readonly averageMbpsPerUser?: number;
}

export function scenarioKey(s: Scenario): string {
  switch (s.kind) {
    case 'nominal':
      return 'nominal';
    case 'availability-zone':
      return `az:${s.provider}:${s.region}:${s.zone}`;
    case 'region':
      return `region:${s.provider}:${s.region}`;
    case 'provider':
      return `provider:${s.provider}`;
  }
}

/**
 * Subnet zone behind an association's SubnetId: a Ref in the same stack, an imported export,
 * or a template parameter reading an SSM parameter (`AWS::SSM::Parameter::Value<String>`)
 * that another stack of the Region writes with the subnet's Ref.
 */
function zoneOf(
  subnetId: unknown,
  own: CfnTemplate,
  stacks: ReadonlyMap<string, AwsStackArtifact>,
  region?: string,
): string | undefined {
  const fromRef = (template: CfnTemplate, ref: unknown): string | undefined => {
    if (!ref || typeof ref !== 'object' || !('Ref' in ref)) return undefined;
    const subnet = template.Resources?.[String((ref as { Ref: unknown }).Ref)];
    const zone = subnet?.Properties?.AvailabilityZone;
    return typeof zone === 'string' ? zone : undefined;
  };
  const direct = fromRef(own, subnetId);
  if (direct) return direct;
  const ref =
    subnetId && typeof subnetId === 'object' && 'Ref' in subnetId
      ? (subnetId as { Ref: unknown }).Ref
      : undefined;
  const parameter = (own.Parameters as Record<string, { Type?: unknown; Default?: unknown }> | undefined)?.[
    String(ref)
  ];
  if (String(parameter?.Type).startsWith('AWS::SSM::Parameter::Value<')) {
    for (const stack of stacks.values()) {
      if (region && stack.region && stack.region !== region) continue;
      for (const r of Object.values(stack.template.Resources ?? {})) {
        if (r.Type === 'AWS::SSM::Parameter' && r.Properties?.Name === parameter?.Default)
          return fromRef(stack.template, r.Properties?.Value);
      }
    }
  }
  if (subnetId && typeof subnetId === 'object' && 'Fn::ImportValue' in subnetId) {
    const name = (subnetId as { 'Fn::ImportValue': unknown })['Fn::ImportValue'];
    for (const stack of stacks.values()) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export?.Name === name) return fromRef(stack.template, output.Value);
      }
    }
  }
  return undefined;
}

function tierOfPath(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  // `<stack>/<...>/<tier>-<index>/Endpoint`: the endpoint's construct is named after its plan entry.
  const match = /\/([a-z0-9-]+)-\d+\/Endpoint$/.exec(path);
  return match?.[1];
}

function averageMbps(
  plan: CapacityPlan | undefined,
  tierId: string | undefined,
  region: string,
): number | undefined {
  const tier = plan?.tiers.find((t) => (tierId ? t.tierId === tierId : t.region === region));
  const check = plan?.throughput.find((t) => t.tierId === tier?.tierId);
  if (!tier || !check || tier.nominalConnections === 0 || check.demandAtNominalMbps === 0) return undefined;
  return check.demandAtNominalMbps / tier.nominalConnections;
}

/** Every concentrator of a tree. */
export function concentratorsOf(tree: SynthTree): Concentrator[] {
  const out: Concentrator[] = [];
  for (const stack of tree.aws.values()) {
    const resources = stack.template.Resources ?? {};
    for (const endpoint of clientVpnCapacity([stack.template]).endpoints) {
      const associations = Object.entries(resources).filter(
        ([, r]) =>
          r.Type === 'AWS::EC2::ClientVpnTargetNetworkAssociation' &&
          JSON.stringify(r.Properties?.ClientVpnEndpointId) === JSON.stringify({ Ref: endpoint.logicalId }),
      );
      const zones = associations.map(
        ([id, r]) =>
          zoneOf(r.Properties?.SubnetId, stack.template, tree.aws, stack.region) ?? `unknown-zone:${id}`,
      );
      const region = stack.region ?? 'unknown';
      out.push({
        cloud: 'aws',
        stack: stack.name,
        resource: endpoint.logicalId,
        tier: tierOfPath(resources[endpoint.logicalId]?.Metadata?.['aws:cdk:path']) ?? `aws:${region}`,
        region,
        zones: [...new Set(zones)],
        associations: associations.map(([id]) => id),
        scaleUnits: 0,
      });
    }
  }
  for (const stack of tree.azure.values()) {
    for (const gateway of p2sGatewayCapacities(stack.json as never)) {
      const hub = tree.plan?.azureHubs.find((h) => h.region === gateway.location);
      const tier = tree.plan?.tiers.find((t) => t.provider === 'azure' && t.region === gateway.location);
      const mbps = averageMbps(tree.plan, tier?.tierId, gateway.location);
      out.push({
        cloud: 'azure',
        stack: stack.name,
        resource: gateway.address,
        tier: tier?.tierId ?? `azure:${gateway.location}`,
        region: gateway.location,
        zones: hub ? [...hub.zones] : [],
        associations: [],
        scaleUnits: gateway.scaleUnits,
        ...(mbps ? { averageMbpsPerUser: mbps } : {}),
      });
    }
  }
  return out;
}

function pseudoTier(c: Concentrator): AccessTier {
  // The planner's models need only the tier's identity here; the block is not used for capacity.
  return {
    id: c.tier,
    provider: c.cloud,
    region: c.region,
    clientAddressBlock: '10.0.0.0/8',
  } as unknown as AccessTier;
}

/**
 * Connections one concentrator carries under a scenario, by the planner's failure model.
 * `lostAssociations` removes associations (replaced or deleted during the change).
 */
export function concentratorCapacity(c: Concentrator, scenario: Scenario, lostAssociations = 0): number {
  if (c.cloud === 'aws') {
    const zones = c.zones.slice(0, Math.max(0, c.zones.length - lostAssociations));
    if (zones.length === 0) return 0;
    return awsClientVpnModel(pseudoTier(c), zones, CLIENT_VPN_ENDPOINTS_PER_REGION.value).capacity(
      { kind: 'aws-client-vpn', endpoints: 1, associations: zones.length, fixedMonthlyUsd: 0 },
      scenario,
    ).connections;
  }
  if (!p2sRow(c.scaleUnits)) return 0;
  // Without a plan there is no Mbps per user: a negligible rate leaves connections as the bound.
  const model = azureP2sModel(
    pseudoTier(c),
    c.zones.length > 0 ? c.zones : ['1'],
    c.averageMbpsPerUser ?? 1e-9,
  );
  return model.capacity({ kind: 'azure-p2s', scaleUnits: c.scaleUnits, fixedMonthlyUsd: 0 }, scenario)
    .connections;
}

function total(cs: readonly Concentrator[], scenario: Scenario, lost?: ReadonlyMap<string, number>): number {
  return cs.reduce((sum, c) => sum + concentratorCapacity(c, scenario, lost?.get(key(c)) ?? 0), 0);
}

function key(c: Concentrator): string {
  return `${c.cloud}\u0000${c.stack}\u0000${c.resource}`;
}

export interface CapacityReview {
  readonly rows: CapacityRow[];
  readonly findings: FindingInput[];
}

const DOWN_ACTIONS = new Set(['replacement', 'may-replace', 'delete', 'orphan']);

/**
 * Which base concentrators are down during the change (key -> associations lost, or
 * Infinity for the whole concentrator).
 */
function affected(
  base: readonly Concentrator[],
  changes: readonly ResourceChange[],
  findings: readonly FindingInput[] | readonly Finding[],
  replaced: Set<string>,
): Map<string, number> {
  const down = new Map<string, number>();
  const changed = new Map(changes.map((c) => [`${c.cloud}\u0000${c.stack}\u0000${c.resource}`, c]));
  const interrupted = new Set(
    findings
      .filter(
        (f) =>
          f.category === 'interruption' &&
          f.rule.startsWith('session-') &&
          !f.rule.endsWith('connect-handler'),
      )
      .map((f) => `${f.cloud}\u0000${f.stack}\u0000${f.resource}`),
  );
  for (const c of base) {
    const own = changed.get(key(c));
    if (own && DOWN_ACTIONS.has(own.action)) replaced.add(key(c));
    if ((own && DOWN_ACTIONS.has(own.action)) || interrupted.has(key(c))) {
      down.set(key(c), Number.POSITIVE_INFINITY);
      continue;
    }
    const lost = c.associations.filter((a) => {
      const change = changed.get(`${c.cloud}\u0000${c.stack}\u0000${a}`);
      return change !== undefined && DOWN_ACTIONS.has(change.action);
    }).length;
    if (lost > 0) down.set(key(c), lost);
  }
  return down;
}

function scenariosOf(
  plan: CapacityPlan | undefined,
): Map<string, { scenario: Scenario; label: string; required: number; requiredFlag: boolean }> {
  const out = new Map<
    string,
    { scenario: Scenario; label: string; required: number; requiredFlag: boolean }
  >();
  for (const s of plan?.scenarios ?? []) {
    out.set(scenarioKey(s.scenario), {
      scenario: s.scenario,
      label: s.label ?? scenarioLabel(s.scenario),
      required: s.verdict === 'not-required' ? 0 : s.required,
      requiredFlag: s.verdict !== 'not-required',
    });
  }
  return out;
}

export function reviewCapacity(
  base: SynthTree,
  head: SynthTree,
  changes: readonly ResourceChange[],
  findings: readonly FindingInput[],
): CapacityReview {
  const baseConcentrators = concentratorsOf(base);
  const headConcentrators = concentratorsOf(head);
  const headScenarios = scenariosOf(head.plan);
  const baseScenarios = scenariosOf(base.plan);
  const keys = [...new Set([...headScenarios.keys(), ...baseScenarios.keys()])];
  if (keys.length === 0) keys.push('nominal');
  const replaced = new Set<string>();
  const down = affected(baseConcentrators, changes, findings, replaced);
  const rows: CapacityRow[] = [];
  const found: FindingInput[] = [];
  for (const k of keys) {
    const h = headScenarios.get(k);
    const b = baseScenarios.get(k);
    const scenario = (h ?? b)?.scenario ?? { kind: 'nominal' as const };
    const required = h?.required ?? 0;
    const headCapacity = h || !b ? total(headConcentrators, scenario) : null;
    const baseCapacity = b || !h ? total(baseConcentrators, scenario) : null;
    const during = k === 'nominal' && down.size > 0 ? total(baseConcentrators, scenario, down) : null;
    const short = headCapacity !== null && required > 0 && headCapacity < required;
    rows.push({
      scenario: (h ?? b)?.label ?? scenarioLabel(scenario),
      key: k,
      required,
      base: baseCapacity,
      head: headCapacity,
      during,
      verdict: !h?.requiredFlag ? 'not-required' : short ? 'short' : 'meets',
    });
    if (short) {
      found.push({
        cloud: scenario.kind === 'nominal' ? 'aws' : scenario.provider,
        stack: '',
        resource: '',
        type: '',
        rule: 'capacity-below-target',
        severity: 'block',
        category: 'capacity',
        cause: [`scenario ${k}`],
        message: `after ${(h ?? b)?.label ?? k} head carries ${headCapacity!.toLocaleString('en-US')} connections, below the ${required.toLocaleString('en-US')} required${baseCapacity !== null ? ` (base: ${baseCapacity.toLocaleString('en-US')})` : ''}`,
        userImpact: `up to ${(required - headCapacity!).toLocaleString('en-US')} users cannot connect in this scenario`,
      });
    }
    if (during !== null && required > 0 && during < required) {
      const names = [...down.keys()].map((d) => d.split('\u0000').slice(1).join('/'));
      found.push({
        cloud: baseConcentrators.find((c) => down.has(key(c)))?.cloud ?? 'aws',
        stack: '',
        resource: '',
        type: '',
        rule: 'capacity-below-target-during-change',
        severity: 'block',
        category: 'capacity',
        cause: names,
        message: `while the change is applied ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} down: ${during.toLocaleString('en-US')} connections, below the ${required.toLocaleString('en-US')} required`,
        userImpact: `up to ${(required - during).toLocaleString('en-US')} users cannot connect during the deployment; split the change so that each step keeps the target`,
      });
    }
  }
  const reduced = rows.filter(
    (r) => r.verdict !== 'not-required' && r.base !== null && r.head !== null && r.head < r.base,
  );
  if (reduced.length > 0 && !found.some((f) => f.rule === 'capacity-below-target')) {
    const worst = reduced.reduce((a, b) => (b.head! - b.base! < a.head! - a.base! ? b : a));
    found.push({
      cloud: headConcentrators[0]?.cloud ?? baseConcentrators[0]?.cloud ?? 'aws',
      stack: '',
      resource: '',
      type: '',
      rule: 'capacity-reduced',
      severity: 'warn',
      category: 'capacity',
      cause: reduced.map((r) => `scenario ${r.key}`),
      message: `capacity falls in ${reduced.length} required scenario(s), most in ${worst.scenario}: ${worst.base!.toLocaleString('en-US')} -> ${worst.head!.toLocaleString('en-US')} connections (required ${worst.required.toLocaleString('en-US')})`,
      userImpact: `still meets the target, with ${(worst.head! - worst.required).toLocaleString('en-US')} connections of headroom left in that scenario`,
    });
  }
  found.push(...allEndpointsReplaced(baseConcentrators, headConcentrators, replaced));
  return { rows, findings: found };
}

/** A tier whose every concentrator is replaced at once (and that still exists in head) loses all its users. */
function allEndpointsReplaced(
  base: readonly Concentrator[],
  head: readonly Concentrator[],
  replaced: ReadonlySet<string>,
): FindingInput[] {
  const tiers = [...new Set(base.map((c) => `${c.cloud}\u0000${c.tier}`))];
  const found: FindingInput[] = [];
  for (const t of tiers) {
    const members = base.filter((c) => `${c.cloud}\u0000${c.tier}` === t);
    const whole = members.every((c) => replaced.has(key(c)));
    const stillThere = head.some((c) => `${c.cloud}\u0000${c.tier}` === t);
    if (!whole || !stillThere) continue;
    const first = members[0]!;
    found.push({
      cloud: first.cloud,
      stack: first.stack,
      resource: members.map((m) => m.resource).join(', '),
      type: first.cloud === 'aws' ? 'AWS::EC2::ClientVpnEndpoint' : 'azurerm_point_to_site_vpn_gateway',
      rule: 'tier-all-endpoints-replaced',
      severity: 'block',
      category: 'replacement',
      action: 'replacement',
      cause: [`tier ${first.tier}`],
      message: `every concentrator of access tier ${first.tier} (${members.map((m) => m.resource).join(', ')}) is replaced or removed in the same change`,
      userImpact:
        'every user of the tier is disconnected at once and none of its endpoints is left to reconnect to; add the new endpoint first, move users, then remove the old one in a later change',
    });
  }
  return found;
}
