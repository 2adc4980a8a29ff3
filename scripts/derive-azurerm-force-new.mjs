#!/usr/bin/env node
/**
 * Derives lib/review/rules/azurerm-force-new.json: for every azurerm resource type the
 * project emits, the attribute paths whose change makes Terraform replace the resource.
 *
 * Source of truth: the provider's own documentation (website/docs/r/<name>.html.markdown,
 * "Changing this forces a new ... to be created"), cross-checked against `ForceNew: true`
 * in the provider's Go schema (internal/services/**). The table holds the union: a path the
 * documentation or the code marks ForceNew is treated as forcing replacement (the review
 * errs towards reporting a replacement). Paths found by only one side are listed separately
 * so a reader can see where the two disagree.
 *
 * Usage:
 *   node scripts/derive-azurerm-force-new.mjs <provider-checkout> [--tag v4.55.0] [--commit <sha>]
 *     [--version 4.55.0] [--out lib/review/rules/azurerm-force-new.json]
 *
 * <provider-checkout> is a checkout (or `git archive` extract) of
 * github.com/hashicorp/terraform-provider-azurerm at the tag matching the azurerm version
 * that @cdktf/provider-azurerm pins (LIMITS.md: 14.23.x pins 4.55.0). Without --commit the
 * commit is read with `git rev-parse HEAD` in the checkout.
 *
 * The types: every `@cdktf/provider-azurerm/lib/<resource>` imported under lib/azure and
 * stacks/azure, plus EXTRA_TYPES (types being added in parallel work or emitted under
 * names the imports do not show).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Types the project emits or is about to emit that the imports scan might miss. */
const EXTRA_TYPES = [
  'azurerm_firewall',
  'azurerm_firewall_policy',
  'azurerm_firewall_policy_rule_collection_group',
  'azurerm_monitor_action_group',
  'azurerm_virtual_hub_routing_intent',
  'azurerm_virtual_hub_route_table',
  'azurerm_virtual_hub_route_table_route',
  'azurerm_express_route_circuit_authorization',
  'azurerm_public_ip',
  'azurerm_monitor_activity_log_alert',
];

/** Go schema helpers that return a ForceNew schema (commonschema / location / azure). */
const FORCE_NEW_HELPERS = [
  /commonschema\.ResourceGroupName\(\)/,
  /commonschema\.Location\(\)/,
  /azure\.SchemaResourceGroupName\(\)/,
  /location\.Schema\(\)/,
  /commonschema\.ResourceIDReferenceRequiredForceNew\(/,
  /commonschema\.ResourceIDReferenceOptionalForceNew\(/,
];

function parseArgs(argv) {
  const out = { checkout: undefined, tag: undefined, commit: undefined, version: '4.55.0' };
  out.out = join(ROOT, 'lib/review/rules/azurerm-force-new.json');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--tag') out.tag = argv[++i];
    else if (a === '--commit') out.commit = argv[++i];
    else if (a === '--version') out.version = argv[++i];
    else if (a === '--out') out.out = resolve(argv[++i]);
    else if (!out.checkout) out.checkout = resolve(a);
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!out.checkout) {
    console.error(
      'usage: node scripts/derive-azurerm-force-new.mjs <provider-checkout> [--tag T] [--commit SHA]',
    );
    process.exit(2);
  }
  return out;
}

/** azurerm types from `@cdktf/provider-azurerm/lib/<kebab>` imports (data sources excluded). */
export function emittedTypes() {
  const types = new Set(EXTRA_TYPES);
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        for (const m of text.matchAll(/@cdktf\/provider-azurerm\/lib\/([a-z0-9-]+)/g)) {
          const kebab = m[1];
          if (kebab === 'provider' || kebab.startsWith('data-')) continue;
          types.add(`azurerm_${kebab.replaceAll('-', '_')}`);
        }
      }
    }
  };
  for (const dir of ['lib/azure', 'stacks/azure']) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  return [...types].sort();
}

// ---------------------------------------------------------------------------------------
// Documentation

const FORCES = /forces? (?:a )?new\b/i;
const ATTR_LINE = /^\s*\*\s+`([a-z0-9_]+)`\s+-\s+(.*)$/;
const BLOCK_HEADER = /^(?:An?|The|Each|Every|One|the|an?)\s+`([a-z0-9_]+)`\s+(?:block|object)s?\b/;
const BLOCK_REF = /`([a-z0-9_]+)`\s+(?:block|object)s?\b/;

/**
 * Parses "## Arguments Reference" of a resource page into blocks: name -> attributes, each
 * with whether it forces a new resource and the block it opens (if any).
 */
export function parseDocs(text) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^##\s+Arguments? Reference/i.test(l));
  if (start < 0) return undefined;
  const blocks = new Map([['', []]]);
  let context = '';
  let current;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^##\s/.test(line)) break;
    const header = line.match(BLOCK_HEADER);
    if (header && /support|export|contain|accept|consist|has|is made/i.test(line)) {
      context = header[1];
      if (!blocks.has(context)) blocks.set(context, []);
      current = undefined;
      continue;
    }
    const attr = line.match(ATTR_LINE);
    if (attr) {
      const [, name, description] = attr;
      const ref = description.match(BLOCK_REF);
      current = { name, forceNew: FORCES.test(description), block: ref ? ref[1] : undefined };
      blocks.get(context).push(current);
      continue;
    }
    // Continuation lines of an attribute's description (notes, wrapped text).
    if (
      current &&
      line.trim() !== '' &&
      !line.startsWith('---') &&
      !line.startsWith('->') &&
      !line.startsWith('~>')
    ) {
      if (FORCES.test(line) && /^\s{2,}\S/.test(line)) current.forceNew = true;
    }
  }
  return blocks;
}

/** Flattens parsed blocks into dotted attribute paths. */
export function docPaths(blocks) {
  const all = new Map(); // path -> forceNew
  const reached = new Set(['']);
  const visit = (context, prefix, seen) => {
    for (const attr of blocks.get(context) ?? []) {
      const path = prefix ? `${prefix}.${attr.name}` : attr.name;
      all.set(path, (all.get(path) ?? false) || attr.forceNew);
      const child =
        attr.block && blocks.has(attr.block) ? attr.block : blocks.has(attr.name) ? attr.name : undefined;
      if (child && child !== context && !seen.has(child)) {
        reached.add(child);
        visit(child, path, new Set([...seen, child]));
      }
    }
  };
  visit('', '', new Set(['']));
  // Blocks described but reached from no attribute: assume the attribute has the block's name.
  for (const [context] of blocks) {
    if (reached.has(context)) continue;
    visit(context, context, new Set([context]));
  }
  return all;
}

// ---------------------------------------------------------------------------------------
// Go schema

function listGoFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listGoFiles(path));
    else if (name.endsWith('.go') && !name.endsWith('_test.go')) out.push(path);
  }
  return out;
}

function goIndex(servicesDir) {
  const files = listGoFiles(servicesDir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const byType = new Map();
  const funcFile = new Map();
  for (const f of files) {
    for (const m of f.text.matchAll(/^func (\w+)\(\) \*pluginsdk\.Resource \{/gm)) funcFile.set(m[1], f);
  }
  for (const f of files) {
    // Untyped SDK resources: registration maps "azurerm_x": resourceX(),
    for (const m of f.text.matchAll(/"(azurerm_[a-z0-9_]+)":\s+(\w+)\(\),/g)) {
      const before = f.text.slice(0, m.index);
      const header = before.slice(before.lastIndexOf('\nfunc '), before.lastIndexOf('\nfunc ') + 120);
      if (!/SupportedResources\(\) map\[string\]\*pluginsdk\.Resource/.test(header)) continue;
      const target = funcFile.get(m[2]);
      if (target && !byType.has(m[1])) byType.set(m[1], target);
    }
    // Typed resources: ResourceType() string { return "azurerm_x" }
    for (const m of f.text.matchAll(/ResourceType\(\) string \{\s*return "(azurerm_[a-z0-9_]+)"/g)) {
      if (/DataSource\)/.test(f.text.slice(Math.max(0, m.index - 80), m.index))) continue;
      if (!byType.has(m[1])) byType.set(m[1], f);
    }
  }
  return byType;
}

/**
 * ForceNew paths of a Go file: a stack of `"key": {` openings by brace depth; a
 * `ForceNew: true` belongs to the innermost open key. Keys set to a ForceNew helper count too.
 */
export function goForceNewPaths(text) {
  const found = new Set();
  const stack = []; // { key, depth }
  let depth = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\/\/.*$/, '');
    const open = line.match(/^\s*"([a-z0-9_]+)":\s*\{\s*$/);
    const helper = line.match(/^\s*"([a-z0-9_]+)":\s*(.+),\s*$/);
    if (helper && !open && FORCE_NEW_HELPERS.some((h) => h.test(helper[2]))) {
      found.add([...stack.map((s) => s.key), helper[1]].join('.'));
    }
    if (open) stack.push({ key: open[1], depth });
    if (/\bForceNew:\s*true\b/.test(line) && stack.length > 0) found.add(stack.map((s) => s.key).join('.'));
    for (const ch of line.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""')) {
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop();
      }
    }
  }
  return found;
}

/**
 * Conditional replacements set in CustomizeDiff: `ForceNewIfChange("x", func(...) bool {
 * return <condition> })` and `d.ForceNew("x")`. The condition is kept as Go source text;
 * `new.(int) < old.(int)` is recorded as `decrease`, anything else as `code` (the reader
 * treats those as forcing replacement).
 */
export function goConditionalForceNew(text) {
  const out = {};
  for (const m of text.matchAll(
    /ForceNewIfChange\("([a-z0-9_.]+)",\s*func\([^)]*\)\s*bool\s*\{\s*return ([^\n]+)/g,
  )) {
    const condition = m[2].trim();
    out[m[1]] = /new\.\(int\) < old\.\(int\)/.test(condition) ? 'decrease' : `code: ${condition}`;
  }
  for (const m of text.matchAll(/\b(?:d|diff)\.ForceNew\("([a-z0-9_.]+)"\)/g)) {
    out[m[1]] ??= 'code: set in CustomizeDiff under a condition of the provider';
  }
  return out;
}

// ---------------------------------------------------------------------------------------

function main() {
  const args = parseArgs(process.argv.slice(2));
  const docsDir = join(args.checkout, 'website/docs/r');
  const servicesDir = join(args.checkout, 'internal/services');
  if (!existsSync(docsDir))
    throw new Error(`${docsDir} does not exist: pass a terraform-provider-azurerm checkout`);
  let commit = args.commit;
  if (!commit) {
    try {
      commit = execFileSync('git', ['-C', args.checkout, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      throw new Error('cannot read the commit of the checkout: pass --commit <sha>');
    }
  }
  const goFiles = existsSync(servicesDir) ? goIndex(servicesDir) : new Map();
  const resources = {};
  const missing = [];
  for (const type of emittedTypes()) {
    const page = join(docsDir, `${type.replace(/^azurerm_/, '')}.html.markdown`);
    if (!existsSync(page)) {
      missing.push(type);
      continue;
    }
    const blocks = parseDocs(readFileSync(page, 'utf8'));
    if (!blocks) {
      missing.push(type);
      continue;
    }
    const paths = docPaths(blocks);
    const fromDocs = [...paths].filter(([, f]) => f).map(([p]) => p);
    const goFile = goFiles.get(type);
    const fromCode = goFile ? [...goForceNewPaths(goFile.text)] : undefined;
    // Code paths are kept only when they name a documented argument (schema helpers in other
    // files and computed attributes would otherwise add noise).
    const documented = new Set(paths.keys());
    const codeKnown = fromCode?.filter((p) => documented.has(p)) ?? [];
    const forceNew = [...new Set([...fromDocs, ...codeKnown])].sort();
    resources[type] = {
      forceNew,
      docsOnly: fromCode ? fromDocs.filter((p) => !fromCode.includes(p)).sort() : [],
      codeOnly: codeKnown.filter((p) => !fromDocs.includes(p)).sort(),
      arguments: paths.size,
      conditional: goFile ? goConditionalForceNew(goFile.text) : {},
      docs: `website/docs/r/${type.replace(/^azurerm_/, '')}.html.markdown`,
      code: goFile ? goFile.path.slice(args.checkout.length + 1) : null,
    };
  }
  if (missing.length > 0) throw new Error(`no documentation page for: ${missing.join(', ')}`);
  const table = {
    $comment:
      'Generated by scripts/derive-azurerm-force-new.mjs from the provider documentation, cross-checked with ForceNew in the Go schema. Do not edit by hand: regenerate.',
    provider: 'hashicorp/azurerm',
    providerVersion: args.version,
    source: 'https://github.com/hashicorp/terraform-provider-azurerm',
    tag: args.tag ?? null,
    commit,
    derived: new Date().toISOString().slice(0, 10),
    rule: 'an attribute path forces replacement when the documentation says "Changing this forces a new ... to be created" or the Go schema sets ForceNew: true; a block that forces replacement forces it for every attribute inside; `conditional` lists CustomizeDiff replacements (decrease = only when the new number is smaller)',
    resources,
  };
  writeFileSync(args.out, `${JSON.stringify(table, null, 2)}\n`);
  console.log(`${Object.keys(resources).length} resource types -> ${args.out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
