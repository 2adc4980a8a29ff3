/**
 * What the deploy gates report: the findings of the review rules applied to what the cloud
 * itself says it will do (a CloudFormation change set, a saved Terraform plan), after the
 * acknowledgements of config/review-acks.yaml. Printed by `tsunagi gate --format json`.
 */
import type { AckReport, Finding, ResourceChange } from '../types';

/** Bump on a breaking change of GateReport (removed or renamed field, changed meaning). */
export const GATE_SCHEMA_VERSION = 1;

export interface GateInput {
  /** `aws-change-set` or `terraform-plan`. */
  readonly kind: 'aws-change-set' | 'terraform-plan';
  /** The file read. */
  readonly file: string;
  /** CloudFormation stack name, or Terraform stack (cdktf.out/stacks/<name>). */
  readonly stack: string;
  /** Change set name or ARN; Terraform version of the plan. */
  readonly detail: string;
  /** Number of resources the input adds, changes, replaces and deletes. */
  readonly counts: Readonly<Record<'add' | 'update' | 'replace' | 'delete' | 'other', number>>;
}

export interface GateReport {
  readonly schemaVersion: typeof GATE_SCHEMA_VERSION;
  readonly kind: 'gate';
  /** `block` when any blocking finding is not acknowledged: the deploy must not execute. */
  readonly verdict: 'pass' | 'block';
  readonly inputs: readonly GateInput[];
  readonly findings: readonly Finding[];
  /** Every resource the change set or plan touches. */
  readonly changes: readonly ResourceChange[];
  readonly acks: AckReport;
  readonly warnings: readonly string[];
}

/** One input's findings before acknowledgements are applied. */
export interface GateCheck {
  readonly input: GateInput;
  readonly findings: readonly Finding[];
  readonly changes: readonly ResourceChange[];
  readonly warnings: readonly string[];
}

/** Bad input: the command prints the message and exits 2 (no stack trace). */
export class GateInputError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'GateInputError';
  }
}
