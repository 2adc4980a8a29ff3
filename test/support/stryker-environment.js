// The test environment of the mutation run (jest.stryker.config.js; StrykerJS mixes its own
// coverage hooks into it). Two things StrykerJS's jest runner does not do for us:
//
// - Bail. A mutant is killed by its first failing test; jest cannot be told to bail
//   programmatically (StrykerJS sets `bail: false`), so every covering test ran for every
//   mutant. Here, once a test or hook has failed under a mutant, the remaining tests of that
//   mutant's run are skipped. The verdict is the same; the run is shorter.
// - Which file holds which test. In the initial (dry) run, with no mutant active, it records
//   each test's full name and its file, and how long each file took, in TESTS_BY_FILE in the
//   sandbox; test/support/stryker-test-sequencer.js reads it to load only the files that hold
//   a mutant's covering tests, fastest first.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { TestEnvironment } = require('jest-environment-node');

/** The variable StrykerJS sets to the id of the active mutant in a mutant run. */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
const TESTS_BY_FILE = '.stryker-tests-by-file.json';

/** The mutant under which a test or hook has failed (module state: one jest process). */
let failedUnder;
/** Dry run only: test file -> { tests: full names, ms: run time }. */
const recorded = {};

/** The full name StrykerJS gives a test (describe names and the test's, space-separated). */
function fullName(test) {
  const names = [];
  for (let block = test; block?.parent; block = block.parent) names.unshift(block.name);
  return names.join(' ');
}

class MutationRunEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.rootDir = config.projectConfig.rootDir;
    this.startedAt = performance.now();
  }

  /** True under StrykerJS (its environment mixin puts `__stryker__` in the global). */
  get inStryker() {
    return this.global.__stryker__ !== undefined;
  }

  async handleTestEvent(event) {
    if (!this.inStryker) return;
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant === undefined) {
      if (event.name === 'test_done') {
        recorded[this.testPath] ??= { tests: [], ms: 0 };
        recorded[this.testPath].tests.push(fullName(event.test));
      }
      return;
    }
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') failedUnder = mutant;
    else if (event.name === 'test_start' && failedUnder === mutant) event.test.mode = 'skip';
  }

  async teardown() {
    if (this.inStryker && process.env[ACTIVE_MUTANT] === undefined) {
      recorded[this.testPath] ??= { tests: [], ms: 0 };
      recorded[this.testPath].ms = Math.round(performance.now() - this.startedAt);
      writeFileSync(join(this.rootDir, TESTS_BY_FILE), JSON.stringify(recorded));
    }
    await super.teardown();
  }
}

module.exports = MutationRunEnvironment;
module.exports.TESTS_BY_FILE = TESTS_BY_FILE;
