/**
 * Synthesizes the Azure stacks of a model once (call from beforeAll) and returns each
 * stack's cdk.tf.json, as text for the cdktf matchers and parsed for direct assertions.
 */
import { Testing } from 'cdktf';
import type { DeploymentModel } from '../../lib/profile/load';
import { type AzureStacks, addAzureStacks } from '../../stacks/azure';

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
  const app = Testing.app();
  const stacks = addAzureStacks(app, model, model.profile.environments[0]!.name, backend);
  const out: Partial<Record<StackKey, SynthesizedStack>> = {};
  for (const [key, stack] of Object.entries(stacks) as [StackKey, AzureStacks[StackKey]][]) {
    if (!stack) continue;
    const text = Testing.synth(stack);
    out[key] = { name: stack.node.id, text, json: JSON.parse(text) };
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
