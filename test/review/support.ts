/**
 * Test support for the review: synthesized trees built in-process from fixture profiles
 * (written the way `tsunagi synth --output` writes them), and small trees built by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { App as TerraformApp } from 'cdktf';
import { readToolContext } from '../../lib/cli/selection';
import type { DeploymentModel } from '../../lib/model/deployment-model';
import type { CapacityPlan } from '../../lib/model/plan';
import type {
  AwsStackArtifact,
  AzureStackArtifact,
  CfnTemplate,
  SynthTree,
  TfJson,
} from '../../lib/review/artifacts';
import { PLAN_FILE } from '../../lib/review/artifacts';
import { addAwsStacks } from '../../stacks/aws';
import { addAzureStacks } from '../../stacks/azure';

/** Synthesizes both clouds of a model into `dir` (cdk.out/, cdktf.out/, tsunagi-plan.json). */
export function synthTree(model: DeploymentModel, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const environment = model.profile.environments[0]!.name;
  const aws = new App({ context: { ...readToolContext('cdk.json') }, outdir: join(dir, 'cdk.out') });
  addAwsStacks(aws, model, environment, { nag: false });
  aws.synth();
  const azure = new TerraformApp({ outdir: join(dir, 'cdktf.out') });
  addAzureStacks(azure, model, environment, 'local');
  azure.synth();
  writeFileSync(join(dir, PLAN_FILE), JSON.stringify(model.plan));
  return dir;
}

/** A tree built by hand: templates and Terraform JSON by stack name. */
export function handTree(
  aws: Record<string, CfnTemplate & { region?: string }>,
  azure: Record<string, TfJson> = {},
  plan?: CapacityPlan,
): SynthTree {
  const awsStacks = new Map<string, AwsStackArtifact>(
    Object.entries(aws).map(([name, { region, ...template }]) => [
      name,
      { name, template, text: JSON.stringify(template), region: region ?? 'ap-northeast-1' },
    ]),
  );
  const azureStacks = new Map<string, AzureStackArtifact>(
    Object.entries(azure).map(([name, json]) => [name, { name, json, text: JSON.stringify(json) }]),
  );
  return {
    source: 'hand-built',
    aws: awsStacks,
    azure: azureStacks,
    clouds: { aws: true, azure: true },
    ...(plan ? { plan } : {}),
  };
}

/** Deep copy, so a test edits head without touching base. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
