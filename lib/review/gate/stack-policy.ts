/**
 * CloudFormation stack policies for the stateful stacks: allow every update, deny
 * Update:Replace and Update:Delete on each stateful or connection-bearing resource of the
 * template (lib/review/rules/stateful.ts). With the policy set on the stack, even a manual
 * `cdk deploy` or console update cannot replace or delete those resources; an override
 * needs an explicit, visible step (a temporary policy, see docs/deploy-gates.md).
 *
 * The deploy workflow sets the policy after every execution. When the gate passed a change
 * set that replaces or removes protected resources (an acknowledged replacement, what is
 * replaced with it, a retained removal), the workflow first sets a policy that exempts
 * exactly those logical IDs (exemptionsFromGateReport), executes the change set, then
 * restores the full policy.
 *
 * Stack policy syntax: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/protect-stack-resources.html
 * (Resource "LogicalResourceId/<id>", actions Update:Modify | Update:Replace | Update:Delete | Update:*).
 */
import { isStateful } from '../rules/stateful';
import type { TemplateResources } from './aws-change-set';
import type { GateReport } from './types';

export interface StackPolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Principal: '*';
  readonly Resource: string | readonly string[];
}

export interface StackPolicy {
  readonly Statement: readonly StackPolicyStatement[];
}

/** CloudFormation's limit on a stack policy body (bytes). */
export const STACK_POLICY_MAX_BYTES = 16_384;

/** Logical IDs of the stateful resources of a template, sorted. */
export function statefulLogicalIds(resources: TemplateResources): string[] {
  return Object.entries(resources)
    .filter(([, r]) => typeof r.Type === 'string' && isStateful('aws', r.Type))
    .map(([id]) => id)
    .sort();
}

/**
 * The policy for one template. `allow` lists logical IDs exempted for one deployment
 * (acknowledged replacements); they are left out of the Deny statement.
 */
export function stackPolicyFor(resources: TemplateResources, allow: readonly string[] = []): StackPolicy {
  const protectedIds = statefulLogicalIds(resources).filter((id) => !allow.includes(id));
  const statements: StackPolicyStatement[] = [
    { Effect: 'Allow', Action: 'Update:*', Principal: '*', Resource: '*' },
  ];
  if (protectedIds.length > 0)
    statements.push({
      Effect: 'Deny',
      Action: ['Update:Replace', 'Update:Delete'],
      Principal: '*',
      Resource: protectedIds.map((id) => `LogicalResourceId/${id}`),
    });
  const policy = { Statement: statements };
  const size = Buffer.byteLength(JSON.stringify(policy));
  if (size > STACK_POLICY_MAX_BYTES)
    throw new Error(
      `stack policy of ${protectedIds.length} resources is ${size} bytes, above CloudFormation's ${STACK_POLICY_MAX_BYTES}: split the stack`,
    );
  return policy;
}

/**
 * The logical IDs of one stack that a PASSING gate report lets CloudFormation replace or
 * remove: every resource of the change set with action replacement, may-replace, delete or
 * orphan (a removal with DeletionPolicy Retain is an Update:Delete for the stack policy too).
 * A blocking report exempts nothing: it throws, because that change set must not run.
 */
export function exemptionsFromGateReport(report: GateReport, stack: string | undefined): string[] {
  if (report.verdict !== 'pass')
    throw new Error('the gate report blocks: its change set must not be executed, so nothing is exempted');
  return [
    ...new Set(
      report.changes
        .filter(
          (c) =>
            c.cloud === 'aws' &&
            (stack === undefined || c.stack === stack) &&
            ['replacement', 'may-replace', 'delete', 'orphan'].includes(c.action),
        )
        .map((c) => c.resource),
    ),
  ].sort();
}
