/**
 * Jest configuration for the mutation run (`npm run mutate`, stryker.config.mjs): the normal
 * configuration with snapshot matching disabled, so the mutation score counts only what tests
 * assert. Stryker re-runs a mutant's covering tests once per mutant, so test files that
 * synthesize whole apps in beforeAll (seconds each) would make the run take hours on two
 * cores; they are left out, and the score counts what the fast tests assert (a lower bound):
 * - test/cli, test/diagram/command: run the built bundle in child processes, where Stryker
 *   can neither activate a mutant nor record coverage;
 * - test/aws, test/azure (except the quota and sizing tables), test/review/review.test.ts and
 *   test/review/gate: synthesize stacks in-process;
 * - test/meta: repository checks, no code under mutation;
 * - test/planner/properties.test.ts: fast-check plans 40 cases per property, and every
 *   planner mutant is covered by all of them (about 10 s per mutant here); the exact-figure
 *   tests carry the planner's score, the properties still run in npm test.
 * The verify and diagram tests read the fixture trees that global setup synthesizes once (in
 * Stryker's sandbox too), so they stay in.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/test/cli/',
    '<rootDir>/test/meta/',
    '<rootDir>/test/aws/',
    '<rootDir>/test/azure/(?!.*(quotas|sizing)\\.test\\.ts$)',
    '<rootDir>/test/diagram/command\\.test\\.ts$',
    '<rootDir>/test/review/review\\.test\\.ts$',
    '<rootDir>/test/review/gate/',
    '<rootDir>/test/planner/properties\\.test\\.ts$',
  ],
  // TSUNAGI_MUTATION_TESTS=test/verify narrows the run to one folder of tests (a quick look at
  // one area: npm run mutate -- --mutate 'lib/verify/**/*.ts' with the variable set).
  ...(process.env.TSUNAGI_MUTATION_TESTS ? { roots: [`<rootDir>/${process.env.TSUNAGI_MUTATION_TESTS}`] } : {}),
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/test/support/stryker-no-snapshots.js'],
  ci: false,
  // Our code loads per test file in a mutation run (test/support/shared-modules-runtime.js):
  // Stryker activates a mutant in the code that the test file itself loaded.
  globals: { ...base.globals, tsunagiShareOwnCode: false },
};
