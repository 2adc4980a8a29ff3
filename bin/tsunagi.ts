/**
 * The command-line tool: validate a profile, print its capacity plan, synthesize both
 * clouds, export the profile's JSON Schema. `tsunagi <command> --help` describes each.
 */
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DEFAULT_PROFILE } from '../lib/cli/selection';
import { synthesize } from '../lib/cli/synth';
import { planDeployment } from '../lib/planner/deployment';
import { renderPlanMarkdown } from '../lib/planner/render-markdown';
import { formatIssue } from '../lib/profile/issues';
import { profileJsonSchema } from '../lib/profile/json-schema';
import { loadProfile } from '../lib/profile/load';

const program = new Command()
  .name('tsunagi')
  .description('Secure telework and closed-network infrastructure as code (AWS CDK + CDK for Terraform).')
  .showHelpAfterError();

program
  .command('validate')
  .description(
    'Check a profile: schema, address plan, references, protected segments, and that the target fits within quotas.',
  )
  .argument('[profile]', 'profile name in config/ or path to a YAML file', DEFAULT_PROFILE)
  .action((profile: string) => {
    const result = planDeployment(loadProfile(profile));
    if (!result.ok) {
      const errors = result.issues.filter((i) => i.severity === 'error').length;
      console.error(result.issues.map((i) => formatIssue(i, result.file)).join('\n'));
      console.error(`${result.file}: invalid, ${errors} problem(s)`);
      process.exitCode = 1;
      return;
    }
    const { model } = result;
    for (const w of model.warnings) console.error(formatIssue(w, model.file));
    const { plan } = model;
    const required = plan.scenarios.filter((s) => s.verdict !== 'not-required').length;
    console.log(
      `${model.file}: valid - ${model.profile.organisation.id}, ${plan.target.concurrentUsers.toLocaleString('en-US')} concurrent users on ${plan.tiers.length} access tier(s), ${required} failure scenario(s) met, ${model.warnings.length} warning(s)`,
    );
  });

program
  .command('plan')
  .description(
    'Print the capacity and address plan: tiers, client pools, every failure scenario, throughput and monthly cost.',
  )
  .option('-p, --profile <profile>', 'profile name in config/ or path to a YAML file', DEFAULT_PROFILE)
  .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json']).default('md'))
  .action((options: { profile: string; format: 'md' | 'json' }) => {
    const result = planDeployment(loadProfile(options.profile));
    if (!result.ok) {
      console.error(result.issues.map((i) => formatIssue(i, result.file)).join('\n'));
      process.exitCode = 1;
      return;
    }
    const { plan } = result.model;
    process.stdout.write(
      options.format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : renderPlanMarkdown(plan),
    );
  });

program
  .command('synth')
  .description(
    'Synthesize every AWS stack into cdk.out/ and every Azure stack into cdktf.out/stacks/, offline.',
  )
  .option('-p, --profile <profile>', 'profile name in config/ or path to a YAML file', DEFAULT_PROFILE)
  .option('-e, --environment <name>', 'environment of the profile (default: its first)')
  .addOption(
    new Option('-c, --cloud <cloud>', 'which cloud to synthesize')
      .choices(['aws', 'azure', 'all'])
      .default('all'),
  )
  .addOption(
    new Option('-b, --backend <backend>', 'Terraform backend written into the Azure stacks')
      .choices(['local', 'azurerm'])
      .default('local'),
  )
  .option('-o, --output <dir>', 'directory that receives cdk.out/ and cdktf.out/ (default: the project root)')
  .action(
    async (options: {
      profile: string;
      environment?: string;
      cloud: 'aws' | 'azure' | 'all';
      backend: 'local' | 'azurerm';
      output?: string;
    }) => {
      const started = performance.now();
      const result = planDeployment(loadProfile(options.profile));
      if (!result.ok) {
        console.error(result.issues.map((i) => formatIssue(i, result.file)).join('\n'));
        console.error(`${result.file}: invalid profile; nothing was synthesized`);
        process.exitCode = 1;
        return;
      }
      for (const w of result.model.warnings) console.error(formatIssue(w, result.model.file));
      const clouds = options.cloud === 'all' ? (['aws', 'azure'] as const) : ([options.cloud] as const);
      const outcome = await synthesize({ ...options, clouds });
      console.log(outcome.report);
      console.log(
        `${outcome.ok ? 'synthesized' : 'FAILED'} ${result.model.profile.organisation.id} in ${Math.round(performance.now() - started)} ms`,
      );
      if (!outcome.ok) process.exitCode = 1;
    },
  );

program
  .command('schema')
  .description('Print (or write) the JSON Schema of profiles, for editor completion.')
  .option('-o, --out <file>', 'write to this file instead of standard output')
  .action((options: { out?: string }) => {
    const text = `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
    if (options.out) writeFileSync(options.out, text);
    else process.stdout.write(text);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`tsunagi: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
