/**
 * The plan review: what `tsunagi review --format json` prints and what the deploy gates
 * (lib/review/gate) reuse. Documented in docs/review-json.md; bump REVIEW_SCHEMA_VERSION on
 * any breaking change (a removed or renamed field, a changed meaning), not on additions.
 */

export const REVIEW_SCHEMA_VERSION = 1;

/** `block` fails the check unless acknowledged; `warn` and `info` are reported only. */
export type Severity = 'block' | 'warn' | 'info';

export type FindingCategory = 'replacement' | 'deletion' | 'interruption' | 'capacity' | 'security' | 'cost';

export type Cloud = 'aws' | 'azure';

/**
 * What happens to one resource when head is deployed over base.
 * - `add`: created; `update`: changed in place without interruption;
 * - `interruption`: changed in place, but the update drops sessions or causes downtime;
 * - `replacement`: a new resource is created and the old one deleted (new ID, new name);
 * - `may-replace`: replaced depending on a value known only at deploy time;
 * - `delete`: removed (including the old half of a rename); `orphan`: removed from the
 *   template but retained in the account (DeletionPolicy Retain).
 */
export type ChangeAction =
  | 'add'
  | 'update'
  | 'interruption'
  | 'may-replace'
  | 'replacement'
  | 'delete'
  | 'orphan';

export interface Finding {
  /**
   * Stable fingerprint: the same change to the same resource for the same reason gives the
   * same id in every run, so an acknowledgement keeps matching until the change itself
   * changes. Hex, 16 characters.
   */
  readonly id: string;
  readonly severity: Severity;
  readonly category: FindingCategory;
  /** Rule that produced the finding, e.g. `stateful-replaced`, `export-changed`. */
  readonly rule: string;
  readonly cloud: Cloud;
  /** CloudFormation stack (artifact id) or Terraform stack (cdktf.out/stacks/<name>). */
  readonly stack: string;
  /** Logical ID or Terraform address; '' for findings about the whole deployment. */
  readonly resource: string;
  /** CloudFormation or Terraform resource type; '' when none applies. */
  readonly type: string;
  readonly action?: ChangeAction;
  /** Property or attribute paths that cause the finding (e.g. `Properties.ClientCidrBlock`). */
  readonly cause: readonly string[];
  /** What changes, in one sentence. */
  readonly message: string;
  /** What it means for the people who use the service, in one sentence. */
  readonly userImpact: string;
  /** False when the team's rules forbid acknowledging it (see CannotAcknowledge). */
  readonly acknowledgeable: boolean;
  readonly acknowledged: boolean;
  /** The acknowledgement that covers it, when one does. */
  readonly acknowledgement?: AcknowledgementRef;
}

export interface AcknowledgementRef {
  readonly reason: string;
  readonly reference: string;
  readonly expires: string;
}

/** One resource that differs between base and head (the per-stack details). */
export interface ResourceChange {
  readonly cloud: Cloud;
  readonly stack: string;
  readonly resource: string;
  readonly type: string;
  readonly action: ChangeAction;
  /** Changed property or attribute paths (`Properties.X`, `connection_configuration.0.name`). */
  readonly paths: readonly string[];
  /** Present when the change is half of a rename: the other address/logical ID. */
  readonly renamedFrom?: string;
  readonly renamedTo?: string;
}

export interface CapacityRow {
  /** Human label of the failure scenario, e.g. "loss of Region AWS ap-northeast-1". */
  readonly scenario: string;
  /** Stable key, e.g. `nominal`, `az:aws:ap-northeast-1:ap-northeast-1a`, `region:azure:japaneast`. */
  readonly key: string;
  /** Connections that must still be carried (head's requirement); 0 when not required. */
  readonly required: number;
  /** Capacity recomputed from the base artifacts (null when the scenario did not exist in base). */
  readonly base: number | null;
  readonly head: number | null;
  /**
   * Capacity while the change is applied: head's capacity with every replaced, deleted or
   * interrupted concentrator counted as down. Null when nothing is interrupted.
   */
  readonly during: number | null;
  readonly verdict: 'meets' | 'short' | 'not-required';
}

export interface CostLineDelta {
  readonly cloud: Cloud;
  /** Component, e.g. `Client VPN connections`, `Point-to-site scale units`. */
  readonly component: string;
  readonly baseMonthly: number;
  readonly headMonthly: number;
  readonly deltaMonthly: number;
}

export interface CostSummary {
  readonly currency: 'USD';
  readonly baseMonthly: number;
  readonly headMonthly: number;
  readonly deltaMonthly: number;
  readonly byCloud: readonly {
    cloud: Cloud;
    baseMonthly: number;
    headMonthly: number;
    deltaMonthly: number;
  }[];
  readonly byComponent: readonly CostLineDelta[];
  /** Where the figures come from (the planner's cost model and its assumptions). */
  readonly basis: readonly string[];
}

export interface AckReport {
  /** Acknowledgements that matched a finding and stopped it from blocking. */
  readonly applied: readonly { fingerprint: string; reason: string; reference: string; expires: string }[];
  /** Acknowledgements past their expiry date (they no longer apply). */
  readonly expired: readonly { fingerprint: string; expires: string; reference: string }[];
  /** Acknowledgements that match no finding of this review. */
  readonly unmatched: readonly { fingerprint: string; reference: string }[];
  /** Acknowledgements that match a finding the rules forbid acknowledging. */
  readonly refused: readonly { fingerprint: string; why: string }[];
}

export interface ReviewSide {
  /** What was compared: a directory, or `git:<ref>` for --base-ref. */
  readonly source: string;
  /** Stacks found, per cloud. */
  readonly awsStacks: number;
  readonly azureStacks: number;
  /** Organisation id of the plan found with the artifacts, when any. */
  readonly organisation?: string;
}

export interface Report {
  readonly schemaVersion: typeof REVIEW_SCHEMA_VERSION;
  readonly verdict: 'pass' | 'block';
  readonly base: ReviewSide;
  readonly head: ReviewSide;
  readonly findings: readonly Finding[];
  readonly changes: readonly ResourceChange[];
  readonly capacity: readonly CapacityRow[];
  /** Null when neither side carries a plan (synthesized before plans were written). */
  readonly cost: CostSummary | null;
  /** Things the reader should know that are not findings (missing plan, unreadable stack...). */
  readonly warnings: readonly string[];
  readonly acks: AckReport;
}

/**
 * Rules whose findings no acknowledgement can silence: capacity below the target in a
 * required scenario (head or during the change), and a change that replaces every endpoint
 * of an access tier at once (every user of the tier is dropped and must learn new names).
 */
export const UNACKNOWLEDGEABLE_RULES: ReadonlySet<string> = new Set([
  'capacity-below-target',
  'capacity-below-target-during-change',
  'tier-all-endpoints-replaced',
]);
