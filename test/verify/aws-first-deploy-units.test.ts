/**
 * First-deploy rehearsal, check by check on small hand-built assemblies: both sides of every
 * condition, malformed templates (no Resources, Outputs or Parameters, an output without
 * Export, a resource without Properties) and the exact finding.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AssemblyStack, readAssembly, verifyFirstDeploy } from '../../lib/verify/aws-first-deploy';

const ACCOUNT = '111111111111';
const R1 = 'ap-northeast-1';
const R3 = 'ap-northeast-3';
function stack(
  name: string,
  region: string,
  template: object | undefined,
  dependencies: string[] = [],
  account = ACCOUNT,
): AssemblyStack {
  return { name, account, region, template, dependencies };
}
const key = (statements?: object[]) => ({
  Type: 'AWS::KMS::Key',
  Properties: { KeyPolicy: { Statement: statements } },
});
const allow = (service: unknown, action: unknown) => ({
  Effect: 'Allow',
  Principal: { Service: service },
  Action: action,
});
const trail = (kmsKeyId: unknown = { 'Fn::GetAtt': ['Key', 'Arn'] }) => ({
  Type: 'AWS::CloudTrail::Trail',
  Properties: { KMSKeyId: kmsKeyId },
});
const TRAIL_MESSAGE =
  'the key policy does not allow cloudtrail.amazonaws.com kms:GenerateDataKey and kms:DescribeKey, which audit/Trail needs (trail log files); the first deploy would fail';
const trailFindings = (keyResource: object) =>
  verifyFirstDeploy([stack('audit', R1, { Resources: { Key: keyResource, Trail: trail() } })]);

describe('readAssembly', () => {
  const scratchDirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'first-deploy-'));
    scratchDirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  });

  test('reads stacks with their Region, account and dependencies, and defaults what is missing', () => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'a.template.json'),
      JSON.stringify({ Resources: { X: { Type: 'AWS::SNS::Topic' } } }),
    );
    writeFileSync(join(dir, 'b.template.json'), JSON.stringify({}));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          A: {
            type: 'aws:cloudformation:stack',
            environment: `aws://${ACCOUNT}/${R3}`,
            properties: { templateFile: 'a.template.json', stackName: 'stack-a' },
          },
          B: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: 'b.template.json' },
            dependencies: ['A', 'Assets', 'B-missing'],
          },
          Assets: { type: 'cdk:asset-manifest', properties: { file: 'x.assets.json' } },
        },
      }),
    );
    expect(readAssembly(dir)).toEqual([
      {
        name: 'stack-a',
        account: ACCOUNT,
        region: R3,
        template: { Resources: { X: { Type: 'AWS::SNS::Topic' } } },
        dependencies: [],
      },
      {
        name: 'B',
        account: 'unknown-account',
        region: 'unknown-region',
        template: {},
        dependencies: ['stack-a'],
      },
    ]);
  });

  test('a dependency without a stack name is named by its artifact id; a manifest without artifacts is empty', () => {
    const dir = scratch();
    writeFileSync(join(dir, 't.json'), JSON.stringify({}));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          A: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://unknown',
            properties: { templateFile: 't.json' },
          },
          B: {
            type: 'aws:cloudformation:stack',
            environment: `aws://${ACCOUNT}/${R1}`,
            properties: { templateFile: 't.json', stackName: 'b' },
            dependencies: ['A'],
          },
        },
      }),
    );
    expect(readAssembly(dir).map((s) => [s.name, s.account, s.region, s.dependencies])).toEqual([
      ['A', 'unknown-account', 'unknown-region', []],
      ['b', ACCOUNT, R1, ['A']],
    ]);
    const empty = scratch();
    writeFileSync(join(empty, 'manifest.json'), JSON.stringify({}));
    expect(readAssembly(empty)).toEqual([]);
  });
});

describe('kms-key-policy', () => {
  test('the exact finding for a trail key without CloudTrail statements', () => {
    expect(trailFindings(key([]))).toEqual([
      { check: 'kms-key-policy', stack: 'audit', resource: 'Key', message: TRAIL_MESSAGE },
    ]);
  });

  test('a key without Properties, KeyPolicy or Statement allows nothing', () => {
    expect(trailFindings({ Type: 'AWS::KMS::Key' }).map((f) => f.message)).toEqual([TRAIL_MESSAGE]);
    expect(trailFindings({ Type: 'AWS::KMS::Key', Properties: {} }).map((f) => f.message)).toEqual([
      TRAIL_MESSAGE,
    ]);
    expect(trailFindings(key()).map((f) => f.message)).toEqual([TRAIL_MESSAGE]);
  });

  test('exact actions, both needed; a Deny, another principal or no principal grants nothing', () => {
    expect(
      trailFindings(key([allow('cloudtrail.amazonaws.com', ['kms:GenerateDataKey', 'kms:DescribeKey'])])),
    ).toEqual([]);
    expect(
      trailFindings(
        key([
          allow(
            ['logs.amazonaws.com', 'cloudtrail.amazonaws.com'],
            ['kms:DescribeKey', 'kms:GenerateDataKey'],
          ),
        ]),
      ),
    ).toEqual([]);
    expect(trailFindings(key([allow('cloudtrail.amazonaws.com', 'kms:GenerateDataKey')])).length).toBe(1);
    expect(trailFindings(key([allow('cloudtrail.amazonaws.com', 'kms:Decrypt')])).length).toBe(1);
    expect(
      trailFindings(key([{ ...allow('cloudtrail.amazonaws.com', 'kms:*'), Effect: 'Deny' }])).length,
    ).toBe(1);
    expect(trailFindings(key([allow('logs.amazonaws.com', 'kms:*')])).length).toBe(1);
    expect(trailFindings(key([{ Effect: 'Allow', Action: 'kms:*' }])).length).toBe(1);
  });

  test('wildcards: kms:* and a trailing * match; a prefix without * or another prefix does not', () => {
    expect(trailFindings(key([allow('cloudtrail.amazonaws.com', 'kms:*')]))).toEqual([]);
    expect(
      trailFindings(key([allow('cloudtrail.amazonaws.com', ['kms:Generate*', 'kms:Describe*'])])),
    ).toEqual([]);
    expect(
      trailFindings(key([allow('cloudtrail.amazonaws.com', ['kms:GenerateDataKey', 'kms:DescribeKe'])]))
        .length,
    ).toBe(1);
    expect(
      trailFindings(key([allow('cloudtrail.amazonaws.com', ['kms:GenerateDataKey', 'kms:Enc*'])])).length,
    ).toBe(1);
    expect(
      trailFindings(key([allow('cloudtrail.amazonaws.com', ['kms:GenerateDataKey', 'kms:DataKey*'])])).length,
    ).toBe(1);
  });

  test('an unencrypted trail or log group needs nothing; a log group needs logs.<region> Encrypt and GenerateDataKey', () => {
    const unencrypted = verifyFirstDeploy([
      stack('audit', R1, {
        Resources: {
          Key: key([]),
          Trail: { Type: 'AWS::CloudTrail::Trail', Properties: {} },
          Logs: { Type: 'AWS::Logs::LogGroup' },
        },
      }),
    ]);
    expect(unencrypted).toEqual([]);
    expect(
      verifyFirstDeploy([
        stack('audit', R3, {
          Resources: {
            Key: key([]),
            Logs: { Type: 'AWS::Logs::LogGroup', Properties: { KmsKeyId: { Ref: 'Key' } } },
          },
        }),
      ]),
    ).toEqual([
      {
        check: 'kms-key-policy',
        stack: 'audit',
        resource: 'Key',
        message:
          'the key policy does not allow logs.ap-northeast-3.amazonaws.com kms:Encrypt and kms:GenerateDataKey, which audit/Logs needs (encrypted log group); the first deploy would fail',
      },
    ]);
  });

  test('a key that is not a customer-managed key in the assembly, or a reference that is not a Ref/GetAtt, is not checked', () => {
    expect(
      verifyFirstDeploy([
        stack('audit', R1, {
          Resources: {
            Key: { Type: 'AWS::KMS::Alias', Properties: { AliasName: 'alias/k' } },
            K: key([]),
            Trail: trail(),
            T2: { ...trail({ Ref: 'Missing' }) },
            T3: { ...trail({ 'Fn::GetAtt': 'K.Arn' }) },
            T4: { ...trail('arn:aws:kms:ap-northeast-1:111111111111:key/x') },
          },
        }),
      ]),
    ).toEqual([]);
  });

  test('keys through exports: an output without Export or Value, an import of nothing, an exporter without Resources', () => {
    const exporter = stack('exporter', R1, {
      Outputs: {
        NoExport: { Value: { Ref: 'Key' } },
        Empty: null,
        NoValue: { Export: { Name: 'no-value' } },
        Missing: { Value: { Ref: 'Key' }, Export: { Name: 'missing-key' } },
      },
    });
    const consumer = stack(
      'consumer',
      R1,
      {
        Resources: {
          A: trail({ 'Fn::ImportValue': 'no-value' }),
          B: trail({ 'Fn::ImportValue': 'nothing' }),
          C: trail({ 'Fn::ImportValue': 'missing-key' }),
        },
      },
      ['exporter'],
    );
    expect(
      verifyFirstDeploy([exporter, consumer, stack('none', R1, undefined)]).filter(
        (f) => f.check === 'kms-key-policy',
      ),
    ).toEqual([]);
  });

  test('keys through SSM parameters: a parameter nobody writes or written with a literal is not followed', () => {
    const writer = stack('writer', R1, {
      Resources: {
        Key: key([]),
        Literal: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Name: '/tsunagi/literal', Value: 'arn:aws:kms:x' },
        },
        Bare: { Type: 'AWS::SSM::Parameter' },
      },
    });
    const reader = stack(
      'reader',
      R1,
      {
        Parameters: {
          Unwritten: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/other/unwritten' },
          Literal: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/tsunagi/literal' },
          Nothing: null,
        },
        Resources: { A: trail({ Ref: 'Unwritten' }), B: trail({ Ref: 'Literal' }) },
      },
      ['writer'],
    );
    expect(verifyFirstDeploy([writer, reader]).filter((f) => f.check === 'kms-key-policy')).toEqual([]);
  });

  describe('alarms publishing to an encrypted topic', () => {
    const topicStack = (resources: object) =>
      verifyFirstDeploy([stack('alerts', R1, { Resources: { Key: key([]), ...resources } })]);
    const topic = { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: { Ref: 'Key' } } };
    const alarm = (actions: unknown) => ({
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { AlarmActions: actions },
    });

    test('need cloudwatch.amazonaws.com GenerateDataKey and Decrypt (exact finding)', () => {
      expect(topicStack({ Topic: topic, Alarm: alarm([{ Ref: 'Other' }, { Ref: 'Topic' }]) })).toEqual([
        {
          check: 'kms-key-policy',
          stack: 'alerts',
          resource: 'Key',
          message:
            'the key policy does not allow cloudwatch.amazonaws.com kms:GenerateDataKey and kms:Decrypt, which alerts/Topic needs (alarms publish to the encrypted topic); the first deploy would fail',
        },
      ]);
      expect(topicStack({ Topic: topic, Alarm: alarm({ Ref: 'Topic' }) }).length).toBe(1);
      expect(
        topicStack({
          Key: key([allow('cloudwatch.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt'])]),
          Topic: topic,
          Alarm: alarm([{ Ref: 'Topic' }]),
        }),
      ).toEqual([]);
      expect(
        topicStack({
          Key: key([allow('cloudwatch.amazonaws.com', ['kms:GenerateDataKey'])]),
          Topic: topic,
          Alarm: alarm([{ Ref: 'Topic' }]),
        }).length,
      ).toBe(1);
    });

    test('nothing when no alarm publishes to it, the topic is not encrypted, or the publisher is not an alarm', () => {
      expect(topicStack({ Topic: topic })).toEqual([]);
      expect(topicStack({ Topic: topic, Alarm: alarm([{ Ref: 'Other' }, null, 'arn:aws:sns:x']) })).toEqual(
        [],
      );
      expect(topicStack({ Topic: topic, Alarm: { Type: 'AWS::CloudWatch::Alarm' } })).toEqual([]);
      expect(
        topicStack({ Topic: { Type: 'AWS::SNS::Topic', Properties: {} }, Alarm: alarm([{ Ref: 'Topic' }]) }),
      ).toEqual([]);
      expect(
        topicStack({
          Topic: topic,
          Rule: { Type: 'AWS::CloudWatch::CompositeAlarm', Properties: { AlarmActions: [{ Ref: 'Topic' }] } },
        }),
      ).toEqual([]);
    });
  });
});

describe('physical-name', () => {
  const names = (stacks: AssemblyStack[]) =>
    verifyFirstDeploy(stacks).filter((f) => f.check === 'physical-name');

  test('the exact finding; global names compare without case, regional names with case', () => {
    const role = (n: string) => ({ Type: 'AWS::IAM::Role', Properties: { RoleName: n } });
    const fn = (n: string) => ({ Type: 'AWS::Lambda::Function', Properties: { FunctionName: n } });
    expect(
      names([
        stack('a', R1, { Resources: { Role: role('Admin'), F: fn('Fn'), Bare: { Type: 'AWS::IAM::Role' } } }),
        stack('b', R3, { Resources: { Role: role('admin'), F: fn('fn') } }),
        stack('c', R1, { Resources: { F: fn('fn') } }),
      ]),
    ).toEqual([
      {
        check: 'physical-name',
        stack: 'b',
        resource: 'Role',
        message: `AWS::IAM::Role RoleName "admin" is also claimed by a/Role in ${ACCOUNT}; the second create fails ("already exists")`,
      },
    ]);
  });

  test('a global table claims its name in each replica Region; a table does not', () => {
    const global = (replicas?: object[]) => ({
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: { TableName: 't', ...(replicas ? { Replicas: replicas } : {}) },
    });
    expect(
      names([
        stack('a', R1, { Resources: { T: global([{ Region: R1 }, { Region: R3 }]) } }),
        stack('b', R3, { Resources: { T: global() } }),
        stack('c', R1, { Resources: { T: global() } }),
      ]),
    ).toEqual([
      {
        check: 'physical-name',
        stack: 'b',
        resource: 'T',
        message: `AWS::DynamoDB::GlobalTable TableName "t" is also claimed by a/T in ${ACCOUNT}/${R3}; the second create fails ("already exists")`,
      },
      {
        check: 'physical-name',
        stack: 'c',
        resource: 'T',
        message: `AWS::DynamoDB::GlobalTable TableName "t" is also claimed by a/T in ${ACCOUNT}/${R1}; the second create fails ("already exists")`,
      },
    ]);
    const table = {
      Type: 'AWS::DynamoDB::Table',
      Properties: { TableName: 't', Replicas: [{ Region: R3 }] },
    };
    expect(
      names([stack('a', R1, { Resources: { T: table } }), stack('b', R3, { Resources: { T: table } })]),
    ).toEqual([]);
  });
});

describe('once-per-account', () => {
  const marked = (type: string, properties?: object) => ({
    Type: type,
    Metadata: { 'tsunagi:oncePerAccount': 'option set' },
    ...(properties ? { Properties: properties } : {}),
  });
  const once = (stacks: AssemblyStack[]) =>
    verifyFirstDeploy(stacks).filter((f) => f.check === 'once-per-account');

  test('the exact findings: unmarked, and twice in one scope', () => {
    expect(
      once([
        stack('s', R1, {
          Resources: { D: { Type: 'AWS::GuardDuty::Detector' }, E: marked('AWS::GuardDuty::Detector') },
        }),
      ]),
    ).toEqual([
      {
        check: 'once-per-account',
        stack: 's',
        resource: 'D',
        message:
          'AWS::GuardDuty::Detector can exist only once per region and is created unconditionally: an account that already has one fails the deploy; create it only on a profile option and say so in metadata tsunagi:oncePerAccount',
      },
      {
        check: 'once-per-account',
        stack: 's',
        resource: 'E',
        message: `AWS::GuardDuty::Detector is created twice in ${ACCOUNT}/${R1} (also s/D)`,
      },
    ]);
  });

  test('regional types once per Region, each type on its own; OIDC providers once per URL in the account', () => {
    const regional = [
      'AWS::GuardDuty::Detector',
      'AWS::SecurityHub::Hub',
      'AWS::Config::ConfigurationRecorder',
      'AWS::Config::DeliveryChannel',
      'AWS::ApiGateway::Account',
      'AWS::Macie::Session',
    ];
    const resources = Object.fromEntries(regional.map((t, i) => [`R${i}`, marked(t)]));
    expect(
      once([stack('a', R1, { Resources: resources }), stack('b', R3, { Resources: resources })]),
    ).toEqual([]);
    expect(
      once([
        stack('a', R1, { Resources: resources }),
        stack('b', R1, { Resources: { X: marked('AWS::Macie::Session') } }),
      ]).map((f) => f.message),
    ).toEqual([`AWS::Macie::Session is created twice in ${ACCOUNT}/${R1} (also a/R5)`]);
    const oidc = (url?: string) => marked('AWS::IAM::OIDCProvider', url ? { Url: url } : undefined);
    expect(
      once([
        stack('a', R1, { Resources: { P: oidc('https://a'), Q: oidc('https://b'), N: oidc() } }),
        stack('b', R3, { Resources: { P: oidc('https://a'), N: oidc() } }),
      ]).map((f) => f.message),
    ).toEqual([
      `AWS::IAM::OIDCProvider is created twice in ${ACCOUNT} (also a/P)`,
      `AWS::IAM::OIDCProvider is created twice in ${ACCOUNT} (also a/N)`,
    ]);
  });

  test('an access analyzer without a type is an account analyzer', () => {
    const analyzer = (type?: string) =>
      marked('AWS::AccessAnalyzer::Analyzer', type ? { Type: type } : undefined);
    expect(
      once([
        stack('a', R1, { Resources: { A: analyzer(), B: analyzer('ORGANIZATION'), C: analyzer('ACCOUNT') } }),
      ]).map((f) => f.message),
    ).toEqual([`AWS::AccessAnalyzer::Analyzer is created twice in ${ACCOUNT}/${R1} (also a/A)`]);
  });
});

describe('import-order', () => {
  const order = (stacks: AssemblyStack[]) =>
    verifyFirstDeploy(stacks).filter((f) => f.check === 'import-order');
  const exporter = (name: string, region = R1, deps: string[] = [], account = ACCOUNT) =>
    stack(name, region, { Outputs: { V: { Value: 'x', Export: { Name: `${name}:V` } } } }, deps, account);
  const importer = (name: string, imported: string, deps: string[], region = R1, account = ACCOUNT) =>
    stack(
      name,
      region,
      {
        Resources: {
          R: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: [{ 'Fn::ImportValue': imported }] } },
        },
      },
      deps,
      account,
    );

  test('a dependency cycle is a finding for each stack on it (exact finding)', () => {
    expect(order([stack('a', R1, {}, ['b']), stack('b', R1, {}, ['a']), stack('c', R1, {}, ['a'])])).toEqual([
      {
        check: 'import-order',
        stack: 'a',
        resource: '',
        message: 'the stack depends on itself (a dependency cycle): no deploy order exists',
      },
      {
        check: 'import-order',
        stack: 'b',
        resource: '',
        message: 'the stack depends on itself (a dependency cycle): no deploy order exists',
      },
    ]);
  });

  test('dependencies count transitively; a dependency outside the assembly is ignored', () => {
    expect(
      order([exporter('net'), stack('mid', R1, {}, ['net', 'outside']), importer('app', 'net:V', ['mid'])]),
    ).toEqual([]);
  });

  test('an export of the same Region in another account, or of another Region, even when deployed before', () => {
    expect(
      order([
        exporter('net', R3),
        importer('app', 'net:V', ['net']),
        exporter('other', R1, [], '222222222222'),
        importer('app2', 'other:V', ['other']),
      ]),
    ).toEqual([
      {
        check: 'import-order',
        stack: 'app',
        resource: 'net:V',
        message: 'imports net:V from net in another account or Region (exports are regional)',
      },
      {
        check: 'import-order',
        stack: 'app2',
        resource: 'other:V',
        message: 'imports other:V from other in another account or Region (exports are regional)',
      },
    ]);
  });

  test('the exact findings for an import of nothing and from a stack deployed later', () => {
    expect(
      order([exporter('net'), importer('app', 'net:V', []), importer('app2', 'none:V', ['net'])]),
    ).toEqual([
      {
        check: 'import-order',
        stack: 'app',
        resource: 'net:V',
        message: 'imports net:V from net, which is not deployed before it (no dependency)',
      },
      {
        check: 'import-order',
        stack: 'app2',
        resource: 'none:V',
        message: 'imports none:V, which no stack of the assembly exports',
      },
    ]);
  });
});

describe('import-order: SSM parameters and the CDK deploy role', () => {
  const NAME = '/tsunagi/o/e/apne1/network/vpc-id';
  const ROLE = `cdk-hnb659fds-deploy-role-${ACCOUNT}-${R1}`;
  const ARN = `arn:aws:ssm:${R1}:${ACCOUNT}:parameter${NAME}`;
  const REFUSED = `reads SSM parameter ${NAME}, which no earlier stack lets the CDK deploy role read: CreateChangeSet evaluates SSM parameters with the caller's credentials, and the bootstrap template lets the deploy role read only its version parameter, so the deploy fails with AccessDenied on ssm:GetParameters`;
  const policy = (properties?: object, type = 'AWS::IAM::Policy') => ({
    Type: type,
    ...(properties ? { Properties: properties } : {}),
  });
  const grant = (statement: object, roles: unknown[] = [ROLE]) =>
    policy({ Roles: roles, PolicyDocument: { Statement: statement } });
  const ok = { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: ARN };
  const writer = (extra: object = {}) =>
    stack('net', R1, {
      Resources: { V: { Type: 'AWS::SSM::Parameter', Properties: { Name: NAME, Value: 'vpc-1' } }, ...extra },
    });
  const reader = (
    deps = ['net'],
    parameters: object = { P: { Type: 'AWS::SSM::Parameter::Value<String>', Default: NAME } },
  ) => stack('app', R1, { Parameters: parameters }, deps);
  const order = (stacks: AssemblyStack[]) =>
    verifyFirstDeploy(stacks).filter((f) => f.check === 'import-order');
  const granted = (extra: object) => order([writer(extra), reader()]).map((f) => f.message);

  test('the exact finding when no stack grants the deploy role', () => {
    expect(order([writer(), reader()])).toEqual([
      { check: 'import-order', stack: 'app', resource: NAME, message: REFUSED },
    ]);
    expect(granted({ G: grant(ok) })).toEqual([]);
  });

  test('the grant must be a policy on the deploy role of the reader account and Region', () => {
    expect(granted({ G: grant(ok, ['other-role', ROLE]) })).toEqual([]);
    expect(granted({ G: grant(ok, ['other-role']) })).toEqual([REFUSED]);
    expect(granted({ G: grant(ok, [{ Ref: 'Role' }]) })).toEqual([REFUSED]);
    expect(
      granted({ G: policy({ Roles: [ROLE], PolicyDocument: { Statement: ok } }, 'AWS::IAM::ManagedPolicy') }),
    ).toEqual([REFUSED]);
    expect(
      granted({
        G: policy(),
        H: policy({ Roles: [ROLE] }),
        I: policy({ Roles: [ROLE], PolicyDocument: {} }),
      }),
    ).toEqual([REFUSED]);
    // A grant for this role from a stack in another Region or account does not count.
    for (const [region, account] of [
      [R3, ACCOUNT],
      [R1, '222222222222'],
    ] as const) {
      const far = stack('far', region, { Resources: { G: grant(ok) } }, [], account);
      expect(order([writer(), far, reader(['net', 'far'])]).map((f) => f.message)).toEqual([REFUSED]);
    }
  });

  test('the statement must allow ssm:GetParameters on the parameter ARN (wildcards honoured, other characters literal)', () => {
    expect(granted({ G: grant([{ ...ok, Effect: 'Deny' }]) })).toEqual([REFUSED]);
    expect(granted({ G: grant([{ ...ok, Action: 'ssm:DeleteParameter' }]) })).toEqual([REFUSED]);
    expect(granted({ G: grant([{ ...ok, Action: 'ssm:GetParameters?' }]) })).toEqual([REFUSED]);
    expect(granted({ G: grant([{ ...ok, Action: 'ssm:Get*' }]) })).toEqual([]);
    expect(
      granted({ G: grant([{ ...ok, Resource: `arn:aws:ssm:${R1}:${ACCOUNT}:parameter/other` }]) }),
    ).toEqual([REFUSED]);
    expect(
      granted({ G: grant([{ ...ok, Resource: [`arn:aws:ssm:${R1}:${ACCOUNT}:parameter/other`, ARN] }]) }),
    ).toEqual([]);
    expect(granted({ G: grant([{ ...ok, Resource: { 'Fn::Sub': ARN } }]) })).toEqual([REFUSED]);
    expect(granted({ G: grant([{ ...ok, Effect: 'Deny', Resource: '*' }, ok]) })).toEqual([]);
  });

  test('only parameters typed as SSM parameter values are reads; a malformed parameter is skipped', () => {
    expect(
      order([
        writer({
          N: { Type: 'AWS::IAM::SAMLProvider', Properties: { Name: '/tsunagi/saml' } },
          B: { Type: 'AWS::SSM::Parameter' },
        }),
        reader(['net'], {
          S: { Type: 'String', Default: '/tsunagi/plain' },
          N: null,
          U: { Type: 'AWS::SSM::Parameter::Value<String>' },
          M: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/tsunagi/saml' },
        }),
      ]),
    ).toEqual([
      {
        check: 'import-order',
        stack: 'app',
        resource: '/tsunagi/saml',
        message:
          'reads SSM parameter /tsunagi/saml, which no stack of the assembly writes: the deploy fails ("parameter not found")',
      },
    ]);
  });
});
