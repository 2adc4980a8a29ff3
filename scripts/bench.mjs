// Measures the budgets the issues set, on this machine: median and spread over several runs.
//   node scripts/bench.mjs [--runs 5] [--profile hyogo] [--with-tests]
// Budgets (2-core machine): synth of the default profile < 8 s (foundation) and < 10 s with
// every stack; plan < 1 s; validate < 1 s; npm test < 90 s. Wall-clock budgets live here,
// never in unit tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('--runs', '5'));
const profile = option('--profile', 'hyogo');
const withTests = args.includes('--with-tests');
const out = join('.bench', 'out');

const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

function time(command, argv, env = {}) {
  const started = performance.now();
  const result = spawnSync(command, argv, { encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    console.error(`${command} ${argv.join(' ')} failed (exit ${result.status})\n${result.stderr}`);
    process.exit(1);
  }
  return ms;
}

function measure(label, budgetMs, n, command, argv, env) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push(time(command, argv, env));
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  return {
    label,
    runs: n,
    medianMs: Math.round(median),
    minMs: Math.round(samples[0]),
    maxMs: Math.round(samples.at(-1)),
    budgetMs,
  };
}

const tsunagi = ['dist/tsunagi.js'];
mkdirSync(out, { recursive: true });
const results = [
  measure(`tsunagi synth -p ${profile} (both clouds, validator on)`, 10_000, runs, process.execPath, [
    ...tsunagi,
    'synth',
    '-p',
    profile,
    '--output',
    out,
  ]),
  measure(`tsunagi synth -p ${profile} --cloud aws`, null, runs, process.execPath, [
    ...tsunagi,
    'synth',
    '-p',
    profile,
    '-c',
    'aws',
    '--output',
    out,
  ]),
  measure(`tsunagi synth -p ${profile} --cloud azure`, null, runs, process.execPath, [
    ...tsunagi,
    'synth',
    '-p',
    profile,
    '-c',
    'azure',
    '--output',
    out,
  ]),
  measure(`tsunagi plan -p ${profile}`, 1_000, runs, process.execPath, [...tsunagi, 'plan', '-p', profile]),
  measure(`tsunagi plan -p ${profile} --format json`, 1_000, runs, process.execPath, [
    ...tsunagi,
    'plan',
    '-p',
    profile,
    '-f',
    'json',
  ]),
  measure(`tsunagi validate ${profile}`, 1_000, runs, process.execPath, [...tsunagi, 'validate', profile]),
  measure('build (esbuild bundles)', null, runs, process.execPath, ['scripts/build.mjs', '--quiet']),
  measure('type check (tsc --noEmit, TypeScript 7)', null, Math.min(runs, 3), 'npx', [
    'tsc',
    '--noEmit',
    '-p',
    '.',
  ]),
];
if (withTests)
  results.push(measure('npm test', 90_000, Math.min(runs, 3), 'npm', ['test', '--silent'], { CI: 'true' }));
rmSync(out, { recursive: true, force: true });

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('measure', 56)} ${pad('median', 9)} ${pad('min-max', 15)} ${pad('budget', 9)} verdict`);
for (const r of results) {
  const verdict = r.budgetMs === null ? '-' : r.medianMs <= r.budgetMs ? 'within' : 'OVER';
  console.log(
    `${pad(r.label, 56)} ${pad(`${r.medianMs} ms`, 9)} ${pad(`${r.minMs}-${r.maxMs} ms`, 15)} ${pad(r.budgetMs === null ? '-' : `${r.budgetMs} ms`, 9)} ${verdict}`,
  );
}
console.log(
  `\n${runs} run(s) each (type check and npm test at most 3); node ${process.version}, ${(await import('node:os')).cpus().length} cores`,
);
writeFileSync(
  join('.bench', 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`,
);
if (results.some((r) => r.budgetMs !== null && r.medianMs > r.budgetMs)) process.exitCode = 1;
