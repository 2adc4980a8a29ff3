/**
 * The habits the repository promises newcomers (CONTRIBUTING.md): lint warnings fail
 * `npm test`, jest builds dist/ itself, the licence the package declares is present in full.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
// jest.config.js is CommonJS; require it as jest does.
const jestConfig = require(join(ROOT, 'jest.config.js'));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

describe('repository habits', () => {
  it('fails npm test on Biome warnings, not only errors', () => {
    expect(packageJson.scripts.lint).toMatch(/biome check .*--error-on-warnings/);
    // npm test (scripts/test.mjs) runs the lint and typecheck scripts' commands beside jest and
    // fails when either fails.
    expect(packageJson.scripts.test).toBe('node scripts/test.mjs');
    const runner = readFileSync(join(ROOT, 'scripts', 'test.mjs'), 'utf8');
    expect(runner).toContain("script('typecheck', ' --singleThreaded'");
    expect(runner).toContain("script('lint')");
    expect(runner).toMatch(/process\.exit\(failed \? 1 : 0\)/);
  });

  it('runs jest as two shards that split the test files between them, each file in exactly one', () => {
    const runner = readFileSync(join(ROOT, 'scripts', 'test.mjs'), 'utf8');
    expect(runner).toMatch(/`--shard=\$\{index\}\/2`/);
    expect(runner).toContain("'--runInBand'");
    expect(jestConfig.testSequencer).toBe('<rootDir>/test/support/test-sequencer.js');
    const sequencer = require(join(ROOT, 'test', 'support', 'test-sequencer.js'));
    // Every folder and file the first shard names exists: a renamed one would move its files to
    // the second shard, and the two would no longer balance.
    for (const path of [...sequencer.FIRST_SHARD, ...sequencer.SECOND_SHARD])
      expect(existsSync(join(ROOT, 'test', path))).toBe(true);
    expect(sequencer.shardOf(ROOT, join(ROOT, 'test', 'azure', 'population-pools.test.ts'))).toBe(2);
    expect(sequencer.shardOf(ROOT, join(ROOT, 'test', 'review', 'review.test.ts'))).toBe(1);
    expect(sequencer.shardOf(ROOT, join(ROOT, 'test', 'review', 'review-sides.test.ts'))).toBe(2);
    const files = testFiles(join(ROOT, 'test')).filter((f) => f.endsWith('.test.ts'));
    const shards = files.map((f) => sequencer.shardOf(ROOT, f));
    expect(new Set(shards)).toEqual(new Set([1, 2]));
    expect(sequencer.shardOf(ROOT, join(ROOT, 'test', 'aws', 'links.test.ts'))).toBe(1);
    expect(sequencer.shardOf(ROOT, join(ROOT, 'test', 'planner', 'plan.test.ts'))).toBe(2);
    // What jest hands each shard: exactly the files shardOf assigns to it, none twice.
    const tests = files.map((path) => ({ path, context: { config: { rootDir: ROOT } } }));
    const split = [1, 2].map((shardIndex) =>
      new sequencer({ contexts: [], globalConfig: {} }).shard(tests, { shardIndex, shardCount: 2 }),
    );
    expect(split[0].length + split[1].length).toBe(files.length);
    expect(split[0].map((t: { path: string }) => t.path)).toEqual(
      files.filter((f) => sequencer.shardOf(ROOT, f) === 1),
    );
  });

  it('builds dist/ in jest global setup, and npm test does not build a second time', () => {
    expect(jestConfig.globalSetup).toBe('<rootDir>/test/support/global-setup.js');
    expect(packageJson.scripts.test).not.toMatch(/build\.mjs/);
  });

  it('never mocks a package or a module of ours that the jest runtime shares between test files (the mock would not apply)', () => {
    const runtime = require(join(ROOT, 'test', 'support', 'shared-modules-runtime.js'));
    expect(jestConfig.runtime).toBe('<rootDir>/test/support/shared-modules-runtime.js');
    expect(runtime.SHARED_PACKAGES).toEqual(expect.arrayContaining(['aws-cdk-lib', 'cdktf', 'constructs']));
    const shared = (file: string, name: string) => {
      if (!name.startsWith('.'))
        return runtime.SHARED_PACKAGES.some((p: string) => name === p || name.startsWith(`${p}/`));
      const own = runtime.ownTypeScriptFile(resolve(dirname(file), name));
      return own !== undefined && runtime.isSharedOwnModule(own);
    };
    const mocked = testFiles(join(ROOT, 'test')).flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /jest\.(?:mock|doMock|unstable_mockModule)\(\s*['"]([^'"]+)['"]/g,
        ),
      ]
        .map((m) => m[1]!)
        .filter((name) => shared(file, name))
        .map((name) => `${file}: ${name}`),
    );
    expect(mocked).toEqual([]);
  });

  it('shares our planner and stacks between test files, but not the code whose tests set the environment or mock the SDK', () => {
    const runtime = require(join(ROOT, 'test', 'support', 'shared-modules-runtime.js'));
    const own = (path: string) => runtime.ownTypeScriptFile(join(ROOT, path));
    for (const path of [
      'lib/planner/plan',
      'lib/profile/load',
      'stacks/aws/index',
      'lib/review/rules/azurerm-force-new',
    ])
      expect([path, runtime.isSharedOwnModule(own(path))]).toEqual([path, true]);
    for (const path of [
      'lib/cli/synth',
      'lib/aws/remote-access/handlers/client-connect',
      'lib/aws/validation/prewarmed-validator',
      'lib/operations/revoke-crl',
    ])
      expect([path, runtime.isSharedOwnModule(own(path))]).toEqual([path, false]);
    // TypeScript before JSON, as jest resolves: the ForceNew table's .ts sits beside its .json.
    expect(own('lib/review/rules/azurerm-force-new')).toBe(
      join(ROOT, 'lib/review/rules/azurerm-force-new.ts'),
    );
    expect(own('lib/profile/rules')).toBe(join(ROOT, 'lib/profile/rules/index.ts'));
    expect(own('lib/no-such-module')).toBeUndefined();
    // A mutation run shares our code only when its shard asks (scripts/mutate.mjs sets the
    // variable from stryker.config.mjs); otherwise Stryker activates mutants in what each file loads.
    expect(require(join(ROOT, 'jest.stryker.config.js')).globals.tsunagiShareOwnCode).toBe(false);
  });

  it('keeps module-level state out of the mutated code, except the diff module the mutation runtime warms up', () => {
    // A mutation shard that shares our code between test files (stryker.config.mjs shareOwnCode)
    // would carry a cache filled under one mutant into the next mutant's run.
    // test/support/shared-modules-runtime.js (warmUpModuleState) fills the one cache there is
    // before any mutant runs; a new one must be warmed there too, or its shard must not share.
    const scope = ['lib/planner', 'lib/model', 'lib/quotas', 'lib/profile/rules', 'lib/verify', 'lib/review'];
    const state: string[] = [];
    for (const dir of scope)
      for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts')) continue;
        const source = readFileSync(join(ROOT, dir, file), 'utf8');
        for (const [, name] of source.matchAll(/^(?:export )?(?:let|var) (\w+)/gm))
          state.push(`${dir}/${file}: ${name}`);
        for (const [, name] of source.matchAll(
          /^(?:export )?const (\w+)(?::[^=]+)? = new (?:Map|Set|WeakMap)\b/gm,
        ))
          if (new RegExp(`\\b${name}\\.(set|add|delete|clear)\\(`).test(source))
            state.push(`${dir}/${file}: ${name}`);
      }
    expect(state).toEqual(['lib/review/aws-diff.ts: diffModule']);
  });

  it('ignores what npm run synth writes (git and Biome), so the README set-up then passes npm test', () => {
    // lib/cli/synth.ts writes these into the project root when no --output is given.
    const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n');
    for (const output of ['cdk.out/', 'cdktf.out/', 'tsunagi-plan.json']) expect(ignored).toContain(output);
    const biome = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
    expect(biome.files.includes).toContain('!tsunagi-plan.json');
    expect(biome.files.includes).not.toContain('cdk.out/**');
  });

  it('ships the full Apache-2.0 text that package.json declares', () => {
    expect(packageJson.license).toBe('Apache-2.0');
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(license).toMatch(/END OF TERMS AND CONDITIONS/);
    expect(license.split('\n').length).toBeGreaterThan(190);
  });

  it('keeps the mutation run out of npm test', () => {
    expect(packageJson.scripts.test).not.toMatch(/stryker|mutate/);
  });
});
