/**
 * The CDK context of the AWS apps tests synthesize in-process: the tools' context (cdk.json),
 * as the real synth has it, with aws-cdk-lib's creation stack traces off. Every CfnElement and
 * Stack otherwise records the stack that created it (CREATION_STACK metadata in the cloud
 * assembly, for the CDK CLI's violation reports); under jest those stacks are about 30 frames
 * deeper, and capturing and formatting them took about 150 ms of CPU per AWS app. The templates
 * are the same; no test reads that metadata. `tsunagi synth` keeps it.
 */
import { DISABLE_CREATION_STACK_TRACES } from 'aws-cdk-lib/cx-api';
import { readToolContext } from '../../lib/cli/selection';

export function cdkTestContext(): Record<string, unknown> {
  return { ...readToolContext('cdk.json'), [DISABLE_CREATION_STACK_TRACES]: true };
}
