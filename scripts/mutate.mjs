// `npm run mutate`: the mutation score of the scope in stryker.config.mjs, shard by shard.
//
// 1. Builds dist/ and synthesizes the fixture profiles once from the real, uninstrumented tree
//    (or finds them in the test cache, test/support/synthesized-fixtures.js); the sandbox's
//    jest global setup reads them (TSUNAGI_MUTATION_ARTIFACTS) instead of synthesizing its
//    instrumented copy again.
// 2. Runs StrykerJS once per shard (stryker.config.mjs SHARDS): the area's mutants against the
//    area's tests. Each shard keeps its own report and incremental results in
//    reports/mutation/<shard>/, so a re-run only tests what changed.
// 3. Merges the shards' reports into reports/mutation/mutation.json and index.html, prints the
//    score of each shard and of the whole scope, and exits 1 below BREAK_AT.
//
//   npm run mutate                          # every shard, then the merged score
//   npm run mutate -- --shard rules         # one shard (repeatable), then the merged score
//   npm run mutate -- --report              # only merge and print what the shards last measured
//   npm run mutate -- --shard rules --mutate lib/profile/rules/asns.ts,lib/profile/rules/names.ts
//                                           # a quick look: extra arguments go to Stryker (one
//                                           # --mutate, comma-separated); the results go to
//                                           # reports/mutation/adhoc/, not the shard's; set
//                                           # TSUNAGI_MUTATION_TESTS to narrow the tests as well
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SHARDS, shardReportDir } from '../stryker.config.mjs';

/** The score the whole scope must reach (issue 12), measured with snapshot matching disabled. */
const BREAK_AT = 85;
const MERGED_DIR = 'reports/mutation';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const selected = [];
const strykerArgs = [];
let reportOnly = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--shard') selected.push(args[++i]);
  else if (args[i] === '--report') reportOnly = true;
  else strykerArgs.push(args[i]);
}
const unknown = selected.filter((name) => !SHARDS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(
    `npm run mutate: no shard named ${unknown.join(', ')}; the shards are ${SHARDS.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
const shards = selected.length > 0 ? SHARDS.filter((s) => selected.includes(s.name)) : SHARDS;
const adhoc = strykerArgs.length > 0;

if (!reportOnly) {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
  const { synthesizeFixtures } = require('../test/support/synthesized-fixtures.js');
  const artifacts = await synthesizeFixtures({ all: true });
  for (const shard of shards) {
    const started = performance.now();
    console.log(
      `\nnpm run mutate: shard ${shard.name}: ${shard.mutate.join(' ')} against ${shard.tests.join(' ')}`,
    );
    const stryker = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...strykerArgs], {
      stdio: 'inherit',
      env: {
        ...process.env,
        TSUNAGI_MUTATION_ARTIFACTS: artifacts,
        TSUNAGI_MUTATION_SHARD: adhoc ? 'adhoc' : shard.name,
        // A quick look may narrow the tests too (TSUNAGI_MUTATION_TESTS=test/review/cost.test.ts).
        TSUNAGI_MUTATION_TESTS: (adhoc && process.env.TSUNAGI_MUTATION_TESTS) || shard.tests.join(','),
        TSUNAGI_MUTATION_SHARE_OWN_CODE: String(shard.shareOwnCode),
      },
    });
    const minutes = (performance.now() - started) / 60_000;
    console.log(`npm run mutate: shard ${shard.name}: Stryker ran ${minutes.toFixed(1)} min`);
    if (stryker.status !== 0) process.exit(stryker.status ?? 1);
    if (!adhoc)
      writeFileSync(`${shardReportDir(shard.name)}/run.json`, JSON.stringify({ minutes, at: new Date() }));
  }
  if (adhoc) process.exit(0);
}

// Merge what each shard last measured. A shard never run is named, and the scope is incomplete.
const merged = { schemaVersion: '1', thresholds: { high: 90, low: BREAK_AT }, files: {} };
const rows = [];
const missing = [];
for (const shard of SHARDS) {
  const file = `${shardReportDir(shard.name)}/mutation.json`;
  if (!existsSync(file)) {
    missing.push(shard.name);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // Only the shard's own files: an incremental file can carry results of files it no longer mutates.
  report.files = Object.fromEntries(
    Object.entries(report.files).filter(([path]) => inScope(path, shard.mutate)),
  );
  Object.assign(merged.files, report.files);
  // A file of the shard that no run has measured (a run stopped before it, or a narrowed run)
  // leaves the shard, and so the scope, incomplete.
  const unmeasured = typeScriptUnder('lib').filter(
    (path) => inScope(path, shard.mutate) && !(path in report.files) && hasRuntimeCode(path),
  );
  if (unmeasured.length > 0) missing.push(`${shard.name} (${unmeasured.join(', ')})`);
  const run = existsSync(`${shardReportDir(shard.name)}/run.json`)
    ? JSON.parse(readFileSync(`${shardReportDir(shard.name)}/run.json`, 'utf8'))
    : undefined;
  rows.push({
    name: shard.name,
    ...tally(report.files),
    minutes: run?.minutes,
    at: run?.at ?? statSync(file).mtime,
  });
}
if (rows.length === 0) {
  console.error('npm run mutate: no shard has a report yet (reports/mutation/<shard>/mutation.json)');
  process.exit(1);
}
mkdirSync(MERGED_DIR, { recursive: true });
writeFileSync(`${MERGED_DIR}/mutation.json`, JSON.stringify(merged));
writeFileSync(`${MERGED_DIR}/index.html`, reportHtml(merged));
const total = tally(merged.files);
rows.push({ name: 'whole scope', ...total });

console.log(
  '\nnpm run mutate: mutation score (killed + timed out) / (killed + timed out + survived + no coverage)',
);
console.log(
  'shard         | mutants | killed | timeout | survived | no cover | errors | ignored | score    | run',
);
for (const r of rows) {
  const when = r.at
    ? `${Number(r.minutes ?? 0).toFixed(1)} min, ${new Date(r.at).toISOString().slice(0, 16)}Z`
    : '';
  console.log(
    [
      r.name.padEnd(13),
      String(r.all).padStart(7),
      String(r.Killed).padStart(6),
      String(r.Timeout).padStart(7),
      String(r.Survived).padStart(8),
      String(r.NoCoverage).padStart(8),
      String(r.errors).padStart(6),
      String(r.Ignored).padStart(7),
      `${r.score.toFixed(2)} %`.padStart(8),
      when,
    ].join(' | '),
  );
}
console.log(`Report: ${MERGED_DIR}/index.html`);
if (missing.length > 0) {
  console.error(
    `npm run mutate: not measured yet: ${missing.join(', ')}; the whole scope's score is incomplete`,
  );
  process.exit(1);
}
if (total.score < BREAK_AT) {
  console.error(`npm run mutate: ${total.score.toFixed(2)} % is below ${BREAK_AT} %`);
  process.exit(1);
}

/** The TypeScript files under `dir`, as repository paths. */
function typeScriptUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => `${dir}/${path.split('\\').join('/')}`);
}

/** False for a file of types only (Stryker finds no mutant in it, so no report lists it). */
function hasRuntimeCode(path) {
  const code = readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  // A declaration that is only a number (`export const PLAN_SCHEMA_VERSION = 2;`) gives Stryker
  // nothing to mutate, so no run lists the file.
  const declarations = code.match(
    /^\s*(export\s+)?(default\s+)?(async\s+)?(const|let|var|function|class|enum)\b.*$/gm,
  );
  return (declarations ?? []).some((line) => !/^\s*(export\s+)?const\s+\w+\s*=\s*[\d_.]+;\s*$/.test(line));
}

/** True when `path` matches the shard's `mutate` globs (`**`, `*`, and `!` to exclude). */
function inScope(path, patterns) {
  const regex = (glob) =>
    new RegExp(
      `^${glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .split('**/')
        .map((part) => part.replace(/\*/g, '[^/]*'))
        .join('(?:.*/)?')}$`,
    );
  const included = patterns.filter((p) => !p.startsWith('!')).some((p) => regex(p).test(path));
  return included && !patterns.filter((p) => p.startsWith('!')).some((p) => regex(p.slice(1)).test(path));
}

/** Counts by status and the score as Stryker defines it (mutation-testing-metrics). */
function tally(files) {
  const c = { all: 0, Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, errors: 0 };
  for (const file of Object.values(files)) {
    for (const mutant of file.mutants) {
      c.all++;
      if (mutant.status === 'CompileError' || mutant.status === 'RuntimeError') c.errors++;
      else if (mutant.status in c) c[mutant.status]++;
      else c.errors++;
    }
  }
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  return { ...c, score: valid === 0 ? 0 : (100 * detected) / valid };
}

/** The merged report in the same single-file HTML that Stryker's html reporter writes. */
function reportHtml(report) {
  // mutation-testing-elements is Stryker's own dependency; resolve it from there.
  const core = require.resolve('@stryker-mutator/core/package.json');
  const elements = createRequire(core).resolve('mutation-testing-elements/dist/mutation-test-elements.js');
  const script = readFileSync(elements, 'utf8');
  const data = JSON.stringify(report).replace(/</g, '<"+"');
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><script>${script}</script></head>
<body>
<mutation-test-report-app titlePostfix="tsunagi (all shards)"></mutation-test-report-app>
<script>
  const app = document.querySelector('mutation-test-report-app');
  app.report = ${data};
  const theme = () => { document.body.style.backgroundColor = app.themeBackgroundColor; };
  app.addEventListener('theme-changed', theme);
  theme();
</script>
</body>
</html>
`;
}
