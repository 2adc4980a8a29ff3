// The gate's fuzz run: the property tests of test/gate with many more runs and a random
// seed (printed, so a failure can be replayed with TSUNAGI_FUZZ_SEED=<seed>).
// Usage: npm run fuzz [-- --runs 600 --seed 42]
import { spawnSync } from 'node:child_process';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = arg('runs', process.env.TSUNAGI_FUZZ_RUNS ?? '600');
const seed = arg('seed', process.env.TSUNAGI_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31)));
console.log(`fuzz: ${runs} validator runs, ${Math.ceil(runs / 3)} synth runs, seed ${seed}`);
const result = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', '--runInBand', 'test/gate/'], {
  stdio: 'inherit',
  env: { ...process.env, TSUNAGI_FUZZ_RUNS: runs, TSUNAGI_FUZZ_SEED: seed, CDK_VALIDATION: 'false' },
});
process.exit(result.status ?? 1);
