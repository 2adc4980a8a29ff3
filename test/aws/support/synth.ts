/** Test support: load a profile (or a variant of one), synthesize the AWS stacks once. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readToolContext } from '../../../lib/cli/selection';
import type { DeploymentModel } from '../../../lib/profile/load';
import { type AwsStackOptions, type AwsStacks, addAwsStacks } from '../../../stacks/aws';
import { loadModel } from '../../support/profiles';

/** Synthesized CloudFormation JSON: tests read it as plain data. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation template JSON is untyped data in tests
export type Json = any;

/** A committed profile, loaded and planned (test/support/profiles.ts). */
export function model(name: string): DeploymentModel {
  return loadModel(name);
}

/** A profile built from config/<base>.yaml with `edit` applied to its parsed YAML. */
export function variant(base: string, edit: (raw: Json) => void): DeploymentModel {
  return loadModel(base, edit);
}

export interface Synthesized {
  readonly app: App;
  readonly stacks: AwsStacks;
  readonly templates: ReadonlyMap<string, Template>;
  readonly json: ReadonlyMap<string, Json>;
  readonly outdir: string;
}

/** Synthesizes every AWS stack of the model once; templates keyed by stack name. */
export function synthesize(m: DeploymentModel, options: AwsStackOptions = { nag: false }): Synthesized {
  const app = new App({ context: { ...readToolContext('cdk.json') } });
  const stacks = addAwsStacks(app, m, m.profile.environments[0]!.name, options);
  const assembly = app.synth();
  const templates = new Map<string, Template>();
  const json = new Map<string, Json>();
  for (const stack of assembly.stacks) {
    json.set(stack.stackName, stack.template);
    templates.set(stack.stackName, Template.fromJSON(stack.template));
  }
  return { app, stacks, templates, json, outdir: assembly.directory };
}

export function template(s: Synthesized, name: string): Template {
  const t = s.templates.get(name);
  if (!t) throw new Error(`no stack ${name}; have ${[...s.templates.keys()].join(', ')}`);
  return t;
}

/** Resources of one type in a template JSON, as [logicalId, resource] pairs. */
export function resourcesOf(json: Json, type: string): [string, Json][] {
  return Object.entries(json.Resources ?? {}).filter(([, r]: [string, Json]) => r.Type === type) as [
    string,
    Json,
  ][];
}
