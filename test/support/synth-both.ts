/**
 * Synthesizes both clouds of a model in this process, as the apps do (bin/aws.ts,
 * bin/azure.ts: a cloud the profile does not use gets no stack), and checks the artifacts
 * with lib/verify. For the gate's property test: accepted => both synthesize and verify.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib/core';
import { App as TerraformApp } from 'cdktf';
import { usesCloud } from '../../lib/cli/clouds';
import { readToolContext } from '../../lib/cli/selection';
import type { DeploymentModel } from '../../lib/model/deployment-model';
import { clientVpnCapacity } from '../../lib/verify/aws-capacity';
import { verifyAzureP2sCapacity } from '../../lib/verify/azure-capacity';
import { addAwsStacks } from '../../stacks/aws';
import { addAzureStacks } from '../../stacks/azure';

export interface BothClouds {
  readonly awsStacks: number;
  readonly azureStacks: number;
  /** Capacity problems lib/verify finds in the artifacts (empty when they carry the plan). */
  readonly problems: readonly string[];
}

/** Synthesizes AWS and Azure for the model's first environment; throws what a stack throws. */
export function synthesizeBothClouds(model: DeploymentModel): BothClouds {
  const environment = model.profile.environments[0]!.name;
  const scratch = mkdtempSync(join(tmpdir(), 'tsunagi-gate-'));
  try {
    const problems: string[] = [];
    let awsStacks = 0;
    if (usesCloud(model, 'aws')) {
      const app = new App({ context: readToolContext('cdk.json'), outdir: join(scratch, 'cdk.out') });
      addAwsStacks(app, model, environment, { nag: false });
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
      const app = new TerraformApp({ outdir: join(scratch, 'cdktf.out') });
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
    return { awsStacks, azureStacks, problems };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
