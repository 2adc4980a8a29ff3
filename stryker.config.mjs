// Mutation testing (`npm run mutate`, scripts/mutate.mjs; not part of `npm test`). StrykerJS
// 9.6 with the jest runner (StrykerJS 10 needs Node 22). Scope: the code whose numbers and
// decisions must be right -- planner, model, quotas, profile rules, verification, review. The
// jest config for the run disables snapshot matching (jest.stryker.config.js), so the score
// counts what the tests assert.
//
// The scope runs in shards: each area's mutants against that area's own tests. With every test
// file, a profile-rule mutant re-runs the whole bad-profile corpus and every planner test
// (each validates and plans a whole profile), which is about 12 hours for the scope on two
// cores. More tests can only kill more mutants, so a shard's score is a lower bound of the
// score with all tests.

/**
 * The shards `npm run mutate` runs, in order. `tests` are paths under the repository (folders
 * or single test files) that jest.stryker.config.js turns into `testMatch`. `shareOwnCode`:
 * our code loads once per jest worker instead of once per test file
 * (test/support/shared-modules-runtime.js, bindStrykerContext), allowed only where the mutated
 * code keeps no module-level state (test/meta/habits.test.ts checks it).
 */
export const SHARDS = [
  {
    name: 'planner',
    mutate: [
      'lib/planner/**/*.ts',
      '!lib/planner/render-markdown.ts',
      // The search's own shard, below.
      '!lib/planner/search.ts',
      '!lib/planner/steer.ts',
      '!lib/planner/steering.ts',
      'lib/model/**/*.ts',
      'lib/quotas/**/*.ts',
    ],
    // carrier-translation (and test/model): the tests of lib/model/carrier-translation.ts (the plan's
    // translation statements); test/quotas: the quota lookups the stacks and rules read.
    tests: [
      'test/planner',
      'test/quotas',
      'test/model',
      'test/profile/carrier-translation.test.ts',
      'test/monitoring',
      'test/azure/azure-firewall-quotas.test.ts',
      'test/azure/expressroute-sizing.test.ts',
      'test/azure/population-pools.test.ts',
    ],
    shareOwnCode: true,
  },
  {
    // The sizing search and the steering run inside every plan: instrumented, they made each
    // planner test about 20 times slower (Stryker estimated 4 h with the planner's tests). Their
    // own test file pins them on hand-sized instances with exact figures, in under a second.
    name: 'search',
    mutate: ['lib/planner/search.ts', 'lib/planner/steer.ts', 'lib/planner/steering.ts'],
    tests: ['test/planner/search-steering.test.ts', 'test/planner/search-steering-edges.test.ts'],
    shareOwnCode: true,
  },
  {
    name: 'rules',
    mutate: ['lib/profile/rules/**/*.ts'],
    tests: ['test/profile', 'test/azure/profile-rules.test.ts'],
    shareOwnCode: true,
  },
  {
    name: 'verify',
    mutate: ['lib/verify/**/*.ts'],
    // segmentation: the Azure reach checker on the cached fixtures and one variant (one Azure synth).
    tests: ['test/verify', 'test/azure/segmentation.test.ts'],
    shareOwnCode: true,
  },
  // The review in four shards. Its end-to-end tests (test/review/review.test.ts reviews whole
  // synthesized trees) cover nearly every line, so with them every mutant of the diff or the
  // rendering re-ran whole reviews (about 37 mutants a minute); each part has exact tests of its
  // own, and runs against those.
  {
    name: 'review',
    mutate: [
      'lib/review/**/*.ts',
      '!lib/review/gate/**/*.ts',
      '!lib/review/aws-diff.ts',
      '!lib/review/azure-diff.ts',
      '!lib/review/render-markdown.ts',
      '!lib/review/cost.ts',
      '!lib/review/artifacts.ts',
      '!lib/review/review.ts',
      '!lib/review/types.ts',
    ],
    tests: ['test/review'],
    shareOwnCode: true,
  },
  {
    // The deploy gate (`tsunagi gate`): change sets, Terraform plans, stack policies.
    name: 'review-gate',
    mutate: ['lib/review/gate/**/*.ts'],
    tests: ['test/review/gate'],
    shareOwnCode: true,
  },
  {
    // The report: the review's assembly, costs, the artifacts it reads, the Markdown comment.
    name: 'review-report',
    mutate: [
      'lib/review/render-markdown.ts',
      'lib/review/cost.ts',
      'lib/review/artifacts.ts',
      'lib/review/review.ts',
      'lib/review/types.ts',
    ],
    tests: [
      'test/review/report-rendering.test.ts',
      'test/review/cost.test.ts',
      'test/review/artifacts.test.ts',
      'test/review/review-sides.test.ts',
      'test/review/capacity.test.ts',
      'test/review/capacity-figures.test.ts',
      'test/review/acks.test.ts',
    ],
    shareOwnCode: true,
  },
  {
    // The resource diffs of both clouds.
    name: 'review-diff',
    mutate: ['lib/review/aws-diff.ts', 'lib/review/azure-diff.ts'],
    tests: [
      'test/review/resource-changes.test.ts',
      'test/review/diff-edges.test.ts',
      'test/review/security-findings.test.ts',
      'test/review/security.test.ts',
      'test/review/review-sides.test.ts',
      'test/review/cross-stack.test.ts',
    ],
    shareOwnCode: true,
  },
];

/** Where a shard keeps its report and its incremental results (reports/ is gitignored). */
export const shardReportDir = (name) => `reports/mutation/${name}`;

const shard = SHARDS.find((s) => s.name === process.env.TSUNAGI_MUTATION_SHARD);
// A run without a shard (`npx stryker run` directly, or `npm run mutate -- --mutate ...` with
// TSUNAGI_MUTATION_SHARD=adhoc) keeps its results apart from the shards'.
const reportDir = shardReportDir(shard?.name ?? 'adhoc');

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
  // The Markdown rendering of the plan is left out: wording, not figures.
  mutate: shard?.mutate ?? SHARDS.flatMap((s) => s.mutate),
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
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/mutation.json` },
  // The 85 % the project holds itself to applies to the whole scope: scripts/mutate.mjs merges
  // the shards' reports and fails below it.
  thresholds: { high: 90, low: 85, break: null },
  // Re-runs reuse results for mutants whose code and covering tests did not change.
  incremental: true,
  incrementalFile: `${reportDir}/incremental.json`,
  cleanTempDir: 'always',
};
