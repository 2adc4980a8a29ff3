/**
 * Test support: load a profile (or a variant of one), synthesize the AWS stacks once; or read
 * the unmodified fixtures' templates as the real CLI synthesized them in jest's global setup
 * (`cachedSynth`), which costs no synthesis at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { App } from 'aws-cdk-lib/core';
import type { DeploymentModel } from '../../../lib/profile/load';
import { type AwsStackOptions, type AwsStacks, addAwsStacks } from '../../../stacks/aws';
import { cdkTestContext } from '../../support/cdk-test-context';
import { loadModel } from '../../support/profiles';
import { artifactsDir, type FixtureName } from '../../support/synthesized';

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
  const app = new App({ context: cdkTestContext() });
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

/** What cdk.out/manifest.json says of one stack of the real synth. */
export interface CachedStack {
  readonly account: string;
  readonly region: string;
  readonly terminationProtection: boolean;
}

/** An unmodified fixture's AWS stacks as `tsunagi synth` wrote them (global setup's cache). */
export interface CachedSynth {
  /** Template JSON by stack name. */
  readonly json: ReadonlyMap<string, Json>;
  /** Account, Region and termination protection by stack name (cdk.out/manifest.json). */
  readonly stacks: ReadonlyMap<string, CachedStack>;
}

const cached = new Map<FixtureName, CachedSynth>();

/**
 * The CloudFormation templates and stack properties of a fixture profile, read from the
 * artifacts jest's global setup synthesized with the real CLI (test/support/synthesized.ts).
 * For tests that only read templates of an unmodified fixture: no synthesis in the test file.
 */
export function cachedSynth(name: FixtureName): CachedSynth {
  const known = cached.get(name);
  if (known) return known;
  const outdir = join(artifactsDir(name), 'cdk.out');
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  const json = new Map<string, Json>();
  const stacks = new Map<string, CachedStack>();
  for (const [id, artifact] of Object.entries<Json>(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const stackName: string = artifact.properties.stackName ?? id;
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(String(artifact.environment)) ?? [];
    json.set(stackName, JSON.parse(readFileSync(join(outdir, artifact.properties.templateFile), 'utf8')));
    stacks.set(stackName, {
      account: account ?? '',
      region: region ?? '',
      terminationProtection: artifact.properties.terminationProtection === true,
    });
  }
  const result = { json, stacks };
  cached.set(name, result);
  return result;
}

/** The cached templates of a fixture by stack name (the same Map a synthesis gives as `json`). */
export function cachedTemplates(name: FixtureName): ReadonlyMap<string, Json> {
  return cachedSynth(name).json;
}

/** One stack's template for aws-cdk-lib/assertions, from a synthesis or the cache. */
export function template(
  s: Pick<Synthesized, 'json'> & { templates?: Synthesized['templates'] },
  name: string,
): Template {
  const built = s.templates?.get(name);
  if (built) return built;
  const json = s.json.get(name);
  if (!json) throw new Error(`no stack ${name}; have ${[...s.json.keys()].join(', ')}`);
  return Template.fromJSON(json);
}

/** Resources of one type in a template JSON, as [logicalId, resource] pairs. */
export function resourcesOf(json: Json, type: string): [string, Json][] {
  return Object.entries(json.Resources ?? {}).filter(([, r]: [string, Json]) => r.Type === type) as [
    string,
    Json,
  ][];
}
