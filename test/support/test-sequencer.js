// Jest's test sequencer with one change: how `--shard=<i>/2` splits the test files. `npm test`
// (scripts/test.mjs) runs two jest processes in parallel, `--shard=1/2 --runInBand` and
// `--shard=2/2 --runInBand`, instead of one jest with two workers. With workers, each worker
// loads and warms up everything (aws-cdk-lib, cdktf and the azurerm provider, the planner, the
// review's template diff); split by folder, the construct tests run in one process and the
// model and review tests in the other, and each loads mostly its own half. Measured on two
// cores, same 109 files (two pairs, warm fixture cache): 41.6 and 48.2 s of CPU with workers
// against 40.1 and 41.4 s split, 22.8 and 25.0 s against 20.8 and 21.5 s of wall time.
//
// FIRST_SHARD holds the test files that synthesize the stacks in-process, or read both
// fixtures' synthesized trees (the first process to read iwate's synthesizes it in-process):
// aws-cdk-lib, cdktf and the stacks load in that process only (a cold second shard loads
// neither, checked with a Module._load hook). Every other file, including a folder added later
// and the files of SECOND_SHARD, goes to the second shard. Balance, cold `npm test`, three runs:
// 28.0 and 26.8 s, 27.9 and 25.3 s, 27.2 and 27.1 s; move a folder or file when one shard grows
// much longer than the other. Any other shard count is jest's own split (by path hash).
const { relative, sep } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Shard 1 of 2: folders (with a trailing slash) and files, relative to test/. */
const FIRST_SHARD = [
  'aws/',
  'azure/',
  'gate/',
  'operations/',
  'diagram/',
  'verify/',
  // An edited fixture synthesized in-process, and iwate's tree.
  'review/review.test.ts',
];

/**
 * Files under those folders that load neither aws-cdk-lib nor cdktf (checked with a
 * Module._load hook): the second shard, where they balance the two.
 */
const SECOND_SHARD = [
  'aws/handlers/',
  'azure/azure-firewall-quotas.test.ts',
  'azure/expressroute-sizing.test.ts',
  'azure/population-pools.test.ts',
  'azure/profile-rules.test.ts',
  'gate/malformed-yaml.test.ts',
];

/** 1 or 2: the shard of `npm test` that runs this test file (`rootDir` is the repository). */
function shardOf(rootDir, testPath) {
  const [top, ...rest] = relative(rootDir, testPath).split(sep);
  const path = rest.join('/');
  const listed = (list) => list.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
  return top === 'test' && listed(FIRST_SHARD) && !listed(SECOND_SHARD) ? 1 : 2;
}

class TsunagiSequencer extends Sequencer {
  shard(tests, options) {
    if (options.shardCount !== 2) return super.shard(tests, options);
    return tests.filter((test) => shardOf(test.context.config.rootDir, test.path) === options.shardIndex);
  }
}

module.exports = TsunagiSequencer;
module.exports.shardOf = shardOf;
module.exports.FIRST_SHARD = FIRST_SHARD;
module.exports.SECOND_SHARD = SECOND_SHARD;
