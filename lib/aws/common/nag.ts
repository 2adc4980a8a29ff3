/**
 * cdk-nag: its AwsSolutions rule pack, and acknowledgements one construct at a time. Every
 * acknowledgement names the rule (optionally the finding, `Rule[Finding]`) and a reason specific
 * to that construct; there is no app-wide or stack-wide blanket suppression anywhere in the AWS
 * code.
 */
import { type IPolicyValidationPlugin, Validations } from 'aws-cdk-lib/core';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag's `AwsSolutionsChecks` (a validation plugin of the app), typed here as this code uses
 * it: cdk-nag's declarations import aws-cdk-lib's root index, which declares every AWS service
 * (2,564 .d.ts files, when our code needs about 800 of aws-cdk-lib/core and the service modules
 * it imports). Loading them made `tsc --noEmit` take half as long again for the whole project.
 */
export const AwsSolutionsChecks: new (scope?: IConstruct) => IPolicyValidationPlugin = (
  require('cdk-nag') as { AwsSolutionsChecks: new (scope?: IConstruct) => IPolicyValidationPlugin }
).AwsSolutionsChecks;

export function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

/** Construct id of the Lambda that every AwsCustomResource in a stack shares (aws-cdk-lib). */
export const AWS_CUSTOM_RESOURCE_SINGLETON_ID = 'AWS679f53fac002430cb0da5b7982bd2287';
