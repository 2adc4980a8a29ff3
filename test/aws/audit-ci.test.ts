import { Match, Template } from 'aws-cdk-lib/assertions';
import { App } from 'aws-cdk-lib/core';
import { githubSubject } from '../../lib/aws/ci/github-deploy-role';
import { readToolContext } from '../../lib/cli/selection';
import { stackName } from '../../lib/naming/stack-names';
import type { DeploymentModel } from '../../lib/profile/load';
import { CiDeployStack } from '../../stacks/aws/ci-deploy-stack';
import { type CachedSynth, cachedSynth, model, resourcesOf, template, variant } from './support/synth';

const PROFILES = ['hyogo', 'iwate'] as const;
const out = new Map<string, { m: DeploymentModel; s: CachedSynth }>();
beforeAll(() => {
  // The real CLI's templates from jest's global setup: no synthesis here.
  for (const name of PROFILES) out.set(name, { m: model(name), s: cachedSynth(name) });
});

describe.each(PROFILES)('audit (%s)', (name) => {
  const stack = `${name}-prod-audit`;

  test('home Region, termination-protected', () => {
    const { m, s } = out.get(name)!;
    expect(s.stacks.get(stack)!.region).toBe(m.plan.awsRegions[0]!.region);
    expect(s.stacks.get(stack)!.terminationProtection).toBe(true);
  });

  test('multi-Region trail with log-file validation, KMS, CloudWatch Logs copy, retained', () => {
    const { s } = out.get(name)!;
    const t = template(s, stack);
    t.hasResource('AWS::CloudTrail::Trail', {
      Properties: Match.objectLike({
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
        IncludeGlobalServiceEvents: true,
        KMSKeyId: Match.anyValue(),
        CloudWatchLogsLogGroupArn: Match.anyValue(),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  test('the archive key lets CloudTrail encrypt this trail’s files (GenerateDataKey* with its context) and describe the key', () => {
    const { m, s } = out.get(name)!;
    const json = s.json.get(stack);
    const [, key] = resourcesOf(json, 'AWS::KMS::Key')[0]!;
    const trailStatements = key.Properties.KeyPolicy.Statement.filter(
      (st: { Principal?: { Service?: string } }) => st.Principal?.Service === 'cloudtrail.amazonaws.com',
    );
    const actions = trailStatements.flatMap((st: { Action: string | string[] }) => [st.Action].flat());
    expect(actions).toEqual(expect.arrayContaining(['kms:GenerateDataKey*', 'kms:DescribeKey']));
    const generate = trailStatements.find((st: { Action: string | string[] }) =>
      [st.Action].flat().includes('kms:GenerateDataKey*'),
    );
    const context = JSON.stringify(generate.Condition.StringLike['kms:EncryptionContext:aws:cloudtrail:arn']);
    const account = m.profile.environments[0]!.aws!.accountId;
    expect(context).toContain(`:cloudtrail:*:${account}:trail/*`);
    const [, trail] = resourcesOf(json, 'AWS::CloudTrail::Trail')[0]!;
    expect(JSON.stringify(generate.Condition.StringEquals['aws:SourceArn'])).toContain(
      `trail/${trail.Properties.TrailName}`,
    );
  });

  test('archive bucket: KMS, versioned, public access blocked, TLS only, retention, retained', () => {
    const { m, s } = out.get(name)!;
    const json = s.json.get(stack);
    const buckets = resourcesOf(json, 'AWS::S3::Bucket');
    const archive = buckets.find(([, b]) => b.Properties.ObjectLockEnabled)!;
    expect(archive).toBeDefined();
    const [archiveId, b] = archive;
    expect(b.DeletionPolicy).toBe('Retain');
    expect(b.Properties.VersioningConfiguration.Status).toBe('Enabled');
    expect(
      b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
        .SSEAlgorithm,
    ).toBe('aws:kms');
    expect(b.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(b.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(
      m.profile.audit.archiveRetentionDays,
    );
    expect(b.Properties.ObjectLockConfiguration.Rule.DefaultRetention.Days).toBe(
      m.profile.audit.archiveRetentionDays,
    );
    const policies = resourcesOf(json, 'AWS::S3::BucketPolicy').filter(
      ([, p]) => p.Properties.Bucket.Ref === archiveId,
    );
    expect(JSON.stringify(policies[0]![1].Properties.PolicyDocument)).toContain(
      '"aws:SecureTransport":"false"',
    );
    for (const [, g] of resourcesOf(json, 'AWS::Logs::LogGroup')) expect(g.Properties.KmsKeyId).toBeDefined();
    for (const [, k] of resourcesOf(json, 'AWS::KMS::Key')) {
      expect(k.Properties.EnableKeyRotation).toBe(true);
      expect(k.DeletionPolicy).toBe('Retain');
    }
  });

  test('flow logs in every access Region, to an encrypted log group with the profile retention', () => {
    const { m, s } = out.get(name)!;
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(stackName(name, 'prod', 'network', region.region));
      expect(resourcesOf(json, 'AWS::EC2::FlowLog')).toHaveLength(1);
      for (const [, g] of resourcesOf(json, 'AWS::Logs::LogGroup')) {
        expect(g.Properties.KmsKeyId).toBeDefined();
        expect(g.Properties.RetentionInDays).toBe(m.profile.audit.logRetentionDays);
      }
    }
  });

  test('snapshot (change detector)', () => {
    expect(out.get(name)!.s.json.get(stack)).toMatchSnapshot();
  });
});

describe.each(PROFILES)('CI deploy role (%s)', (name) => {
  const stack = `${name}-prod-ci-deploy`;

  test('OIDC provider for GitHub; role limited to repository, branch and environment', () => {
    const { m, s } = out.get(name)!;
    const t = template(s, stack);
    t.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
    const github = m.profile.ci!.github;
    const [, role] = resourcesOf(s.json.get(stack), 'AWS::IAM::Role')[0]!;
    const statement = role.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(statement.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(statement.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': githubSubject(github),
      },
    });
    expect(githubSubject(github)).toBe(
      `repo:${github.repository}:environment:${github.environment}:ref:refs/heads/${github.branch}`,
    );
  });

  test('the OIDC provider is created only where the profile names no existing one, and marked once-per-account', () => {
    const { s } = out.get(name)!;
    const providers = resourcesOf(s.json.get(stack), 'AWS::IAM::OIDCProvider');
    expect(providers).toHaveLength(1);
    expect(providers[0]![1].Metadata['tsunagi:oncePerAccount']).toMatch(/githubOidcProviderArn/);
  });

  test('the role can only assume the CDK bootstrap roles of the profile’s Regions', () => {
    const { m, s } = out.get(name)!;
    const policies = resourcesOf(s.json.get(stack), 'AWS::IAM::Policy');
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    // The deploy gate's statement, the bootstrap roles, and tsunagi revoke's two EC2 actions: nothing else.
    expect(statements.map((st: { Sid: string }) => st.Sid)).toEqual([
      'DeployGateOwnStacks',
      'AssumeCdkBootstrapRolesOnly',
      'ImportClientVpnRevocationList',
      'FindClientVpnEndpoints',
    ]);
    const revoke = statements.find((st: { Sid: string }) => st.Sid === 'ImportClientVpnRevocationList');
    expect(revoke.Action).toBe('ec2:ImportClientVpnClientCertificateRevocationList');
    expect([revoke.Resource].flat()).toHaveLength(m.plan.awsRegions.length);
    for (const r of [revoke.Resource].flat()) expect(JSON.stringify(r)).toMatch(/:client-vpn-endpoint\/\*/);
    const find = statements.find((st: { Sid: string }) => st.Sid === 'FindClientVpnEndpoints');
    expect(find.Action).toBe('ec2:DescribeClientVpnEndpoints');
    const statement = statements.find((st: { Sid: string }) => st.Sid === 'AssumeCdkBootstrapRolesOnly');
    expect(statement.Action).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    const resources = JSON.stringify(statement.Resource);
    expect(statement.Resource).toHaveLength(4 * m.plan.awsRegions.length);
    const account = m.profile.environments[0]!.aws!.accountId;
    for (const region of m.plan.awsRegions) {
      expect(resources).toContain(`cdk-hnb659fds-deploy-role-${account}-${region.region}`);
    }
    for (const r of statement.Resource)
      expect(JSON.stringify(r)).toMatch(/:role\/cdk-hnb659fds-[a-z-]+-role-/);
    expect(resources).not.toContain('"*"');
    expect(s.stacks.get(`${name}-prod-ci-deploy`)!.terminationProtection).toBe(true);
  });

  test('the deploy gate may read change sets and set stack policies of this profile’s stacks only', () => {
    const { m, s } = out.get(name)!;
    const statements = resourcesOf(s.json.get(stack), 'AWS::IAM::Policy').flatMap(
      ([, p]) => p.Properties.PolicyDocument.Statement,
    );
    const gate = statements.find((st) => st.Sid === 'DeployGateOwnStacks');
    expect([...gate.Action].sort()).toEqual([
      'cloudformation:DeleteChangeSet',
      'cloudformation:DescribeChangeSet',
      'cloudformation:DescribeStacks',
      'cloudformation:SetStackPolicy',
    ]);
    // One Region gives a string, several a list.
    const resources = [gate.Resource].flat();
    expect(resources).toHaveLength(m.plan.awsRegions.length);
    for (const r of resources) expect(JSON.stringify(r)).toMatch(new RegExp(`:stack/${name}-prod-\\*/\\*`));
    expect(JSON.stringify(gate.Resource)).not.toContain('"*"');
  });
});

describe('CI deploy role with an existing OIDC provider', () => {
  test('creates no provider and trusts the named one', () => {
    const arn = 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com';
    const m = variant('iwate', (p) => {
      p.environments[0].aws.githubOidcProviderArn = arn;
    });
    const stack = new App({ context: { ...readToolContext('cdk.json') } });
    const ci = new CiDeployStack(stack, 'ci', {
      env: { account: '222222222222', region: 'ap-northeast-1' },
      model: m,
      namePrefix: 'iwate-prod',
      github: m.profile.ci!.github,
      existingOidcProviderArn: m.profile.environments[0]!.aws!.githubOidcProviderArn,
    });
    const json = Template.fromStack(ci).toJSON();
    expect(resourcesOf(json, 'AWS::IAM::OIDCProvider')).toHaveLength(0);
    const [, role] = resourcesOf(json, 'AWS::IAM::Role')[0]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Federated).toBe(arn);
  });

  test('refuses a malformed ARN at construction', () => {
    const m = model('iwate');
    expect(
      () =>
        new CiDeployStack(new App({ context: { ...readToolContext('cdk.json') } }), 'ci', {
          env: { account: '111111111111', region: 'ap-northeast-1' },
          model: m,
          namePrefix: 'iwate-prod',
          github: m.profile.ci!.github,
          existingOidcProviderArn: 'arn:aws:iam::111111111111:oidc-provider/example.com',
        }),
    ).toThrow(/not the ARN of a GitHub Actions OIDC provider/);
  });
});
