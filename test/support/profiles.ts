/**
 * Profile fixtures for tests: copies of the shipped profiles under test/fixtures/profiles/
 * (so a prefecture's edit of config/*.yaml never breaks `npm test`), and variants of them
 * built by mutating the parsed YAML (so a test states only what it changes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { DeploymentModel, LoadResult } from '../../lib/model/deployment-model';
import { planDeployment } from '../../lib/planner/deployment';
import { loadProfileText } from '../../lib/profile/load';

export const CONFIG_DIR = join(__dirname, '..', 'fixtures', 'profiles');

// biome-ignore lint/suspicious/noExplicitAny: test mutations address arbitrary profile fields
export type MutableProfile = any;

export function profileObject(name: string): MutableProfile {
  return parse(readFileSync(join(CONFIG_DIR, `${name}.yaml`), 'utf8'));
}

/** Loads and plans a variant of a committed profile; `mutate` edits the parsed YAML in place. */
export function loadVariant(base: string, mutate: (profile: MutableProfile) => void): LoadResult {
  const profile = profileObject(base);
  mutate(profile);
  return planDeployment(loadProfileText(stringify(profile), `${base}-variant.yaml`, CONFIG_DIR));
}

export function loadModel(
  base: string,
  mutate: (profile: MutableProfile) => void = () => {},
): DeploymentModel {
  const result = loadVariant(base, mutate);
  if (!result.ok)
    throw new Error(`fixture ${base} is invalid:\n${result.issues.map((i) => i.message).join('\n')}`);
  return result.model;
}
