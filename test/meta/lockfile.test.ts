/**
 * `npm ci` (CI's install) refuses a lock that misses an optional dependency of a locked
 * package. The registry here serves only this platform's binaries, so `npm install` leaves
 * the others out: scripts/complete-lock.mjs puts them back. This test fails when it is needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockNode {
  readonly optionalDependencies?: Record<string, string>;
}

it('lists every optional dependency of every locked package (run scripts/complete-lock.mjs)', () => {
  const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockNode>;
  };
  const missing: string[] = [];
  for (const [path, node] of Object.entries(lock.packages)) {
    for (const name of Object.keys(node.optionalDependencies ?? {})) {
      if (!lock.packages[`${path}/node_modules/${name}`] && !lock.packages[`node_modules/${name}`]) {
        missing.push(`${name} (optional dependency of ${path || 'the project'})`);
      }
    }
  }
  expect(missing).toEqual([]);
});
