/**
 * `tsunagi gate`: reads CloudFormation change sets and saved Terraform plans from files,
 * applies the review rules and the acknowledgements, and returns one report. File reading
 * lives here; the checks themselves are pure (aws-change-set.ts, terraform-plan.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Acknowledgement, loadAcks, todayUtc } from '../acks';
import { checkChangeSet, parseChangeSet, type TemplateResources } from './aws-change-set';
import { buildGateReport } from './report';
import { checkTerraformPlan, parseTerraformPlan, stackOfPlanArgument } from './terraform-plan';
import { type GateCheck, GateInputError, type GateReport } from './types';

export { checkChangeSet, parseChangeSet, type TemplateResources } from './aws-change-set';
export { buildGateReport, renderGateMarkdown } from './report';
export { exemptionsFromGateReport, stackPolicyFor, statefulLogicalIds } from './stack-policy';
export { checkTerraformPlan, parseTerraformPlan, stackOfPlanArgument } from './terraform-plan';
export * from './types';

export interface GateOptions {
  readonly awsChangeSets?: readonly string[];
  /** `<file>` or `<stack>=<file>`. */
  readonly terraformPlans?: readonly string[];
  /** Acknowledgements file; when absent, config/review-acks.yaml is used if it exists. */
  readonly acks?: string;
  /** cdk.out directory: templates supply property values and endpoint counts. */
  readonly cdkOut?: string;
  readonly today?: string;
}

export function readJson(file: string): unknown {
  if (!existsSync(file)) throw new GateInputError(file, 'does not exist');
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GateInputError(file, `is not JSON (${(error as Error).message})`);
  }
}

/** Templates of a cdk.out directory by CloudFormation stack name (from manifest.json). */
export function loadTemplates(cdkOut: string): Map<string, TemplateResources> {
  const manifestFile = join(cdkOut, 'manifest.json');
  const manifest = readJson(manifestFile) as {
    artifacts?: Record<string, { type?: string; properties?: { templateFile?: string; stackName?: string } }>;
  };
  const out = new Map<string, TemplateResources>();
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = readJson(join(cdkOut, artifact.properties.templateFile)) as {
      Resources?: TemplateResources;
    };
    out.set(artifact.properties.stackName ?? id, template.Resources ?? {});
  }
  return out;
}

export type AcksResult =
  | { readonly ok: true; readonly acknowledgements: readonly Acknowledgement[]; readonly file?: string }
  | { readonly ok: false; readonly message: string };

export function readAcks(path: string | undefined): AcksResult {
  const file = path ?? 'config/review-acks.yaml';
  const loaded = loadAcks(file, path !== undefined);
  if (loaded.ok) return { ok: true, acknowledgements: loaded.acknowledgements, file: loaded.file };
  const message = loaded.issues
    .map((i) => `${loaded.file}${i.line ? `:${i.line}` : ''}: ${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('\n');
  return { ok: false, message };
}

/** Runs the gate over files. Throws GateInputError on unreadable or malformed input. */
export function runGate(options: GateOptions): GateReport {
  const acks = readAcks(options.acks);
  if (!acks.ok)
    throw new GateInputError(options.acks ?? 'config/review-acks.yaml', `invalid:\n${acks.message}`);
  const templates = options.cdkOut ? loadTemplates(options.cdkOut) : undefined;
  const checks: GateCheck[] = [];
  for (const file of options.awsChangeSets ?? []) {
    const changeSet = parseChangeSet(readJson(file), file);
    checks.push(checkChangeSet(changeSet, file, templates?.get(changeSet.StackName)));
  }
  for (const argument of options.terraformPlans ?? []) {
    const { stack, file } = stackOfPlanArgument(argument);
    checks.push(checkTerraformPlan(parseTerraformPlan(readJson(file), file), file, stack));
  }
  return buildGateReport(checks, acks.acknowledgements, options.today ?? todayUtc());
}
