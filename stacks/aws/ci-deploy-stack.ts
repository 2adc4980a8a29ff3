/** CI deploy access (IAM is global; the stack lives in the home Region). */
import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { GithubDeployRole } from '../../lib/aws/ci/github-deploy-role';
import type { DeploymentModel } from '../../lib/profile/load';

export interface CiDeployStackProps extends StackProps {
  readonly model: DeploymentModel;
  readonly namePrefix: string;
  readonly github: { readonly repository: string; readonly branch: string; readonly environment: string };
  /** The account's existing GitHub OIDC provider. Default: created here. */
  readonly existingOidcProviderArn?: string;
}

export class CiDeployStack extends Stack {
  readonly deploy: GithubDeployRole;

  constructor(scope: Construct, id: string, props: CiDeployStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    this.deploy = new GithubDeployRole(this, 'Github', {
      namePrefix: props.namePrefix,
      ...props.github,
      existingProviderArn: props.existingOidcProviderArn,
      regions: props.model.plan.awsRegions.map((r) => r.region),
    });
  }
}
