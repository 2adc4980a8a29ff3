// Mutation testing (`npm run mutate`; not part of `npm test`). StrykerJS 9.6 with the jest
// runner (StrykerJS 10 needs Node 22). Scope: the code whose numbers and decisions must be
// right -- planner, model, quotas, profile rules, verification, review. The jest config for
// the run disables snapshot matching (jest.stryker.config.js), so the score counts what the
// tests assert. Narrow the scope for a quick look: `npm run mutate -- --mutate 'lib/verify/**/*.ts'`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  plugins: ['@stryker-mutator/jest-runner'],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.stryker.config.js',
    // Off: jest's related-test search misses test files here (test/planner/design-cost.test.ts
    // reaches the planner through test/support/profiles.ts and was never run), and Stryker's
    // per-test coverage already limits each mutant to the tests that executed it.
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables, evaluated once at import) would each need every
  // related test file re-run from scratch: hours on two cores. They are reported as ignored
  // and left out of the score; the tables' figures are pinned by exact-figure tests instead.
  ignoreStatic: true,
  mutate: [
    'lib/planner/**/*.ts',
    // Markdown rendering of the plan: wording, not figures.
    '!lib/planner/render-markdown.ts',
    'lib/model/**/*.ts',
    'lib/quotas/**/*.ts',
    'lib/profile/rules/**/*.ts',
    'lib/verify/**/*.ts',
    'lib/review/**/*.ts',
  ],
  // Only what the tests need is copied into the sandbox (node_modules is linked).
  ignorePatterns: ['dist', 'cdk.out', 'cdktf.out', '.bench', 'reports', 'coverage', '.gen', '.terraform'],
  tempDirName: '.stryker-tmp',
  // Stryker rewrites tsconfig.json through the TypeScript 5 API, which TypeScript 7 does not
  // have; ours has no extends/references to rewrite, so point it at a file that is not there.
  tsconfigFile: 'tsconfig.stryker-skip.json',
  // Two cores, shared: two jest workers.
  concurrency: 2,
  timeoutFactor: 2,
  // The dry run loads every test file once with coverage; on a shared machine it is slow.
  dryRunTimeoutMinutes: 30,
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  // Re-runs reuse results for mutants whose code and covering tests did not change.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  cleanTempDir: 'always',
};
