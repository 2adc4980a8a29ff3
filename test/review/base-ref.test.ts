/**
 * `--base-ref` (lib/review/base-ref.ts). profileIn: how the profile argument is passed to the
 * other checkout. A path inside the repository points at the checkout's copy (the profile as
 * it was at the ref); a profile name, or a path outside the repository, is passed as it is
 * (made absolute).
 *
 * synthesizeBaseRef and synthesizeCheckout run against a tiny git repository made in a
 * temporary directory, whose commits hold stub `scripts/build.mjs` and `dist/tsunagi.js`
 * (a few lines of Node each, no CDK): the stubs record their arguments, working directory
 * and the committed content they see, and fail on request (the profile's name, or a commit
 * whose build is broken). This file is the one exception to "no child processes" in the
 * unit tests: every case costs one or two Node starts and a few git calls, and it stays
 * offline.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { profileIn, synthesizeBaseRef, synthesizeCheckout } from '../../lib/review/base-ref';
import { ReviewInputError } from '../../lib/review/errors';

const CHECKOUT = '/tmp/tsunagi-review-x/checkout';

// Each test starts up to three Node processes one after another (about 0.12 s of CPU each on
// an idle machine): under a full `npm test` on two busy cores one took more than jest's default
// 5 s. Not a limit on the code: only there so that a loaded machine does not fail the file.
jest.setTimeout(60_000);

describe('profileIn', () => {
  it('passes a profile name as it is', () => {
    expect(profileIn(CHECKOUT, '/work/repo', 'hyogo')).toBe('hyogo');
    expect(profileIn(CHECKOUT, '/work/repo', 'hyogo-prod.v2')).toBe('hyogo-prod.v2');
  });

  it('maps a path inside the repository to the checkout, whether it has a slash, a .yaml or a .yml', () => {
    expect(profileIn(CHECKOUT, '/work/repo', '/work/repo/config/hyogo.yaml')).toBe(
      `${CHECKOUT}/config/hyogo.yaml`,
    );
    expect(profileIn(CHECKOUT, '/work/repo', '/work/repo/profiles/hyogo')).toBe(`${CHECKOUT}/profiles/hyogo`);
    expect(profileIn(CHECKOUT, '/work/repo', '/work/repo/a/../config/./b.yml')).toBe(
      `${CHECKOUT}/config/b.yml`,
    );
    // relative paths are read from the working directory
    const cwd = process.cwd();
    expect(profileIn(CHECKOUT, cwd, 'hyogo.yaml')).toBe(join(CHECKOUT, 'hyogo.yaml'));
    expect(profileIn(CHECKOUT, cwd, 'hyogo.yml')).toBe(join(CHECKOUT, 'hyogo.yml'));
    expect(profileIn(CHECKOUT, cwd, 'config/hyogo')).toBe(join(CHECKOUT, 'config', 'hyogo'));
  });

  it('passes a path outside the repository as an absolute path', () => {
    expect(profileIn(CHECKOUT, '/work/repo', '/elsewhere/hyogo.yaml')).toBe('/elsewhere/hyogo.yaml');
    expect(profileIn(CHECKOUT, '/work/repo', '/work/repo-fork/config/hyogo.yaml')).toBe(
      '/work/repo-fork/config/hyogo.yaml',
    );
    expect(profileIn(CHECKOUT, '/work/repo', '/work/hyogo.yml')).toBe('/work/hyogo.yml');
    const cwd = process.cwd();
    expect(profileIn(CHECKOUT, cwd, '../hyogo.yaml')).toBe(resolve(cwd, '..', 'hyogo.yaml'));
  });
});

// ---------------------------------------------------------------------------------------------
// A repository with three commits: HEAD~2 (version one, builds), HEAD~1 (version two, its build
// fails with 20 numbered lines on stderr), HEAD (version three, builds).

let root: string;
let repo: string;
let log: string;
let scratch: string;
const shas: string[] = [];
let outputs = 0;

function git(args: readonly string[], cwd = repo): string {
  const r = spawnSync(
    'git',
    ['-c', 'user.name=base-ref test', '-c', 'user.email=base-ref@example.invalid', ...args],
    { cwd, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Twenty numbered lines, each ending in a newline. */
const numbered = (word: string) => Array.from({ length: 20 }, (_, i) => `${word} ${i + 1}\n`).join('');
/** What tail() keeps of them: the last 15, without the final newline. */
const lastFifteen = (word: string) => Array.from({ length: 15 }, (_, i) => `${word} ${i + 6}`).join('\n');

const build = (
  logFile: string,
) => `import { appendFileSync, existsSync, lstatSync, readlinkSync, writeFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(logFile)}, \`build \${process.cwd()}\\n\`);
if (!lstatSync('node_modules', { throwIfNoEntry: false })?.isSymbolicLink()) {
  process.stderr.write('node_modules is not linked\\n');
  process.exit(1);
}
writeFileSync('dist/built.json', JSON.stringify({
  argv: process.argv.slice(2),
  nodeModules: readlinkSync('node_modules'),
  marker: existsSync('node_modules/marker'),
}));
`;

const brokenBuild = (logFile: string) => `import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(logFile)}, \`build \${process.cwd()}\\n\`);
process.stdout.write('stdout is not the message\\n');
process.stderr.write(${JSON.stringify(numbered('build error'))});
process.exit(2);
`;

const cli = (logFile: string) => `const fs = require('node:fs');
const path = require('node:path');
const [command, ...rest] = process.argv.slice(2);
const option = (name) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
const profile = option('--profile');
const mode = path.basename(profile).replace(/\\.ya?ml$/, '');
if (command === 'synth') {
  if (mode === 'synth-fails') {
    process.stdout.write('stdout is not the message\\n');
    process.stderr.write(${JSON.stringify(numbered('error'))});
    process.exit(3);
  }
  if (mode === 'synth-fails-quietly') {
    process.stdout.write(${JSON.stringify(numbered('said'))});
    process.exit(4);
  }
  const out = option('--output');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'synth.json'), JSON.stringify({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    version: fs.readFileSync('version.txt', 'utf8').trim(),
    profileText: fs.existsSync(profile) ? fs.readFileSync(profile, 'utf8').trim() : null,
    built: fs.existsSync('dist/built.json') ? JSON.parse(fs.readFileSync('dist/built.json', 'utf8')) : null,
  }));
  if (!mode.startsWith('no-plan')) fs.writeFileSync(path.join(out, 'tsunagi-plan.json'), '{"from":"synth"}');
  fs.appendFileSync(${JSON.stringify(logFile)}, \`synth \${process.cwd()}\\n\`);
} else if (command === 'plan') {
  if (mode === 'no-plan-fails') {
    process.stdout.write('half a plan');
    process.exit(1);
  }
  fs.appendFileSync(${JSON.stringify(logFile)}, \`plan \${process.cwd()}\\n\`);
  process.stdout.write(JSON.stringify({ from: 'plan', argv: process.argv.slice(2), cwd: process.cwd() }));
} else process.exit(9);
`;

function commit(version: string, buildScript: string): string {
  writeFileSync(join(repo, 'version.txt'), `${version}\n`);
  writeFileSync(join(repo, 'config', 'no-plan.yaml'), `at ${version}\n`);
  writeFileSync(join(repo, 'scripts', 'build.mjs'), buildScript);
  git(['add', '-A']);
  git(['commit', '-q', '--no-verify', '-m', version]);
  return git(['rev-parse', 'HEAD']).trim();
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'tsunagi-base-ref-test-')));
  repo = join(root, 'repo');
  log = join(root, 'log');
  scratch = join(root, 'scratch');
  for (const dir of ['config', 'scripts', 'dist', 'node_modules'])
    mkdirSync(join(repo, dir), { recursive: true });
  mkdirSync(scratch);
  git(['init', '-q', '-b', 'main']);
  // No background housekeeping: every commit and checkout here otherwise starts `git maintenance
  // run --auto`, three more processes per run of this file for a repository of a few files.
  git(['config', 'maintenance.auto', 'false']);
  git(['config', 'gc.auto', '0']);
  writeFileSync(join(repo, '.gitignore'), 'node_modules\ndist/built.json\n');
  writeFileSync(join(repo, 'node_modules', 'marker'), '');
  writeFileSync(join(repo, 'dist', 'tsunagi.js'), cli(log));
  shas.push(commit('one', build(log)), commit('two', brokenBuild(log)), commit('three', build(log)));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  writeFileSync(log, '');
});

// A mutant that breaks the cleanup would leave its temporary directory in /tmp: remove what
// the stubs saw (after the test's own assertions on it).
afterEach(() => {
  for (const [, dir] of logged())
    if (basename(dir!) === 'checkout') rmSync(dirname(dir!), { recursive: true, force: true });
  git(['worktree', 'prune']);
});

/** The worktrees git knows of (main first), prunable ones included. */
function worktrees(): string[] {
  return git(['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length));
}

/** Each line the stubs logged, as [step, directory]. */
function logged(): string[][] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' '));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('synthesizeBaseRef', () => {
  it("checks the ref out in a temporary worktree, builds it with node_modules linked, synthesizes that commit's profile and asks its planner", async () => {
    // the profile is a path in the repository, and this synth writes no plan
    const base = await synthesizeBaseRef(repo, 'HEAD~2', {
      profile: join(repo, 'config', 'no-plan.yaml'),
      environment: 'prod',
    });
    const temp = dirname(base.dir);
    const checkout = join(temp, 'checkout');
    const profile = join(checkout, 'config', 'no-plan.yaml');
    try {
      expect(base.source).toBe(`git:HEAD~2 (${shas[0]!.slice(0, 12)})`);
      expect(shas[0]!.slice(0, 12)).toHaveLength(12);
      expect(basename(base.dir)).toBe('base');
      expect(dirname(temp)).toBe(tmpdir());
      expect(basename(temp)).toMatch(/^tsunagi-review-[A-Za-z0-9]{6}$/);
      expect(readJson(join(base.dir, 'synth.json'))).toEqual({
        argv: ['synth', '--profile', profile, '--environment', 'prod', '--output', base.dir],
        cwd: checkout,
        version: 'one',
        profileText: 'at one',
        built: { argv: ['--quiet'], nodeModules: join(repo, 'node_modules'), marker: true },
      });
      expect(readJson(join(base.dir, 'tsunagi-plan.json'))).toEqual({
        from: 'plan',
        argv: ['plan', '--profile', profile, '--format', 'json'],
        cwd: checkout,
      });
      expect(logged()).toEqual([
        ['build', checkout],
        ['synth', checkout],
        ['plan', checkout],
      ]);
      expect(worktrees()).toEqual([repo, checkout]);
      expect(git(['rev-parse', 'HEAD'], checkout).trim()).toBe(shas[0]);
    } finally {
      base.cleanup();
    }
    expect(worktrees()).toEqual([repo]);
    expect(existsSync(temp)).toBe(false);
  });

  it('rejects a ref that is not a commit, before creating anything', async () => {
    for (const ref of ['no-such-branch', 'HEAD^{tree}']) {
      const error = await rejection(synthesizeBaseRef(repo, ref, { profile: 'hyogo' }));
      expect(error).toBeInstanceOf(ReviewInputError);
      expect(error.message).toBe(
        `--base-ref ${ref}: not a commit of the repository at ${repo} (try a branch, tag or sha, e.g. origin/main or HEAD~1)`,
      );
    }
    expect(logged()).toEqual([]);
    expect(worktrees()).toEqual([repo]);
  });

  it('waits for the synth running alongside before rejecting, even when it fails before the build', async () => {
    // settles after the current I/O phase, later than any rejection made of promises alone
    let finished = false;
    const head = new Promise<void>((done) => setImmediate(done)).then(() => {
      finished = true;
    });
    const error = await rejection(synthesizeBaseRef(repo, 'no-such-branch', { profile: 'hyogo' }, head));
    expect(error.message).toBe(
      `--base-ref no-such-branch: not a commit of the repository at ${repo} (try a branch, tag or sha, e.g. origin/main or HEAD~1)`,
    );
    expect(finished).toBe(true);
    // when both fail, the base's failure is the one reported
    const failing = Promise.reject(new Error('head failed'));
    expect(
      (await rejection(synthesizeBaseRef(repo, 'HEAD^{tree}', { profile: 'hyogo' }, failing))).message,
    ).toMatch(/^--base-ref HEAD\^\{tree\}: not a commit/);
  });

  // Two refs side by side (two cores): a commit whose build fails, one whose synth fails.
  it('reports the last 15 lines of stderr of a failing build, or of a failing synth with the ref and its exit code, and removes the worktrees', async () => {
    const [build, synth] = await Promise.allSettled([
      synthesizeBaseRef(repo, 'HEAD~1', { profile: 'hyogo' }),
      synthesizeBaseRef(repo, 'main', { profile: 'synth-fails' }),
    ]);
    expect([build!.status, synth!.status]).toEqual(['rejected', 'rejected']);
    const buildError = (build as PromiseRejectedResult).reason;
    const synthError = (synth as PromiseRejectedResult).reason;
    expect(buildError).toBeInstanceOf(ReviewInputError);
    expect(buildError.message).toBe(
      `--base-ref HEAD~1: building that commit failed:\n${lastFifteen('build error')}`,
    );
    expect(synthError).toBeInstanceOf(ReviewInputError);
    expect(synthError.message).toBe(
      `--base-ref main: tsunagi synth failed (exit 3):\n${lastFifteen('error')}`,
    );
    const steps = logged();
    expect(steps.map(([step]) => step)).toEqual(['build', 'build']);
    for (const [, checkout] of steps) {
      expect(basename(checkout!)).toBe('checkout');
      expect(existsSync(dirname(checkout!))).toBe(false);
    }
    expect(worktrees()).toEqual([repo]);
  });

  it('rejects when the synth running alongside fails, once its own synth has finished, and removes the worktree', async () => {
    const head = synthesizeCheckout(
      repo,
      'synth-fails-quietly',
      undefined,
      join(scratch, 'head'),
      'head (working tree)',
    );
    const error = await rejection(synthesizeBaseRef(repo, 'main', { profile: 'hyogo' }, head));
    expect(error).toBeInstanceOf(ReviewInputError);
    // a synth whose stderr is empty is reported by its stdout
    expect(error.message).toBe(`head (working tree): tsunagi synth failed (exit 4):\n${lastFifteen('said')}`);
    // this synth wrote its plan: no plan command
    const checkout = logged()[0]![1]!;
    expect(logged()).toEqual([
      ['build', checkout],
      ['synth', checkout],
    ]);
    expect(existsSync(dirname(checkout))).toBe(false);
    expect(worktrees()).toEqual([repo]);
  });

  it('reports a failing `git worktree add` and leaves no worktree behind', async () => {
    const hooks = join(root, 'hooks');
    mkdirSync(hooks, { recursive: true });
    writeFileSync(
      join(hooks, 'post-checkout'),
      `#!/bin/sh\necho "hook $(pwd)" >> ${JSON.stringify(log)}\necho "post-checkout says no" >&2\nexit 1\n`,
      { mode: 0o755 },
    );
    git(['config', 'core.hooksPath', hooks]);
    try {
      const error = await rejection(synthesizeBaseRef(repo, 'HEAD', { profile: 'hyogo' }));
      expect(error).toBeInstanceOf(ReviewInputError);
      expect(error.message).toBe('git worktree add failed: post-checkout says no');
    } finally {
      git(['config', '--unset', 'core.hooksPath']);
    }
    const [[step, checkout]] = logged() as [[string, string]];
    expect(step).toBe('hook');
    expect(existsSync(dirname(checkout))).toBe(false);
    expect(worktrees()).toEqual([repo]);
  });
});

describe('synthesizeCheckout', () => {
  // Three checkouts side by side (two cores).
  it('keeps no plan when the planner fails, passes no --environment without one, and reports a checkout it cannot start in', async () => {
    const planFails = join(scratch, `plan-fails-${outputs++}`);
    const [fails, missing] = await Promise.allSettled([
      synthesizeCheckout(repo, 'no-plan-fails', undefined, planFails, 'head'),
      synthesizeCheckout(
        join(scratch, 'missing'),
        'hyogo',
        'prod',
        join(scratch, `missing-${outputs++}`),
        'head',
      ),
    ]);
    expect(fails!.status).toBe('fulfilled');
    expect(readJson(join(planFails, 'synth.json'))).toMatchObject({
      argv: ['synth', '--profile', 'no-plan-fails', '--output', planFails],
      cwd: repo,
      version: 'three',
    });
    expect(existsSync(join(planFails, 'tsunagi-plan.json'))).toBe(false);
    expect(logged()).toEqual([['synth', repo]]);

    // Node cannot start in a directory that does not exist
    expect(missing!.status).toBe('rejected');
    const error = (missing as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(ReviewInputError);
    expect(error.message).toBe(`head: tsunagi synth failed (exit 127):\nspawn ${process.execPath} ENOENT`);
  });
});
