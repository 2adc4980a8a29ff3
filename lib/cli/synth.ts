/**
 * `tsunagi synth`: validates the profile once, then runs the CDK app and the CDKTF app in
 * parallel (two cores, two processes) and reports what each wrote.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { DeploymentModel } from '../model/deployment-model';
import { planDeployment } from '../planner/deployment';
import { loadProfile } from '../profile/load';
import { projectRoot } from '../profile/project-root';
import { PLAN_FILE } from '../review/artifacts';
import { leftoverStackDirectories } from './clean-output';
import { readToolContext } from './selection';

export interface SynthOptions {
  readonly profile: string;
  readonly environment?: string;
  readonly clouds: readonly ('aws' | 'azure')[];
  readonly backend: 'local' | 'azurerm';
  /** Directory that receives cdk.out/ and cdktf.out/; default the project root. */
  readonly output?: string;
  /**
   * The profile as the caller already validated and planned it (its plan is written beside the
   * artifacts). Default: load and plan the profile again.
   */
  readonly model?: DeploymentModel;
}

interface SynthRun {
  readonly cloud: 'aws' | 'azure';
  readonly code: number;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * V8 flags of the synth processes. `--single-threaded-gc`: the CloudFormation validator's
 * WebAssembly engine (about 2 s to initialise on 2 cores) runs twice as fast without parallel
 * GC helper threads competing with the other cloud's synth for the two cores; measured with
 * `node scripts/bench.mjs` (AWS synth 7.7 s -> 5.5 s). cdk.json and cdktf.json use the same flag.
 */
export const SYNTH_NODE_FLAGS = ['--single-threaded-gc'] as const;

interface StartedApp {
  readonly child: ChildProcess;
  readonly done: Promise<SynthRun>;
}

function start(cloud: 'aws' | 'azure', env: NodeJS.ProcessEnv): StartedApp {
  const started = performance.now();
  const child = spawn(process.execPath, [...SYNTH_NODE_FLAGS, join(projectRoot(), 'dist', `${cloud}.js`)], {
    cwd: projectRoot(),
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const done = new Promise<SynthRun>((resolvePromise) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code) =>
      resolvePromise({ cloud, code: code ?? 1, stderr, ms: Math.round(performance.now() - started) }),
    );
  });
  return { child, done };
}

export interface StackSummary {
  readonly name: string;
  readonly file: string;
  readonly resources: number;
}

/** Stacks in cdk.out with their template and resource count. */
export function summariseCdkOut(outdir: string): StackSummary[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, a]) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile)
    .map(([name, a]) => {
      const file = join(outdir, a.properties!.templateFile!);
      const template = JSON.parse(readFileSync(file, 'utf8')) as { Resources?: object };
      return { name, file, resources: Object.keys(template.Resources ?? {}).length };
    });
}

/** Stacks in cdktf.out with their cdk.tf.json and resource count. */
export function summariseCdktfOut(outdir: string): StackSummary[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  return Object.entries(manifest.stacks).map(([name, s]) => {
    const file = join(outdir, s.synthesizedStackPath);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { resource?: Record<string, object> };
    const resources = Object.values(json.resource ?? {}).reduce(
      (sum, byName) => sum + Object.keys(byName).length,
      0,
    );
    return { name, file, resources };
  });
}

export interface SynthOutcome {
  readonly ok: boolean;
  readonly report: string;
  /** 2 when an app reported an internal error (a bug), otherwise 1 on failure. */
  readonly exitCode?: number;
}

function planIfValid(profile: string): DeploymentModel['plan'] | undefined {
  const loaded = planDeployment(loadProfile(profile));
  return loaded.ok ? loaded.model.plan : undefined;
}

/** The apps running for one `tsunagi synth`; `abort` stops them (the gate refused the profile). */
export interface StartedSynthesis {
  readonly root: string;
  readonly apps: readonly StartedApp[];
  /** Stops the apps; settles once each has exited, so that none outlives the command. */
  abort(): Promise<void>;
}

/**
 * Starts the CDK and CDKTF apps at once. Each validates the profile itself and writes nothing
 * for one it refuses; each removes its previous artifacts (TSUNAGI_CLEAN_OUTPUT, see
 * lib/cli/clean-output.ts) only after its validation passed and before it builds anything.
 * So the caller can run the gate while the apps start, and abort them if the gate refuses.
 */
export function startSynthesis(options: SynthOptions): StartedSynthesis {
  const root = options.output ? resolve(options.output) : projectRoot();
  mkdirSync(root, { recursive: true });
  const selection = {
    profile: options.profile,
    ...(options.environment ? { environment: options.environment } : {}),
  };
  const baseEnv = { ...process.env, TSUNAGI_QUIET_WARNINGS: '1', TSUNAGI_CLEAN_OUTPUT: '1' };
  const apps: StartedApp[] = [];
  if (options.clouds.includes('aws')) {
    apps.push(
      start('aws', {
        ...baseEnv,
        CDK_CONTEXT_JSON: JSON.stringify({ ...readToolContext('cdk.json'), ...selection }),
        CDK_OUTDIR: join(root, 'cdk.out'),
      }),
    );
  }
  if (options.clouds.includes('azure')) {
    apps.push(
      start('azure', {
        ...baseEnv,
        CDKTF_CONTEXT_JSON: JSON.stringify({ ...readToolContext('cdktf.json'), ...selection }),
        CDKTF_OUTDIR: join(root, 'cdktf.out'),
        TSUNAGI_TF_BACKEND: options.backend,
      }),
    );
  }
  return {
    root,
    apps,
    abort: async () => {
      for (const app of apps) app.child.kill();
      await Promise.all(apps.map((app) => app.done));
    },
  };
}

export async function synthesize(options: SynthOptions): Promise<SynthOutcome> {
  return finishSynthesis(startSynthesis(options), options);
}

/** Writes the plan beside the artifacts while the apps run, waits for them, reports. */
export async function finishSynthesis(
  started: StartedSynthesis,
  options: SynthOptions,
): Promise<SynthOutcome> {
  const { root } = started;
  // The capacity plan beside the artifacts (same JSON as `tsunagi plan --format json`), so
  // that `tsunagi review` can read the requirements and the cost of each side of a change.
  rmSync(join(root, PLAN_FILE), { force: true });
  // The caller's plan, or the profile planned again (the apps do the same).
  const plan = options.model?.plan ?? planIfValid(options.profile);
  if (plan) writeFileSync(join(root, PLAN_FILE), `${JSON.stringify(plan, null, 2)}\n`);
  const results = await Promise.all(started.apps.map((a) => a.done));
  const lines: string[] = [];
  let ok = true;
  let exitCode: number | undefined;
  for (const result of results) {
    const outdir = join(root, result.cloud === 'aws' ? 'cdk.out' : 'cdktf.out');
    if (result.code !== 0 || !existsSync(join(outdir, 'manifest.json'))) {
      ok = false;
      exitCode = Math.max(exitCode ?? 1, result.code === 2 ? 2 : 1);
      lines.push(`${result.cloud}: synth failed (exit ${result.code})`, result.stderr.trim());
      continue;
    }
    const stacks = result.cloud === 'aws' ? summariseCdkOut(outdir) : summariseCdktfOut(outdir);
    const leftovers =
      result.cloud === 'azure'
        ? leftoverStackDirectories(
            outdir,
            stacks.map((s) => s.name),
          )
        : [];
    const where = relative(process.cwd(), outdir) || outdir;
    lines.push(
      `${result.cloud === 'aws' ? 'AWS (CloudFormation)' : 'Azure (Terraform)'}: ${stacks.length} stack(s) in ${where}/ (${result.ms} ms)`,
    );
    for (const stack of stacks) {
      lines.push(
        `  ${stack.name.padEnd(36)} ${String(stack.resources).padStart(4)} resources  ${relative(process.cwd(), stack.file)}`,
      );
    }
    const notices = result.stderr
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `  ${line}`);
    lines.push(...notices);
    for (const name of leftovers) {
      lines.push(
        `  note: cdktf.out/stacks/${name}/ is no longer synthesized but still holds files (local Terraform state?); kept as is -- destroy or move that stack's resources before deleting it`,
      );
    }
  }
  return { ok, report: lines.join('\n'), ...(exitCode ? { exitCode } : {}) };
}
