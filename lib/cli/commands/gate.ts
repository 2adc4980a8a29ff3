/**
 * `tsunagi gate`: the deploy gates. Checks real CloudFormation change sets
 * (`aws cloudformation describe-change-set` JSON) and saved Terraform plans
 * (`terraform show -json <planfile>`) with the review rules; exit 0 when nothing
 * unacknowledged blocks, 1 when something does, 2 on bad usage or input.
 * `--stack-policy <template>` prints the stack policy that protects a template's stateful
 * resources. docs/deploy-gates.md describes both.
 */
import { writeFileSync } from 'node:fs';
import { Command, type CommanderError, Option } from 'commander';
import type { TemplateResources } from '../../review/gate/aws-change-set';
import { GateInputError, type GateReport } from '../../review/gate/types';

interface GateCommandOptions {
  readonly awsChangeSet?: string[];
  readonly terraformPlan?: string[];
  readonly acks?: string;
  readonly cdkOut?: string;
  readonly format: 'md' | 'json';
  readonly output?: string;
  readonly summary?: string;
  readonly stackPolicy?: string;
  readonly stack?: string;
  readonly allow?: string[];
  readonly allowGated?: string;
}

const USAGE_ERROR = 2;

/** The gate's checks and readers, imported when the command runs (not for `--help` or other commands). */
type Gate = typeof import('../../review/gate');

function usage(message: string): void {
  console.error(`tsunagi gate: ${message} (see tsunagi gate --help)`);
  process.exitCode = USAGE_ERROR;
}

/** Logical IDs a passing gate report lets CloudFormation replace or remove. */
function gatedIds(gate: Gate, reportFile: string, stack: string | undefined): string[] {
  const report = gate.readJson(reportFile) as GateReport;
  if (report?.kind !== 'gate' || !Array.isArray(report.changes))
    throw new GateInputError(reportFile, 'is not the JSON of `tsunagi gate --format json`');
  if (report.verdict !== 'pass')
    throw new GateInputError(
      reportFile,
      'blocks: its change set must not be executed, so nothing is exempted',
    );
  return gate.exemptionsFromGateReport(report, stack);
}

function printStackPolicy(gate: Gate, options: GateCommandOptions): void {
  const template = gate.readJson(options.stackPolicy as string) as { Resources?: TemplateResources };
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object')
    throw new GateInputError(
      options.stackPolicy as string,
      'is not a CloudFormation template (no Resources)',
    );
  const allow = [
    ...(options.allow ?? []),
    ...(options.allowGated ? gatedIds(gate, options.allowGated, options.stack) : []),
  ];
  const text = `${JSON.stringify(gate.stackPolicyFor(template.Resources ?? {}, allow), null, 2)}\n`;
  if (options.output) writeFileSync(options.output, text);
  else process.stdout.write(text);
}

function run(gate: Gate, options: GateCommandOptions): void {
  if (options.stackPolicy) {
    if (options.awsChangeSet || options.terraformPlan) {
      usage('--stack-policy cannot be combined with --aws-change-set or --terraform-plan');
      return;
    }
    printStackPolicy(gate, options);
    return;
  }
  if (!options.awsChangeSet?.length && !options.terraformPlan?.length) {
    usage('give --aws-change-set <file...>, --terraform-plan <file...> or --stack-policy <template>');
    return;
  }
  const report = gate.runGate({
    awsChangeSets: options.awsChangeSet,
    terraformPlans: options.terraformPlan,
    acks: options.acks,
    cdkOut: options.cdkOut,
  });
  const markdown = gate.renderGateMarkdown(report);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const text = options.format === 'json' ? json : markdown;
  if (options.output) writeFileSync(options.output, text);
  else process.stdout.write(text);
  // Always write the Markdown to the summary file (GitHub job summary) when asked.
  if (options.summary) writeFileSync(options.summary, markdown, { flag: 'a' });
  process.exitCode = report.verdict === 'block' ? 1 : 0;
}

export function gateCommand(): Command {
  return (
    new Command('gate')
      .description(
        'Check CloudFormation change sets or saved Terraform plans against the review rules before they are executed: exit 0 when nothing unacknowledged blocks, 1 when something does, 2 on bad input.',
      )
      .option(
        '--aws-change-set <files...>',
        'JSON of `aws cloudformation describe-change-set` (one change set per file)',
      )
      .option(
        '--terraform-plan <files...>',
        'JSON of `terraform show -json <planfile>`; `<stack>=<file>` names the stack (default: from cdktf.out/stacks/<stack>/ or plan-<stack>.json)',
      )
      .option('--acks <file>', 'acknowledgements (default: config/review-acks.yaml when it exists)')
      .option(
        '--cdk-out <dir>',
        'synthesized cdk.out: property values and endpoint counts for the change sets',
      )
      .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json']).default('md'))
      .option('-o, --output <file>', 'write the report (or the stack policy) to a file instead of stdout')
      .option('--summary <file>', 'also append the Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY)')
      .option(
        '--stack-policy <template>',
        'print the stack policy denying Update:Replace/Delete on the stateful resources of a template',
      )
      .option('--stack <name>', 'with --stack-policy and --allow-gated: the stack the template belongs to')
      .option('--allow <logicalIds...>', 'with --stack-policy: logical IDs exempted for one deployment')
      .option(
        '--allow-gated <gate.json>',
        'with --stack-policy: exempt what a passing gate report lets its change set replace or remove (one execution)',
      )
      // Commander's own usage errors exit 2 like every other bad input of this command.
      .exitOverride((error: CommanderError) => process.exit(error.exitCode === 0 ? 0 : USAGE_ERROR))
      .action(async (options: GateCommandOptions) => {
        try {
          run(await import('../../review/gate'), options);
        } catch (error) {
          if (error instanceof GateInputError) {
            console.error(`tsunagi gate: ${error.message}`);
            process.exitCode = USAGE_ERROR;
            return;
          }
          throw error;
        }
      })
  );
}
