/**
 * Artifacts of the fixture profiles as the real CLI synthesized them (`tsunagi synth`, the
 * CloudFormation validator off), once per jest run or from the cache (global setup,
 * test/support/synthesized-fixtures.js). Tests that only read templates use these instead of
 * synthesizing again; a test that needs the construct tree synthesizes in its own beforeAll.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** The directory holding cdk.out/, cdktf.out/ and tsunagi-plan.json of a fixture profile. */
export function artifactsDir(name: FixtureName): string {
  const root = process.env.TSUNAGI_TEST_ARTIFACTS;
  if (!root)
    throw new Error('TSUNAGI_TEST_ARTIFACTS is unset: run jest with jest.config.js (its global setup)');
  const dir = join(root, name);
  if (!existsSync(join(dir, 'synth.json')))
    throw new Error(`no synthesized artifacts for ${name} in ${root}`);
  return dir;
}

/** What `tsunagi synth` printed and returned when it produced the artifacts. */
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
