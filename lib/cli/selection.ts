/**
 * Which profile and environment an entry point synthesizes, and the one way every entry
 * point turns a bad profile into a clear message and exit code 1, before any artifact is
 * written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentModel } from '../model/deployment-model';
import { planDeployment } from '../planner/deployment';
import { formatIssue } from '../profile/issues';
import { loadProfile } from '../profile/load';
import { projectRoot } from '../profile/project-root';

export const DEFAULT_PROFILE = 'hyogo';

export interface Selection {
  readonly model: DeploymentModel;
  readonly environment: string;
}

/** Loads and plans the profile, or prints every issue and exits 1. */
export function loadOrExit(profileName: unknown, environmentName: unknown): Selection {
  const profile = typeof profileName === 'string' && profileName !== '' ? profileName : DEFAULT_PROFILE;
  const result = planDeployment(loadProfile(profile));
  if (!result.ok) {
    process.stderr.write(`${result.issues.map((i) => formatIssue(i, result.file)).join('\n')}\n`);
    process.stderr.write(`${result.file}: invalid profile; nothing was synthesized\n`);
    process.exit(1);
  }
  const { model } = result;
  // `tsunagi synth` prints the warnings once itself and silences its two children.
  if (process.env.TSUNAGI_QUIET_WARNINGS !== '1') {
    for (const warning of model.warnings) process.stderr.write(`${formatIssue(warning, model.file)}\n`);
  }
  const environments = model.profile.environments.map((e) => e.name);
  const environment =
    typeof environmentName === 'string' && environmentName !== '' ? environmentName : environments[0]!;
  if (!environments.includes(environment)) {
    process.stderr.write(
      `environment: "${environment}" is not declared in ${model.file} (declared: ${environments.join(', ')}); pass one of them\n`,
    );
    process.exit(1);
  }
  return { model, environment };
}

/** The `context` block of cdk.json or cdktf.json, for runs outside the stock CLIs. */
export function readToolContext(file: 'cdk.json' | 'cdktf.json'): Record<string, unknown> {
  const path = join(projectRoot(), file);
  if (!existsSync(path)) return {};
  return (JSON.parse(readFileSync(path, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}
