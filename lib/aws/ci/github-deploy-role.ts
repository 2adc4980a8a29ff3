/**
 * CI deploy access: the GitHub Actions OIDC provider and a role that GitHub jobs of ONE
 * repository, branch and environment may assume, and that can do nothing but assume the CDK
 * bootstrap roles (deploy, file and image publishing, lookup) of the profile's Regions, plus
 * what the deploy gate needs on this profile's own stacks (`<org>-<env>-*`): read change sets
 * and stacks, delete an empty change set, and set the stack policy that protects the stateful
 * resources (scripts/aws-gated-deploy.sh, docs/deploy-gates.md). The CDK bootstrap deploy
 * role has no cloudformation:SetStackPolicy. And it may
 * import a certificate revocation list into the Client VPN endpoints of those Regions
 * (`tsunagi revoke`, .github/workflows/revoke-aws.yml: revocation is kept out of
 * CloudFormation, so it needs its own two EC2 actions).
 *
 * All three are enforced in AWS through the `sub` claim. GitHub's default `sub` for a job
 * bound to an environment carries no branch, so the repository must customise its OIDC
 * subject to include the ref (once, by an administrator):
 *   gh api -X PUT repos/<owner>/<repo>/actions/oidc/customization/sub \
 *     -f use_default=false -f 'include_claim_keys[]=repo' -f 'include_claim_keys[]=context' \
 *     -f 'include_claim_keys[]=ref'
 * which yields `repo:<owner>/<repo>:environment:<env>:ref:refs/heads/<branch>`.
 */

import * as iam from 'aws-cdk-lib/aws-iam';
import { DefaultStackSynthesizer, Duration, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { ONCE_PER_ACCOUNT_METADATA } from '../../verify/aws-first-deploy';
import { acknowledge } from '../common/nag';

export const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';
const BOOTSTRAP_ROLES = ['deploy', 'file-publishing', 'image-publishing', 'lookup'] as const;

export interface GithubDeployRoleProps {
  readonly namePrefix: string;
  readonly repository: string;
  readonly branch: string;
  readonly environment: string;
  /** Regions whose bootstrap roles the job may assume. */
  readonly regions: readonly string[];
  /** CDK bootstrap qualifier. Default: the CDK default. */
  readonly qualifier?: string;
  /**
   * The account's existing GitHub Actions OIDC provider. An account holds at most one
   * provider per URL, so creating a second one fails the deploy.
   * @default - a provider is created in this stack (a fresh account)
   */
  readonly existingProviderArn?: string;
}

export function githubSubject(props: Pick<GithubDeployRoleProps, 'repository' | 'branch' | 'environment'>) {
  return `repo:${props.repository}:environment:${props.environment}:ref:refs/heads/${props.branch}`;
}

export class GithubDeployRole extends Construct {
  readonly provider: iam.IOidcProvider;
  readonly role: iam.Role;
  /** True when this stack creates the provider (no existingProviderArn). */
  readonly createsProvider: boolean;

  constructor(scope: Construct, id: string, props: GithubDeployRoleProps) {
    super(scope, id);
    const { account, partition } = Stack.of(this);
    if (
      props.existingProviderArn !== undefined &&
      !/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/.test(
        props.existingProviderArn,
      )
    ) {
      throw new Error(
        `GithubDeployRole: existingProviderArn ${props.existingProviderArn} is not the ARN of a GitHub Actions OIDC provider (arn:aws:iam::<account>:oidc-provider/${GITHUB_OIDC_ISSUER})`,
      );
    }
    this.createsProvider = props.existingProviderArn === undefined;
    if (props.existingProviderArn !== undefined) {
      this.provider = iam.OidcProviderNative.fromOidcProviderArn(
        this,
        'GithubOidc',
        props.existingProviderArn,
      );
    } else {
      const created = new iam.OidcProviderNative(this, 'GithubOidc', {
        url: `https://${GITHUB_OIDC_ISSUER}`,
        clientIds: ['sts.amazonaws.com'],
      });
      (created.node.defaultChild as iam.CfnOIDCProvider).addMetadata(
        ONCE_PER_ACCOUNT_METADATA,
        'created because environments[].aws.githubOidcProviderArn is not set; set it when the account already has the provider',
      );
      this.provider = created;
    }
    this.role = new iam.Role(this, 'DeployRole', {
      roleName: `${props.namePrefix}-github-deploy`,
      description: `GitHub Actions ${props.repository} (${props.branch}, environment ${props.environment}): assume the CDK bootstrap roles only`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(this.provider.oidcProviderArn, {
        StringEquals: {
          [`${GITHUB_OIDC_ISSUER}:aud`]: 'sts.amazonaws.com',
          [`${GITHUB_OIDC_ISSUER}:sub`]: githubSubject(props),
        },
      }),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'DeployGateOwnStacks',
        actions: [
          'cloudformation:DescribeChangeSet',
          'cloudformation:DescribeStacks',
          'cloudformation:DeleteChangeSet',
          'cloudformation:SetStackPolicy',
        ],
        resources: props.regions.map(
          (region) => `arn:${partition}:cloudformation:${region}:${account}:stack/${props.namePrefix}-*/*`,
        ),
      }),
    );
    for (const region of props.regions)
      acknowledge(
        this.role,
        `AwsSolutions-IAM5[Resource::arn:${partition}:cloudformation:${region}:${account}:stack/${props.namePrefix}-*/*]`,
        'Two bounded wildcards in the deploy-gate statement only: the stack names of this profile and environment (`<org>-<env>-*`) and the stack ID suffix CloudFormation appends; the actions are limited to reading change sets and stacks, deleting a change set and setting the stack policy.',
      );
    const qualifier = props.qualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeCdkBootstrapRolesOnly',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        resources: props.regions.flatMap((region) =>
          BOOTSTRAP_ROLES.map(
            (role) =>
              `arn:${partition}:iam::${account}:role/cdk-${qualifier}-${role}-role-${account}-${region}`,
          ),
        ),
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ImportClientVpnRevocationList',
        actions: ['ec2:ImportClientVpnClientCertificateRevocationList'],
        resources: props.regions.map(
          (region) => `arn:${partition}:ec2:${region}:${account}:client-vpn-endpoint/*`,
        ),
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'FindClientVpnEndpoints',
        // DescribeClientVpnEndpoints supports no resource-level permission: "*" is the only form.
        actions: ['ec2:DescribeClientVpnEndpoints'],
        resources: ['*'],
      }),
    );
    for (const region of props.regions) {
      acknowledge(
        this.role,
        `AwsSolutions-IAM5[Resource::arn:${partition}:ec2:${region}:${account}:client-vpn-endpoint/*]`,
        'tsunagi revoke imports the CRL into every Client VPN endpoint of the profile’s Regions, whose IDs are generated; one action (ImportClientVpnClientCertificateRevocationList) on client-vpn-endpoint/* of this account and Region.',
      );
    }
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Only ec2:DescribeClientVpnEndpoints, which supports no resource-level permission (tsunagi revoke finds the endpoints by their Name tag).',
    );
  }
}
