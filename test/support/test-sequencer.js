// Jest's test sequencer with one change: how `--shard=<i>/2` splits the test files. `npm test`
// (scripts/test.mjs) runs two jest processes in parallel, `--shard=1/2 --runInBand` and
// `--shard=2/2 --runInBand`, instead of one jest with two workers. With workers, each worker
// loads and warms up everything (aws-cdk-lib, cdktf and the azurerm provider, the planner, the
// review's template diff); split by folder, the construct tests run in one process and the
// model and review tests in the other, and each loads mostly its own half. Measured on two
// cores, same 109 files (two pairs, warm fixture cache): 41.6 and 48.2 s of CPU with workers
// against 40.1 and 41.4 s split, 22.8 and 25.0 s against 20.8 and 21.5 s of wall time.
//
// The folders in FIRST_SHARD_FOLDERS build the CDK and CDK for Terraform apps in-process, or
// verify what they synthesized (test/verify); every other folder (including one added later)
// goes to the second shard. In eight cold `npm test` runs the second shard took 1 s longer on
// average (from -1.3 to +3.0 s) before test/verify (about 0.6 s) moved to the first: move a
// folder when one shard grows much longer than the other. Any other shard count is jest's own
// split (by path hash).
const { relative, sep } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Test folders (under test/) of shard 1 of 2: the stacks synthesized in-process, and verify. */
const FIRST_SHARD_FOLDERS = ['aws', 'azure', 'gate', 'operations', 'diagram', 'verify'];

/** 1 or 2: the shard of `npm test` that runs this test file (`rootDir` is the repository). */
function shardOf(rootDir, testPath) {
  const [top, folder] = relative(rootDir, testPath).split(sep);
  return top === 'test' && FIRST_SHARD_FOLDERS.includes(folder) ? 1 : 2;
}

class TsunagiSequencer extends Sequencer {
  shard(tests, options) {
    if (options.shardCount !== 2) return super.shard(tests, options);
    return tests.filter((test) => shardOf(test.context.config.rootDir, test.path) === options.shardIndex);
  }
}

module.exports = TsunagiSequencer;
module.exports.shardOf = shardOf;
module.exports.FIRST_SHARD_FOLDERS = FIRST_SHARD_FOLDERS;
