// `npm run mutate`: builds dist/, synthesizes the fixture profiles once (or finds them in the
// test cache, test/support/synthesized-fixtures.js) from the real, uninstrumented tree, then
// runs StrykerJS (stryker.config.mjs) with that directory passed to jest's global setup
// (TSUNAGI_MUTATION_ARTIFACTS), so the sandbox does not synthesize its instrumented copy again.
// Extra arguments go to Stryker: npm run mutate -- --mutate 'lib/verify/**/*.ts'
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const { synthesizeFixtures } = require('../test/support/synthesized-fixtures.js');
const artifacts = await synthesizeFixtures({ all: true });
const started = performance.now();
const stryker = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TSUNAGI_MUTATION_ARTIFACTS: artifacts },
});
console.log(`npm run mutate: Stryker ran ${((performance.now() - started) / 60_000).toFixed(1)} min`);
process.exit(stryker.status ?? 1);
