/** `tsunagi plan`: the capacity and address plan, as Markdown or versioned JSON. */
import { Command, Option } from 'commander';
import { renderPlanMarkdown } from '../../planner/render-markdown';
import { guarded, loadForCommand, profileOption } from '../profile-option';

interface PlanOptions {
  readonly profile: string;
  readonly format: 'md' | 'json';
}

export function planCommand(): Command {
  return new Command('plan')
    .description(
      'Print the capacity and address plan: tiers, client pools, every failure scenario, throughput and monthly cost.',
    )
    .addOption(profileOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json']).default('md'))
    .action(
      guarded(
        (options: PlanOptions) => options.profile,
        async (options: PlanOptions) => {
          const model = await loadForCommand(options.profile, { quietWarnings: true });
          if (!model) return;
          const { plan } = model;
          process.stdout.write(
            options.format === 'json' ? `${JSON.stringify(plan, null, 2)}\n` : renderPlanMarkdown(plan),
          );
        },
      ),
    );
}
