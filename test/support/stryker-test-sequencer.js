// The test sequencer of the mutation run (jest.stryker.config.js). In a mutant run StrykerJS
// names the covering tests in `testNamePattern` but still hands jest every test file, and jest
// loads each one (our code compiled and evaluated again, beforeAll hooks) only to skip its
// tests. With the map the dry run recorded (test/support/stryker-environment.js), this keeps
// the files that hold a test the pattern selects, exactly as jest would select them, and runs
// the fastest first, so that the environment's bail stops a killed mutant early. Without the
// map or a pattern (the dry run), it is jest's own order.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;
const { TESTS_BY_FILE } = require('./stryker-environment');

class MutationRunSequencer extends Sequencer {
  constructor(options) {
    super(options);
    this.globalConfig = options.globalConfig;
  }

  sort(tests) {
    const pattern = this.globalConfig.testNamePattern;
    const file = join(this.globalConfig.rootDir, TESTS_BY_FILE);
    if (!pattern || !existsSync(file)) return super.sort(tests);
    const recorded = JSON.parse(readFileSync(file, 'utf8'));
    // jest matches testNamePattern case-insensitively (jest-circus, `new RegExp(pattern, 'i')`).
    const selects = new RegExp(pattern, 'i');
    const holds = (test) => {
      const entry = recorded[test.path];
      // A file the dry run did not record stays in: never drop a test we know nothing about.
      return entry === undefined || entry.tests.some((name) => selects.test(name));
    };
    const ms = (test) => recorded[test.path]?.ms ?? Number.MAX_SAFE_INTEGER;
    return tests.filter(holds).sort((a, b) => ms(a) - ms(b));
  }
}

module.exports = MutationRunSequencer;
