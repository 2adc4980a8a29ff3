/**
 * planDeployment (lib/planner/deployment.ts), the one step between the loader and everything
 * that builds from a plan: a refused profile passes through untouched; the planner's own
 * issues and warnings come back after the loader's warnings, each with the line of its field
 * in the profile's text.
 */
import { stringify } from 'yaml';
import type { ValidationResult } from '../../lib/model/deployment-model';
import { planDeployment } from '../../lib/planner/deployment';
import { loadProfileText } from '../../lib/profile/load';
import { CONFIG_DIR, type MutableProfile, profileObject } from '../support/profiles';

/** The edited Hyogo fixture as text, loaded (not planned), and the 1-based line of `needle`. */
function variant(edit: (p: MutableProfile) => void) {
  const profile = profileObject('hyogo');
  edit(profile);
  const text = stringify(profile);
  const lines = text.split('\n');
  const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
  return { loaded: loadProfileText(text, 'hyogo-variant.yaml', CONFIG_DIR), lineOf };
}

test('a profile the loader refused comes back as it is', () => {
  const refused: ValidationResult = { ok: false, file: 'x.yaml', issues: [] };
  expect(planDeployment(refused)).toBe(refused);
});

test('a planner refusal: the loader’s warnings first, then the planner’s issue with its line', () => {
  const { loaded, lineOf } = variant((p) => {
    p.clouds.aws.regions[0].vpcCidr = '10.128.0.0/21';
  });
  expect(loaded.ok).toBe(true);
  if (!loaded.ok) return;
  const result = planDeployment(loaded);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.file).toBe('hyogo-variant.yaml');
  expect(result.issues.slice(0, -1)).toEqual(loaded.model.warnings);
  const planner = result.issues.at(-1)!;
  expect(planner).toMatchObject({
    severity: 'error',
    path: ['clouds', 'aws', 'regions', 0, 'vpcCidr'],
    line: lineOf('vpcCidr: 10.128.0.0/21'),
  });
  expect(planner.line).toBeGreaterThan(1);
});

test('a plan: the planner’s warnings follow the loader’s, each with the line of its field', () => {
  const { loaded, lineOf } = variant(() => {});
  if (!loaded.ok) throw new Error('fixture invalid');
  const result = planDeployment(loaded);
  if (!result.ok) throw new Error('fixture refused');
  const fromLoader = loaded.model.warnings.length;
  expect(fromLoader).toBeGreaterThan(0);
  expect(result.model.warnings.slice(0, fromLoader)).toEqual(loaded.model.warnings);
  const fromPlanner = result.model.warnings.slice(fromLoader);
  expect(fromPlanner.length).toBeGreaterThan(0);
  for (const warning of fromPlanner) {
    expect(warning.path).toEqual(['dataCentres']);
    // the line of the list's first entry, under `dataCentres:` (where the loader points for the field)
    expect(warning.line).toBe(lineOf('dataCentres:') + 1);
  }
  expect(result.model.plan.tiers.map((t) => t.tierId)).toEqual([
    'aws-tokyo',
    'aws-osaka',
    'azure-japaneast',
    'azure-japanwest',
  ]);
  expect(Object.isFrozen(result.model.plan)).toBe(true);
  expect(Object.isFrozen(result.model.warnings)).toBe(true);
});
