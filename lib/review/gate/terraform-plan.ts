/**
 * The Azure deploy gate: reads `terraform show -json <planfile>` of the saved plan that
 * `terraform apply` will execute, and applies the review rules to Terraform's own actions:
 * ["delete","create"] or ["create","delete"] is a replacement (its `replace_paths` say why),
 * ["delete"] a deletion, ["update"] an in-place update (checked against the session rules),
 * ["forget"] a removal from state. Stateful or connection-bearing resources replaced or
 * deleted block; a replaced point-to-site gateway is every endpoint of its tier at once.
 */
import { z } from 'zod';
import { makeFinding } from '../finding';
import { AZURERM_FORCE_NEW, azurermForcesNew, normaliseAttributePath } from '../rules/azurerm-force-new';
import { sessionRulesFor } from '../rules/session-rules';
import { isStateful, replacementClass, statefulImpact } from '../rules/stateful';
import type { ChangeAction, Finding, ResourceChange } from '../types';
import { type GateCheck, type GateInput, GateInputError } from './types';

const planAction = z.enum(['no-op', 'create', 'read', 'update', 'delete', 'forget']);

const resourceChangeSchema = z.looseObject({
  address: z.string(),
  previous_address: z.string().optional(),
  mode: z.string().optional(),
  type: z.string(),
  name: z.string().optional(),
  change: z.looseObject({
    actions: z.array(planAction).min(1),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    after_unknown: z.unknown().optional(),
    replace_paths: z.array(z.array(z.union([z.string(), z.number()]))).optional(),
  }),
  action_reason: z.string().optional(),
});

export const terraformPlanSchema = z.looseObject({
  format_version: z.string(),
  terraform_version: z.string().optional(),
  resource_changes: z.array(resourceChangeSchema).default([]),
  errored: z.boolean().optional(),
});

export type TerraformPlan = z.infer<typeof terraformPlanSchema>;
type PlanResourceChange = z.infer<typeof resourceChangeSchema>;

export function parseTerraformPlan(json: unknown, file: string): TerraformPlan {
  const result = terraformPlanSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new GateInputError(
      file,
      `is not the JSON of \`terraform show -json <planfile>\`: ${(first?.path ?? []).join('.') || '(root)'} ${first?.message ?? ''}`.trim(),
    );
  }
  return result.data;
}

/**
 * The Terraform stack a plan file belongs to: `<name>=<file>` names it; otherwise the
 * directory after `stacks/` (cdktf.out/stacks/<name>/plan.json), or the file name without
 * `plan-`/`tfplan-` and `.json`.
 */
export function stackOfPlanArgument(argument: string): { stack: string; file: string } {
  const eq = argument.indexOf('=');
  if (eq > 0 && !argument.slice(0, eq).includes('/'))
    return { stack: argument.slice(0, eq), file: argument.slice(eq + 1) };
  const inStacks = argument.match(/(?:^|\/)stacks\/([^/]+)\//);
  if (inStacks?.[1]) return { stack: inStacks[1], file: argument };
  const base = argument.split('/').pop() ?? argument;
  return {
    stack: base
      .replace(/\.json$/, '')
      .replace(/\.tfplan$/, '')
      .replace(/^(tf)?plan-/, ''),
    file: argument,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Attribute paths (dotted, with list indexes) whose values differ between before and after. */
export function changedPaths(before: unknown, after: unknown, unknown: unknown, prefix = ''): string[] {
  if (unknown === true) return prefix ? [prefix] : [];
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: string[] = [];
    const unknownList = Array.isArray(unknown) ? unknown : [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const p = prefix ? `${prefix}.${i}` : String(i);
      if (i >= before.length || i >= after.length) out.push(p);
      else out.push(...changedPaths(before[i], after[i], unknownList[i], p));
    }
    return out;
  }
  if (isObject(before) && isObject(after)) {
    const out: string[] = [];
    const unknownMap = isObject(unknown) ? unknown : {};
    for (const key of new Set([...Object.keys(before), ...Object.keys(after), ...Object.keys(unknownMap)])) {
      const p = prefix ? `${prefix}.${key}` : key;
      out.push(...changedPaths(before[key], after[key], unknownMap[key], p));
    }
    return out;
  }
  if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return [];
  return prefix ? [prefix] : [];
}

function actionOf(actions: readonly string[]): ChangeAction | 'no-op' | 'read' {
  const set = new Set(actions);
  if (set.has('delete') && set.has('create')) return 'replacement';
  if (set.has('create')) return 'add';
  if (set.has('delete')) return 'delete';
  if (set.has('forget')) return 'orphan';
  if (set.has('update')) return 'update';
  if (set.has('read')) return 'read';
  return 'no-op';
}

function cause(rc: PlanResourceChange, changed: readonly string[]): string[] {
  const replacePaths = rc.change.replace_paths?.map((p) => p.join('.')) ?? [];
  return [...new Set(replacePaths.length > 0 ? replacePaths : changed)].sort();
}

/** Applies the rules to one saved plan of one Terraform stack. */
export function checkTerraformPlan(plan: TerraformPlan, file: string, stack: string): GateCheck {
  const findings: Finding[] = [];
  const changes: ResourceChange[] = [];
  const warnings: string[] = [];
  const counts = { add: 0, update: 0, replace: 0, delete: 0, other: 0 };
  if (plan.errored) warnings.push(`${stack}: the plan is marked errored; it cannot be applied`);

  for (const rc of plan.resource_changes) {
    if (rc.mode && rc.mode !== 'managed') continue;
    const action = actionOf(rc.change.actions);
    if (action === 'no-op' || action === 'read') {
      if (rc.previous_address && rc.previous_address !== rc.address)
        changes.push({
          cloud: 'azure',
          stack,
          resource: rc.address,
          type: rc.type,
          action: 'update',
          paths: [],
          renamedFrom: rc.previous_address,
        });
      continue;
    }
    const { type, address } = rc;
    const changed = changedPaths(rc.change.before, rc.change.after, rc.change.after_unknown);
    changes.push({
      cloud: 'azure',
      stack,
      resource: address,
      type,
      action,
      paths: changed,
      ...(rc.previous_address ? { renamedFrom: rc.previous_address } : {}),
    });
    if (action === 'add') counts.add++;
    else if (action === 'update') counts.update++;
    else if (action === 'replacement') counts.replace++;
    else if (action === 'delete' || action === 'orphan') counts.delete++;
    else counts.other++;

    const reason = rc.action_reason ? ` (${rc.action_reason})` : '';
    if (action === 'replacement') {
      const why = cause(rc, changed);
      // Keep the derived ForceNew table honest: Terraform replaced for an attribute the table
      // says updates in place (a newer provider, or a gap in the documentation).
      const unlisted = (rc.change.replace_paths ?? [])
        .map((p) => p.join('.'))
        .filter((p) => azurermForcesNew(type, p) === false);
      if (unlisted.length > 0)
        warnings.push(
          `${stack}/${address}: Terraform replaces it for ${unlisted.join(', ')}, which the ForceNew table (azurerm ${AZURERM_FORCE_NEW.providerVersion}) lists as in place: regenerate lib/review/rules/azurerm-force-new.json if the provider version changed`,
        );
      const because = why.length > 0 ? ` because ${why.join(', ')} force(s) a new resource` : '';
      findings.push(
        makeFinding({
          ...replacementClass('azure', type, 'the resource is re-created with a new ID'),
          cloud: 'azure',
          stack,
          resource: address,
          type,
          action,
          cause: why,
          message: `Terraform replaces ${address}${because}${reason}.`,
        }),
      );
      if (type === 'azurerm_point_to_site_vpn_gateway') {
        findings.push(
          makeFinding({
            severity: 'block',
            category: 'replacement',
            rule: 'tier-all-endpoints-replaced',
            cloud: 'azure',
            stack,
            resource: address,
            type,
            action,
            cause: why,
            message: `${address} is the only point-to-site gateway of its hub, so replacing it replaces every endpoint of the tier at once.`,
            userImpact: 'every user of the hub is dropped and none can reconnect until the new gateway is up',
          }),
        );
      }
      continue;
    }
    if (action === 'delete' || action === 'orphan') {
      const stateful = isStateful('azure', type);
      findings.push(
        makeFinding({
          severity: stateful && action === 'delete' ? 'block' : 'warn',
          category: 'deletion',
          rule: stateful
            ? action === 'delete'
              ? 'stateful-deleted'
              : 'stateful-orphaned'
            : 'resource-deleted',
          cloud: 'azure',
          stack,
          resource: address,
          type,
          action,
          // The review's cause for a deletion, so its acknowledgements match here.
          cause: action === 'orphan' ? ['removed block (forget)'] : ['removed from the configuration'],
          message:
            action === 'orphan'
              ? `Terraform forgets ${address} (removed from state, kept in Azure)${reason}.`
              : `Terraform destroys ${address}${reason}.`,
          userImpact:
            action === 'orphan'
              ? 'no immediate effect; the resource keeps running unmanaged'
              : (statefulImpact('azure', type, 'delete') ?? 'the resource is deleted'),
        }),
      );
      continue;
    }
    if (action === 'update') {
      for (const rule of sessionRulesFor('azure', type, changed, rc.change.after)) {
        findings.push(
          makeFinding({
            severity: 'warn',
            category: 'interruption',
            rule: `session-${rule.id}`,
            cloud: 'azure',
            stack,
            resource: address,
            type,
            action: rule.effect === 'new-connections' ? 'update' : 'interruption',
            cause: changed.filter((p) =>
              rule.paths.some(
                (r) => normaliseAttributePath(p) === r || normaliseAttributePath(p).startsWith(`${r}.`),
              ),
            ),
            message: `Terraform updates ${address} in place, but ${rule.message} (${rule.citation.source}: "${rule.citation.quote}").`,
            userImpact:
              rule.effect === 'downtime'
                ? 'users of the gateway cannot connect while the change is applied'
                : 'connected users are disconnected once and must reconnect',
          }),
        );
      }
    }
  }
  const input: GateInput = {
    kind: 'terraform-plan',
    file,
    stack,
    detail: plan.terraform_version ? `terraform ${plan.terraform_version}` : '',
    counts,
  };
  return { input, findings, changes, warnings };
}
