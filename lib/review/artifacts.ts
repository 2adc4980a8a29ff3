/**
 * Reads what `tsunagi synth --output <dir>` wrote: cdk.out/ (CloudFormation templates and
 * their manifest), cdktf.out/ (Terraform JSON per stack) and tsunagi-plan.json (the capacity
 * plan). The review reads only these files, never the profile.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapacityPlan } from '../model/plan';
import { ReviewInputError } from './errors';

/**
 * File in the synth output directory that holds the capacity plan (docs/plan-json.md): written
 * by `tsunagi synth` (lib/cli/synth.ts), read by the review.
 */
export const PLAN_FILE = 'tsunagi-plan.json';

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly [key: string]: unknown;
}

export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
  readonly [key: string]: unknown;
}

export interface AwsStackArtifact {
  /** Artifact id in the cloud assembly (the stack name). */
  readonly name: string;
  /** Region from the artifact's environment (`aws://account/region`), when concrete. */
  readonly region?: string;
  readonly template: CfnTemplate;
  /** The template file's text, to skip identical stacks without parsing differences. */
  readonly text: string;
}

export type TfResourceBody = Record<string, unknown>;

export interface TfJson {
  readonly resource?: Record<string, Record<string, TfResourceBody>>;
  readonly moved?: readonly { from?: unknown; to?: unknown }[];
  readonly [key: string]: unknown;
}

export interface AzureStackArtifact {
  readonly name: string;
  readonly json: TfJson;
  readonly text: string;
}

export interface SynthTree {
  /** The directory or description given by the user, for messages. */
  readonly source: string;
  readonly aws: ReadonlyMap<string, AwsStackArtifact>;
  readonly azure: ReadonlyMap<string, AzureStackArtifact>;
  readonly plan?: CapacityPlan;
  /** True for an empty directory: nothing deployed on this side. */
  readonly empty?: boolean;
  /** Which clouds the tree has at all (a tree synthesized with --cloud aws has no cdktf.out). */
  readonly clouds: { readonly aws: boolean; readonly azure: boolean };
}

function readJson<T>(file: string, what: string): { value: T; text: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ReviewInputError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return { value: JSON.parse(text) as T, text };
  } catch (error) {
    throw new ReviewInputError(`${what} ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Puts each resource's construct path into its Metadata (`aws:cdk:path`) from the stack's
 * metadata file when the template does not carry it (path metadata off), so renames and
 * replaced endpoints can be matched by construct path.
 */
function addConstructPaths(template: CfnTemplate, file: string): void {
  if (!existsSync(file)) return;
  const { value } = readJson<Record<string, readonly { type: string; data?: unknown }[]>>(
    file,
    'stack metadata',
  );
  for (const [path, entries] of Object.entries(value)) {
    const logicalId = entries.find((e) => e.type === 'aws:cdk:logicalId')?.data;
    if (typeof logicalId !== 'string') continue;
    const resource = template.Resources?.[logicalId] as { Metadata?: Record<string, unknown> } | undefined;
    if (!resource || resource.Metadata?.['aws:cdk:path'] !== undefined) continue;
    resource.Metadata = { ...(resource.Metadata ?? {}), 'aws:cdk:path': path.replace(/^\//, '') };
  }
}

function readCdkOut(dir: string): Map<string, AwsStackArtifact> {
  const { value: manifest } = readJson<{
    artifacts?: Record<
      string,
      {
        type: string;
        environment?: string;
        additionalMetadataFile?: string;
        properties?: { templateFile?: string };
      }
    >;
  }>(join(dir, 'manifest.json'), 'cloud assembly manifest');
  const stacks = new Map<string, AwsStackArtifact>();
  for (const [name, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const { value: template, text } = readJson<CfnTemplate>(
      join(dir, artifact.properties.templateFile),
      'CloudFormation template',
    );
    if (artifact.additionalMetadataFile)
      addConstructPaths(template, join(dir, artifact.additionalMetadataFile));
    const region = /^aws:\/\/[^/]+\/([a-z0-9-]+)$/.exec(artifact.environment ?? '')?.[1];
    stacks.set(name, { name, template, text, ...(region && region !== 'unknown-region' ? { region } : {}) });
  }
  return stacks;
}

function readCdktfOut(dir: string): Map<string, AzureStackArtifact> {
  const { value: manifest } = readJson<{ stacks?: Record<string, { synthesizedStackPath: string }> }>(
    join(dir, 'manifest.json'),
    'CDKTF manifest',
  );
  const stacks = new Map<string, AzureStackArtifact>();
  for (const [name, stack] of Object.entries(manifest.stacks ?? {})) {
    const { value: json, text } = readJson<TfJson>(join(dir, stack.synthesizedStackPath), 'Terraform JSON');
    stacks.set(name, { name, json, text });
  }
  return stacks;
}

/** Reads a synth output directory; throws ReviewInputError when it holds no artifacts. */
export function readSynthTree(dir: string, source: string = dir): SynthTree {
  if (!existsSync(dir)) throw new ReviewInputError(`${source}: no such directory`);
  const cdkOut = join(dir, 'cdk.out');
  const cdktfOut = join(dir, 'cdktf.out');
  const hasAws = existsSync(join(cdkOut, 'manifest.json'));
  const hasAzure = existsSync(join(cdktfOut, 'manifest.json'));
  if (!hasAws && !hasAzure && readdirSync(dir).length === 0) {
    // An empty directory is an empty deployment (e.g. the profile does not exist in the base
    // of a pull request): everything on the other side is new, or deleted.
    return { source, aws: new Map(), azure: new Map(), clouds: { aws: false, azure: false }, empty: true };
  }
  if (!hasAws && !hasAzure) {
    throw new ReviewInputError(
      `${source}: neither cdk.out/manifest.json nor cdktf.out/manifest.json found; pass the directory given to \`tsunagi synth --output\``,
    );
  }
  const planFile = join(dir, PLAN_FILE);
  const plan = existsSync(planFile) ? readJson<CapacityPlan>(planFile, 'capacity plan').value : undefined;
  return {
    source,
    aws: hasAws ? readCdkOut(cdkOut) : new Map(),
    azure: hasAzure ? readCdktfOut(cdktfOut) : new Map(),
    clouds: { aws: hasAws, azure: hasAzure },
    ...(plan ? { plan } : {}),
  };
}
