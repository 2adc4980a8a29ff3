/**
 * Synthesizes the Azure stacks of a model once (call from beforeAll) and returns each
 * stack's cdk.tf.json, as text for the cdktf matchers and parsed for direct assertions; or,
 * for an unmodified fixture, reads what the real CLI synthesized in jest's global setup (the
 * same JSON, without loading the provider bindings again).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type App, Testing } from 'cdktf';
import type { DeploymentModel } from '../../lib/profile/load';
import type { AzureStacks } from '../../stacks/azure';
import { artifactsDir, type FixtureName } from '../support/synthesized';

export type StackKey = keyof AzureStacks;

export interface SynthesizedStack {
  readonly name: string;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
  readonly json: any;
}

export function synthAzure(
  model: DeploymentModel,
  backend: 'local' | 'azurerm' = 'local',
): Partial<Record<StackKey, SynthesizedStack>> {
  // Loaded here, not at the top: a file that reads only cached fixtures never pays for it.
  const { addAzureStacks } = require('../../stacks/azure') as typeof import('../../stacks/azure');
  return withTestingApp((app) => {
    const stacks = addAzureStacks(app, model, model.profile.environments[0]!.name, backend);
    const out: Partial<Record<StackKey, SynthesizedStack>> = {};
    for (const [key, stack] of Object.entries(stacks) as [StackKey, AzureStacks[StackKey]][]) {
      if (!stack) continue;
      const text = Testing.synth(stack);
      out[key] = { name: stack.node.id, text, json: JSON.parse(text) };
    }
    return out;
  });
}

/**
 * Calls `use` with a cdktf testing app, then removes the output directory Testing.app() made
 * for it (empty: Testing.synth renders a stack in memory), which would otherwise stay in the
 * temporary directory after every run.
 */
export function withTestingApp<T>(use: (app: App) => T): T {
  const app = Testing.app();
  try {
    return use(app);
  } finally {
    rmSync(app.outdir, { recursive: true, force: true });
  }
}

/** Stack keys in the order addAzureStacks creates them, and their stack name suffix. */
const STACK_SUFFIX: Record<StackKey, string> = {
  connectivity: 'connectivity',
  remoteAccess: 'remote-access',
  links: 'links',
  monitoring: 'monitoring',
  identity: 'identity',
};

/**
 * The Azure stacks of an unmodified fixture as `tsunagi synth` wrote them in jest's global
 * setup (cdktf.out/, local backend): the same shape as `synthAzure(loadModel(name))`.
 */
export function cachedAzure(name: FixtureName): Partial<Record<StackKey, SynthesizedStack>> {
  const outdir = join(artifactsDir(name), 'cdktf.out');
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const out: Partial<Record<StackKey, SynthesizedStack>> = {};
  for (const [key, suffix] of Object.entries(STACK_SUFFIX) as [StackKey, string][]) {
    const stackName = Object.keys(manifest.stacks).find((n) => n.endsWith(`-${suffix}`));
    if (!stackName) continue;
    const text = readFileSync(join(outdir, manifest.stacks[stackName]!.synthesizedStackPath), 'utf8');
    out[key] = { name: stackName, text, json: JSON.parse(text) };
  }
  return out;
}

/** The resources of one type in a synthesized stack, as a list. */
// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
export function resources(stack: SynthesizedStack | undefined, type: string): any[] {
  return Object.values(stack?.json.resource?.[type] ?? {});
}

/** Drops construct paths (metadata) so snapshots change only when the Terraform does. */
export function snapshotOf(stack: SynthesizedStack): unknown {
  return JSON.parse(stack.text, (key, value) => (key === '//' ? undefined : value));
}

/** True when the synthesized stack has a resource of `type` with these (snake_case) properties. */
export function hasResource(stack: SynthesizedStack | undefined, type: string, properties: object): boolean {
  return stack !== undefined && Testing.toHaveResourceWithProperties(stack.text, type, properties);
}
