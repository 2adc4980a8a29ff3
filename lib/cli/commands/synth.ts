/** `tsunagi synth`: validate once, then synthesize the AWS and Azure apps offline. */
import { Command, Option } from 'commander';
import { formatIssue } from '../../profile/issues';
import { guarded, loadForCommand, profileOption } from '../profile-option';

interface SynthCommandOptions {
  readonly profile: string;
  readonly environment?: string;
  readonly cloud: 'aws' | 'azure' | 'all';
  readonly backend: 'local' | 'azurerm';
  readonly output?: string;
}

export function synthCommand(): Command {
  return new Command('synth')
    .description(
      'Synthesize every AWS stack into cdk.out/ and every Azure stack into cdktf.out/stacks/, offline.',
    )
    .addOption(profileOption())
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
    .option(
      '-o, --output <dir>',
      'directory that receives cdk.out/ and cdktf.out/ (default: the project root)',
    )
    .action(
      guarded(
        (options: SynthCommandOptions) => options.profile,
        async (options: SynthCommandOptions) => {
          const started = performance.now();
          const clouds = options.cloud === 'all' ? (['aws', 'azure'] as const) : ([options.cloud] as const);
          // The apps start at once and validate the profile themselves (writing nothing for one
          // they refuse) while this process runs the gate; a refusal stops them.
          const [{ backendIssue }, { startSynthesis, finishSynthesis }] = await Promise.all([
            import('../selection'),
            import('../synth'),
          ]);
          const running = startSynthesis({ ...options, clouds });
          const model = await loadForCommand(options.profile, {
            failureLine: (file) => `${file}: invalid profile; nothing was synthesized`,
          });
          if (!model) {
            await running.abort();
            return;
          }
          const environment = options.environment ?? model.profile.environments[0]!.name;
          const missing =
            options.cloud !== 'aws' ? backendIssue(model, environment, options.backend) : undefined;
          if (missing) {
            await running.abort();
            console.error(formatIssue(missing, model.file));
            console.error(`${model.file}: invalid for --backend azurerm; nothing was synthesized`);
            process.exitCode = 1;
            return;
          }
          const outcome = await finishSynthesis(running, { ...options, clouds, model });
          console.log(outcome.report);
          console.log(
            `${outcome.ok ? 'synthesized' : 'FAILED'} ${model.profile.organisation.id} in ${Math.round(performance.now() - started)} ms`,
          );
          if (!outcome.ok) process.exitCode = outcome.exitCode ?? 1;
        },
      ),
    );
}
