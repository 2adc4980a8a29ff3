/**
 * Jest configuration for the mutation run (`npm run mutate`, stryker.config.mjs): the normal
 * configuration with snapshot matching disabled, so the mutation score counts only what tests
 * assert. test/cli is left out: it runs the built bundle in child processes, where Stryker can
 * neither activate a mutant nor record coverage, and it re-synthesizes with the validator on.
 * The global setup still builds dist/ in Stryker's sandbox: the AWS stacks package the Lambda
 * handlers from dist/handlers/.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/cli/'],
  setupFilesAfterEnv: [...(base.setupFilesAfterEnv ?? []), '<rootDir>/test/support/stryker-no-snapshots.js'],
  ci: false,
};
