/**
 * The layers import one way: lib/profile -> lib/model <- lib/planner. lib/model reads only
 * the two leaf modules that define the profile's shape and its issues.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function importsOf(dir: string): { file: string; target: string }[] {
  const found: { file: string; target: string }[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const file = join(ROOT, dir, entry);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      found.push({ file: relative(ROOT, file), target: relative(ROOT, resolve(file, '..', match[1]!)) });
    }
  }
  return found;
}

describe('layer graph', () => {
  it('lib/profile never imports the planner', () => {
    expect(importsOf('lib/profile').filter((i) => i.target.startsWith('lib/planner'))).toEqual([]);
  });

  it('lib/planner reads the profile only through lib/model', () => {
    expect(importsOf('lib/planner').filter((i) => i.target.startsWith('lib/profile'))).toEqual([]);
  });

  it('lib/model imports only the profile shape and issue leaves, never a loader or the planner', () => {
    const allowed = new Set(['lib/profile/schema', 'lib/profile/issues', 'lib/quotas/regions']);
    const outside = importsOf('lib/model').filter(
      (i) => !i.target.startsWith('lib/model') && !allowed.has(i.target),
    );
    expect(outside).toEqual([]);
  });
});
