// Completes package-lock.json with the other platforms' optional binaries.
//
// Why: the registry this project's machines reach serves only the binaries of its own
// platform (linux x64 glibc); the others (e.g. @biomejs/cli-darwin-arm64) answer 404. npm
// then leaves them out of the lock, and `npm ci` refuses the lock as out of sync with the
// packages' optionalDependencies. This adds an entry for each missing one, with the os, cpu
// and libc read from its name, so `npm ci` skips it here and resolves it by version on a
// machine of that platform. Run after `npm install` changes the lock:
//   npm install && node scripts/complete-lock.mjs
// test/meta/lockfile.test.ts fails when the lock needs it.
import { readFileSync, writeFileSync } from 'node:fs';

const PATTERNS = {
  os: [
    ['darwin', 'darwin'],
    ['win32', 'win32'],
    ['linux', 'linux'],
    ['android', 'android'],
    ['freebsd', 'freebsd'],
    ['openharmony', 'openharmony'],
  ],
  cpu: [
    ['arm64', 'arm64'],
    ['x64', 'x64'],
    ['ia32', 'ia32'],
    ['ppc64', 'ppc64'],
    ['s390x', 's390x'],
    ['riscv64', 'riscv64'],
    ['loong64', 'loong64'],
    ['-arm-', 'arm'],
  ],
};

function platformOf(name) {
  const base = `${name.split('/').pop()}-`;
  const pick = (table) => table.find(([needle]) => base.includes(needle))?.[1];
  const entry = {};
  const os = pick(PATTERNS.os);
  const cpu = pick(PATTERNS.cpu);
  if (os) entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  if (base.includes('musl')) entry.libc = ['musl'];
  else if (os === 'linux' && base.includes('gnu')) entry.libc = ['glibc'];
  return entry;
}

export function missingOptionals(lock) {
  const missing = [];
  for (const [path, node] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(node.optionalDependencies ?? {})) {
      const nested = `${path}/node_modules/${name}`;
      const hoisted = `node_modules/${name}`;
      if (!lock.packages[nested] && !lock.packages[hoisted])
        missing.push({ name, version, dev: node.dev === true });
    }
  }
  return missing;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'package-lock.json';
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  const missing = missingOptionals(lock);
  for (const { name, version, dev } of missing) {
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(dev ? { dev: true } : {}),
      optional: true,
      ...platformOf(name),
    };
  }
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0,
    ),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`added ${missing.length} optional platform package(s) to ${file}`);
}
