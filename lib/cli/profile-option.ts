/**
 * What every command shares: the `-p/--profile` option, loading a profile with its issues
 * printed as `file:line: path: what (got X); fix` and exit 1, and the last line of defence
 * that reports an internal error as a bug (exit 2) instead of a stack trace.
 */
import { Option } from 'commander';
import type { DeploymentModel } from '../model/deployment-model';
import { DEFAULT_PROFILE } from './default-profile';
import { reportInternalError } from './internal-error';

// Commands import it from here too (one module for what every command shares).
export { reportInternalError };

/** `-p, --profile <profile>`: a name in config/ or a path to a YAML file. */
export function profileOption(): Option {
  return new Option('-p, --profile <profile>', 'profile name in config/ or path to a YAML file').default(
    DEFAULT_PROFILE,
  );
}

/**
 * Loads and plans a profile; on failure prints every issue, sets exit code 1 and returns
 * undefined. Warnings are printed to standard error unless `quietWarnings`. The loader and
 * the planner (zod, yaml) are imported here, when a command runs, so that
 * `--help`, `--version` and the commands that read no profile never pay for them.
 */
export async function loadForCommand(
  profile: string,
  options: { readonly failureLine?: (file: string, errors: number) => string; quietWarnings?: boolean } = {},
): Promise<DeploymentModel | undefined> {
  const [{ planDeployment }, { loadProfile }, { formatIssue }] = await Promise.all([
    import('../planner/deployment'),
    import('../profile/load'),
    import('../profile/issues'),
  ]);
  const result = planDeployment(loadProfile(profile));
  if (!result.ok) {
    const errors = result.issues.filter((i) => i.severity === 'error').length;
    console.error(result.issues.map((i) => formatIssue(i, result.file)).join('\n'));
    if (options.failureLine) console.error(options.failureLine(result.file, errors));
    process.exitCode = 1;
    return undefined;
  }
  if (!options.quietWarnings) {
    for (const w of result.model.warnings) console.error(formatIssue(w, result.model.file));
  }
  return result.model;
}

/**
 * Runs a command's action; anything it throws is a bug in Tsunagi (the gate accepted the
 * profile, or the input never reached it), reported with the profile and exit 2.
 */
export function guarded<A extends unknown[]>(
  profileOf: (...args: A) => string | undefined,
  action: (...args: A) => void | Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      reportInternalError(error, profileOf(...args));
    }
  };
}
