/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  // Builds dist/ once per jest run, so a lone `npx jest` never tests a stale bundle.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  setupFiles: ['<rootDir>/test/setup-env.js'],
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.js'],
  // CI sets CI=true, which makes jest refuse to write new snapshots (--ci semantics).
  ci: Boolean(process.env.CI),
  maxWorkers: 2,
  // `npm test` runs two shards of this in parallel (scripts/test.mjs); the sequencer says which
  // test file goes to which.
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  // Node's file system API crawls test/; no attempt to start a Watchman these machines lack.
  watchman: false,
  // aws-cdk-lib, cdktf and a few other large packages load once per process (each `npm test`
  // shard, each worker of a plain `npx jest`), not once per test file (about a third of jest's
  // CPU); what that means for a test is in the file.
  runtime: '<rootDir>/test/support/shared-modules-runtime.js',
};
