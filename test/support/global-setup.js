// Jest global setup: builds dist/ (esbuild, about 0.2 s) once before any test file runs, so a
// lone `npx jest` never tests a stale bundle (test/cli runs bin/tsunagi.cjs -> dist/tsunagi.js,
// and the AWS stacks package dist/handlers/*). `npm test` relies on this and does not build.
// Then synthesizes the fixture profiles once with the real CLI, or finds them in the cache
// (test/support/synthesized-fixtures.js), and tells the test files where they are.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { synthesizeFixtures } = require('./synthesized-fixtures');

module.exports = async function globalSetup() {
  // StrykerJS runs jest once per mutant, each time with this setup: the sandbox was built for
  // its initial run (no mutant active) and does not change between mutants.
  if (process.env.TSUNAGI_MUTATION_ARTIFACTS && process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined) {
    process.env.TSUNAGI_TEST_ARTIFACTS = process.env.TSUNAGI_MUTATION_ARTIFACTS;
    return;
  }
  const root = join(__dirname, '..', '..');
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`scripts/build.mjs failed (exit ${result.status})`);
  // `npm run mutate` (scripts/mutate.mjs) synthesizes from the real tree before Stryker copies
  // it, and passes the directory in: the sandbox's instrumented bundle would miss the cache.
  if (!process.env.TSUNAGI_MUTATION_ARTIFACTS)
    process.env.TSUNAGI_TEST_ARTIFACTS = await synthesizeFixtures();
  else process.env.TSUNAGI_TEST_ARTIFACTS = process.env.TSUNAGI_MUTATION_ARTIFACTS;
};
