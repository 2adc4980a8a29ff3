/**
 * The `tsunagi` command: exit codes and what it prints. A few tests run the built command
 * (bin/tsunagi.cjs -> dist/tsunagi.js, built by jest's global setup) as a user would, in a child
 * process, to prove that the bundle behaves as the code does; the rest run the same program
 * in-process (test/support/run-tsunagi.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { PLAN_SCHEMA_VERSION } from '../../lib/planner/types';
import { CONFIG_DIR, profileObject } from '../support/profiles';
import { runTsunagi } from '../support/run-tsunagi';
import { artifactsDir, synthRecord } from '../support/synthesized';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tsunagi.cjs');
// Fixture copies, never config/: a prefecture's edit of its own profile must not fail npm test.
const HYOGO = 'test/fixtures/profiles/hyogo.yaml';
const IWATE = 'test/fixtures/profiles/iwate.yaml';

/** The same program in this process (about 0.35 s of CPU less than a child process). */
const inProcess = (...args: string[]) => runTsunagi(args);

function tsunagi(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CDK_VALIDATION: 'true' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let scratch: string;
beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'tsunagi.js')))
    throw new Error('dist/ is missing: jest.config.js global setup builds it (test/support/global-setup.js)');
  scratch = mkdtempSync(join(tmpdir(), 'tsunagi-cli-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tsunagi validate', () => {
  it('exits 0 with a one-line summary for a valid profile', () => {
    const { code, stdout } = tsunagi('validate', HYOGO);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(
      /profiles\/hyogo\.yaml: valid - hyogo, 90,000 concurrent users on 4 access tier\(s\), 16 failure scenario\(s\) met/,
    );
  });

  it('exits 1 and lists every problem as path, value, rule and fix, never a stack trace', () => {
    const profile = profileObject('hyogo');
    profile.accessTiers[1].region = 'us-east-1';
    profile.populations[0].reach.push('my-number');
    const file = join(scratch, 'bad.yaml');
    writeFileSync(file, stringify(profile));
    const { code, stdout, stderr } = tsunagi('validate', file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /bad\.yaml:\d+: accessTiers\[1\]\.region: is not a Japanese AWS Region .*\(got "us-east-1"\); use ap-northeast-1 or ap-northeast-3/,
    );
    expect(stderr).toMatch(
      /bad\.yaml:\d+: populations\[0\]\.reach\[2\]: lets population prefectural-staff reach the protected segment my-number/,
    );
    expect(stderr).toMatch(/invalid, \d+ problem\(s\)/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('takes the profile as -p/--profile too, and several files at once', async () => {
    expect((await inProcess('validate', '-p', IWATE)).stdout).toMatch(/iwate\.yaml: valid - iwate/);
    const both = await inProcess('validate', HYOGO, IWATE);
    expect(both.code).toBe(0);
    expect(both.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('exits 1 when any one of several profiles is invalid, and still checks the others', async () => {
    const file = join(scratch, 'several-bad.yaml');
    writeFileSync(file, 'organisation: 3\n');
    const { code, stdout, stderr } = await inProcess('validate', file, IWATE);
    expect(code).toBe(1);
    expect(stdout).toMatch(/iwate\.yaml: valid/);
    expect(stderr).toMatch(/several-bad\.yaml:1: organisation: /);
  });

  it('exits 1 for a file that does not exist or is not YAML', async () => {
    expect((await inProcess('validate', 'no-such-profile')).code).toBe(1);
    const file = join(scratch, 'broken.yaml');
    writeFileSync(file, 'organisation: [\n');
    const { code, stderr } = await inProcess('validate', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/is not valid YAML/);
  });
});

describe('tsunagi plan', () => {
  it('prints Markdown with a verdict line per failure scenario', async () => {
    const { code, stdout } = await inProcess('plan', '--profile', IWATE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Capacity plan: iwate/);
    expect(stdout).toMatch(/Verdict: PASS/);
    expect(stdout).toMatch(/- loss of Region AWS ap-northeast-1: OK - /);
  });

  it('prints stable, versioned JSON', async () => {
    const { code, stdout } = await inProcess('plan', '-p', HYOGO, '--format', 'json');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.schemaVersion).toBe(PLAN_SCHEMA_VERSION);
    expect(Object.keys(plan)).toEqual([
      'schemaVersion',
      'organisation',
      'target',
      'tiers',
      'awsRegions',
      'azureHubs',
      'scenarios',
      'throughput',
      'steering',
      'search',
      'backhaul',
      'cost',
      'notes',
    ]);
  });

  it('rejects an unknown format', async () => {
    const { code, stderr } = await inProcess('plan', '-p', HYOGO, '--format', 'xml');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/Allowed choices are md, json/);
  });
});

describe('tsunagi --version', () => {
  it('prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const { code, stdout } = tsunagi('--version');
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });
});

describe('tsunagi --help', () => {
  it.each(['validate', 'plan', 'synth', 'schema'])(
    'describes %s and its options, with -p/--profile where it reads a profile',
    async (command) => {
      const { code, stdout } = await inProcess(command, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`Usage: tsunagi ${command}`));
      // Every command that reads a profile takes it the same way.
      if (command !== 'schema') expect(stdout).toMatch(/-p, --profile <profile>/);
    },
  );
});

describe('tsunagi synth', () => {
  it('writes both clouds for the default profile', () => {
    // The same command (`tsunagi synth -p test/fixtures/profiles/hyogo.yaml --output <dir>`,
    // CDK_VALIDATION=false) ran once in jest's global setup; its output is recorded beside the
    // artifacts that other test files read (test/support/synthesized-fixtures.js). The
    // CloudFormation validator runs on these templates in test/aws/validation.
    const out = artifactsDir('hyogo');
    const { command, cdkValidation, code, stdout, stderr } = synthRecord('hyogo');
    expect({ command, cdkValidation }).toEqual({
      command: `tsunagi synth -p ${HYOGO}`,
      cdkValidation: 'false',
    });
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/AWS \(CloudFormation\): \d+ stack\(s\)/);
    expect(stdout).toMatch(/Azure \(Terraform\): \d+ stack\(s\)/);
    expect(existsSync(join(out, 'cdk.out', 'manifest.json'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'cdktf.out', 'manifest.json'), 'utf8'));
    for (const stack of Object.values<{ synthesizedStackPath: string }>(manifest.stacks)) {
      expect(existsSync(join(out, 'cdktf.out', stack.synthesizedStackPath))).toBe(true);
    }
  });

  it('removed the previous synth\u2019s stale template and kept Terraform state it did not write', () => {
    // Global setup put both into the output directory before the synth (synthesized-fixtures.js).
    const out = artifactsDir('hyogo');
    expect(existsSync(join(out, 'cdk.out', 'stale-stack.template.json'))).toBe(false);
    expect(existsSync(join(out, 'cdktf.out', 'stacks', 'retired', 'terraform.tfstate'))).toBe(true);
    expect(synthRecord('hyogo').stdout).toContain(
      'note: cdktf.out/stacks/retired/ is no longer synthesized but still holds files',
    );
  });

  it('writes nothing for an invalid profile and exits 1', async () => {
    const profile = profileObject('hyogo');
    profile.target.concurrentUsers = 'ninety thousand';
    const file = join(CONFIG_DIR, '..', '..', 'cli', '.invalid-profile.yaml');
    writeFileSync(file, stringify(profile));
    const out = join(scratch, 'bad-synth');
    try {
      const { code, stderr } = await inProcess('synth', '--profile', file, '--output', out);
      expect(code).toBe(1);
      expect(stderr).toMatch(/target\.concurrentUsers: must be a number/);
      expect(existsSync(join(out, 'cdk.out'))).toBe(false);
      expect(existsSync(join(out, 'cdktf.out'))).toBe(false);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
