/**
 * First-deploy rehearsal: the synthesized Hyogo and Iwate assemblies (the real CLI's, from
 * jest's global setup) pass every check, and each check catches the failure it is for on a
 * hand-built assembly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AssemblyStack, readAssembly, verifyFirstDeploy } from '../../lib/verify/aws-first-deploy';
import { artifactsDir, type FixtureName } from '../support/synthesized';

describe.each<FixtureName>(['hyogo', 'iwate'])('the %s assembly', (name) => {
  let stacks: AssemblyStack[];
  beforeAll(() => {
    stacks = readAssembly(join(artifactsDir(name), 'cdk.out'));
  });

  test('is read whole: every stack with its account, Region and dependencies', () => {
    expect(stacks.length).toBeGreaterThanOrEqual(6);
    for (const s of stacks) {
      expect(s.account).toMatch(/^\d{12}$/);
      expect(s.region).toMatch(/^ap-northeast-[13]$/);
    }
  });

  test('has no first-deploy finding', () => {
    expect(verifyFirstDeploy(stacks)).toEqual([]);
  });

  test('the real synth left no CDK warning or error annotation (cdk-nag findings included)', () => {
    const outdir = join(artifactsDir(name), 'cdk.out');
    const annotations = readdirSync(outdir)
      .filter((f) => f.endsWith('.metadata.json'))
      .flatMap((f) =>
        Object.entries<{ type: string; data: unknown }[]>(
          JSON.parse(readFileSync(join(outdir, f), 'utf8')),
        ).flatMap(([path, entries]) =>
          entries
            .filter((e) => /^aws:cdk:(warning|error)$/.test(e.type))
            .map((e) => `${path}: ${String(e.data)}`),
        ),
      );
    expect(annotations).toEqual([]);
  });

  test('couples stacks only through SSM parameters, each written before it is read', () => {
    const imports = stacks.filter((s) => JSON.stringify(s.template).includes('Fn::ImportValue'));
    expect(imports.map((s) => s.name)).toEqual([]);
    const exports = stacks.filter((s) =>
      Object.values<{ Export?: unknown }>(s.template.Outputs ?? {}).some((o) => o.Export),
    );
    expect(exports.map((s) => s.name)).toEqual([]);
    // Each consumer of a Region reads the network stack's parameters and depends on it.
    const consumers = stacks.filter((s) => /-(links|identity|remote-access)-apne\d$/.test(s.name));
    expect(consumers.length).toBeGreaterThanOrEqual(3);
    for (const consumer of consumers) {
      const network = consumer.name.replace(/-(links|identity|remote-access)-/, '-network-');
      const read = Object.values<{ Type: string; Default?: string }>(consumer.template.Parameters ?? {})
        .filter((p) => p.Type === 'AWS::SSM::Parameter::Value<String>')
        .map((p) => p.Default);
      const prefix = `/tsunagi/${name}/prod/${network.split('-').pop()}/network/`;
      expect(read.filter((p) => p?.startsWith(prefix)).length).toBeGreaterThan(0);
      expect(consumer.dependencies).toContain(network);
    }
  });
});

const ACCOUNT = '111111111111';
/** What a producer attaches to the CDK deploy role so that change sets can read its parameters. */
const deployRoleReads = (region: string, pattern = '/tsunagi/o/e/*') => ({
  Type: 'AWS::IAM::Policy',
  Properties: {
    Roles: [`cdk-hnb659fds-deploy-role-${ACCOUNT}-${region}`],
    PolicyDocument: {
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ssm:GetParameter', 'ssm:GetParameters'],
          Resource: `arn:aws:ssm:${region}:${ACCOUNT}:parameter${pattern}`,
        },
      ],
    },
  },
});
function stack(name: string, region: string, template: object, dependencies: string[] = []): AssemblyStack {
  return { name, account: ACCOUNT, region, template, dependencies };
}
const key = (statements: object[]) => ({
  Type: 'AWS::KMS::Key',
  Properties: { KeyPolicy: { Statement: statements } },
});
const trail = {
  Type: 'AWS::CloudTrail::Trail',
  Properties: { TrailName: 't', KMSKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
};

describe('each check catches its failure', () => {
  test('kms-key-policy: a trail key without CloudTrail statements', () => {
    const findings = verifyFirstDeploy([
      stack('audit', 'ap-northeast-1', { Resources: { Key: key([]), Trail: trail } }),
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        check: 'kms-key-policy',
        resource: 'Key',
        message: expect.stringMatching(/cloudtrail\.amazonaws\.com/),
      }),
    ]);
    const allowed = key([
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*' },
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey' },
    ]);
    expect(
      verifyFirstDeploy([stack('audit', 'ap-northeast-1', { Resources: { Key: allowed, Trail: trail } })]),
    ).toEqual([]);
  });

  test('kms-key-policy: a log group in another stack using an exported key without logs.<region>', () => {
    const network = stack('network', 'ap-northeast-3', {
      Resources: { Key: key([]) },
      Outputs: { K: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] }, Export: { Name: 'network:KeyArn' } } },
    });
    const consumer = stack(
      'links',
      'ap-northeast-3',
      {
        Resources: {
          Logs: {
            Type: 'AWS::Logs::LogGroup',
            Properties: { KmsKeyId: { 'Fn::ImportValue': 'network:KeyArn' } },
          },
        },
      },
      ['network'],
    );
    expect(verifyFirstDeploy([network, consumer]).filter((f) => f.check === 'kms-key-policy')).toEqual([
      expect.objectContaining({
        check: 'kms-key-policy',
        stack: 'network',
        message: expect.stringMatching(/logs\.ap-northeast-3\.amazonaws\.com.*links\/Logs/),
      }),
    ]);
  });

  test('kms-key-policy: a log group reading the key ARN from an SSM parameter another stack writes', () => {
    const network = stack('network', 'ap-northeast-3', {
      Resources: {
        Key: key([]),
        Reads: deployRoleReads('ap-northeast-3'),
        KeyArn: {
          Type: 'AWS::SSM::Parameter',
          Properties: {
            Name: '/tsunagi/o/e/apne3/network/log-key-arn',
            Value: { 'Fn::GetAtt': ['Key', 'Arn'] },
          },
        },
      },
    });
    const consumer = stack(
      'links',
      'ap-northeast-3',
      {
        Parameters: {
          P: {
            Type: 'AWS::SSM::Parameter::Value<String>',
            Default: '/tsunagi/o/e/apne3/network/log-key-arn',
          },
        },
        Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: { Ref: 'P' } } } },
      },
      ['network'],
    );
    expect(verifyFirstDeploy([network, consumer])).toEqual([
      expect.objectContaining({
        check: 'kms-key-policy',
        stack: 'network',
        resource: 'Key',
        message: expect.stringMatching(/logs\.ap-northeast-3\.amazonaws\.com.*links\/Logs/),
      }),
    ]);
  });

  test('physical-name: the same directory name in two Regions, the same function name in one', () => {
    const ad = { Type: 'AWS::DirectoryService::MicrosoftAD', Properties: { Name: 'aws.ad.example' } };
    const fn = { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'f' } };
    const findings = verifyFirstDeploy([
      stack('a', 'ap-northeast-1', { Resources: { Ad: ad, F: fn } }),
      stack('b', 'ap-northeast-3', { Resources: { Ad: ad, F: fn } }),
      stack('c', 'ap-northeast-3', { Resources: { F: fn } }),
    ]);
    expect(findings.map((f) => `${f.check} ${f.stack}/${f.resource}`)).toEqual([
      'physical-name b/Ad',
      'physical-name c/F',
    ]);
  });

  test('once-per-account: an OIDC provider without the profile-option metadata, or twice', () => {
    const provider = {
      Type: 'AWS::IAM::OIDCProvider',
      Properties: { Url: 'https://token.actions.githubusercontent.com' },
    };
    expect(verifyFirstDeploy([stack('ci', 'ap-northeast-1', { Resources: { P: provider } })])).toEqual([
      expect.objectContaining({
        check: 'once-per-account',
        message: expect.stringMatching(/unconditionally/),
      }),
    ]);
    const marked = { ...provider, Metadata: { 'tsunagi:oncePerAccount': 'githubOidcProviderArn not set' } };
    const twice = verifyFirstDeploy([
      stack('ci', 'ap-northeast-1', { Resources: { P: marked } }),
      stack('ci2', 'ap-northeast-3', { Resources: { P: marked } }),
    ]);
    expect(twice).toEqual([
      expect.objectContaining({
        check: 'once-per-account',
        stack: 'ci2',
        message: expect.stringMatching(/twice/),
      }),
    ]);
  });

  test('import-order: an import from a stack deployed later, from another Region, or of nothing', () => {
    const producer = stack('net', 'ap-northeast-1', {
      Resources: {},
      Outputs: { V: { Value: 'x', Export: { Name: 'net:V' } } },
    });
    const uses = (name: string, region: string, deps: string[], imported = 'net:V') =>
      stack(
        name,
        region,
        {
          Resources: {
            R: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::ImportValue': imported } } },
          },
        },
        deps,
      );
    const order = (all: AssemblyStack[]) => verifyFirstDeploy(all).filter((f) => f.check === 'import-order');
    expect(order([producer, uses('ok', 'ap-northeast-1', ['net'])])).toEqual([]);
    const findings = order([
      producer,
      uses('early', 'ap-northeast-1', []),
      uses('far', 'ap-northeast-3', ['net']),
      uses('none', 'ap-northeast-1', ['net'], 'net:Missing'),
    ]);
    expect(findings.map((f) => `${f.stack}: ${f.message.split(',')[0]}`)).toEqual([
      'early: imports net:V from net',
      'far: imports net:V from net in another account or Region (exports are regional)',
      'none: imports net:Missing',
    ]);
  });
});

describe('cross-stack coupling', () => {
  const NAME = '/tsunagi/o/e/apne1/network/vpc-id';
  const producer = (region = 'ap-northeast-1') =>
    stack('net', region, {
      Resources: {
        V: { Type: 'AWS::SSM::Parameter', Properties: { Name: NAME, Value: { Ref: 'Vpc' } } },
        Reads: deployRoleReads(region),
      },
    });
  const reader = (name: string, deps: string[], parameter = NAME) =>
    stack(
      name,
      'ap-northeast-1',
      {
        Parameters: { P: { Type: 'AWS::SSM::Parameter::Value<String>', Default: parameter } },
        Resources: { R: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'P' } } } },
      },
      deps,
    );

  test('hard-import: every Fn::ImportValue is a finding, an SSM parameter read is not', () => {
    const exporter = stack('net', 'ap-northeast-1', {
      Resources: {},
      Outputs: { V: { Value: { Ref: 'Vpc' }, Export: { Name: 'net:Vpc' } } },
    });
    const importer = stack(
      'links',
      'ap-northeast-1',
      {
        Resources: {
          R: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { 'Fn::ImportValue': 'net:Vpc' } } },
        },
      },
      ['net'],
    );
    expect(verifyFirstDeploy([exporter, importer])).toEqual([
      expect.objectContaining({
        check: 'hard-import',
        stack: 'links',
        resource: 'net:Vpc',
        message: expect.stringMatching(/replacement of the exported resource blocks/),
      }),
    ]);
    expect(verifyFirstDeploy([producer(), reader('links', ['net'])])).toEqual([]);
  });

  test('import-order: an SSM parameter read before, without, or away from its writer', () => {
    const findings = verifyFirstDeploy([
      producer(),
      reader('early', []),
      reader('missing', ['net'], '/tsunagi/o/e/apne1/network/nothing'),
      reader('bootstrap', [], '/cdk-bootstrap/hnb659fds/version'),
    ]);
    expect(findings.map((f) => `${f.check} ${f.stack}: ${f.message}`)).toEqual([
      expect.stringMatching(/^import-order early: .*net writes but is not deployed before it/),
      expect.stringMatching(/^import-order missing: .*no stack of the assembly writes/),
    ]);
    expect(
      verifyFirstDeploy([producer('ap-northeast-3'), reader('far', ['net'])]).map((f) => f.message),
    ).toEqual([expect.stringMatching(/another account or Region/)]);
  });

  test('import-order: an SSM parameter the CDK deploy role may not read (CreateChangeSet evaluates it as the caller)', () => {
    const withGrant = (grant: object | undefined) =>
      stack('net', 'ap-northeast-1', {
        Resources: {
          V: { Type: 'AWS::SSM::Parameter', Properties: { Name: NAME, Value: { Ref: 'Vpc' } } },
          ...(grant ? { Reads: grant } : {}),
        },
      });
    const deployRole = (grant: object | undefined) =>
      verifyFirstDeploy([withGrant(grant), reader('links', ['net'])]).map((f) => f.message);
    expect(deployRole(undefined)).toEqual([
      expect.stringMatching(/deploy role read.*AccessDenied on ssm:GetParameters/),
    ]);
    // Another prefix, another Region's role: still refused. The environment's prefix: allowed.
    expect(deployRole(deployRoleReads('ap-northeast-1', '/tsunagi/other/*'))).toHaveLength(1);
    expect(deployRole(deployRoleReads('ap-northeast-3'))).toHaveLength(1);
    expect(deployRole(deployRoleReads('ap-northeast-1'))).toEqual([]);
  });
});
