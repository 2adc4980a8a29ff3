/**
 * cdk-nag acknowledgements, one construct at a time. Every acknowledgement names the rule
 * (optionally the finding, `Rule[Finding]`) and a reason specific to that construct; there
 * is no app-wide or stack-wide blanket suppression anywhere in the AWS code.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

/** Construct id of the Lambda that every AwsCustomResource in a stack shares (aws-cdk-lib). */
export const AWS_CUSTOM_RESOURCE_SINGLETON_ID = 'AWS679f53fac002430cb0da5b7982bd2287';
