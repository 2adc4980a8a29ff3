/**
 * The plan review of a change: base and head synthesized trees in, one Report out
 * (lib/review/types.ts). Pure apart from reading nothing: the caller reads the trees and
 * the acknowledgements and passes today's date.
 */
import { type Acknowledgement, applyAcks, verdictOf } from './acks';
import type { SynthTree } from './artifacts';
import { diffAws } from './aws-diff';
import { diffAzure } from './azure-diff';
import { reviewCapacity } from './capacity';
import { reviewCost } from './cost';
import { type FindingInput, makeFinding } from './finding';
import { reviewSecurity } from './security';
import { type Finding, REVIEW_SCHEMA_VERSION, type Report, type ReviewSide } from './types';

export interface ReviewOptions {
  readonly acknowledgements?: readonly Acknowledgement[];
  /** YYYY-MM-DD (UTC) for acknowledgement expiry. */
  readonly today: string;
}

const SEVERITY_ORDER = { block: 0, warn: 1, info: 2 } as const;
const CATEGORY_ORDER = {
  capacity: 0,
  replacement: 1,
  deletion: 2,
  security: 3,
  interruption: 4,
  cost: 5,
} as const;

function side(tree: SynthTree): ReviewSide {
  return {
    source: tree.source,
    awsStacks: tree.aws.size,
    azureStacks: tree.azure.size,
    ...(tree.plan ? { organisation: tree.plan.organisation } : {}),
  };
}

function warningsFor(base: SynthTree, head: SynthTree): string[] {
  const warnings: string[] = [];
  for (const [name, tree] of [
    ['base', base],
    ['head', head],
  ] as const) {
    if (tree.empty) {
      warnings.push(`${name} (${tree.source}) is empty: nothing is deployed on that side`);
      continue;
    }
    if (!tree.plan)
      warnings.push(
        `${name} (${tree.source}) has no tsunagi-plan.json: capacity requirements and cost for ${name} are unknown (synthesize with a current \`tsunagi synth\`)`,
      );
  }
  for (const cloud of ['aws', 'azure'] as const) {
    if (!base.empty && !head.empty && base.clouds[cloud] !== head.clouds[cloud]) {
      warnings.push(
        `${cloud === 'aws' ? 'cdk.out' : 'cdktf.out'} exists only in ${base.clouds[cloud] ? 'base' : 'head'}: every ${cloud.toUpperCase()} stack of the other side counts as ${base.clouds[cloud] ? 'deleted' : 'added'}; synthesize both sides with the same --cloud`,
      );
    }
  }
  if (base.plan && head.plan && base.plan.organisation !== head.plan.organisation) {
    warnings.push(
      `base is organisation ${base.plan.organisation} and head is ${head.plan.organisation}: compare the same profile`,
    );
  }
  return warnings;
}

export function review(base: SynthTree, head: SynthTree, options: ReviewOptions): Report {
  const aws = diffAws(base, head);
  const azure = diffAzure(base, head);
  const changes = [...aws.changes, ...azure.changes];
  const resourceFindings = [...aws.findings, ...azure.findings];
  const capacity = reviewCapacity(base, head, changes, resourceFindings);
  const cost = reviewCost(base.plan, head.plan);
  const inputs: FindingInput[] = [
    ...capacity.findings,
    ...resourceFindings,
    ...reviewSecurity(base, head),
    ...cost.findings,
  ];
  const unique = new Map<string, Finding>();
  for (const input of inputs) {
    const finding = makeFinding(input);
    if (!unique.has(finding.id)) unique.set(finding.id, finding);
  }
  const sorted = [...unique.values()].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] ||
      a.stack.localeCompare(b.stack) ||
      a.resource.localeCompare(b.resource) ||
      a.rule.localeCompare(b.rule),
  );
  const { findings, report } = applyAcks(sorted, options.acknowledgements ?? [], options.today);
  return {
    schemaVersion: REVIEW_SCHEMA_VERSION,
    verdict: verdictOf(findings),
    base: side(base),
    head: side(head),
    findings,
    changes: [...changes].sort(
      (a, b) =>
        a.cloud.localeCompare(b.cloud) ||
        a.stack.localeCompare(b.stack) ||
        a.resource.localeCompare(b.resource),
    ),
    capacity: capacity.rows,
    cost: cost.summary,
    warnings: warningsFor(base, head),
    acks: report,
  };
}
