/**
 * Attaches the capacity plan to a validated profile: the one step between lib/profile's
 * loader and everything that builds from a plan (CLI, CDK and CDKTF apps, tests).
 * `planDeployment(loadProfile(name))` is the whole pipeline.
 */
import type { LoadResult, ProfileIssue, ValidationResult } from '../model/deployment-model';
import { deepFreeze } from '../util/immutable';
import { planCapacity } from './plan';

/** Plans a validated profile; a target no permitted design can carry comes back as profile issues. */
export function planDeployment(validated: ValidationResult): LoadResult {
  if (!validated.ok) return validated;
  const { model } = validated;
  const withLines = (issues: readonly ProfileIssue[]) =>
    issues.map((i) => ({ ...i, line: i.line ?? model.lineOf(i.path) }));
  const outcome = planCapacity(model.profile);
  if (!outcome.ok) {
    return { ok: false, file: model.file, issues: [...model.warnings, ...withLines(outcome.issues)] };
  }
  return {
    ok: true,
    model: Object.freeze({
      ...model,
      plan: deepFreeze(outcome.plan),
      warnings: deepFreeze([...model.warnings, ...withLines(outcome.warnings)]),
    }),
  };
}
