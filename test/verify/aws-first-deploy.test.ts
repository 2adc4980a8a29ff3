/**
 * First-deploy rehearsal: the synthesized Hyogo and Iwate assemblies pass every check, and
 * each check catches the failure it is for on a hand-built assembly.
 */
import { type AssemblyStack, readAssembly, verifyFirstDeploy } from '../../lib/verify/aws-first-deploy';
import { model, synthesize } from '../aws/support/synth';

describe.each(['hyogo', 'iwate'])('the %s assembly', (name) => {
  let stacks: AssemblyStack[];
  beforeAll(() => {
    stacks = readAssembly(synthesize(model(name)).outdir);
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
});

const ACCOUNT = '111111111111';
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
    expect(verifyFirstDeploy([network, consumer])).toEqual([
      expect.objectContaining({
        check: 'kms-key-policy',
        stack: 'network',
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
    expect(verifyFirstDeploy([producer, uses('ok', 'ap-northeast-1', ['net'])])).toEqual([]);
    const findings = verifyFirstDeploy([
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
