/**
 * The deployment model: a profile that passed the schema, the cross-field rules and the
 * file checks (what lib/profile produces), and the same model with its capacity plan
 * attached (what lib/planner produces from it and the stacks build from).
 *
 * The layers import one way: lib/profile -> lib/model <- lib/planner, and the CLI and the
 * CDK/CDKTF apps call both (`planDeployment(loadProfile(name))`). lib/model itself reads
 * only the two leaf modules that define the profile's shape and its issues.
 */
import type { IssuePath, ProfileIssue } from '../profile/issues';
import type { Profile } from '../profile/schema';
import type { CapacityPlan } from './plan';

export type { Profile } from '../profile/schema';

/** Public material the stacks embed: CA certificates (PEM) and SAML IdP metadata. */
export interface ProfileFiles {
  readonly certificateAuthorities: ReadonlyMap<string, string>;
  readonly samlMetadata?: string;
  readonly crl?: string;
}

/** A profile that passed every check that does not need the planner. */
export interface ValidatedProfile {
  /** Path of the profile, relative to the working directory, for messages. */
  readonly file: string;
  readonly profile: Profile;
  readonly files: ProfileFiles;
  readonly warnings: readonly ProfileIssue[];
  /** The 1-based line of a field path in the YAML file, so later layers' issues carry lines too. */
  readonly lineOf: (path: IssuePath) => number | undefined;
}

/** A validated profile with its capacity plan: what the stacks build from. */
export interface DeploymentModel extends ValidatedProfile {
  readonly plan: CapacityPlan;
}

export type ValidationResult =
  | { readonly ok: true; readonly model: ValidatedProfile }
  | { readonly ok: false; readonly file: string; readonly issues: readonly ProfileIssue[] };

export type LoadResult =
  | { readonly ok: true; readonly model: DeploymentModel }
  | { readonly ok: false; readonly file: string; readonly issues: readonly ProfileIssue[] };

export { type IssuePath, issue, type ProfileIssue } from '../profile/issues';
// The planner reads the profile's shape and reports issues through the model layer only.
export type { AccessTier } from '../profile/schema';
