/**
 * The gate's property: every profile `tsunagi validate` accepts synthesizes on both clouds
 * (in-process, CloudFormation validator off) and its artifacts pass lib/verify; every
 * profile it rejects comes back as issues with a field path, a rule and a fix -- never an
 * exception. Profiles are the fixtures mutated field by field (test/support/profile-mutations).
 *
 * Bounded here (a fixed seed, few runs, so npm test stays fast); `npm run fuzz` runs the
 * same properties with many more runs and a random seed (TSUNAGI_FUZZ_RUNS, TSUNAGI_FUZZ_SEED).
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { planDeployment } from '../../lib/planner/deployment';
import { formatIssue } from '../../lib/profile/issues';
import { loadProfileText } from '../../lib/profile/load';
import { buildProfile, generatedProfile } from '../support/profile-mutations';
import { CONFIG_DIR } from '../support/profiles';
import { synthesizeBothClouds } from '../support/synth-both';

const FUZZ_RUNS = Number(process.env.TSUNAGI_FUZZ_RUNS ?? 0);
const SEED = process.env.TSUNAGI_FUZZ_SEED
  ? Number(process.env.TSUNAGI_FUZZ_SEED)
  : FUZZ_RUNS
    ? undefined
    : 20261201;

function gate(profile: unknown) {
  return planDeployment(loadProfileText(stringify(profile), 'generated.yaml', CONFIG_DIR));
}

function describeRejection(issues: readonly { path: readonly unknown[]; severity: string }[]): string[] {
  return issues
    .filter((i) => i.severity === 'error' && (i.path.length === 0 || !Array.isArray(i.path)))
    .map((i) => formatIssue(i as never));
}

test('the validator never throws, and every rejection names a field path, a rule and a fix', () => {
  fc.assert(
    fc.property(generatedProfile, (g) => {
      const { profile, edits } = buildProfile(g);
      let result: ReturnType<typeof gate>;
      try {
        result = gate(profile);
      } catch (error) {
        throw new Error(`validator threw on [${edits.join('; ')}]: ${(error as Error).stack}`);
      }
      if (result.ok) return;
      const errors = result.issues.filter((i) => i.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect({ edits, pathless: describeRejection(result.issues) }).toEqual({ edits, pathless: [] });
      for (const i of errors) {
        expect(i.message).not.toBe('');
        expect(i.fix).not.toBe('');
      }
    }),
    { numRuns: FUZZ_RUNS || 100, ...(SEED !== undefined ? { seed: SEED } : {}) },
  );
});

test('every accepted profile synthesizes on both clouds and its artifacts carry the plan', () => {
  let accepted = 0;
  fc.assert(
    fc.property(generatedProfile, (g) => {
      const { profile, edits } = buildProfile(g);
      const result = gate(profile);
      if (!result.ok) return;
      accepted++;
      let outcome: ReturnType<typeof synthesizeBothClouds>;
      try {
        outcome = synthesizeBothClouds(result.model);
      } catch (error) {
        throw new Error(`synth threw on accepted profile [${edits.join('; ')}]: ${(error as Error).stack}`);
      }
      expect({ edits, problems: outcome.problems }).toEqual({ edits, problems: [] });
      expect(outcome.awsStacks + outcome.azureStacks).toBeGreaterThan(0);
    }),
    // Synth costs about a second per accepted profile: a handful here, hundreds in npm run fuzz.
    { numRuns: FUZZ_RUNS ? Math.ceil(FUZZ_RUNS / 3) : 8, ...(SEED !== undefined ? { seed: SEED } : {}) },
  );
  if (!FUZZ_RUNS) expect(accepted).toBeGreaterThan(0);
  else process.stdout.write(`fuzz: ${accepted} accepted profiles synthesized on both clouds and verified\n`);
});
