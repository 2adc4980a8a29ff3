// The default fixture profile (test/fixtures/profiles/hyogo.yaml), synthesized once by the real
// CLI (`tsunagi synth`, both clouds) and cached on disk under a key that hashes every input of the
// synth: the esbuild bundles in dist/ (all of our code), the fixtures with their certificates
// and metadata, cdk.json, cdktf.json, the lock file and the Node.js version. An edited fixture
// that a test needs synthesized is synthesized in that test's process
// (test/support/synth-both.ts, as test/review does): one more CLI synth here costs about 5 s
// of CPU before any test can start. The built-in
// CloudFormation validator is off here (CDK_VALIDATION=false): its engine costs about 2.5 s of
// CPU to start in every synth. test/aws/validation/prewarmed-validator.test.ts runs it once, on
// the default fixture's templates from here among others, so every `npm test` still proves that
// it accepts them. Jest's global setup calls `synthesizeFixtures()`; tests read the artifacts
// through test/support/synthesized.ts. A second `npm test` with nothing changed synthesizes
// nothing; any change to code, fixtures or dependencies gives a new key, so a test never reads
// a stale tree.
const { spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { tmpdir } = require('node:os');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '..', '..');
/**
 * Synthesized here by the real CLI. The other fixtures (iwate) are synthesized in-process by the
 * first test worker that reads them (test/support/synthesized.ts); `npm run mutate` has them all
 * made here (`synthesizeFixtures({ all: true })`), from the real tree, before Stryker's
 * instrumented copy runs.
 */
const BY_CLI = ['hyogo'];
const FIXTURES = ['hyogo', 'iwate'];
const PROFILES = join(ROOT, 'test', 'fixtures', 'profiles');
const CACHE_PARENT = join(tmpdir(), 'tsunagi-test-artifacts');
/** Cache directories of other keys (other worktrees, older code) are removed after this. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(path) : [path];
    })
    .sort();
}

function inputsKey() {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(join(ROOT, 'dist')).filter((f) => !f.endsWith('.map')),
    ...filesUnder(PROFILES),
    __filename,
    join(ROOT, 'cdk.json'),
    join(ROOT, 'cdktf.json'),
    join(ROOT, 'package-lock.json'),
  ];
  hash.update(process.version);
  for (const file of inputs) {
    hash.update(relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 20);
}

function synthesize(file, outdir) {
  const cdkValidation = 'false';
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'dist', 'tsunagi.js'), 'synth', '-p', file, '--output', outdir],
      {
        cwd: ROOT,
        env: { ...process.env, CDK_VALIDATION: cdkValidation },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ cdkValidation, code, stdout, stderr }));
  });
}

/** A lock file older than this was left by a run that was killed: it is taken over. */
const STALE_LOCK_MS = 120_000;

/**
 * Takes the lock file `lock` (created exclusively) and returns its descriptor, or undefined when
 * another process holds it; a stale lock is removed first, for the next try to take.
 * `releaseLock` gives it back. A process that holds it makes what the lock guards; the others
 * wait for the result and try again (`onceAcrossProcesses` here, asynchronously; in test
 * workers, test/support/synthesized.ts, synchronously).
 */
function tryLock(lock) {
  try {
    return fs.openSync(lock, 'wx');
  } catch {
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs > STALE_LOCK_MS) fs.rmSync(lock, { force: true });
    } catch {
      // released meanwhile
    }
    return undefined;
  }
}

function releaseLock(fd, lock) {
  fs.closeSync(fd);
  fs.rmSync(lock, { force: true });
}

/** Calls `make` unless the file `done` exists, in one process at a time (see `tryLock`). */
async function onceAcrossProcesses(lock, done, make) {
  for (;;) {
    if (fs.existsSync(done)) return;
    const fd = tryLock(lock);
    if (fd === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    try {
      if (!fs.existsSync(done)) await make();
    } finally {
      releaseLock(fd, lock);
    }
    return;
  }
}

function removeStaleSiblings(keep) {
  if (!fs.existsSync(CACHE_PARENT)) return;
  for (const entry of fs.readdirSync(CACHE_PARENT)) {
    const path = join(CACHE_PARENT, entry);
    if (entry === keep) continue;
    try {
      if (Date.now() - fs.statSync(path).mtimeMs > STALE_AFTER_MS)
        fs.rmSync(path, { recursive: true, force: true });
    } catch {
      // another run removed it first
    }
  }
}

/**
 * Synthesizes, with the real CLI and in parallel, the fixtures of BY_CLI (or every fixture, with
 * `{ all: true }`) that the cache does not hold yet, and returns the cache directory:
 * `<dir>/<profile>/{cdk.out,cdktf.out,tsunagi-plan.json,synth.json}`, where synth.json records
 * the command, its exit code, standard output and standard error.
 */
async function synthesizeFixtures(options = {}) {
  const key = inputsKey();
  const dir = join(CACHE_PARENT, key);
  fs.mkdirSync(dir, { recursive: true });
  removeStaleSiblings(key);
  const missing = (options.all ? FIXTURES : BY_CLI).filter(
    (name) => !fs.existsSync(join(dir, name, 'synth.json')),
  );
  await Promise.all(
    missing.map((name) =>
      // One process synthesizes, others wait for it: `npm test` starts two jest processes
      // (scripts/test.mjs) whose global setups both get here. The tree is synthesized into a
      // private directory and renamed into place, so a reader never sees it half-written.
      onceAcrossProcesses(join(dir, `.${name}.lock`), join(dir, name, 'synth.json'), async () => {
        const scratch = fs.mkdtempSync(join(dir, `.${name}-`));
        const file = `test/fixtures/profiles/${name}.yaml`;
        // What a previous synth and a Terraform run left: synth must remove the stale template
        // and keep the state (test/cli/tsunagi.test.ts reads both back).
        fs.mkdirSync(join(scratch, 'cdk.out'), { recursive: true });
        fs.writeFileSync(join(scratch, 'cdk.out', 'stale-stack.template.json'), '{}');
        fs.mkdirSync(join(scratch, 'cdktf.out', 'stacks', 'retired'), { recursive: true });
        fs.writeFileSync(join(scratch, 'cdktf.out', 'stacks', 'retired', 'terraform.tfstate'), '{}');
        const result = await synthesize(file, scratch);
        fs.writeFileSync(
          join(scratch, 'synth.json'),
          `${JSON.stringify({ command: `tsunagi synth -p ${file}`, ...result }, null, 2)}\n`,
        );
        try {
          fs.renameSync(scratch, join(dir, name));
        } catch {
          fs.rmSync(scratch, { recursive: true, force: true });
        }
      }),
    ),
  );
  return dir;
}

module.exports = { synthesizeFixtures, inputsKey, CACHE_PARENT, FIXTURES, BY_CLI, tryLock, releaseLock };
