// Jest's runtime (jest.config.js `runtime`): large, stateless-enough dependencies and most of our
// own code are loaded once per jest worker by Node itself, instead of once per test file by jest.
//
// Why: jest gives every test file a fresh module registry, so each of the ~30 files that build
// stacks loaded and compiled aws-cdk-lib, cdktf and the azurerm provider again (0.7 s or more
// per file), and jest's loader compiles without V8's code cache. Measured on two cores with a
// warm fixture cache: jest took 84 s of CPU (44 s wall) with per-file loading and 56 s of CPU
// (29.5 s wall) with these packages shared; the same 819 tests passed.
// Our own code then still loaded per file: every test file compiled the profile schema, the
// planner and the stacks again and ran them cold (planning Hyogo takes 75 ms the first time in
// a registry and 12 ms once V8 has optimised it). Sharing lib/ and stacks/ too took jest from
// 70 to 62 s of CPU with a warm fixture cache (832 tests, the same results).
//
// What it means for a test:
// - The packages in SHARED_PACKAGES and our modules under lib/ and stacks/ (except the folders
//   in PER_FILE_OWN_CODE) are the same module instances for every test file that one worker
//   runs. Do not `jest.mock` them (it would not apply; test/meta/habits.test.ts refuses it);
//   restore any `jest.spyOn` on them (`mockRestore`), as test/aws/validation does.
// - They run in Node's realm, not the test file's: their objects and errors are not
//   `instanceof` the test realm's Object, Array or Error (jest's matchers compare across
//   realms; `toEqual`, `toThrow(/message/)` and snapshots behave as before; `toStrictEqual`
//   on their plain objects does not).
// - They read the real `process.env` and `console`, not the test file's copies
//   (test/setup-env.js sets the copy): CDK_VALIDATION=false is therefore set here too. Code
//   whose tests set environment variables, spy on the console or mock the AWS SDK (the CLI, the
//   Lambda handlers, the validator plugin, the operations commands) stays per file:
//   PER_FILE_OWN_CODE.
// - Module-level state in shared code (a cache, a counter) lives as long as the worker, across
//   test files: keep it deterministic, as the replacement-spec and diff-module caches are.
// - A StrykerJS run (jest.stryker.config.js sets the global `tsunagiShareOwnCode`) shares our
//   code only for the shards that ask for it (stryker.config.mjs `shareOwnCode`), as
//   'mutation': see bindStrykerContext. The other shards set it to false and load our code per
//   test file, where StrykerJS activates each mutant in code the test file loaded itself.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const vm = require('node:vm');
const { dirname, join, resolve, sep } = require('node:path');
const Runtime = require('jest-runtime').default;

const ROOT = join(__dirname, '..', '..');

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

/** Our folders shared per worker. */
const SHARED_OWN_CODE = ['lib', 'stacks'];
/** Folders under them that load per test file (environment, console and AWS SDK mocks). */
const PER_FILE_OWN_CODE = ['cli', 'handlers', 'operations', 'validation'];
const PER_FILE = new RegExp(`[/\\\\](${PER_FILE_OWN_CODE.join('|')})[/\\\\]`);

/** True when the TypeScript file at `path` is one of our modules that a worker shares. */
function isSharedOwnModule(path) {
  const relativePath = path.slice(ROOT.length);
  return (
    path.endsWith('.ts') &&
    SHARED_OWN_CODE.some((folder) => path.startsWith(join(ROOT, folder) + sep)) &&
    !PER_FILE.test(relativePath)
  );
}

/**
 * The TypeScript file an import of ours names (`./x` is x.ts or x/index.ts), or undefined.
 * TypeScript first, as jest resolves: lib/review/rules has azurerm-force-new.ts beside the
 * .json it reads, and Node alone would pick the .json.
 */
function ownTypeScriptFile(base) {
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')])
    if (candidate.endsWith('.ts') && fs.existsSync(candidate)) return candidate;
  return undefined;
}

let nodeLoadsTypeScript = false;
/** Where each of our files that Node compiled keeps its source map: file -> map path. */
const ownSourceMaps = new Map();
/**
 * Teaches this worker's Node.js loader our TypeScript: the same swc transform as jest's
 * (jest.config.js `transform`). The compiled code and its source map are cached by content under
 * jest's cache directory, and the maps are registered with every test file's runtime, so that
 * jest's stack traces name the .ts lines.
 */
function loadTypeScriptInNode(cacheDirectory) {
  if (nodeLoadsTypeScript) return;
  nodeLoadsTypeScript = true;
  const swc = require('@swc/core');
  const cacheDir = join(cacheDirectory, 'tsunagi-shared-own-code');
  fs.mkdirSync(cacheDir, { recursive: true });
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function resolveOwnTypeScript(request, parent, ...rest) {
    if (request.startsWith('.') && parent?.filename?.startsWith(ROOT + sep)) {
      const own = ownTypeScriptFile(resolve(dirname(parent.filename), request));
      if (own) return own;
    }
    return resolveFilename.call(this, request, parent, ...rest);
  };
  Module._extensions['.ts'] = function compileTypeScript(module, filename) {
    const source = fs.readFileSync(filename, 'utf8');
    const key = createHash('sha256')
      .update(`${swc.version}\0${filename}\0${source}`)
      .digest('hex')
      .slice(0, 32);
    const codePath = join(cacheDir, `${key}.js`);
    const mapPath = join(cacheDir, `${key}.map`);
    let code;
    try {
      code = fs.readFileSync(codePath, 'utf8');
    } catch {
      const output = swc.transformSync(source, {
        filename,
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: true,
      });
      code = output.code;
      fs.writeFileSync(mapPath, output.map);
      fs.writeFileSync(codePath, code);
    }
    ownSourceMaps.set(filename, mapPath);
    module._compile(code, filename);
  };
}

// Unit tests synthesize many apps in-process: aws-cdk-lib's built-in CloudFormation validator
// stays off for them, as in the fixture synths (see test/setup-env.js).
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';

/**
 * constructs, cdktf and aws-cdk-lib record a stack trace for every construct's metadata, every
 * cdktf token and every CloudFormation element (Error.captureStackTrace with no depth limit, then
 * `.stack`; test/support/cdk-test-context.ts turns the last off for the apps tests build). In a jest worker `.stack` goes
 * through jest's formatter, which maps every frame through source maps: about 3 s of CPU per
 * `npm test`, for traces that only an error message about an unresolvable token would show.
 * Here they are formatted by V8 itself, as outside jest: the same frames, at the positions of
 * the code that ran.
 */
const NATIVELY_FORMATTED_STACK_TRACES = [
  ['constructs', 'private/stack-trace.js', ['captureStackTrace']],
  ['cdktf', 'tokens/private/stack-trace.js', ['captureStackTrace']],
  // Every CfnElement and Stack records its creation stack (CREATION_STACK metadata): about
  // 40 % of the CPU of building an AWS app's constructs in a jest worker went to jest's
  // formatter. aws-cdk-lib calls these two through the module's exports.
  ['aws-cdk-lib', 'core/lib/private/stack-trace.js', ['captureStackTrace', 'enhancedStackTrace']],
];
let stackTracesPatched = false;
function formatLibraryStackTracesNatively() {
  if (stackTracesPatched) return;
  stackTracesPatched = true;
  for (const [pkg, file, functions] of NATIVELY_FORMATTED_STACK_TRACES) {
    // Not in the packages' exports: reached from their main file (lib/index.js, index.js).
    const module = require(join(dirname(require.resolve(pkg)), file));
    for (const name of functions) {
      const original = module[name];
      const natively = (below, ...rest) => {
        const formatter = Error.prepareStackTrace;
        Error.prepareStackTrace = undefined;
        try {
          // No frame given: the trace starts below this wrapper, as it started below the original.
          return original(below ?? (name === 'captureStackTrace' ? natively : undefined), ...rest);
        } finally {
          Error.prepareStackTrace = formatter;
        }
      };
      module[name] = natively;
    }
  }
}

/**
 * V8 code cache for the modules jest compiles in every test file's context (jest's own expect,
 * snapshot and circus code, our test support, the packages not shared): jest compiles each of
 * them again for each of the ~106 test files, and V8 parses them from scratch each time. The
 * first file in a worker compiles and runs a module as jest would; the second takes V8's code
 * cache from that first script once it has run (`createCachedData`), so the cache holds every
 * function the first file called, not only the top level, and every later file consumes it.
 * Same source, same function: only parsing and compiling are skipped. Measured on two cores
 * against a cache made at compile time (top level only): 40 one-assertion test files in one
 * process took 2.2 s of CPU against 2.8 s; the whole suite in one process 35.1 s against about
 * 36.5 s; with two workers 37.7-44.6 s against 43.0-46.5 s (three pairs, warm fixture cache).
 *
 * A vm.Script, not jest's compileFunction: only a script can make its code cache after it has
 * run. The wrapper line is `lineOffset: -1`, so lines and columns in stack traces are the
 * source's. Test files run once per worker: their scripts are not kept.
 */
const codeCache = new Map();
/** The last source compiled from each file, and its code-cache key (hashing it cost 1 ms a file). */
const lastKeyOf = new Map();
function codeCacheKey(scriptSource, filename) {
  const last = lastKeyOf.get(filename);
  if (last !== undefined && last.source === scriptSource) return last.key;
  const key = `${filename}\0${createHash('sha1').update(scriptSource).digest('base64')}`;
  lastKeyOf.set(filename, { source: scriptSource, key });
  return key;
}
function compileWithCodeCache(executor, jestCompile, scriptSource, filename) {
  const vmContext = executor.environment.getVmContext();
  if (vmContext == null) return null;
  // A hashbang is only valid on a script's first line, which is the wrapper's here.
  if (scriptSource.startsWith('#!') || filename.endsWith('.test.ts'))
    return jestCompile(scriptSource, filename);
  const key = codeCacheKey(scriptSource, filename);
  const entry = codeCache.get(key);
  if (entry?.firstScript !== undefined) {
    entry.cachedData = entry.firstScript.createCachedData();
    entry.firstScript = undefined;
  }
  const script = new vm.Script(
    `(function (${executor.injectedModuleParameters.join(', ')}) {\n${scriptSource}\n})`,
    {
      filename,
      lineOffset: -1,
      ...(entry ? { cachedData: entry.cachedData } : {}),
      importModuleDynamically: (specifier, _script, importAttributes, phase) =>
        executor.dynamicImport(specifier, filename, vmContext, importAttributes, phase),
    },
  );
  if (entry === undefined) codeCache.set(key, { firstScript: script, cachedData: undefined });
  return script.runInContext(vmContext);
}

/**
 * Mutation runs with shared code (`tsunagiShareOwnCode: 'mutation'`). StrykerJS's instrumented
 * code finds its context (the active mutant, coverage per test, the hit counter) in the global
 * `__stryker__` of the realm it runs in, and reads the active mutant from the environment
 * variable only the first time it runs. Its jest environment puts one context object per
 * process in every test file's global; our shared code runs in Node's realm, so that object is
 * put in Node's global as well, and the active mutant is set on it for every test file (a
 * test file belongs to one mutant's run; StrykerJS deletes it after each run).
 *
 * Module-level state is the risk: a cache filled while a mutant is active would outlive the
 * mutant's run. The mutated modules have one such cache (test/meta/habits.test.ts lists
 * module-level variables and keeps it so): lib/review/aws-diff.ts loads the CloudFormation diff
 * module once and patches the replacement table into it (lib/review/replacement-spec.ts).
 * warmUpModuleState fills it once per worker with no mutant active, so that no mutant's run
 * fills it and none finds it filled by another; StrykerJS then sees that code run outside any
 * test and reports its mutants as static (ignored).
 */
function bindStrykerContext(environment, cacheDirectory) {
  const context = environment.global.__stryker__;
  if (context === undefined) return;
  globalThis.__stryker__ = context;
  if (!context.tsunagiModuleStateWarm) {
    context.tsunagiModuleStateWarm = true;
    loadTypeScriptInNode(cacheDirectory);
    withNoActiveMutant(context, warmUpModuleState);
  }
  const activeMutant = process.env.__STRYKER_ACTIVE_MUTANT__;
  if (activeMutant === undefined) delete context.activeMutant;
  else context.activeMutant = activeMutant;
}

/** Runs `action` with no mutant active (the instrumented code also reads the variable). */
function withNoActiveMutant(context, action) {
  const variable = process.env.__STRYKER_ACTIVE_MUTANT__;
  delete process.env.__STRYKER_ACTIVE_MUTANT__;
  delete context.activeMutant;
  try {
    action();
  } finally {
    if (variable !== undefined) process.env.__STRYKER_ACTIVE_MUTANT__ = variable;
  }
}

/** One CloudFormation diff of a changed resource: loads and patches the diff module. */
function warmUpModuleState() {
  const file = join(ROOT, 'lib', 'review', 'aws-diff.ts');
  if (!fs.existsSync(file)) return;
  const tree = (cidr) => {
    const template = {
      Resources: { Endpoint: { Type: 'AWS::EC2::ClientVpnEndpoint', Properties: { ClientCidrBlock: cidr } } },
    };
    const stack = { name: 'warm-up', region: 'ap-northeast-1', template, text: JSON.stringify(template) };
    return {
      source: 'warm-up',
      aws: new Map([[stack.name, stack]]),
      azure: new Map(),
      clouds: { aws: true, azure: false },
    };
  };
  require(file).diffAws(tree('10.64.0.0/14'), tree('10.68.0.0/14'));
}

/**
 * The source of every file under node_modules that a worker's test files read, read once per
 * worker. Jest reads and decodes each module's file again for every test file (its FileCache
 * lives as long as one test file's runtime): about 1 MB of jest's own expect, circus and
 * snapshot code per test file, 10 ms of CPU each. Installed packages do not change during a run.
 */
const packageSources = new Map();
const NODE_MODULES = `${sep}node_modules${sep}`;
function sharePackageSources(fileCache) {
  const readFile = fileCache.readFile.bind(fileCache);
  fileCache.readFile = (filename) => {
    if (!filename.includes(NODE_MODULES)) return readFile(filename);
    let source = packageSources.get(filename);
    if (source === undefined) {
      source = readFile(filename);
      packageSources.set(filename, source);
    }
    return source;
  };
}

/**
 * One object per worker that test support may keep values in for every test file the worker
 * runs (`globalThis.tsunagiWorkerCache` in a test file): test/support/profiles.ts keeps the
 * deep-frozen models of the unmodified fixtures there, which about 25 test files each loaded,
 * validated and planned again (80-160 ms of CPU a file). Only where our code is shared: a model
 * planned by another file's copy of lib/ would not be the code a per-file mutation run tests.
 */
const workerCache = new Map();

/**
 * The AsyncLocalStorage instances a test file's code creates, disabled when the file ends.
 * jest-circus makes one in every test file (its test execution context) and never disables it.
 * On Node.js 20 an enabled storage stays on a process-wide list that every promise created
 * afterwards walks (async_hooks' `_propagate`), so by a worker's 50th test file each promise paid
 * for 50 storages: 1.2 to 1.7 s of CPU in one process running the whole suite, 3 to 5 % of it.
 * A disabled storage leaves the list; a file's storages serve no code after its teardown.
 */
function releaseAsyncLocalStoragesAtTeardown(runtime) {
  const asyncHooks = require('node:async_hooks');
  const storages = [];
  class FileAsyncLocalStorage extends asyncHooks.AsyncLocalStorage {
    constructor(...args) {
      super(...args);
      storages.push(this);
    }
  }
  const fileAsyncHooks = { ...asyncHooks, AsyncLocalStorage: FileAsyncLocalStorage };
  const provider = runtime.coreModule;
  const requireCore = provider.require.bind(provider);
  provider.require = (moduleName) =>
    provider.resolution.normalizeCoreModuleSpecifier(moduleName) === 'async_hooks'
      ? fileAsyncHooks
      : requireCore(moduleName);
  return () => {
    for (const storage of storages.splice(0)) storage.disable();
  };
}

class SharedModulesRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    sharePackageSources(this.fileCache);
    if (this._config.globals?.tsunagiShareOwnCode !== false) args[1].global.tsunagiWorkerCache = workerCache;
    if (this._config.globals?.tsunagiShareOwnCode === 'mutation')
      bindStrykerContext(args[1], this._config.cacheDirectory);
    const executor = this.executor;
    const jestCompile = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) =>
      executor.resolution.isCoreModule(filename)
        ? jestCompile(scriptSource, filename)
        : compileWithCodeCache(executor, jestCompile, scriptSource, filename);
    this.releaseAsyncLocalStorages = releaseAsyncLocalStoragesAtTeardown(this);
  }

  teardown() {
    this.releaseAsyncLocalStorages();
    super.teardown();
  }

  requireModuleOrMock(from, moduleName) {
    if (SHARED.test(moduleName)) {
      formatLibraryStackTracesNatively();
      return require(moduleName);
    }
    if (moduleName.startsWith('.') && this._config.globals?.tsunagiShareOwnCode !== false) {
      const file = ownTypeScriptFile(resolve(dirname(from), moduleName));
      if (file && isSharedOwnModule(file)) {
        loadTypeScriptInNode(this._config.cacheDirectory);
        const exports = require(file);
        this.registerOwnSourceMaps();
        return exports;
      }
    }
    return super.requireModuleOrMock(from, moduleName);
  }

  /** jest-runner hands this registry to its stack-trace formatter once per test file. */
  getSourceMaps() {
    this.registerOwnSourceMaps();
    return super.getSourceMaps();
  }

  registerOwnSourceMaps() {
    const registry = super.getSourceMaps();
    if (registry === undefined || this.registeredOwnMaps === ownSourceMaps.size) return;
    for (const [file, mapPath] of ownSourceMaps) registry.set(file, mapPath);
    this.registeredOwnMaps = ownSourceMaps.size;
  }
}

module.exports = SharedModulesRuntime;
module.exports.SHARED_PACKAGES = SHARED_PACKAGES;
module.exports.isSharedOwnModule = isSharedOwnModule;
module.exports.ownTypeScriptFile = ownTypeScriptFile;
