/** Test support: load a profile (or a variant of one), synthesize the AWS stacks once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parse, stringify } from 'yaml';
import { readToolContext } from '../../../lib/cli/selection';
import { type DeploymentModel, loadProfile, loadProfileText } from '../../../lib/profile/load';
import { projectRoot } from '../../../lib/profile/project-root';
import { type AwsStackOptions, type AwsStacks, addAwsStacks } from '../../../stacks/aws';

/** Synthesized CloudFormation JSON: tests read it as plain data. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation template JSON is untyped data in tests
export type Json = any;

export function model(name: string): DeploymentModel {
  const result = loadProfile(name);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.issues, null, 2)}`);
  return result.model;
}

/** A profile built from config/<base>.yaml with `edit` applied to its parsed YAML. */
export function variant(base: string, edit: (raw: Json) => void): DeploymentModel {
  const dir = join(projectRoot(), 'config');
  const raw = parse(readFileSync(join(dir, `${base}.yaml`), 'utf8'));
  edit(raw);
  const result = loadProfileText(stringify(raw), `${base}-variant.yaml`, dir);
  if (!result.ok) throw new Error(`variant of ${base}: ${JSON.stringify(result.issues, null, 2)}`);
  return result.model;
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
