/**
 * `tsunagi review --base-ref <git-ref>`: synthesizes the base from another commit, in a
 * temporary `git worktree` of the same repository, with the same profile and environment,
 * using that commit's own code (its build script and its synth), and the current
 * node_modules by symlink (no install). The worktree and its output are removed afterwards,
 * whatever happens.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { ReviewInputError } from './errors';

export interface SynthRequest {
  /** Profile name in config/ or path to a YAML file (as given on the command line). */
  readonly profile: string;
  readonly environment?: string;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', (error) => done({ code: 127, stdout, stderr: `${stderr}${error.message}` }));
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

function git(args: readonly string[], cwd: string): Run {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? r.error?.message ?? '' };
}

function tail(text: string, lines = 15): string {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * The profile argument as the other checkout must see it: a path inside the repository
 * points at that checkout's copy (the profile as it was at the ref); a name or a path
 * outside the repository stays as it is.
 */
export function profileIn(checkout: string, root: string, profile: string): string {
  if (!profile.includes('/') && !profile.endsWith('.yaml') && !profile.endsWith('.yml')) return profile;
  const absolute = resolve(profile);
  const inside = relative(root, absolute);
  if (inside.startsWith('..') || isAbsolute(inside)) return absolute;
  return join(checkout, inside);
}

/** Synthesizes a checkout (its own dist/) into `out`; adds the plan when its synth does not write one. */
export async function synthesizeCheckout(
  checkout: string,
  profile: string,
  environment: string | undefined,
  out: string,
  label: string,
): Promise<void> {
  const cli = join(checkout, 'dist', 'tsunagi.js');
  const env = environment ? ['--environment', environment] : [];
  const synth = await run(
    process.execPath,
    [cli, 'synth', '--profile', profile, ...env, '--output', out],
    checkout,
  );
  if (synth.code !== 0) {
    throw new ReviewInputError(
      `${label}: tsunagi synth failed (exit ${synth.code}):\n${tail(synth.stderr || synth.stdout)}`,
    );
  }
  if (!existsSync(join(out, 'tsunagi-plan.json'))) {
    // Commits from before `tsunagi synth` wrote its plan: ask their own planner.
    const plan = await run(
      process.execPath,
      [cli, 'plan', '--profile', profile, '--format', 'json'],
      checkout,
    );
    if (plan.code === 0) writeFileSync(join(out, 'tsunagi-plan.json'), plan.stdout);
  }
}

export interface BaseRefResult {
  /** Directory holding the base's cdk.out/, cdktf.out/ and tsunagi-plan.json. */
  readonly dir: string;
  /** `git:<ref> (<short sha>)`. */
  readonly source: string;
  /** Removes the worktree and every temporary file. */
  readonly cleanup: () => void;
}

/**
 * Checks out `ref` into a temporary worktree, builds it and synthesizes the base there.
 * `root` is the repository (the project root); `alongside` (the head's synth) optionally runs
 * in parallel, and has finished when this returns or throws.
 */
export async function synthesizeBaseRef(
  root: string,
  ref: string,
  request: SynthRequest,
  alongside?: Promise<void>,
): Promise<BaseRefResult> {
  try {
    return await checkOutAndSynthesize(root, ref, request, alongside);
  } catch (error) {
    // A failure before the two synths are awaited together (not a commit, worktree or build
    // failure) still waits for the one alongside: the caller removes its directory next, and
    // its own failure would otherwise be an unhandled rejection.
    await alongside?.catch(() => undefined);
    throw error;
  }
}

async function checkOutAndSynthesize(
  root: string,
  ref: string,
  request: SynthRequest,
  alongside: Promise<void> | undefined,
): Promise<BaseRefResult> {
  const verified = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (verified.code !== 0) {
    throw new ReviewInputError(
      `--base-ref ${ref}: not a commit of the repository at ${root} (try a branch, tag or sha, e.g. origin/main or HEAD~1)`,
    );
  }
  const sha = verified.stdout.trim();
  const temp = mkdtempSync(join(tmpdir(), 'tsunagi-review-'));
  const checkout = join(temp, 'checkout');
  const out = join(temp, 'base');
  // Removes the worktree even when `git worktree add` failed: it can fail after registering it
  // (a failing post-checkout hook, e.g. Git LFS's when git-lfs is not installed).
  const cleanup = () => {
    git(['worktree', 'remove', '--force', checkout], root);
    git(['worktree', 'prune'], root);
    rmSync(temp, { recursive: true, force: true });
  };
  try {
    const add = git(['worktree', 'add', '--detach', '--quiet', checkout, sha], root);
    if (add.code !== 0) throw new ReviewInputError(`git worktree add failed: ${tail(add.stderr)}`);
    symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
    const build = await run(process.execPath, ['scripts/build.mjs', '--quiet'], checkout);
    if (build.code !== 0)
      throw new ReviewInputError(`--base-ref ${ref}: building that commit failed:\n${tail(build.stderr)}`);
    const base = synthesizeCheckout(
      checkout,
      profileIn(checkout, root, request.profile),
      request.environment,
      out,
      `--base-ref ${ref}`,
    );
    // Waits for both before cleaning up: when one fails first, the other must not go on
    // synthesizing into a worktree and a directory that are being removed.
    const settled = await Promise.allSettled([base, alongside ?? Promise.resolve()]);
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    cleanup();
    throw error;
  }
  return { dir: out, source: `git:${ref} (${sha.slice(0, 12)})`, cleanup };
}
