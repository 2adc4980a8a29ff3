// `npm test`: the type check (package.json "typecheck") and Biome ("lint") run beside jest, not
// before it. Jest's global setup synthesizes the default fixture with the real CLI, and for those
// seconds one of the two cores is mostly idle; tsc and Biome fill it. Measured on two cores from
// a clean clone: 29.5 s against 30.8 s in sequence (two pairs, calibration 1640-1710 ms).
// Jest's output streams as it runs; the type check's and Biome's follow it, with their verdicts.
// The exit code is non-zero when any of the three fails. Arguments go to jest:
// `npm test -- test/planner`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts;
const env = {
  ...process.env,
  PATH: `${join(process.cwd(), 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
};

/** Runs a package.json script's command (with `extra` arguments) with its output kept for later. */
function buffered(name, extra = '') {
  const started = performance.now();
  const command = `${scripts[name]}${extra}`;
  const child = spawn(command, { shell: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) =>
      resolve({
        name,
        command,
        code: code ?? 1,
        signal,
        output,
        ms: performance.now() - started,
      }),
    );
  });
}

// The type check in one thread: beside jest's two workers, TypeScript 7's parallel checkers only
// add CPU (measured on two cores: 7.6 s of CPU against 5.8 s single-threaded, same verdict).
const checks = [buffered('typecheck', ' --singleThreaded'), buffered('lint')];
const jest = spawn(
  process.execPath,
  ['--single-threaded-gc', join('node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)],
  { env, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => jest.kill(signal));
const jestCode = await new Promise((resolve) => jest.on('close', (code) => resolve(code ?? 1)));

let failed = jestCode !== 0;
for (const check of await Promise.all(checks)) {
  const verdict =
    check.code === 0 ? 'ok' : `FAILED (exit ${check.code}${check.signal ? `, ${check.signal}` : ''})`;
  if (check.code !== 0) {
    failed = true;
    process.stderr.write(`\n${check.output}`);
  }
  process.stderr.write(`${check.name} (${check.command}): ${verdict}, ${(check.ms / 1000).toFixed(1)} s\n`);
}
process.exit(failed ? 1 : 0);
