/**
 * Artifacts of the fixture profiles, synthesized once per jest run or found in the cache, with
 * the CloudFormation validator off: the default fixture (hyogo) by the real CLI in jest's
 * global setup (test/support/synthesized-fixtures.js), the others in the first test worker that
 * asks for them, in-process as the apps do (test/support/synth-both.ts, cdk-nag on), which
 * costs about a quarter of a CLI synth's three Node.js processes and does not hold up the
 * start of every test. Tests that only read templates use these instead of synthesizing
 * again; a test that needs the construct tree synthesizes in its own beforeAll.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentModel } from '../../lib/model/deployment-model';
import { loadModel, type MutableProfile } from './profiles';

/** A fixture profile (test/fixtures/profiles/<name>.yaml). */
export type FixtureName = 'hyogo' | 'iwate';

export interface SynthRecord {
  readonly command: string;
  /** CDK_VALIDATION of the synth: 'false' (test/aws/validation runs the validator on them). */
  readonly cdkValidation: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Synthesized JSON (CloudFormation templates, Terraform JSON): plain data in tests. */
// biome-ignore lint/suspicious/noExplicitAny: synthesized JSON is untyped data
export type Json = any;

/** Fixtures the global setup synthesizes with the real CLI; the others synthesize in a worker. */
const { BY_CLI, tryLock, releaseLock } = require('./synthesized-fixtures') as {
  BY_CLI: readonly FixtureName[];
  /** The lock file's descriptor, or undefined while another process holds it. */
  tryLock: (lock: string) => number | undefined;
  releaseLock: (fd: number, lock: string) => void;
};

/** The directory holding cdk.out/, cdktf.out/ and tsunagi-plan.json of a fixture profile. */
export function artifactsDir(name: FixtureName): string {
  const root = cacheRoot();
  const dir = join(root, name);
  if (!existsSync(join(dir, 'synth.json'))) {
    if (BY_CLI.includes(name)) throw new Error(`no synthesized artifacts for ${name} in ${root}`);
    synthesizeOnce(name, root, () => loadModel(name), true);
  }
  return dir;
}

/**
 * The artifacts of a fixture with edits (the review test's pull request), synthesized once into
 * the same cache as the fixtures, under a name that changes with the edits' source text. The
 * cache directory's own key covers the code and the fixture profiles.
 */
export function editedArtifactsDir(
  name: FixtureName,
  label: string,
  edits: (profile: MutableProfile) => void,
): string {
  const root = cacheRoot();
  const entry = `${name}-${label}-${createHash('sha256').update(edits.toString()).digest('hex').slice(0, 12)}`;
  // cdk-nag off: it only reads the construct tree (the templates are the same without it).
  if (!existsSync(join(root, entry, 'synth.json')))
    synthesizeOnce(entry, root, () => loadModel(name, edits), false);
  return join(root, entry);
}

function cacheRoot(): string {
  const root = process.env.TSUNAGI_TEST_ARTIFACTS;
  if (!root)
    throw new Error('TSUNAGI_TEST_ARTIFACTS is unset: run jest with jest.config.js (its global setup)');
  return root;
}

/**
 * Synthesizes a fixture into the cache unless another worker is doing it (a lock file beside
 * it), in which case this one waits for the result. The tree appears under its name only when
 * complete (renamed from a private directory), as the global setup's do.
 */
function synthesizeOnce(name: string, root: string, model: () => DeploymentModel, nag: boolean): void {
  // A tree synthesized while a StrykerJS mutant is active would be cached with the mutant's
  // effect; StrykerJS's initial run (no mutant) synthesizes it first.
  if (process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined)
    throw new Error(`${name} is not in the artifact cache and a mutant is active: not synthesizing`);
  const done = join(root, name, 'synth.json');
  const lock = join(root, `.${name}.lock`);
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    if (existsSync(done)) return;
    const fd = tryLock(lock);
    if (fd === undefined) {
      Atomics.wait(sleep, 0, 0, 50);
      continue;
    }
    try {
      if (existsSync(done)) return;
      const scratch = mkdtempSync(join(root, `.${name}-`));
      // Loaded here, not at the top: a file that reads only trees already synthesized (most of
      // them) never loads aws-cdk-lib, cdktf and the stacks for it.
      const { synthesizeBothClouds } = require('./synth-both') as typeof import('./synth-both');
      const outcome = synthesizeBothClouds(model(), { outdir: scratch, nag });
      const record: SynthRecord = {
        command: `in-process synth of ${name} (test/fixtures/profiles, test/support/synth-both.ts)`,
        cdkValidation: 'false',
        code: outcome.problems.length === 0 ? 0 : 1,
        stdout: `AWS (CloudFormation): ${outcome.awsStacks} stack(s)\nAzure (Terraform): ${outcome.azureStacks} stack(s)\n`,
        stderr: outcome.problems.join('\n'),
      };
      writeFileSync(join(scratch, 'synth.json'), `${JSON.stringify(record, null, 2)}\n`);
      renameSync(scratch, join(root, name));
      return;
    } finally {
      releaseLock(fd, lock);
    }
  }
}

/** What the synth printed and returned when it produced the artifacts. */
export function synthRecord(name: FixtureName): SynthRecord {
  return JSON.parse(readFileSync(join(artifactsDir(name), 'synth.json'), 'utf8'));
}

/** CloudFormation templates by stack name, with each stack's Region (from cdk.out/manifest.json). */
export function cloudFormationTemplates(name: FixtureName): Map<string, { region: string; template: Json }> {
  const outdir = join(artifactsDir(name), 'cdk.out');
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const templates = new Map<string, { region: string; template: Json }>();
  for (const [stack, artifact] of Object.entries<Json>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    templates.set(stack, {
      region: String(artifact.environment).split('/').pop()!,
      template: JSON.parse(readFileSync(join(outdir, artifact.properties.templateFile), 'utf8')),
    });
  }
  return templates;
}

/** Terraform JSON (cdk.tf.json) by stack name (from cdktf.out/manifest.json). */
export function terraformStacks(name: FixtureName): Map<string, Json> {
  const outdir = join(artifactsDir(name), 'cdktf.out');
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const stacks = new Map<string, Json>();
  for (const [stack, entry] of Object.entries<Json>(manifest.stacks ?? {}))
    stacks.set(stack, JSON.parse(readFileSync(join(outdir, entry.synthesizedStackPath), 'utf8')));
  return stacks;
}
