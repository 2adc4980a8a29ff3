/** Locates the project's root (where config/ lives), from the bundle or from the sources. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | undefined;

export function projectRoot(): string {
  if (cached) return cached;
  for (const start of [__dirname, process.cwd()]) {
    let dir = resolve(start);
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'tsunagi') {
        cached = dir;
        return dir;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  cached = process.cwd();
  return cached;
}

/** `hyogo` -> `<root>/config/hyogo.yaml`; a path (with a slash or .yaml) is used as given. */
export function resolveProfilePath(nameOrPath: string): string {
  if (nameOrPath.includes('/') || nameOrPath.endsWith('.yaml') || nameOrPath.endsWith('.yml')) {
    return resolve(nameOrPath);
  }
  return join(projectRoot(), 'config', `${nameOrPath}.yaml`);
}
