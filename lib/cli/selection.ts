/**
 * Which profile and environment an entry point synthesizes, and the one way every entry
 * point turns a bad profile into a clear message and exit code 1, before any artifact is
 * written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentModel } from '../model/deployment-model';
import { planDeployment } from '../planner/deployment';
import { formatIssue, issue, type ProfileIssue } from '../profile/issues';
import { loadProfile } from '../profile/load';
import { projectRoot, resolveProfilePath } from '../profile/project-root';
import { DEFAULT_PROFILE } from './default-profile';
import { reportInternalError } from './internal-error';

export { DEFAULT_PROFILE };

export interface Selection {
  readonly model: DeploymentModel;
  readonly environment: string;
}

/** Where an app's profile came from, for the one line it prints when it is not explicit. */
export interface ProfileChoice {
  readonly profile: string;
  readonly environment?: string;
  /** How it was chosen: context, environment variable, cdktf command line, or the default. */
  readonly source: string;
}

/**
 * The profile an app (bin/aws.ts, bin/azure.ts) synthesizes, in this order:
 * 1. context `profile` / `environment`: `npx cdk synth -c profile=iwate`, `tsunagi synth`;
 * 2. the environment variables TSUNAGI_PROFILE / TSUNAGI_ENVIRONMENT (what the deploy
 *    workflows set, and the documented way for `npx cdktf synth`);
 * 3. under `npx cdktf synth -c profile=iwate`: the CDKTF CLI accepts `-c` but passes no context
 *    to the app, so the app reads it from the CLI's command line (Linux /proc only);
 * 4. the default profile, hyogo.
 */
export function chooseProfile(
  context: { readonly profile?: unknown; readonly environment?: unknown },
  tool: 'cdk' | 'cdktf',
  env: NodeJS.ProcessEnv = process.env,
): ProfileChoice {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const environment = text(context.environment) ?? text(env.TSUNAGI_ENVIRONMENT);
  const withEnvironment = (choice: Omit<ProfileChoice, 'environment'>, fallback?: string) => {
    const chosen = environment ?? fallback;
    return chosen ? { ...choice, environment: chosen } : choice;
  };
  const fromContext = text(context.profile);
  if (fromContext) return withEnvironment({ profile: fromContext, source: 'context' });
  const fromEnv = text(env.TSUNAGI_PROFILE);
  if (fromEnv) return withEnvironment({ profile: fromEnv, source: 'TSUNAGI_PROFILE' });
  if (tool === 'cdktf') {
    const cli = cdktfCommandLineContext();
    if (cli.profile) {
      return withEnvironment(
        { profile: cli.profile, source: 'the cdktf command line (-c)' },
        cli.environment,
      );
    }
  }
  return withEnvironment({ profile: DEFAULT_PROFILE, source: 'the default' });
}

/** `-c key=value` / `--context key=value` pairs in one command line. */
export function contextArguments(argv: readonly string[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let pair: string | undefined;
    if (arg === '-c' || arg === '--context') pair = argv[++i];
    else if (arg.startsWith('--context=')) pair = arg.slice('--context='.length);
    else if (arg.startsWith('-c=')) pair = arg.slice(3);
    const match = pair ? /^([^=]+)=(.*)$/.exec(pair) : null;
    if (match) found[match[1]!] = match[2]!;
  }
  return found;
}

/**
 * The `-c` context of the `cdktf` process that runs this app, read from the process tree
 * (/proc on Linux). Empty when there is none or it cannot be read (macOS, Windows): then
 * TSUNAGI_PROFILE is the way (README).
 */
function cdktfCommandLineContext(): { profile?: string; environment?: string } {
  let pid = process.ppid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.some((a) => /(^|\/)cdktf(\.js)?$/.test(a)) && argv.includes('synth')) {
        const context = contextArguments(argv);
        return {
          ...(context.profile ? { profile: context.profile } : {}),
          ...(context.environment ? { environment: context.environment } : {}),
        };
      }
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may itself hold spaces.
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return {};
    }
  }
  return {};
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

/**
 * Runs an app's body; an exception is a bug (the gate accepted the profile), reported with
 * the profile path and exit 2, never as a stack trace.
 */
export function runApp(profile: string, body: () => void): void {
  try {
    body();
  } catch (error) {
    reportInternalError(error, resolveProfilePath(profile));
    process.exit(2);
  }
}

/** The `context` block of cdk.json or cdktf.json, for runs outside the stock CLIs. */
export function readToolContext(file: 'cdk.json' | 'cdktf.json'): Record<string, unknown> {
  const path = join(projectRoot(), file);
  if (!existsSync(path)) return {};
  return (JSON.parse(readFileSync(path, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

/**
 * `--backend azurerm` needs the environment's terraformBackend; without it the Azure stacks
 * could not say where state lives. A profile issue (exit 1), checked before any synth.
 */
export function backendIssue(
  model: DeploymentModel,
  environment: string,
  backend: 'local' | 'azurerm',
): ProfileIssue | undefined {
  if (backend !== 'azurerm' || model.plan.azureHubs.length === 0) return undefined;
  const index = model.profile.environments.findIndex((e) => e.name === environment);
  if (index < 0 || model.profile.environments[index]!.terraformBackend) return undefined;
  const path = ['environments', index, 'terraformBackend'];
  return {
    ...issue(
      path,
      `is required by --backend azurerm (environment ${environment}): the Azure stacks keep their Terraform state in that storage account`,
      undefined,
      'add terraformBackend with resourceGroupName, storageAccountName and containerName, or synthesize with --backend local',
    ),
    line: model.lineOf(path),
  };
}
