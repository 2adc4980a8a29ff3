/**
 * Before `tsunagi synth` writes cdk.out/ and cdktf.out/, it removes only what a synth
 * writes there, so that a failed synth never leaves stale templates looking current. Any
 * other file stays: cdktf.out/stacks/<stack>/ is also where `terraform init/plan/apply` keep
 * .terraform/, .terraform.lock.hcl, terraform.tfstate* and plan files, and local state lost
 * is infrastructure orphaned.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the CDK writes into cdk.out: the cloud assembly (manifest, templates, assets). */
const CDK_ARTIFACT =
  /^(manifest\.json|cdk\.out|tree\.json|validation-report\.json|.+\.template\.json|.+\.assets\.json|.+\.metadata\.json|asset\.[0-9a-f]{64}(\..+)?)$/;

/** What CDK for Terraform writes into cdktf.out: the manifest and each stack's configuration. */
const CDKTF_STACK_ARTIFACT = /^(cdk\.tf\.json|cdk\.tf)$/;

/** Removes the previous cloud assembly's files from cdk.out; returns what was removed. */
export function cleanCdkOut(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (!CDK_ARTIFACT.test(entry)) continue;
    rmSync(join(dir, entry), { recursive: true, force: true });
    removed.push(join(dir, entry));
  }
  return removed;
}

/**
 * Removes the previous synth's manifest and cdk.tf.json files from cdktf.out; leaves every
 * other file (Terraform state, lock files, plans, .terraform/) where it is.
 */
export function cleanCdktfOut(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  const manifest = join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    rmSync(manifest, { force: true });
    removed.push(manifest);
  }
  const stacks = join(dir, 'stacks');
  if (!existsSync(stacks)) return removed;
  for (const stack of readdirSync(stacks)) {
    const stackDir = join(stacks, stack);
    if (!statSync(stackDir).isDirectory()) continue;
    for (const entry of readdirSync(stackDir)) {
      if (!CDKTF_STACK_ARTIFACT.test(entry)) continue;
      rmSync(join(stackDir, entry), { force: true });
      removed.push(join(stackDir, entry));
    }
  }
  return removed;
}

/**
 * Stack directories under cdktf.out/stacks that the latest synth did not write but that
 * still hold files (typically local Terraform state of a stack the profile no longer has).
 */
export function leftoverStackDirectories(dir: string, synthesized: readonly string[]): string[] {
  const stacks = join(dir, 'stacks');
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks).filter(
    (name) =>
      !synthesized.includes(name) &&
      statSync(join(stacks, name)).isDirectory() &&
      readdirSync(join(stacks, name)).length > 0,
  );
}
