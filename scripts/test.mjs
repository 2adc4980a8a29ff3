// `npm test`: the type check (package.json "typecheck"), Biome ("lint") and jest, in parallel.
//
// Jest runs as two processes, `--shard=1/2` and `--shard=2/2`, each `--runInBand`, not as one
// jest with two workers: test/support/test-sequencer.js says which test file goes where and why
// (each process then loads and warms up mostly its own half of the dependencies: about 6 s less
// CPU on two cores). Their global setups share one synthesis of the default fixture (the first
// one makes it, the other waits: test/support/synthesized-fixtures.js), and dist/ is built here
// first so that neither rebuilds it under the other.
//
// The type check and Biome fill the second core while the global setup synthesizes. The first
// shard's output streams as it runs; the second's follows it (held back meanwhile, so that
// neither's failure report is cut into the other's). Then one line per check, and the totals.
// The exit code is non-zero when any of them fails.
//
// Arguments go to one ordinary jest run instead (jest's own two workers), for a subset, a
// pattern or a snapshot update: `npm test -- test/planner`, `npm test -- -u`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
const env = {
  ...process.env,
  PATH: `${join(process.cwd(), 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
};
const jestBin = join('node_modules', 'jest', 'bin', 'jest.js');
const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
  });
}

/** Runs a command with its output kept; resolves with the exit code, the output and the time. */
function buffered(name, command, args, options = {}) {
  const started = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(child);
  let output = '';
  const keep = (chunk) => {
    output += chunk;
    options.onOutput?.(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({
        name,
        command: [command, ...args].join(' '),
        code: code ?? 1,
        signal,
        output,
        ms: performance.now() - started,
      });
    });
  });
}

/** A package.json script's command (with `extra` arguments), through the shell as npm runs it. */
function script(name, extra = '', options = {}) {
  return buffered(name, `${scripts[name]}${extra}`, [], { shell: true, ...options });
}

// dist/ once, before either jest's global setup looks at it (a no-op when it is up to date).
const build = spawnSync(process.execPath, [join('scripts', 'build.mjs'), '--quiet'], {
  env,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

// The type check in one thread: beside jest, TypeScript 7's parallel checkers only add CPU
// (measured on two cores: 7.6 s of CPU against 5.8 s single-threaded, same verdict). The native
// compiler is a Go program: GOGC=off (no garbage collector) took 2.7 s of user CPU instead of
// 3.2 s, for 25 MB more memory (445 MB at most); GOMAXPROCS=1 keeps the Go runtime on one
// thread too (2.26 s against 2.37 s).
const checks = [
  script('typecheck', ' --singleThreaded', { env: { ...env, GOGC: 'off', GOMAXPROCS: '1' } }),
  script('lint'),
];

const extra = process.argv.slice(2);
// V8 flags of jest. `--single-threaded-gc`: no GC helper threads competing for the two cores.
// `--interrupt-budget=1000000` (V8's default is 67,584 bytes of bytecode run): a function must
// run about 15 times longer before V8 optimizes it with TurboFan. Tests run most code a few
// times, so most of that optimizing (on background threads, beside the other shard) never paid
// for itself. Measured on two cores, test/planner, test/profile and test/review in one process,
// four rounds: 12.0 to 15.6 s of CPU against 15.5 to 18.0 s with the default; three cold
// `npm test` pairs: 31.9, 33.7 and 34.4 s against 38.5, 41.0 and 35.0 s on a busy machine.
// `--no-opt` (no TurboFan at all) took 28 s of CPU against 19 s for the second shard.
const nodeFlags = ['--single-threaded-gc', '--interrupt-budget=1000000'];
let jestFailed;
let totals = '';
if (extra.length > 0) {
  const jest = spawn(process.execPath, [...nodeFlags, jestBin, ...extra], { env, stdio: 'inherit' });
  children.add(jest);
  jestFailed = (await new Promise((resolve) => jest.on('close', (code) => resolve(code ?? 1)))) !== 0;
} else {
  const results = mkdtempSync(join(tmpdir(), 'tsunagi-jest-'));
  const colors = process.stdout.isTTY ? ['--colors'] : [];
  const shard = (index, onOutput) =>
    buffered(
      `jest shard ${index}/2`,
      process.execPath,
      [
        ...nodeFlags,
        jestBin,
        `--shard=${index}/2`,
        '--runInBand',
        '--json',
        `--outputFile=${join(results, `${index}.json`)}`,
        ...colors,
      ],
      { onOutput },
    );
  let firstDone = false;
  let heldBack = '';
  const second = shard(2, (chunk) => {
    if (firstDone) process.stderr.write(withoutResultsLine(chunk));
    else heldBack += withoutResultsLine(chunk);
  });
  const one = await shard(1, (chunk) => process.stderr.write(withoutResultsLine(chunk)));
  firstDone = true;
  process.stderr.write(heldBack);
  const two = await second;
  jestFailed = one.code !== 0 || two.code !== 0;
  totals = summary([one, two], results);
  rmSync(results, { recursive: true, force: true });
}

/** Jest's note of where --outputFile went: a temporary file only this script reads. */
function withoutResultsLine(chunk) {
  return String(chunk).replace(/^Test results written to: .*\n/m, '');
}

/** One line: suites, tests and snapshots of both shards, and each shard's time. */
function summary(shards, dir) {
  const sum = { suites: 0, tests: 0, failedTests: 0, failedSuites: 0, snapshots: 0 };
  const parts = [];
  for (const [i, shard] of shards.entries()) {
    try {
      const r = JSON.parse(readFileSync(join(dir, `${i + 1}.json`), 'utf8'));
      sum.suites += r.numTotalTestSuites;
      sum.tests += r.numTotalTests;
      sum.failedTests += r.numFailedTests;
      sum.failedSuites += r.numFailedTestSuites;
      sum.snapshots += r.snapshot.total;
      parts.push(`${i + 1}/2: ${r.numTotalTestSuites} suites in ${(shard.ms / 1000).toFixed(1)} s`);
    } catch {
      parts.push(`${i + 1}/2: no results (exit ${shard.code})`);
    }
  }
  const verdict = shards.every((s) => s.code === 0)
    ? 'passed'
    : `FAILED: ${sum.failedTests} test(s) in ${sum.failedSuites} suite(s)`;
  return `jest: ${sum.suites} suites, ${sum.tests.toLocaleString('en-US')} tests, ${sum.snapshots} snapshots, ${verdict} (${parts.join('; ')})\n`;
}

let failed = jestFailed;
for (const check of await Promise.all(checks)) {
  const verdict =
    check.code === 0 ? 'ok' : `FAILED (exit ${check.code}${check.signal ? `, ${check.signal}` : ''})`;
  if (check.code !== 0) {
    failed = true;
    process.stderr.write(`\n${check.output}`);
  }
  process.stderr.write(`${check.name} (${check.command}): ${verdict}, ${(check.ms / 1000).toFixed(1)} s\n`);
}
process.stderr.write(totals);
process.exit(failed ? 1 : 0);
