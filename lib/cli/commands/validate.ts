/**
 * `tsunagi validate [profiles...]`: schema, address plan, references, protected segments and
 * the capacity plan, for one or several profiles (`tsunagi validate config/*.yaml`).
 */
import { Command } from 'commander';
import { formatNumber } from '../../util/format-number';
import { DEFAULT_PROFILE } from '../default-profile';
import { guarded, loadForCommand, profileOption } from '../profile-option';

export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'Check profiles: schema, address plan, references, protected segments, and that the target fits within quotas.',
    )
    .argument('[profiles...]', 'profile names in config/ or paths to YAML files (same as -p)')
    .addOption(profileOption().default(undefined))
    .action(
      guarded(
        (profiles: string[], options: { profile?: string }) =>
          [...profiles, ...(options.profile ? [options.profile] : [])].join(', '),
        async (profiles: string[], options: { profile?: string }) => {
          const all = [...profiles, ...(options.profile ? [options.profile] : [])];
          for (const profile of all.length > 0 ? all : [DEFAULT_PROFILE]) {
            const model = await loadForCommand(profile, {
              failureLine: (file, errors) => `${file}: invalid, ${errors} problem(s)`,
            });
            if (!model) continue;
            const { plan } = model;
            const required = plan.scenarios.filter((s) => s.verdict !== 'not-required').length;
            console.log(
              `${model.file}: valid - ${model.profile.organisation.id}, ${formatNumber(plan.target.concurrentUsers)} concurrent users on ${plan.tiers.length} access tier(s), ${required} failure scenario(s) met, ${model.warnings.length} warning(s)`,
            );
          }
        },
      ),
    );
}
