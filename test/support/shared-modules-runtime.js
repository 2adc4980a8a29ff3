// Jest's runtime (jest.config.js `runtime`), with a few large, stateless-enough dependencies
// loaded once per jest worker by Node itself instead of once per test file by jest.
//
// Why: jest gives every test file a fresh module registry, so each of the ~30 files that build
// stacks loaded and compiled aws-cdk-lib, cdktf and the azurerm provider again (0.7 s or more
// per file), and jest's loader compiles without V8's code cache. Measured on two cores with a
// warm fixture cache: jest took 84 s of CPU (44 s wall) with per-file loading and 56 s of CPU
// (29.5 s wall) with these packages shared; the same 819 tests passed.
//
// What it means for a test:
// - Our own code (lib/, stacks/, bin/) and every other package still load per test file
//   through jest (transformed by swc, mockable, isolated).
// - The packages below are the same module instances for every test file that one worker
//   runs. Do not `jest.mock` them (it would not apply; test/meta/habits.test.ts refuses it);
//   restore any `jest.spyOn` on them (`mockRestore`), as test/aws/validation does.
// - They run in Node's realm, not the test file's: their objects and errors are not
//   `instanceof` the test realm's Object, Array or Error (jest's matchers compare across
//   realms; `toEqual`, `toThrow(/message/)` and snapshots behave as before).
// - They read the real `process.env`, not the test file's copy (test/setup-env.js sets that
//   one): CDK_VALIDATION=false is therefore set here too, for the in-process synths.
const Runtime = require('jest-runtime').default;

/** Package names (and their subpaths) that every test file of a worker shares. */
const SHARED_PACKAGES = [
  'aws-cdk-lib',
  'constructs',
  'cdk-nag',
  '@aws-cdk/cloudformation-diff',
  '@aws-cdk/aws-service-spec',
  'cdktf',
  '@cdktf/provider-azurerm',
  '@cdktf/provider-azuread',
  'yaml',
  'zod',
  'ip-address',
  'fast-check',
];
const SHARED = new RegExp(
  `^(${SHARED_PACKAGES.map((p) => p.replace(/[/.]/g, (c) => `\\${c}`)).join('|')})(/|$)`,
);

// Unit tests synthesize many apps in-process: aws-cdk-lib's built-in CloudFormation validator
// stays off for them (see test/setup-env.js; the real synth in global setup turns it on).
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';

class SharedModulesRuntime extends Runtime {
  requireModuleOrMock(from, moduleName) {
    if (SHARED.test(moduleName)) return require(moduleName);
    return super.requireModuleOrMock(from, moduleName);
  }
}

module.exports = SharedModulesRuntime;
module.exports.SHARED_PACKAGES = SHARED_PACKAGES;
