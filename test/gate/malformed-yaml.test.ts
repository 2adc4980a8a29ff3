/**
 * The fuzz corpus of malformed files (test/fixtures/malformed): every one is a profile
 * error -- exit 1, the file named, a rule and a fix, no stack trace -- like any other.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatIssue } from '../../lib/profile/issues';
import { loadProfile } from '../../lib/profile/load';
import { MAX_PROFILE_BYTES } from '../../lib/profile/yaml-limits';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'test', 'fixtures', 'malformed');
const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(CORPUS, f));

let scratch: string;
let tooLarge: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tsunagi-malformed-'));
  tooLarge = join(scratch, 'too-large.yaml');
  writeFileSync(tooLarge, `organisation:\n  name: ${'x'.repeat(MAX_PROFILE_BYTES)}\n`);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('the corpus is not empty', () => {
  expect(files.length).toBeGreaterThanOrEqual(10);
});

test.each(files.map((f) => [relative(CORPUS, f), f]))('%s is rejected with a rule and a fix', (_, file) => {
  const result = loadProfile(file);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const i of result.issues) {
    expect(i.message).not.toBe('');
    expect(i.fix).not.toBe('');
  }
});

test('the YAML limits name what was exceeded and how to fix it', () => {
  const reasons = (file: string) => {
    const r = loadProfile(file);
    return r.ok ? '' : r.issues.map((i) => formatIssue(i, r.file)).join('\n');
  };
  expect(reasons(join(CORPUS, 'alias-bomb.yaml'))).toMatch(
    /expands YAML aliases .* write the repeated values out/,
  );
  expect(reasons(join(CORPUS, 'deep-flow.yaml'))).toMatch(
    /deep-flow\.yaml:1: \(profile\): nests collections deeper than the 32 levels/,
  );
  expect(reasons(join(CORPUS, 'deep-indent.yaml'))).toMatch(/nests collections deeper/);
  expect(reasons(tooLarge)).toMatch(/is 1,048,5\d\d bytes, larger than the 1,048,576 bytes a profile may be/);
});

test('tsunagi validate exits 1 on the whole corpus, naming every file, with no stack trace', () => {
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'tsunagi.cjs'), 'validate', ...files, tooLarge],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  expect(result.status).toBe(1);
  for (const file of [...files, tooLarge]) {
    expect(result.stderr).toContain(`${relative(ROOT, file)}: invalid`);
  }
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toMatch(/internal error/);
});
