/** The version printed by `tsunagi --version`: package.json's, read at run time. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../profile/project-root';

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}
