/**
 * Jest configuration for the mutation run (`npm run mutate`, stryker.config.mjs): the normal
 * configuration with snapshot matching disabled, so the mutation score counts only what tests
 * assert. Stryker re-runs a mutant's covering tests once per mutant, so test files that
 * synthesize whole apps in beforeAll (seconds each) would make the run take hours on two
 * cores; they are left out, and the score counts what the fast tests assert (a lower bound):
 * - test/cli, test/diagram/command: run the built bundle in child processes, where Stryker
 *   can neither activate a mutant nor record coverage;
 * - test/aws and test/azure (except the quota, sizing, pool and profile-rule tables, and the
 *   segmentation checks, which synthesize one small Azure variant): synthesize stacks in-process;
 * - test/review/gate/workflows.test.ts: reads the GitHub workflows, no code under mutation;
 * - test/meta: repository checks, no code under mutation;
 * - test/planner/properties.test.ts: fast-check plans 40 cases per property, and every
 *   planner mutant is covered by all of them (about 10 s per mutant here); the exact-figure
 *   tests carry the planner's score, the properties still run in npm test.
 * The verify, diagram and review end-to-end tests read the fixture trees that global setup
 * synthesizes once, or that the first worker synthesizes into the same cache
 * (test/support/synthesized.ts; in Stryker's initial run, with no mutant active), so they stay in.
 */
const { join } = require('node:path');
const base = require('./jest.config.js');

/** `test/planner,test/azure/expressroute-sizing.test.ts` -> jest `testMatch` globs. */
function testMatchOf(list) {
  return list
    .split(',')
    .map((path) => path.trim().replace(/\/+$/, ''))
    .filter(Boolean)
    .map((path) => (path.endsWith('.test.ts') ? `<rootDir>/${path}` : `<rootDir>/${path}/**/*.test.ts`));
}

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/cli/',
    '<rootDir>/test/meta/',
    '<rootDir>/test/aws/',
    '<rootDir>/test/azure/(?!(azure-firewall-quotas|expressroute-sizing|population-pools|profile-rules|segmentation)\\.test\\.ts$)',
    '<rootDir>/test/diagram/command\\.test\\.ts$',
    '<rootDir>/test/review/gate/workflows\\.test\\.ts$',
    '<rootDir>/test/planner/properties\\.test\\.ts$',
  ],
  // TSUNAGI_MUTATION_TESTS: the shard's tests (stryker.config.mjs SHARDS), a comma-separated
  // list of folders and test files; scripts/mutate.mjs sets it for each shard.
  ...(process.env.TSUNAGI_MUTATION_TESTS ? { testMatch: testMatchOf(process.env.TSUNAGI_MUTATION_TESTS) } : {}),
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/test/support/stryker-no-snapshots.js'],
  // Bail after a mutant's first failing test, and load only the files that hold its covering
  // tests, fastest first (both files say why StrykerJS's jest runner needs the help).
  testEnvironment: join(__dirname, 'test/support/stryker-environment.js'),
  testSequencer: join(__dirname, 'test/support/stryker-test-sequencer.js'),
  ci: false,
  // Whether our code loads once per worker (test/support/shared-modules-runtime.js,
  // bindStrykerContext) or per test file, as the shard says (stryker.config.mjs shareOwnCode).
  globals: {
    ...base.globals,
    tsunagiShareOwnCode: process.env.TSUNAGI_MUTATION_SHARE_OWN_CODE === 'true' ? 'mutation' : false,
  },
};
