/**
 * Azure side of the review: attribute-level differences of the synthesized Terraform JSON
 * (cdktf.out/stacks/<stack>/cdk.tf.json) per resource address, classified with the azurerm
 * ForceNew table derived from the provider's documentation (lib/review/rules):
 * - an attribute in the table changes -> Terraform replaces the resource (destroy, create);
 * - an attribute that refers to a replaced resource (`${azurerm_x.y.id}`) changes at apply
 *   time, so a ForceNew reference replaces the referring resource too;
 * - a changed address (construct id or stack rename) is destroy + create unless a `moved`
 *   block of the same stack covers it (Terraform state is per stack: no move crosses stacks);
 * - losing `lifecycle.prevent_destroy` is a finding;
 * - stateful and connection-bearing types block when replaced or destroyed.
 * A type the table does not know is treated as "may be replaced" for any non-tag change.
 */
import type { AzureStackArtifact, SynthTree, TfJson, TfResourceBody } from './artifacts';
import type { CloudDiff } from './aws-diff';
import type { FindingInput } from './finding';
import { changedPaths, isPlainObject, similarity, valueAtPath } from './json-diff';
import { azurermReplacesOnChange, sessionRulesFor, statefulResource } from './rules';
import type { ChangeAction, ResourceChange } from './types';

/** Keys of a resource body that are Terraform meta-arguments or cdktf metadata, not attributes. */
const META_KEYS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'timeouts']);

interface TfChange {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  action: ChangeAction;
  paths: string[];
  replacePaths: string[];
  readonly before?: TfResourceBody;
  readonly after?: TfResourceBody;
  renamedFrom?: string;
  renamedTo?: string;
  movedFrom?: string;
}

function attributes(body: TfResourceBody | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body ?? {})) if (!META_KEYS.has(k)) out[k] = v;
  return out;
}

function resourcesOf(json: TfJson): Map<string, { type: string; body: TfResourceBody }> {
  const out = new Map<string, { type: string; body: TfResourceBody }>();
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, { type, body });
  }
  return out;
}

function stripInterpolation(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.replace(/^\$\{(.*)\}$/, '$1');
}

/** `moved` blocks of head: to -> from. */
function movesOf(json: TfJson): Map<string, string> {
  const moves = new Map<string, string>();
  for (const block of json.moved ?? []) {
    const from = stripInterpolation(block.from);
    const to = stripInterpolation(block.to);
    if (from && to) moves.set(to, from);
  }
  return moves;
}

function preventsDestroy(body: TfResourceBody | undefined): boolean {
  const lifecycle = body?.lifecycle;
  return isPlainObject(lifecycle) && lifecycle.prevent_destroy === true;
}

function isTagPath(path: string): boolean {
  return path === 'tags' || path.startsWith('tags.');
}

function classifyUpdate(change: TfChange): void {
  const before = attributes(change.before);
  const after = attributes(change.after);
  change.paths = changedPaths(before, after);
  const replacing: string[] = [];
  let unknownType = false;
  for (const path of change.paths) {
    if (isTagPath(path)) continue;
    const forces = azurermReplacesOnChange(
      change.type,
      path,
      valueAtPath(before, path),
      valueAtPath(after, path),
    );
    if (forces === undefined) unknownType = true;
    if (forces !== false) replacing.push(path);
  }
  change.replacePaths = replacing;
  change.action = replacing.length === 0 ? 'update' : unknownType ? 'may-replace' : 'replacement';
}

function diffStack(name: string, base: TfJson | undefined, head: TfJson | undefined): TfChange[] {
  const before = base ? resourcesOf(base) : new Map();
  const after = head ? resourcesOf(head) : new Map();
  const moves = head ? movesOf(head) : new Map<string, string>();
  const out: TfChange[] = [];
  const consumed = new Set<string>();
  for (const [address, { type, body }] of after) {
    const from = before.has(address) ? address : moves.get(address);
    const old = from ? before.get(from) : undefined;
    if (!old || old.type !== type) {
      out.push({ stack: name, address, type, action: 'add', paths: [], replacePaths: [], after: body });
      continue;
    }
    consumed.add(from!);
    const change: TfChange = {
      stack: name,
      address,
      type,
      action: 'update',
      paths: [],
      replacePaths: [],
      before: old.body,
      after: body,
      ...(from !== address ? { movedFrom: from } : {}),
    };
    classifyUpdate(change);
    const lostProtection = preventsDestroy(old.body) && !preventsDestroy(body);
    if (change.paths.length > 0 || lostProtection || change.movedFrom) out.push(change);
  }
  for (const [address, { type, body }] of before) {
    if (after.has(address) || consumed.has(address)) continue;
    out.push({ stack: name, address, type, action: 'delete', paths: [], replacePaths: [], before: body });
  }
  return out;
}

/** Replacement travels along `${type.name.attr}` references into ForceNew attributes. */
function propagateReplacements(changes: TfChange[], heads: ReadonlyMap<string, AzureStackArtifact>): void {
  const byKey = new Map(changes.map((c) => [`${c.stack}\u0000${c.address}`, c]));
  let grew = true;
  while (grew) {
    grew = false;
    const gone = changes.filter(
      (c) => c.action === 'replacement' || c.action === 'may-replace' || c.action === 'delete',
    );
    for (const stack of heads.values()) {
      const goneHere = gone.filter((c) => c.stack === stack.name).map((c) => c.renamedTo ?? c.address);
      if (goneHere.length === 0) continue;
      for (const [address, { type, body }] of resourcesOf(stack.json)) {
        const existing = byKey.get(`${stack.name}\u0000${address}`);
        if (existing && existing.action !== 'update') continue;
        const attrs = attributes(body);
        const hits: string[] = [];
        for (const path of leafPaths(attrs)) {
          const value = valueAtPath(attrs, path);
          if (typeof value !== 'string') continue;
          const target = goneHere.find((g) => value.includes(`\${${g}.`));
          if (!target) continue;
          if (azurermReplacesOnChange(type, path, value, `${value}#new`) !== false)
            hits.push(`${path} (refers to replaced ${target})`);
        }
        if (hits.length === 0) continue;
        if (existing) {
          existing.action = 'replacement';
          existing.replacePaths.push(...hits);
          existing.paths.push(...hits);
        } else {
          const change: TfChange = {
            stack: stack.name,
            address,
            type,
            action: 'replacement',
            paths: hits,
            replacePaths: hits,
            before: body,
            after: body,
          };
          changes.push(change);
          byKey.set(`${stack.name}\u0000${address}`, change);
        }
        grew = true;
      }
    }
  }
}

function leafPaths(value: unknown, prefix = ''): string[] {
  const join = (k: string | number) => (prefix === '' ? String(k) : `${prefix}.${k}`);
  if (isPlainObject(value)) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, join(k)));
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, join(i)));
  return prefix === '' ? [] : [prefix];
}

function constructPath(body: TfResourceBody | undefined): string | undefined {
  const meta = body?.['//'];
  const path = isPlainObject(meta) && isPlainObject(meta.metadata) ? meta.metadata.path : undefined;
  return typeof path === 'string' ? path : undefined;
}

function detectRenames(changes: TfChange[]): void {
  const removed = changes.filter((c) => c.action === 'delete');
  const added = changes.filter((c) => c.action === 'add');
  const candidates: { from: TfChange; to: TfChange; score: number }[] = [];
  for (const from of removed) {
    for (const to of added) {
      if (from.type !== to.type) continue;
      const tail = (p: string | undefined) => p?.split('/').slice(1).join('/');
      const sameTail =
        tail(constructPath(from.before)) !== undefined &&
        tail(constructPath(from.before)) === tail(constructPath(to.after));
      const props = similarity(attributes(from.before), attributes(to.after));
      if (sameTail || props >= 0.75) candidates.push({ from, to, score: (sameTail ? 2 : 0) + props });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  for (const { from, to } of candidates) {
    if (from.renamedTo || to.renamedFrom) continue;
    const show = (c: TfChange, own: string) => (c.stack === own ? c.address : `${c.stack}/${c.address}`);
    from.renamedTo = show(to, from.stack);
    to.renamedFrom = show(from, to.stack);
  }
}

function findingsFor(change: TfChange): FindingInput[] {
  const base = { cloud: 'azure' as const, stack: change.stack, resource: change.address, type: change.type };
  const stateful = statefulResource('azure', change.type);
  const what = stateful?.what ?? change.type;
  const found: FindingInput[] = [];
  if (preventsDestroy(change.before) && !preventsDestroy(change.after) && change.action !== 'delete') {
    found.push({
      ...base,
      action: change.action,
      rule: 'prevent-destroy-removed',
      severity: 'warn',
      category: 'deletion',
      cause: ['lifecycle.prevent_destroy'],
      message: `${change.address} loses lifecycle.prevent_destroy: a later plan may destroy it without Terraform refusing`,
      userImpact: 'nothing now; the guard against accidental destruction of this resource is gone',
    });
  }
  switch (change.action) {
    case 'replacement':
    case 'may-replace': {
      const may = change.action === 'may-replace' ? 'may be' : 'is';
      found.push({
        ...base,
        action: change.action,
        rule: stateful ? 'stateful-replaced' : 'resource-replaced',
        severity: stateful ? 'block' : 'warn',
        category: 'replacement',
        cause: change.replacePaths,
        message: `${what} ${change.address} ${may} replaced (destroyed, then created) because ${change.replacePaths.join(', ')} changed${change.action === 'may-replace' ? ' and the ForceNew table does not list this type' : ''}`,
        userImpact:
          stateful?.onReplace ?? 'the resource gets a new ID; Terraform re-creates it in the same apply',
      });
      break;
    }
    case 'delete': {
      if (change.renamedTo) {
        found.push({
          ...base,
          action: 'replacement',
          rule: stateful ? 'stateful-renamed' : 'resource-renamed',
          severity: stateful ? 'block' : 'warn',
          category: 'replacement',
          cause: [`address ${change.address} -> ${change.renamedTo}`],
          message: `${what} ${change.address} is renamed to ${change.renamedTo} with no \`moved\` block: Terraform destroys it and creates a new one`,
          userImpact:
            stateful?.onReplace ??
            'the resource is destroyed and created again (a `moved` block in the same stack would keep it)',
        });
        break;
      }
      found.push({
        ...base,
        action: 'delete',
        rule: stateful ? 'stateful-deleted' : 'resource-deleted',
        severity: stateful ? 'block' : 'info',
        category: 'deletion',
        cause: ['removed from the configuration'],
        message: `${what} ${change.address} is destroyed`,
        userImpact: stateful?.onDelete ?? 'the resource is destroyed',
      });
      break;
    }
    case 'update': {
      for (const rule of sessionRulesFor('azure', change.type, change.paths, change.after)) {
        found.push({
          ...base,
          action: 'interruption',
          rule: `session-${rule.id}`,
          severity: 'warn',
          category: 'interruption',
          cause: change.paths.filter((p) => !isTagPath(p)),
          message: `${change.address} is updated in place, but ${rule.message} (${rule.citation.source}: "${rule.citation.quote}")`,
          userImpact:
            rule.effect === 'new-connections'
              ? 'existing sessions stay; every new connection depends on the changed configuration'
              : rule.effect === 'downtime'
                ? 'the gateway takes no connections for a while: its users are disconnected'
                : 'connected users are disconnected and must reconnect',
        });
      }
      break;
    }
    default:
      break;
  }
  return found;
}

/** Every Azure resource change between two trees, with the findings it raises. */
export function diffAzure(base: SynthTree, head: SynthTree): CloudDiff {
  const names = [...new Set([...base.azure.keys(), ...head.azure.keys()])].sort();
  const raw: TfChange[] = [];
  for (const name of names) {
    const b = base.azure.get(name);
    const h = head.azure.get(name);
    if (b && h && b.text === h.text) continue;
    raw.push(...diffStack(name, b?.json, h?.json));
  }
  detectRenames(raw);
  propagateReplacements(raw, head.azure);
  const findings = raw.flatMap(findingsFor);
  const changes: ResourceChange[] = raw.map((c) => ({
    cloud: 'azure',
    stack: c.stack,
    resource: c.address,
    type: c.type,
    action: c.action,
    paths: c.action === 'replacement' || c.action === 'may-replace' ? c.replacePaths : c.paths,
    ...(c.renamedFrom ? { renamedFrom: c.renamedFrom } : c.movedFrom ? { renamedFrom: c.movedFrom } : {}),
    ...(c.renamedTo ? { renamedTo: c.renamedTo } : {}),
  }));
  return { changes, findings };
}
