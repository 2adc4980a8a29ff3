/**
 * What `tsunagi synth` may remove before it writes (only its own artifacts, never Terraform
 * state), which profile the apps pick (context, TSUNAGI_PROFILE, the cdktf command line),
 * and internal errors reported as bugs with exit 2.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanCdkOut, cleanCdktfOut, leftoverStackDirectories } from '../../lib/cli/clean-output';
import { reportInternalError } from '../../lib/cli/internal-error';
import { guarded } from '../../lib/cli/profile-option';
import { chooseProfile, contextArguments } from '../../lib/cli/selection';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tsunagi-out-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

function touch(...parts: string[]): string {
  const file = join(scratch, ...parts);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, '{}');
  return file;
}

describe('cleaning before synth', () => {
  it('removes the previous cdktf manifest and cdk.tf.json files, and keeps Terraform state, locks and plans', () => {
    const written = [touch('cdktf.out', 'manifest.json'), touch('cdktf.out', 'stacks', 'a', 'cdk.tf.json')];
    const kept = [
      touch('cdktf.out', 'stacks', 'a', 'terraform.tfstate'),
      touch('cdktf.out', 'stacks', 'a', 'terraform.tfstate.backup'),
      touch('cdktf.out', 'stacks', 'a', '.terraform.lock.hcl'),
      touch('cdktf.out', 'stacks', 'a', '.terraform', 'providers', 'x'),
      touch('cdktf.out', 'stacks', 'a', 'plan.tfplan'),
      touch('cdktf.out', 'notes.txt'),
    ];
    cleanCdktfOut(join(scratch, 'cdktf.out'));
    expect(written.filter(existsSync)).toEqual([]);
    expect(kept.filter((f) => !existsSync(f))).toEqual([]);
    expect(leftoverStackDirectories(join(scratch, 'cdktf.out'), [])).toEqual(['a']);
    expect(leftoverStackDirectories(join(scratch, 'cdktf.out'), ['a'])).toEqual([]);
  });

  it('removes the previous cloud assembly from cdk.out and nothing else', () => {
    const written = [
      touch('cdk.out', 'manifest.json'),
      touch('cdk.out', 'tree.json'),
      touch('cdk.out', 'x-network.template.json'),
      touch('cdk.out', 'x-network.assets.json'),
      touch('cdk.out', `asset.${'a'.repeat(64)}`, 'index.js'),
    ];
    const kept = [touch('cdk.out', 'my-notes.md')];
    cleanCdkOut(join(scratch, 'cdk.out'));
    expect(written.filter(existsSync)).toEqual([]);
    expect(kept.filter((f) => !existsSync(f))).toEqual([]);
  });
});

describe('profile selection of the apps', () => {
  it('prefers context, then TSUNAGI_PROFILE, then the default', () => {
    expect(chooseProfile({ profile: 'iwate' }, 'cdk', { TSUNAGI_PROFILE: 'x' })).toEqual({
      profile: 'iwate',
      source: 'context',
    });
    expect(chooseProfile({}, 'cdk', { TSUNAGI_PROFILE: 'x', TSUNAGI_ENVIRONMENT: 'prod' })).toEqual({
      profile: 'x',
      environment: 'prod',
      source: 'TSUNAGI_PROFILE',
    });
    expect(chooseProfile({}, 'cdk', {}).source).toBe('the default');
  });

  it('reads -c/--context pairs from a command line (what cdktf synth does not pass on)', () => {
    expect(
      contextArguments(['node', 'cdktf', 'synth', '-c', 'profile=iwate', '--context=environment=prod']),
    ).toEqual({ profile: 'iwate', environment: 'prod' });
  });
});

describe('internal errors', () => {
  it('are reported as bugs with the profile path and exit 2, without a stack trace', async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => errors.push(line));
    const before = process.exitCode;
    try {
      await guarded(
        () => 'test/fixtures/profiles/iwate.yaml',
        () => {
          throw new Error('internal: no client-vpn subnet in ap-northeast-1z');
        },
      )();
      expect(process.exitCode).toBe(2);
      expect(errors.join('\n')).toMatch(
        /^tsunagi: internal error while processing profile test\/fixtures\/profiles\/iwate\.yaml: internal: no client-vpn subnet in ap-northeast-1z\nThis is a bug in Tsunagi/,
      );
      expect(errors.join('\n')).not.toMatch(/\n\s+at /);
      reportInternalError('plain');
      expect(errors.at(-1)).toMatch(/^tsunagi: internal error: plain/);
    } finally {
      spy.mockRestore();
      process.exitCode = before;
    }
  });
});
