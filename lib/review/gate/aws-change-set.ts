/**
 * The AWS deploy gate: reads what CloudFormation says it will do, the JSON of
 * `aws cloudformation describe-change-set` (Changes[].ResourceChange with Action,
 * Replacement True/Conditional/False and Details), and applies the review rules to it:
 * a stateful or connection-bearing resource replaced (or possibly replaced) or deleted
 * blocks; a replaced resource with a fixed physical name blocks (the update would fail);
 * replacing every Client VPN endpoint of a stack at once blocks and cannot be acknowledged;
 * an in-place update that drops sessions (session rules) warns.
 *
 * Unlike the review, nothing here is inferred from templates: the replacement decisions are
 * CloudFormation's own, for the stack as it is deployed.
 */
import { z } from 'zod';
import { makeFinding } from '../finding';
import { hasFixedPhysicalName, physicalNameProperty } from '../rules/physical-names';
import { sessionRulesFor } from '../rules/session-rules';
import { isStateful, replacementClass, statefulImpact } from '../rules/stateful';
import type { ChangeAction, Finding, ResourceChange } from '../types';
import { type GateCheck, type GateInput, GateInputError } from './types';

const target = z.looseObject({
  Attribute: z.string().optional(),
  Name: z.string().optional(),
  Path: z.string().optional(),
  RequiresRecreation: z.enum(['Never', 'Conditionally', 'Always']).optional(),
  AttributeChangeType: z.string().optional(),
});

const detail = z.looseObject({
  Target: target.optional(),
  Evaluation: z.string().optional(),
  ChangeSource: z.string().optional(),
  CausingEntity: z.string().optional(),
});

const resourceChange = z.looseObject({
  Action: z.enum(['Add', 'Modify', 'Remove', 'Import', 'Dynamic', 'SyncWithActual']),
  LogicalResourceId: z.string(),
  PhysicalResourceId: z.string().optional(),
  ResourceType: z.string(),
  Replacement: z.enum(['True', 'False', 'Conditional']).optional(),
  PolicyAction: z.string().optional(),
  Scope: z.array(z.string()).optional(),
  Details: z.array(detail).optional(),
  AfterContext: z.string().optional(),
  BeforeContext: z.string().optional(),
});

const change = z.looseObject({
  Type: z.string().optional(),
  ResourceChange: resourceChange.optional(),
});

export const describeChangeSetSchema = z.looseObject({
  ChangeSetName: z.string().optional(),
  ChangeSetId: z.string().optional(),
  StackName: z.string(),
  Status: z.string().optional(),
  ExecutionStatus: z.string().optional(),
  StatusReason: z.string().optional(),
  Changes: z.array(change),
  NextToken: z.string().optional(),
});

export type DescribeChangeSet = z.infer<typeof describeChangeSetSchema>;
type CfnResourceChange = z.infer<typeof resourceChange>;

/** Template resources by logical ID, used when the change set carries no property values. */
export type TemplateResources = Readonly<
  Record<string, { Type?: string; Properties?: Record<string, unknown> }>
>;

/**
 * Parses the JSON of `describe-change-set`: one response, or an array of the pages of one
 * change set (when NextToken paged it). Throws GateInputError naming the field.
 */
export function parseChangeSet(json: unknown, file: string): DescribeChangeSet {
  const pages = Array.isArray(json) ? json : [json];
  if (pages.length === 0)
    throw new GateInputError(file, 'is an empty array; expected describe-change-set output');
  const parsed = pages.map((page, i) => {
    const result = describeChangeSetSchema.safeParse(page);
    if (!result.success) {
      const first = result.error.issues[0];
      const where = [...(pages.length > 1 ? [i] : []), ...(first?.path ?? [])].join('.');
      throw new GateInputError(
        file,
        `is not the JSON of \`aws cloudformation describe-change-set\`: ${where || '(root)'} ${first?.message ?? ''}`.trim(),
      );
    }
    return result.data;
  });
  const [head, ...rest] = parsed as [DescribeChangeSet, ...DescribeChangeSet[]];
  if (rest.some((p) => p.StackName !== head.StackName || p.ChangeSetId !== head.ChangeSetId))
    throw new GateInputError(file, 'holds pages of different change sets; pass one file per change set');
  return { ...head, Changes: parsed.flatMap((p) => p.Changes), NextToken: undefined };
}

/** `/Properties/DnsServers/0` or Attribute+Name -> `Properties.DnsServers` (top-level property). */
function detailPath(d: z.infer<typeof detail>): string | undefined {
  const t = d.Target;
  if (!t) return undefined;
  if (t.Path) {
    const parts = t.Path.split('/').filter((p) => p !== '' && !/^\d+$/.test(p));
    if (parts.length > 0) return parts.join('.');
  }
  if (t.Attribute === 'Properties' && t.Name) return `Properties.${t.Name}`;
  if (t.Attribute === 'Tags') return 'Properties.Tags';
  return t.Attribute;
}

/**
 * The path of a replacing detail as the review writes it (`Properties.X` or, when the change
 * set carries property values, `Properties.X.0.Y`), so that a finding acknowledged on the pull
 * request has the same fingerprint here.
 */
function causePath(d: z.infer<typeof detail>): string | undefined {
  const t = d.Target;
  if (t?.Path) {
    const parts = t.Path.split('/').filter((p) => p !== '');
    if (parts.length > 0) return parts.join('.');
  }
  return detailPath(d);
}

/** Logical ID a detail's change comes from (`CausingEntity` is `Id` or `Id.Attribute`). */
function causingResource(d: z.infer<typeof detail>): string | undefined {
  if (d.ChangeSource !== 'ResourceReference' && d.ChangeSource !== 'ResourceAttribute') return undefined;
  return d.CausingEntity?.split('.')[0];
}

function actionOf(rc: CfnResourceChange): ChangeAction {
  switch (rc.Action) {
    case 'Add':
    case 'Import':
      return 'add';
    case 'Remove':
      return rc.PolicyAction === 'Retain' ? 'orphan' : 'delete';
    case 'Modify':
      if (rc.Replacement === 'True') return 'replacement';
      if (rc.Replacement === 'Conditional') return 'may-replace';
      return 'update';
    default:
      return 'update';
  }
}

function propertiesOf(rc: CfnResourceChange, template: TemplateResources | undefined): unknown {
  if (rc.AfterContext) {
    try {
      const after = JSON.parse(rc.AfterContext) as { Properties?: unknown };
      return after.Properties ?? after;
    } catch {
      // Fall through to the template.
    }
  }
  return template?.[rc.LogicalResourceId]?.Properties;
}

/**
 * Applies the rules to one change set. `template` (the synthesized template of the stack,
 * cdk.out/<stack>.template.json) supplies property values when the change set was created
 * without --include-property-values, and the number of Client VPN endpoints in the stack.
 */
export function checkChangeSet(
  changeSet: DescribeChangeSet,
  file: string,
  template?: TemplateResources,
): GateCheck {
  const stack = changeSet.StackName;
  const findings: Finding[] = [];
  const changes: ResourceChange[] = [];
  const warnings: string[] = [];
  const counts = { add: 0, update: 0, replace: 0, delete: 0, other: 0 };
  if (changeSet.Status && changeSet.Status !== 'CREATE_COMPLETE')
    warnings.push(
      `${stack}: change set status is ${changeSet.Status}${changeSet.StatusReason ? ` (${changeSet.StatusReason})` : ''}`,
    );

  const replacedEndpoints: string[] = [];
  // Logical ID -> type of everything this change set replaces (or may replace).
  const replaced = new Map<string, string>();
  for (const { ResourceChange: rc } of changeSet.Changes)
    if (rc?.Action === 'Modify' && rc.Replacement !== undefined && rc.Replacement !== 'False')
      replaced.set(rc.LogicalResourceId, rc.ResourceType);
  for (const c of changeSet.Changes) {
    const rc = c.ResourceChange;
    if (!rc) continue;
    const action = actionOf(rc);
    const type = rc.ResourceType;
    const resource = rc.LogicalResourceId;
    const paths = [
      ...new Set((rc.Details ?? []).map(detailPath).filter((p): p is string => p !== undefined)),
    ];
    changes.push({ cloud: 'aws', stack, resource, type, action, paths });
    if (action === 'add') counts.add++;
    else if (action === 'update') counts.update++;
    else if (action === 'replacement' || action === 'may-replace') counts.replace++;
    else if (action === 'delete' || action === 'orphan') counts.delete++;
    else counts.other++;

    if (action === 'replacement' || action === 'may-replace') {
      const replacing = (rc.Details ?? []).filter(
        (d) => d.Target?.RequiresRecreation && d.Target.RequiresRecreation !== 'Never',
      );
      const cause = [...new Set(replacing.map(causePath).filter((p): p is string => p !== undefined))].sort();
      const how = action === 'replacement' ? 'replaces' : 'may replace (Replacement: Conditional)';
      const because = cause.length > 0 ? ` because ${cause.join(', ')} change(s)` : '';
      if (type === 'AWS::EC2::ClientVpnEndpoint') replacedEndpoints.push(resource);
      // Replaced only because a resource it refers to is replaced in the same change set (a
      // Client VPN association whose endpoint is replaced): reported once, on that resource.
      // A stateful resource is folded into its parent only when the parent is stateful too,
      // so the blocking finding is never lost (a replaced subnet still blocks its association).
      const parents = replacing.map(causingResource);
      const parent = parents[0];
      const parentCarriesIt = (p: string | undefined) =>
        p !== undefined &&
        p !== resource &&
        replaced.has(p) &&
        (!isStateful('aws', type) || isStateful('aws', replaced.get(p) ?? ''));
      if (replacing.length > 0 && parent !== undefined && parents.every(parentCarriesIt)) {
        findings.push(
          makeFinding({
            severity: 'info',
            category: 'replacement',
            rule: 'replaced-with-parent',
            cloud: 'aws',
            stack,
            resource,
            type,
            action,
            cause,
            message: `CloudFormation ${how} ${type} ${resource} together with ${parent}, which it refers to.`,
            userImpact: `part of the replacement of ${parent} (see that finding)`,
          }),
        );
        continue;
      }
      findings.push(
        makeFinding({
          ...replacementClass(
            'aws',
            type,
            'the resource gets a new physical ID; CloudFormation updates what refers to it in the same deployment',
          ),
          cloud: 'aws',
          stack,
          resource,
          type,
          action,
          cause,
          message: `CloudFormation ${how} ${type} ${resource}${because}.`,
        }),
      );
      const properties = propertiesOf(rc, template) as Record<string, unknown> | undefined;
      if (hasFixedPhysicalName(type, properties)) {
        findings.push(
          makeFinding({
            severity: 'block',
            category: 'replacement',
            rule: 'fixed-name-replacement',
            cloud: 'aws',
            stack,
            resource,
            type,
            action,
            cause: [`Properties.${physicalNameProperty(type)}`, ...cause],
            message: `${type} ${resource} has a fixed name (${physicalNameProperty(type)}) and CloudFormation ${how} it${because}: the new resource cannot take the name while the old one exists.`,
            userImpact:
              'the stack update fails and rolls back; nothing changes until the name is freed or changed',
          }),
        );
      }
    }
    if (action === 'delete' || action === 'orphan') {
      const stateful = isStateful('aws', type);
      findings.push(
        makeFinding({
          severity: stateful && action === 'delete' ? 'block' : 'warn',
          category: 'deletion',
          rule: stateful
            ? action === 'delete'
              ? 'stateful-deleted'
              : 'stateful-orphaned'
            : 'resource-deleted',
          cloud: 'aws',
          stack,
          resource,
          type,
          action,
          // The same causes as the review's, so its acknowledgements match here.
          cause: [action === 'orphan' ? 'DeletionPolicy: Retain' : 'removed from the template'],
          message:
            action === 'orphan'
              ? `CloudFormation removes ${type} ${resource} from the stack and retains it (DeletionPolicy Retain): it keeps running but is no longer managed.`
              : `CloudFormation deletes ${type} ${resource}.`,
          userImpact:
            action === 'orphan'
              ? 'no immediate effect; the retained resource must be deleted or imported by hand later'
              : (statefulImpact('aws', type, 'delete') ?? 'the resource is deleted'),
        }),
      );
      continue;
    }
    if (action === 'update') {
      const properties = propertiesOf(rc, template);
      const unknownProperties = properties === undefined;
      for (const rule of sessionRulesFor('aws', type, paths, properties)) {
        findings.push(
          makeFinding({
            severity: 'warn',
            category: 'interruption',
            rule: `session-${rule.id}`,
            cloud: 'aws',
            stack,
            resource,
            type,
            action: rule.effect === 'new-connections' ? 'update' : 'interruption',
            cause: paths.filter((p) => rule.paths.length === 0 || rule.paths.some((r) => p.startsWith(r))),
            message: `${type} ${resource} is updated in place, but ${rule.message} (${rule.citation.source}: "${rule.citation.quote}").`,
            userImpact:
              rule.effect === 'drops-sessions'
                ? 'connected users are disconnected once and must reconnect'
                : rule.effect === 'downtime'
                  ? 'users cannot connect while the change is applied'
                  : 'new connections depend on the changed handler',
          }),
        );
      }
      if (unknownProperties && type.startsWith('Custom::') && paths.length > 0)
        warnings.push(
          `${stack}/${resource}: ${type} is updated but the change set has no property values and no template was given (--cdk-out): cannot tell whether its handler drops sessions`,
        );
    }
  }

  // Every Client VPN endpoint of the stack replaced at once: every user of the tier drops.
  if (replacedEndpoints.length > 0 && template) {
    const all = Object.entries(template)
      .filter(([, r]) => r.Type === 'AWS::EC2::ClientVpnEndpoint')
      .map(([id]) => id);
    if (all.length > 0 && all.every((id) => replacedEndpoints.includes(id))) {
      findings.push(
        makeFinding({
          severity: 'block',
          category: 'replacement',
          rule: 'tier-all-endpoints-replaced',
          cloud: 'aws',
          stack,
          resource: '',
          type: 'AWS::EC2::ClientVpnEndpoint',
          action: 'replacement',
          cause: [...all].sort(),
          message: `every Client VPN endpoint of ${stack} (${all.join(', ')}) is replaced in one deployment.`,
          userImpact:
            'every user of the tier is dropped at once and none can reconnect until new client configurations are distributed; replace endpoints one at a time',
        }),
      );
    }
  }

  const input: GateInput = {
    kind: 'aws-change-set',
    file,
    stack,
    detail: changeSet.ChangeSetName ?? changeSet.ChangeSetId ?? '',
    counts,
  };
  return { input, findings, changes, warnings };
}
