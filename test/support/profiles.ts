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
import { formatIssue, type ProfileIssue } from '../../lib/profile/issues';
import { loadProfileText } from '../../lib/profile/load';
import { type Profile, profileSchema } from '../../lib/profile/schema';
import { inMutationRun } from './per-mutant';

export const CONFIG_DIR = join(__dirname, '..', 'fixtures', 'profiles');

// biome-ignore lint/suspicious/noExplicitAny: test mutations address arbitrary profile fields
export type MutableProfile = any;

const parsedFixtures = new Map<string, MutableProfile>();

/** A fixture's parsed YAML, a fresh copy each call (parsed once per test file). */
export function profileObject(name: string): MutableProfile {
  let parsed = parsedFixtures.get(name);
  if (parsed === undefined) {
    parsed = parse(readFileSync(join(CONFIG_DIR, `${name}.yaml`), 'utf8'));
    parsedFixtures.set(name, parsed);
  }
  return structuredClone(parsed);
}

/** Loads and plans a variant of a committed profile; `mutate` edits the parsed YAML in place. */
export function loadVariant(base: string, mutate: (profile: MutableProfile) => void): LoadResult {
  const profile = profileObject(base);
  mutate(profile);
  return planDeployment(loadProfileText(stringify(profile), `${base}-variant.yaml`, CONFIG_DIR));
}

/**
 * The unmodified fixtures' models: kept for every test file of a jest worker where the worker
 * shares our code (test/support/shared-modules-runtime.js, tsunagiWorkerCache), else per file.
 */
const unmodifiedModels: Map<string, DeploymentModel> = (() => {
  const shared = (globalThis as { tsunagiWorkerCache?: Map<string, unknown> }).tsunagiWorkerCache;
  if (shared === undefined) return new Map();
  let models = shared.get('unmodified fixture models') as Map<string, DeploymentModel> | undefined;
  if (models === undefined) {
    models = new Map();
    shared.set('unmodified fixture models', models);
  }
  return models;
})();

/**
 * A fixture (or a variant of it, with `mutate`) loaded and planned. An unmodified fixture is
 * loaded once per jest worker and shared, deep-frozen so that no test can change what another
 * reads; in a mutation run it is loaded again for every call, so that the mutant active in
 * the calling test is the one that planned it (test/support/per-mutant.ts).
 */
export function loadModel(base: string, mutate?: (profile: MutableProfile) => void): DeploymentModel {
  if (mutate === undefined && !inMutationRun()) {
    let model = unmodifiedModels.get(base);
    if (model === undefined) {
      model = deepFreeze(loadModel(base, () => {}));
      unmodifiedModels.set(base, model);
    }
    return model;
  }
  const result = loadVariant(base, mutate ?? (() => {}));
  if (!result.ok)
    throw new Error(`fixture ${base} is invalid:\n${result.issues.map((i) => i.message).join('\n')}`);
  return result.model;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A fixture as the schema parses it (defaults applied), the input the profile rules take. */
export function parsedFixture(name: string): Profile {
  return profileSchema.parse(profileObject(name), { jitless: true });
}

/**
 * A copy of a fixture as the schema parses it, edited. Cloned: the schema's defaults may be
 * shared objects, which an edit must not change for the next parse.
 */
export function editedFixture(name: string, edit: (profile: MutableProfile) => void): Profile {
  const profile = structuredClone(parsedFixture(name)) as MutableProfile;
  edit(profile);
  return profile as Profile;
}

/**
 * One profile rule run on edited copies of a parsed fixture (parsedFixture): each call clones
 * it, applies `edit` and returns the rule's issues as formatted lines. The rule runs inside
 * the test, where Stryker sees it.
 */
export function ruleIssueLines(
  rule: (profile: Profile) => readonly ProfileIssue[],
  parsed: Profile,
): (edit?: (profile: MutableProfile) => void) => string[] {
  return (edit = () => {}) => {
    const copy = structuredClone(parsed) as MutableProfile;
    edit(copy);
    return rule(copy as Profile).map((issue) => formatIssue(issue));
  };
}
