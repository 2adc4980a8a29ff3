/**
 * The habits the repository promises newcomers (CONTRIBUTING.md): lint warnings fail
 * `npm test`, jest builds dist/ itself, the licence the package declares is present in full.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
    expect(packageJson.scripts.test).toMatch(/npm run lint/);
  });

  it('builds dist/ in jest global setup, and npm test does not build a second time', () => {
    expect(jestConfig.globalSetup).toBe('<rootDir>/test/support/global-setup.js');
    expect(packageJson.scripts.test).not.toMatch(/build\.mjs/);
  });

  it('never mocks a package that the jest runtime shares between test files (the mock would not apply)', () => {
    const { SHARED_PACKAGES } = require(join(ROOT, 'test', 'support', 'shared-modules-runtime.js'));
    expect(jestConfig.runtime).toBe('<rootDir>/test/support/shared-modules-runtime.js');
    expect(SHARED_PACKAGES).toEqual(expect.arrayContaining(['aws-cdk-lib', 'cdktf', 'constructs']));
    const mocked = testFiles(join(ROOT, 'test')).flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /jest\.(?:mock|doMock|unstable_mockModule)\(\s*['"]([^'"]+)['"]/g,
        ),
      ]
        .map((m) => m[1]!)
        .filter((name) => SHARED_PACKAGES.some((p: string) => name === p || name.startsWith(`${p}/`)))
        .map((name) => `${file}: ${name}`),
    );
    expect(mocked).toEqual([]);
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
