/**
 * Synthesizes both clouds of a model in this process, as the apps do (bin/aws.ts,
 * bin/azure.ts: the tools' context, local Terraform state, a cloud the profile does not use
 * gets no stack), and checks the artifacts with lib/verify. For the gate's property test
 * (accepted => both synthesize and verify), and for a tree laid out as `tsunagi synth
 * --output` lays it out (cdk.out/, cdktf.out/, tsunagi-plan.json) where a test needs the
 * artifacts of an edited fixture (test/review/review.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib/core';
import { App as TerraformApp } from 'cdktf';
import { usesCloud } from '../../lib/cli/clouds';
import { readToolContext } from '../../lib/cli/selection';
import type { DeploymentModel } from '../../lib/model/deployment-model';
import { PLAN_FILE } from '../../lib/review/artifacts';
import { clientVpnCapacity } from '../../lib/verify/aws-capacity';
import { verifyAzureP2sCapacity } from '../../lib/verify/azure-capacity';
import { addAwsStacks } from '../../stacks/aws';
import { addAzureStacks } from '../../stacks/azure';
import { cdkTestContext } from './cdk-test-context';

export interface BothClouds {
  readonly awsStacks: number;
  readonly azureStacks: number;
  /** Capacity problems lib/verify finds in the artifacts (empty when they carry the plan). */
  readonly problems: readonly string[];
}

export interface SynthesizeOptions {
  /**
   * Where to write cdk.out/, cdktf.out/ and tsunagi-plan.json, and keep them.
   * @default a temporary directory, removed afterwards
   */
  readonly outdir?: string;
  /**
   * Register cdk-nag AwsSolutions, as the AWS app does (a finding fails the synth).
   * @default false
   */
  readonly nag?: boolean;
}

/** Synthesizes AWS and Azure for the model's first environment; throws what a stack throws. */
export function synthesizeBothClouds(model: DeploymentModel, options: SynthesizeOptions = {}): BothClouds {
  const environment = model.profile.environments[0]!.name;
  const scratch = options.outdir ?? mkdtempSync(join(tmpdir(), 'tsunagi-gate-'));
  try {
    const problems: string[] = [];
    let awsStacks = 0;
    if (usesCloud(model, 'aws')) {
      const app = new App({ context: cdkTestContext(), outdir: join(scratch, 'cdk.out') });
      addAwsStacks(app, model, environment, { nag: options.nag ?? false });
      const assembly = app.synth();
      awsStacks = assembly.stacks.length;
      const synthesized = clientVpnCapacity(assembly.stacks.map((s) => s.template)).connections;
      const planned = model.plan.tiers
        .filter((t) => t.kind === 'aws-client-vpn')
        .reduce((sum, t) => sum + t.nominalConnections, 0);
      if (synthesized < planned) {
        problems.push(`AWS: templates carry ${synthesized} Client VPN connections, plan ${planned}`);
      }
    }
    let azureStacks = 0;
    if (usesCloud(model, 'azure')) {
      const app = new TerraformApp({
        context: readToolContext('cdktf.json'),
        outdir: join(scratch, 'cdktf.out'),
      });
      addAzureStacks(app, model, environment, 'local');
      app.synth();
      const outdir = join(scratch, 'cdktf.out');
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
        stacks: Record<string, { synthesizedStackPath: string }>;
      };
      const json = Object.values(manifest.stacks).map((s) =>
        JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8')),
      );
      azureStacks = json.length;
      const verified = verifyAzureP2sCapacity(json);
      problems.push(...verified.problems.map((p) => `Azure: ${p}`));
      const planned = model.plan.tiers
        .filter((t) => t.kind === 'azure-p2s')
        .reduce((sum, t) => sum + t.nominalConnections, 0);
      if (verified.connections < planned) {
        problems.push(`Azure: gateways carry ${verified.connections} connections, plan ${planned}`);
      }
    }
    if (options.outdir) writeFileSync(join(scratch, PLAN_FILE), `${JSON.stringify(model.plan, null, 2)}\n`);
    return { awsStacks, azureStacks, problems };
  } finally {
    if (!options.outdir) rmSync(scratch, { recursive: true, force: true });
  }
}
