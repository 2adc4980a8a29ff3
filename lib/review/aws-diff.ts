/**
 * AWS side of the review: what CloudFormation does to every resource when head's templates
 * are deployed over base's. Classification comes from @aws-cdk/cloudformation-diff, which
 * carries the CloudFormation resource specification (create-only properties, and
 * replacement propagated through Ref/GetAtt); the project's own rules (lib/review/rules)
 * add what the specification cannot know:
 * - a changed logical ID is a delete and a create (reported as a rename);
 * - a custom resource whose properties change runs its handler on Update;
 * - replacing a resource whose physical name the template fixes fails;
 * - a changed or removed export that another stack imports blocks the stack update;
 * - some in-place updates drop sessions (cited session rules);
 * - stateful and connection-bearing resources block when replaced or deleted.
 *
 * The diff module would load the whole specification database (about 1.4 s); it reads the
 * derived replacement table instead (lib/review/replacement-spec.ts), and is imported only when
 * a template actually differs.
 */
import type * as CloudFormationDiff from '@aws-cdk/cloudformation-diff';
import type { AwsStackArtifact, CfnResource, CfnTemplate, SynthTree } from './artifacts';
import { describeCustomResourceUpdate, isCustomResourceType } from './custom-resources';
import type { FindingInput } from './finding';
import { changedPaths, jsonEqual, similarity } from './json-diff';
import { loadReplacementSpec, useReplacementSpec } from './replacement-spec';
import { hasFixedPhysicalName, physicalNameProperty, sessionRulesFor, statefulResource } from './rules';
import type { ChangeAction, ResourceChange } from './types';

export interface CloudDiff {
  readonly changes: ResourceChange[];
  readonly findings: FindingInput[];
}

let diffModule: typeof CloudFormationDiff | undefined;
function cloudFormationDiff(): typeof CloudFormationDiff {
  // Deferred on purpose: only a review with a changed template needs it.
  if (!diffModule) {
    const spec = loadReplacementSpec();
    if (spec) useReplacementSpec(spec);
    diffModule = require('@aws-cdk/cloudformation-diff') as typeof CloudFormationDiff;
  }
  return diffModule;
}

interface RawChange {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  action: ChangeAction;
  readonly paths: string[];
  /** Paths the specification says force replacement. */
  readonly replacePaths: string[];
  readonly before?: CfnResource;
  readonly after?: CfnResource;
  renamedFrom?: { stack: string; logicalId: string };
  renamedTo?: { stack: string; logicalId: string };
}

const REPLACING = new Set(['WILL_REPLACE', 'MAY_REPLACE']);

function deepPaths(before: unknown, after: unknown, prefix: string): string[] {
  const paths = changedPaths(before, after, prefix, 4);
  return paths.length > 0 ? paths : [prefix];
}

function removalAction(resource: CfnResource | undefined): ChangeAction {
  return resource?.DeletionPolicy === 'Retain' || resource?.DeletionPolicy === 'RetainExceptOnCreate'
    ? 'orphan'
    : 'delete';
}

function diffStack(stack: string, base: CfnTemplate, head: CfnTemplate): RawChange[] {
  const diff = cloudFormationDiff().diffTemplate(base, head);
  const out: RawChange[] = [];
  diff.resources.forEachDifference((logicalId, rd) => {
    const before = base.Resources?.[logicalId];
    const after = head.Resources?.[logicalId];
    const type = rd.newResourceType ?? rd.oldResourceType ?? after?.Type ?? before?.Type ?? 'unknown';
    if (rd.isAddition) {
      out.push({ stack, logicalId, type, action: 'add', paths: [], replacePaths: [], after });
      return;
    }
    if (rd.isRemoval) {
      out.push({
        stack,
        logicalId,
        type,
        action: removalAction(before),
        paths: [],
        replacePaths: [],
        before,
      });
      return;
    }
    const paths: string[] = [];
    const replacePaths: string[] = [];
    for (const [name, pd] of Object.entries(rd.propertyUpdates)) {
      const found = deepPaths(before?.Properties?.[name], after?.Properties?.[name], `Properties.${name}`);
      paths.push(...found);
      if (pd.changeImpact && REPLACING.has(pd.changeImpact)) replacePaths.push(...found);
    }
    for (const name of Object.keys(rd.otherChanges)) {
      // The construct path in Metadata changes nothing in the account.
      if (name === 'Metadata') continue;
      paths.push(name);
    }
    if (rd.resourceTypeChanged) replacePaths.push('Type');
    if (paths.length === 0 && replacePaths.length === 0) return;
    const impact = rd.changeImpact;
    const action: ChangeAction =
      impact === 'WILL_REPLACE' || rd.resourceTypeChanged
        ? 'replacement'
        : impact === 'MAY_REPLACE'
          ? 'may-replace'
          : impact === 'WILL_DESTROY'
            ? 'delete'
            : impact === 'WILL_ORPHAN'
              ? 'orphan'
              : 'update';
    out.push({ stack, logicalId, type, action, paths, replacePaths, before, after });
  });
  return out;
}

function wholeStack(stack: AwsStackArtifact, side: 'base' | 'head'): RawChange[] {
  return Object.entries(stack.template.Resources ?? {}).map(([logicalId, resource]) =>
    side === 'base'
      ? {
          stack: stack.name,
          logicalId,
          type: resource.Type,
          action: removalAction(resource),
          paths: [],
          replacePaths: [],
          before: resource,
        }
      : {
          stack: stack.name,
          logicalId,
          type: resource.Type,
          action: 'add',
          paths: [],
          replacePaths: [],
          after: resource,
        },
  );
}

function cdkPath(resource: CfnResource | undefined): string | undefined {
  const path = resource?.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : undefined;
}

/** Last construct id of a CDK path, without the stack: `.../aws-tokyo-0/Endpoint` -> `aws-tokyo-0/Endpoint`. */
function pathTail(path: string | undefined): string | undefined {
  return path?.split('/').slice(1).join('/');
}

/**
 * Pairs each removed resource with an added resource of the same type that is the same
 * thing under a new logical ID: the same construct path (a stack rename or a moved
 * construct), or nearly the same properties. Greedy, best match first, same stack preferred.
 */
function detectRenames(changes: RawChange[]): void {
  const removed = changes.filter((c) => c.action === 'delete' || c.action === 'orphan');
  const added = changes.filter((c) => c.action === 'add');
  const candidates: { from: RawChange; to: RawChange; score: number }[] = [];
  for (const from of removed) {
    for (const to of added) {
      if (from.type !== to.type) continue;
      const samePath = cdkPath(from.before) !== undefined && cdkPath(from.before) === cdkPath(to.after);
      const sameTail =
        pathTail(cdkPath(from.before)) !== undefined &&
        pathTail(cdkPath(from.before)) === pathTail(cdkPath(to.after));
      const props = similarity(from.before?.Properties ?? {}, to.after?.Properties ?? {});
      const score = (samePath ? 3 : 0) + (sameTail ? 2 : 0) + props + (from.stack === to.stack ? 0.1 : 0);
      if (samePath || sameTail || props >= 0.75) candidates.push({ from, to, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  for (const { from, to } of candidates) {
    if (from.renamedTo || to.renamedFrom) continue;
    from.renamedTo = { stack: to.stack, logicalId: to.logicalId };
    to.renamedFrom = { stack: from.stack, logicalId: from.logicalId };
  }
}

function label(stack: string, logicalId: string, own: string): string {
  return stack === own ? logicalId : `${stack}/${logicalId}`;
}

/** Top-level properties that refer (Ref / GetAtt) to another resource of the stack. */
function referencedResource(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === 'string') return v.Ref;
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
}

/**
 * The replaced resource whose replacement alone causes this one's (every replacing property
 * refers to it on both sides), e.g. a Client VPN route replaced because its endpoint is. A
 * property that now refers elsewhere is a change of its own, whatever the old target does.
 */
function replacedWithParent(change: RawChange, replaced: ReadonlySet<string>): string | undefined {
  if (change.replacePaths.length === 0) return undefined;
  let parent: string | undefined;
  for (const path of change.replacePaths) {
    const property = /^Properties\.([^.]+)/.exec(path)?.[1];
    const target = property ? referencedResource(change.before?.Properties?.[property]) : undefined;
    if (!target || !replaced.has(`${change.stack}\u0000${target}`)) return undefined;
    if (referencedResource(change.after?.Properties?.[property!]) !== target) return undefined;
    parent = target;
  }
  return parent;
}

function findingsFor(change: RawChange, replaced: ReadonlySet<string>): FindingInput[] {
  const base = { cloud: 'aws' as const, stack: change.stack, resource: change.logicalId, type: change.type };
  const stateful = statefulResource('aws', change.type);
  const found: FindingInput[] = [];
  const what = stateful?.what ?? change.type;
  switch (change.action) {
    case 'replacement':
    case 'may-replace': {
      const may = change.action === 'may-replace' ? 'may be' : 'is';
      const cause = change.replacePaths.length > 0 ? change.replacePaths : change.paths;
      const parent = replacedWithParent(change, replaced);
      if (parent) {
        found.push({
          ...base,
          action: change.action,
          rule: 'replaced-with-parent',
          severity: 'info',
          category: 'replacement',
          cause,
          message: `${what} ${change.logicalId} ${may} replaced together with ${parent}, which it refers to`,
          userImpact: `part of the replacement of ${parent} (see that finding)`,
        });
        break;
      }
      found.push({
        ...base,
        action: change.action,
        rule: stateful ? 'stateful-replaced' : 'resource-replaced',
        severity: stateful ? 'block' : 'warn',
        category: 'replacement',
        cause,
        message: `${what} ${change.logicalId} ${may} replaced (a new resource, then the old one is deleted) because ${cause.join(', ')} changed`,
        userImpact:
          stateful?.onReplace ??
          'the resource gets a new physical ID; CloudFormation updates what refers to it in the same deployment',
      });
      const nameProperty = physicalNameProperty(change.type);
      if (nameProperty && hasFixedPhysicalName(change.type, change.after?.Properties)) {
        found.push({
          ...base,
          action: change.action,
          rule: 'fixed-name-replacement',
          severity: 'block',
          category: 'replacement',
          cause: [`Properties.${nameProperty}`, ...cause],
          message: `${change.logicalId} ${may} replaced but its name is fixed (${nameProperty}); CloudFormation creates the new resource first, the name is still taken, and the stack update fails and rolls back`,
          userImpact:
            'the deployment fails and rolls back: none of the other changes of this stack are applied',
        });
      }
      break;
    }
    case 'delete':
    case 'orphan': {
      if (change.renamedTo) {
        const to = label(change.renamedTo.stack, change.renamedTo.logicalId, change.stack);
        found.push({
          ...base,
          action: 'replacement',
          rule: stateful ? 'stateful-renamed' : 'resource-renamed',
          severity: stateful ? 'block' : 'warn',
          category: 'replacement',
          cause: [`logical ID ${change.logicalId} -> ${to}`],
          message: `${what} ${change.logicalId} is renamed to ${to}: CloudFormation creates ${to} as a new resource and ${change.action === 'orphan' ? 'abandons (retains, unmanaged)' : 'deletes'} ${change.logicalId}`,
          userImpact:
            stateful?.onReplace ??
            'a new resource with a new physical ID replaces it; anything outside CloudFormation that refers to the old ID breaks',
        });
        break;
      }
      if (change.action === 'orphan') {
        found.push({
          ...base,
          action: 'orphan',
          rule: stateful ? 'stateful-orphaned' : 'resource-orphaned',
          severity: stateful ? 'warn' : 'info',
          category: 'deletion',
          cause: ['DeletionPolicy: Retain'],
          message: `${what} ${change.logicalId} leaves the stack but is retained in the account (no longer managed)`,
          userImpact:
            'nothing changes for users now; the resource keeps running and costing unmanaged until someone deletes it',
        });
        break;
      }
      found.push({
        ...base,
        action: 'delete',
        rule: stateful ? 'stateful-deleted' : 'resource-deleted',
        severity: stateful ? 'block' : 'info',
        category: 'deletion',
        cause: ['removed from the template'],
        message: `${what} ${change.logicalId} is deleted`,
        userImpact: stateful?.onDelete ?? 'the resource is deleted',
      });
      break;
    }
    case 'update': {
      if (isCustomResourceType(change.type)) {
        const handler = describeCustomResourceUpdate(change.type, change.after?.Properties);
        if (handler.replaces && stateful) {
          found.push({
            ...base,
            action: 'replacement',
            rule: 'stateful-replaced',
            severity: 'block',
            category: 'replacement',
            cause: change.paths,
            message: `${what} ${change.logicalId}: its properties change, so CloudFormation runs the handler with Update, which ${handler.onUpdate}`,
            userImpact: stateful.onReplace,
          });
        } else {
          found.push({
            ...base,
            action: 'update',
            rule: 'custom-resource-update',
            severity: 'warn',
            category: 'interruption',
            cause: change.paths,
            message: `custom resource ${change.logicalId} changes, so CloudFormation runs its handler with Update, which ${handler.onUpdate}`,
            userImpact: handler.userImpact,
          });
        }
      }
      for (const rule of sessionRulesFor('aws', change.type, change.paths, change.after?.Properties)) {
        found.push({
          ...base,
          action: 'interruption',
          rule: `session-${rule.id}`,
          severity: 'warn',
          category: 'interruption',
          cause: change.paths,
          message: `${change.logicalId} is updated in place, but ${rule.message} (${rule.citation.source}: "${rule.citation.quote}")`,
          userImpact:
            rule.effect === 'new-connections'
              ? 'existing sessions stay; every new connection depends on the changed configuration'
              : rule.effect === 'downtime'
                ? 'the concentrator takes no connections for a while'
                : 'connected users are disconnected and must reconnect',
        });
      }
      break;
    }
    case 'add':
    case 'interruption':
      break;
  }
  return found;
}

interface ExportEntry {
  readonly stack: string;
  readonly output: string;
  readonly value: unknown;
}

function exportsOf(stacks: ReadonlyMap<string, AwsStackArtifact>): Map<string, ExportEntry> {
  const exports = new Map<string, ExportEntry>();
  for (const stack of stacks.values()) {
    for (const [output, body] of Object.entries(stack.template.Outputs ?? {})) {
      const name = body.Export?.Name;
      if (typeof name === 'string') exports.set(name, { stack: stack.name, output, value: body.Value });
    }
  }
  return exports;
}

function importers(stacks: ReadonlyMap<string, AwsStackArtifact>, exportName: string): string[] {
  const needle = JSON.stringify({ 'Fn::ImportValue': exportName });
  return [...stacks.values()].filter((s) => s.text.replace(/\s/g, '').includes(needle)).map((s) => s.name);
}

/** Changed or removed exports: another stack that imports one makes the exporting stack's update fail. */
function exportFindings(base: SynthTree, head: SynthTree): FindingInput[] {
  const before = exportsOf(base.aws);
  const after = exportsOf(head.aws);
  const found: FindingInput[] = [];
  for (const [name, entry] of before) {
    const now = after.get(name);
    if (now && jsonEqual(now.value, entry.value)) continue;
    const users = importers(base.aws, name).filter((s) => s !== entry.stack);
    const removed = !now;
    found.push({
      cloud: 'aws',
      stack: entry.stack,
      resource: entry.output,
      type: 'AWS::CloudFormation::Export',
      action: removed ? 'delete' : 'update',
      rule: removed ? 'export-removed' : 'export-changed',
      severity: users.length > 0 ? 'block' : 'info',
      category: removed ? 'deletion' : 'replacement',
      cause: [`Outputs.${entry.output}.${removed ? 'Export' : 'Value'}`],
      message:
        users.length > 0
          ? `export ${name} is ${removed ? 'removed' : 'changed'} while ${users.join(', ')} import${users.length === 1 ? 's' : ''} it: CloudFormation refuses to update ${entry.stack} ("Export ... cannot be ${removed ? 'deleted' : 'updated'} as it is in use")`
          : `export ${name} is ${removed ? 'removed' : 'changed'}; no stack imports it`,
      userImpact:
        users.length > 0
          ? `the deployment of ${entry.stack} fails and rolls back until the importing stacks stop using the export (deploy them first, or keep the old export for one release)`
          : 'none',
    });
  }
  return found;
}

/**
 * Each stack's template with its cross-stack references in one form: an import of another
 * stack's export and a template parameter reading an SSM parameter another stack of the
 * Region writes (`AWS::SSM::Parameter::Value<String>`) both become
 * `{ 'Tsunagi::CrossStack': [producer stack, the producer's value] }`. Moving a reference from
 * an export to an SSM parameter of the same value then changes no resource (CloudFormation
 * resolves both to the same identifier); a reference to a different value still does.
 */
function withCrossStackReferences(stacks: ReadonlyMap<string, AwsStackArtifact>): Map<string, CfnTemplate> {
  const exported = exportsOf(stacks);
  const written = new Map<string, { stack: string; value: unknown }>();
  for (const stack of stacks.values()) {
    for (const r of Object.values(stack.template.Resources ?? {})) {
      const name = r.Properties?.Name;
      if (r.Type === 'AWS::SSM::Parameter' && typeof name === 'string')
        written.set(`${stack.region ?? ''}\u0000${name}`, { stack: stack.name, value: r.Properties?.Value });
    }
  }
  const out = new Map<string, CfnTemplate>();
  for (const stack of stacks.values()) {
    const parameters = (stack.template.Parameters ?? {}) as Record<
      string,
      { Type?: unknown; Default?: unknown }
    >;
    const source = (value: Record<string, unknown>): { stack: string; value: unknown } | undefined => {
      const imported = value['Fn::ImportValue'];
      if (typeof imported === 'string') return exported.get(imported);
      const ref = value.Ref;
      const parameter = typeof ref === 'string' ? parameters[ref] : undefined;
      if (!String(parameter?.Type ?? '').startsWith('AWS::SSM::Parameter::Value<')) return undefined;
      return written.get(`${stack.region ?? ''}\u0000${String(parameter?.Default)}`);
    };
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (!value || typeof value !== 'object') return value;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      const from = keys.length === 1 ? source(record) : undefined;
      if (from) return { 'Tsunagi::CrossStack': [from.stack, from.value] };
      return Object.fromEntries(keys.map((k) => [k, rewrite(record[k])]));
    };
    out.set(stack.name, {
      ...stack.template,
      Resources: rewrite(stack.template.Resources) as CfnTemplate['Resources'],
    });
  }
  return out;
}

/** Every AWS resource change between two trees, with the findings it raises. */
export function diffAws(base: SynthTree, head: SynthTree): CloudDiff {
  const baseTemplates = withCrossStackReferences(base.aws);
  const headTemplates = withCrossStackReferences(head.aws);
  const raw: RawChange[] = [];
  const names = [...new Set([...base.aws.keys(), ...head.aws.keys()])].sort();
  for (const name of names) {
    const b = base.aws.get(name);
    const h = head.aws.get(name);
    if (b && h) {
      if (b.text === h.text) continue;
      raw.push(...diffStack(name, baseTemplates.get(name)!, headTemplates.get(name)!));
    } else if (b) raw.push(...wholeStack(b, 'base'));
    else if (h) raw.push(...wholeStack(h, 'head'));
  }
  detectRenames(raw);
  const replaced = new Set(
    raw
      .filter((c) => c.action === 'replacement' || c.action === 'may-replace')
      .map((c) => `${c.stack}\u0000${c.logicalId}`),
  );
  const findings = raw.flatMap((c) => findingsFor(c, replaced));
  findings.push(...exportFindings(base, head));
  const changes: ResourceChange[] = raw.map((c) => ({
    cloud: 'aws',
    stack: c.stack,
    resource: c.logicalId,
    type: c.type,
    action: c.action,
    paths: c.action === 'replacement' || c.action === 'may-replace' ? c.replacePaths : c.paths,
    ...(c.renamedFrom ? { renamedFrom: label(c.renamedFrom.stack, c.renamedFrom.logicalId, c.stack) } : {}),
    ...(c.renamedTo ? { renamedTo: label(c.renamedTo.stack, c.renamedTo.logicalId, c.stack) } : {}),
  }));
  return { changes, findings };
}
