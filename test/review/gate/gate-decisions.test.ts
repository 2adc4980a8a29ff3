/**
 * The deploy gate's decisions, pinned whole: how every change-set change (Add, Import, Modify
 * with Replacement True/Conditional/False/absent, Remove with and without Retain, Dynamic) and
 * every Terraform action (create, update, delete, delete+create, create+delete, forget, no-op,
 * read) is classified; the complete findings (rule, severity, cause, message, user impact,
 * fingerprint), changes, counts and warnings they produce; how acknowledgements written for
 * the review match them; the stack policy document; the Markdown report and the verdict; and
 * the edge cases (empty change sets, unknown types, missing fields, stacks without a template).
 *
 * Today's gate tests check rule names and counts; these compare whole objects and strings so
 * that a changed word, branch or comparison in lib/review/gate fails a test. Inputs are built
 * by hand in the shapes of ./fixtures; no CLI is spawned.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type FindingInput, fingerprint, makeFinding } from '../../../lib/review/finding';
import {
  buildGateReport,
  checkChangeSet,
  checkTerraformPlan,
  exemptionsFromGateReport,
  type GateCheck,
  GateInputError,
  type GateReport,
  parseChangeSet,
  parseTerraformPlan,
  renderGateMarkdown,
  runGate,
  stackOfPlanArgument,
  stackPolicyFor,
  statefulLogicalIds,
  type TemplateResources,
} from '../../../lib/review/gate';
import { loadTemplates, readAcks, readJson } from '../../../lib/review/gate/index';
import { changedPaths } from '../../../lib/review/gate/terraform-plan';
import type { Finding } from '../../../lib/review/types';
import { perMutant } from '../../support/per-mutant';

// biome-ignore lint/suspicious/noExplicitAny: hand-built JSON
type Json = any;

const STACK = 'stack-a';
const TODAY = '2026-12-01';
const GENERIC_AWS_IMPACT =
  'the resource gets a new physical ID; CloudFormation updates what refers to it in the same deployment';
const ENDPOINT_ON_REPLACE =
  'every connected user is dropped (up to 66,500 per endpoint, LIMITS.md "AWS Client VPN") and the new endpoint has a new DNS name: every client configuration must be redistributed before users can reconnect';
const ASSOCIATION_ON_REPLACE =
  'users connected through this association are dropped and the endpoint\'s capacity falls to the figure for one association fewer while it is re-created (LIMITS.md "AWS Client VPN": 3 associations 66,500, 2 associations 36,500)';

/** The finding the gate should produce: the literal fields plus the fingerprint of those fields. */
function expected(fields: FindingInput, acknowledgeable = true): Finding {
  return { ...fields, id: fingerprint(fields), acknowledgeable, acknowledged: false };
}

/**
 * `expected` in one line: `head` is "severity category rule cloud stack resource type action"
 * ('-' for the empty resource of a whole-deployment finding).
 */
function fnd(
  head: string,
  cause: string[],
  message: string,
  userImpact: string,
  acknowledgeable = true,
): Finding {
  const [severity, category, rule, cloud, stack, resource, type, action] = head.split(' ') as [
    Finding['severity'],
    Finding['category'],
    string,
    Finding['cloud'],
    string,
    string,
    string,
    Finding['action'],
  ];
  const fields = {
    severity,
    category,
    rule,
    cloud,
    stack,
    resource: resource === '-' ? '' : resource,
    type,
    action,
  };
  return expected({ ...fields, cause, message, userImpact }, acknowledgeable);
}

// ---------------------------------------------------------------------------------------------
// Change-set builders (shapes of fixtures/change-set-*.json)

const change = (resourceChange: Json): Json => ({ Type: 'Resource', ResourceChange: resourceChange });

const modify = (
  id: string,
  type: string,
  replacement: 'True' | 'False' | 'Conditional' | undefined,
  details: Json[] = [],
  extra: Json = {},
): Json =>
  change({
    Action: 'Modify',
    LogicalResourceId: id,
    ResourceType: type,
    ...(replacement ? { Replacement: replacement } : {}),
    Scope: ['Properties'],
    Details: details,
    ...extra,
  });

const remove = (id: string, type: string, policyAction?: string): Json =>
  change({
    Action: 'Remove',
    LogicalResourceId: id,
    ResourceType: type,
    ...(policyAction ? { PolicyAction: policyAction } : {}),
    Scope: [],
    Details: [],
  });

/** A detail changing `Properties.<name>` directly. */
const prop = (name: string, requires?: 'Never' | 'Conditionally' | 'Always', extra: Json = {}): Json => ({
  Target: {
    Attribute: 'Properties',
    Name: name,
    ...(requires ? { RequiresRecreation: requires } : {}),
  },
  Evaluation: 'Static',
  ChangeSource: 'DirectModification',
  ...extra,
});

/** A detail caused by another resource of the same change set. */
const caused = (name: string, entity: string, source = 'ResourceReference'): Json => ({
  Target: { Attribute: 'Properties', Name: name, RequiresRecreation: 'Always' },
  Evaluation: 'Static',
  ChangeSource: source,
  CausingEntity: entity,
});

const changeSet = (changes: Json[], extra: Json = {}) =>
  parseChangeSet(
    { StackName: STACK, ChangeSetName: 'cs-1', Status: 'CREATE_COMPLETE', Changes: changes, ...extra },
    'cs.json',
  );

const check = (changes: Json[], template?: TemplateResources, extra: Json = {}): GateCheck =>
  checkChangeSet(changeSet(changes, extra), 'cs.json', template);

const replacedFinding = (
  resource: string,
  type: string,
  action: 'replacement' | 'may-replace',
  cause: string[],
): Finding => {
  const how = action === 'replacement' ? 'replaces' : 'may replace (Replacement: Conditional)';
  return fnd(
    `warn replacement resource-replaced aws stack-a ${resource} ${type} ${action}`,
    cause,
    cause.length > 0
      ? `CloudFormation ${how} ${type} ${resource} because ${cause.join(', ')} change(s).`
      : `CloudFormation ${how} ${type} ${resource}.`,
    GENERIC_AWS_IMPACT,
  );
};

describe('AWS change set: parsing', () => {
  const page = (extra: Json = {}) => ({
    ChangeSetName: 'cs-1',
    ChangeSetId: 'arn:aws:cloudformation:ap-northeast-1:111111111111:changeSet/cs-1/1',
    StackName: STACK,
    Changes: [modify('A', 'AWS::SNS::Topic', 'False')],
    ...extra,
  });

  test('an empty array is refused', () => {
    expect(() => parseChangeSet([], 'e.json')).toThrow(
      new GateInputError('e.json', 'is an empty array; expected describe-change-set output'),
    );
    expect(() => parseChangeSet([], 'e.json')).toThrow(
      'e.json: is an empty array; expected describe-change-set output',
    );
  });

  test('one malformed page names the field without a page index; a malformed root says (root)', () => {
    expect(() => parseChangeSet({ Changes: [] }, 'bad.json')).toThrow(
      'bad.json: is not the JSON of `aws cloudformation describe-change-set`: StackName Invalid input: expected string, received undefined',
    );
    expect(() => parseChangeSet(7, 'n.json')).toThrow(
      'n.json: is not the JSON of `aws cloudformation describe-change-set`: (root) Invalid input: expected object, received number',
    );
    let error: unknown;
    try {
      parseChangeSet({ StackName: STACK, Changes: [{ ResourceChange: { Action: 'Explode' } }] }, 'b.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GateInputError);
    expect({ name: (error as GateInputError).name, file: (error as GateInputError).file }).toEqual({
      name: 'GateInputError',
      file: 'b.json',
    });
  });

  test('a malformed page of several is named by its index', () => {
    expect(() => parseChangeSet([page(), page({ Changes: 'none' })], 'p.json')).toThrow(
      'p.json: is not the JSON of `aws cloudformation describe-change-set`: 1.Changes Invalid input: expected array, received string',
    );
    expect(() => parseChangeSet([page({ StackName: 3 }), page()], 'p.json')).toThrow(
      'p.json: is not the JSON of `aws cloudformation describe-change-set`: 0.StackName Invalid input: expected string, received number',
    );
  });

  test('pages of one change set are merged in order, without NextToken', () => {
    const merged = parseChangeSet(
      [
        page({ NextToken: 'abc', Status: 'CREATE_COMPLETE' }),
        page({ Changes: [remove('B', 'AWS::SNS::Topic')] }),
      ],
      'p.json',
    );
    expect(merged).toStrictEqual({
      ChangeSetName: 'cs-1',
      ChangeSetId: 'arn:aws:cloudformation:ap-northeast-1:111111111111:changeSet/cs-1/1',
      StackName: STACK,
      Status: 'CREATE_COMPLETE',
      Changes: [modify('A', 'AWS::SNS::Topic', 'False'), remove('B', 'AWS::SNS::Topic')],
      NextToken: undefined,
    });
    expect(parseChangeSet(page({ NextToken: 'x' }), 'one.json').NextToken).toBeUndefined();
  });

  test('pages of different stacks or change sets are refused', () => {
    const message = 'p.json: holds pages of different change sets; pass one file per change set';
    expect(() => parseChangeSet([page(), page({ StackName: 'other' })], 'p.json')).toThrow(message);
    expect(() => parseChangeSet([page(), page({ ChangeSetId: 'other-id' })], 'p.json')).toThrow(message);
  });
});

describe('AWS change set: classification of each change', () => {
  const resultOf = perMutant(() =>
    check([
      change({
        Action: 'Add',
        LogicalResourceId: 'NewQueue',
        ResourceType: 'AWS::SQS::Queue',
        Scope: [],
        Details: [],
      }),
      change({ Action: 'Import', LogicalResourceId: 'Imported', ResourceType: 'AWS::SNS::Topic' }),
      modify('Vpc', 'AWS::EC2::VPC', 'False', [
        {
          Target: {
            Attribute: 'Tags',
            RequiresRecreation: 'Never',
            Path: '/Properties/Tags/2/Value',
            AttributeChangeType: 'Modify',
          },
          Evaluation: 'Static',
          ChangeSource: 'DirectModification',
        },
      ]),
      modify('Dash', 'AWS::CloudWatch::Dashboard', undefined, [prop('DashboardBody', 'Never')]),
      modify('Queue', 'AWS::SQS::Queue', 'True', [prop('FifoQueue', 'Always')]),
      modify('Fn', 'AWS::Lambda::Function', 'Conditional', [prop('Code', 'Conditionally')]),
      remove('Alarm', 'AWS::CloudWatch::Alarm', 'Delete'),
      remove('Logs', 'AWS::Logs::LogGroup', 'Retain'),
      change({ Action: 'Dynamic', LogicalResourceId: 'Param', ResourceType: 'AWS::SSM::Parameter' }),
      change({ Action: 'SyncWithActual', LogicalResourceId: 'Synced', ResourceType: 'AWS::Unknown::Thing' }),
      { Type: 'Hook', HookEvent: { TypeName: 'Org::Guard::Hook' } },
    ]),
  );
  let result: ReturnType<typeof check>;
  // Computed in each test of a mutation run (test/support/per-mutant.ts), once otherwise.
  beforeEach(() => {
    result = resultOf();
  });

  test('changes: Add and Import add, Modify False/absent/Dynamic/SyncWithActual update, True replaces, Conditional may replace, Remove deletes or orphans', () => {
    const c = (resource: string, type: string, action: string, paths: string[] = []) => ({
      cloud: 'aws',
      stack: STACK,
      resource,
      type,
      action,
      paths,
    });
    expect(result.changes).toEqual([
      c('NewQueue', 'AWS::SQS::Queue', 'add'),
      c('Imported', 'AWS::SNS::Topic', 'add'),
      c('Vpc', 'AWS::EC2::VPC', 'update', ['Properties.Tags.Value']),
      c('Dash', 'AWS::CloudWatch::Dashboard', 'update', ['Properties.DashboardBody']),
      c('Queue', 'AWS::SQS::Queue', 'replacement', ['Properties.FifoQueue']),
      c('Fn', 'AWS::Lambda::Function', 'may-replace', ['Properties.Code']),
      c('Alarm', 'AWS::CloudWatch::Alarm', 'delete'),
      c('Logs', 'AWS::Logs::LogGroup', 'orphan'),
      c('Param', 'AWS::SSM::Parameter', 'update'),
      c('Synced', 'AWS::Unknown::Thing', 'update'),
    ]);
  });

  test('counts and input', () => {
    expect(result.input).toEqual({
      kind: 'aws-change-set',
      file: 'cs.json',
      stack: STACK,
      detail: 'cs-1',
      counts: { add: 2, update: 4, replace: 2, delete: 2, other: 0 },
    });
    expect(result.warnings).toEqual([]);
  });

  test('findings: non-stateful replacements warn, a deleted alarm warns, a retained log group warns as orphaned', () => {
    expect(result.findings).toEqual([
      replacedFinding('Queue', 'AWS::SQS::Queue', 'replacement', ['Properties.FifoQueue']),
      replacedFinding('Fn', 'AWS::Lambda::Function', 'may-replace', ['Properties.Code']),
      fnd(
        'warn deletion resource-deleted aws stack-a Alarm AWS::CloudWatch::Alarm delete',
        ['removed from the template'],
        'CloudFormation deletes AWS::CloudWatch::Alarm Alarm.',
        'the resource is deleted',
      ),
      fnd(
        'warn deletion stateful-orphaned aws stack-a Logs AWS::Logs::LogGroup orphan',
        ['DeletionPolicy: Retain'],
        'CloudFormation removes AWS::Logs::LogGroup Logs from the stack and retains it (DeletionPolicy Retain): it keeps running but is no longer managed.',
        'no immediate effect; the retained resource must be deleted or imported by hand later',
      ),
    ]);
  });

  test('stateful replacements and deletions block with their documented impact; a retained non-stateful resource warns', () => {
    const { findings, input } = check([
      modify('Endpoint', 'AWS::EC2::ClientVpnEndpoint', 'True', [prop('ClientCidrBlock', 'Always')]),
      modify('Key', 'AWS::KMS::Key', 'Conditional', [prop('KeySpec', 'Conditionally')]),
      remove('Directory', 'AWS::DirectoryService::MicrosoftAD', 'Delete'),
      remove('Directory2', 'AWS::DirectoryService::MicrosoftAD'),
      remove('Topic', 'AWS::SNS::Topic', 'Retain'),
    ]);
    const deletedDirectory = (resource: string) =>
      fnd(
        `block deletion stateful-deleted aws stack-a ${resource} AWS::DirectoryService::MicrosoftAD delete`,
        ['removed from the template'],
        `CloudFormation deletes AWS::DirectoryService::MicrosoftAD ${resource}.`,
        'the directory and everything in it are deleted; authentication that depends on it fails',
      );
    expect(findings).toEqual([
      fnd(
        'block replacement stateful-replaced aws stack-a Endpoint AWS::EC2::ClientVpnEndpoint replacement',
        ['Properties.ClientCidrBlock'],
        'CloudFormation replaces AWS::EC2::ClientVpnEndpoint Endpoint because Properties.ClientCidrBlock change(s).',
        ENDPOINT_ON_REPLACE,
      ),
      fnd(
        'block replacement stateful-replaced aws stack-a Key AWS::KMS::Key may-replace',
        ['Properties.KeySpec'],
        'CloudFormation may replace (Replacement: Conditional) AWS::KMS::Key Key because Properties.KeySpec change(s).',
        'the old key is scheduled for deletion: logs and archive objects encrypted with it become unreadable when the waiting period ends',
      ),
      deletedDirectory('Directory'),
      deletedDirectory('Directory2'),
      fnd(
        'warn deletion resource-deleted aws stack-a Topic AWS::SNS::Topic orphan',
        ['DeletionPolicy: Retain'],
        'CloudFormation removes AWS::SNS::Topic Topic from the stack and retains it (DeletionPolicy Retain): it keeps running but is no longer managed.',
        'no immediate effect; the retained resource must be deleted or imported by hand later',
      ),
    ]);
    expect(input.counts).toEqual({ add: 0, update: 0, replace: 2, delete: 3, other: 0 });
  });

  test('a replacement of an unknown type with no details warns with no cause', () => {
    const { findings, changes } = check([
      change({
        Action: 'Modify',
        LogicalResourceId: 'X',
        ResourceType: 'AWS::New::Thing',
        Replacement: 'True',
      }),
    ]);
    expect(findings).toEqual([replacedFinding('X', 'AWS::New::Thing', 'replacement', [])]);
    expect(changes).toEqual([
      {
        cloud: 'aws',
        stack: STACK,
        resource: 'X',
        type: 'AWS::New::Thing',
        action: 'replacement',
        paths: [],
      },
    ]);
  });
});

describe('AWS change set: detail paths and causes', () => {
  test('changed paths: Path without indexes, else Attribute and Name, Tags, a bare attribute; duplicates and target-less details dropped', () => {
    const { changes, findings } = check([
      modify('Vpc', 'AWS::EC2::VPC', 'False', [
        { Evaluation: 'Static', ChangeSource: 'DirectModification' },
        {
          Target: { Attribute: 'Properties', Path: '/Properties/DnsServers/0', RequiresRecreation: 'Never' },
        },
        {
          Target: { Attribute: 'Properties', Path: '/Properties/DnsServers/1', RequiresRecreation: 'Never' },
        },
        { Target: { Attribute: 'Properties', Name: 'Description', Path: '/0', RequiresRecreation: 'Never' } },
        { Target: { Attribute: 'Properties', RequiresRecreation: 'Never' } },
        { Target: { Attribute: 'Tags', RequiresRecreation: 'Never' } },
        { Target: { Attribute: 'Metadata', Name: 'cdk:path' } },
        { Target: { Name: 'Orphan' } },
        { Target: {} },
      ]),
    ]);
    expect(changes).toEqual([
      {
        cloud: 'aws',
        stack: STACK,
        resource: 'Vpc',
        type: 'AWS::EC2::VPC',
        action: 'update',
        paths: [
          'Properties.DnsServers',
          'Properties.Description',
          'Properties',
          'Properties.Tags',
          'Metadata',
        ],
      },
    ]);
    expect(findings).toEqual([]);
  });

  test('the cause of a replacement: the replacing details only (not Never, not unset), full path with indexes, sorted and unique', () => {
    const { changes, findings } = check([
      modify('Template', 'AWS::EC2::LaunchTemplate', 'True', [
        {
          Target: { Attribute: 'Properties', Path: '/Properties/SubnetIds/1', RequiresRecreation: 'Always' },
        },
        { Target: { Attribute: 'Properties', Name: 'B', Path: '/', RequiresRecreation: 'Conditionally' } },
        prop('A', 'Never'),
        prop('C'),
        prop('B', 'Always'),
        { Evaluation: 'Dynamic' },
      ]),
    ]);
    expect(changes[0]?.paths).toEqual([
      'Properties.SubnetIds',
      'Properties.B',
      'Properties.A',
      'Properties.C',
    ]);
    expect(findings).toEqual([
      replacedFinding('Template', 'AWS::EC2::LaunchTemplate', 'replacement', [
        'Properties.B',
        'Properties.SubnetIds.1',
      ]),
    ]);
  });

  test('a replacement whose details never require recreation has no cause', () => {
    const { findings } = check([
      modify('Template', 'AWS::EC2::LaunchTemplate', 'Conditional', [prop('A', 'Never'), prop('B')]),
    ]);
    expect(findings).toEqual([replacedFinding('Template', 'AWS::EC2::LaunchTemplate', 'may-replace', [])]);
  });
});

describe('AWS change set: what is replaced with its parent', () => {
  const folded = (
    resource: string,
    type: string,
    parent: string,
    cause: string[],
    action: 'replacement' | 'may-replace' = 'replacement',
  ) =>
    fnd(
      `info replacement replaced-with-parent aws stack-a ${resource} ${type} ${action}`,
      cause,
      `CloudFormation ${action === 'replacement' ? 'replaces' : 'may replace (Replacement: Conditional)'} ${type} ${resource} together with ${parent}, which it refers to.`,
      `part of the replacement of ${parent} (see that finding)`,
    );

  test('folded: stateful into stateful, anything into a replaced or conditionally replaced parent, by ResourceReference or ResourceAttribute', () => {
    const { findings } = check([
      modify('Endpoint', 'AWS::EC2::ClientVpnEndpoint', 'True', [prop('ClientCidrBlock', 'Always')]),
      modify('Assoc', 'AWS::EC2::ClientVpnTargetNetworkAssociation', 'True', [
        caused('ClientVpnEndpointId', 'Endpoint'),
      ]),
      modify('Route', 'AWS::EC2::ClientVpnRoute', 'Conditional', [
        caused('ClientVpnEndpointId', 'Endpoint.Id', 'ResourceAttribute'),
      ]),
      modify('MayParent', 'AWS::EC2::LaunchTemplate', 'Conditional', [prop('ImageId', 'Conditionally')]),
      // A fixed name is not reported on a folded resource: the parent's finding carries it.
      modify('Queue', 'AWS::SQS::Queue', 'True', [caused('RedrivePolicy', 'MayParent')], {
        AfterContext: JSON.stringify({ Properties: { QueueName: 'q' } }),
      }),
    ]);
    expect(findings).toEqual([
      fnd(
        'block replacement stateful-replaced aws stack-a Endpoint AWS::EC2::ClientVpnEndpoint replacement',
        ['Properties.ClientCidrBlock'],
        'CloudFormation replaces AWS::EC2::ClientVpnEndpoint Endpoint because Properties.ClientCidrBlock change(s).',
        ENDPOINT_ON_REPLACE,
      ),
      folded('Assoc', 'AWS::EC2::ClientVpnTargetNetworkAssociation', 'Endpoint', [
        'Properties.ClientVpnEndpointId',
      ]),
      folded(
        'Route',
        'AWS::EC2::ClientVpnRoute',
        'Endpoint',
        ['Properties.ClientVpnEndpointId'],
        'may-replace',
      ),
      replacedFinding('MayParent', 'AWS::EC2::LaunchTemplate', 'may-replace', ['Properties.ImageId']),
      folded('Queue', 'AWS::SQS::Queue', 'MayParent', ['Properties.RedrivePolicy']),
    ]);
  });

  test('not folded: a reference to itself, to a resource not replaced, updated in place or absent, a direct change, a mix, a stateful child of a non-stateful parent', () => {
    const { findings } = check([
      modify('Self', 'AWS::EC2::LaunchTemplate', 'True', [caused('LaunchTemplateData', 'Self')]),
      modify('Vpc', 'AWS::EC2::VPC', 'False', [prop('EnableDnsSupport', 'Never')]),
      modify('Dash', 'AWS::CloudWatch::Dashboard', undefined, [prop('DashboardBody', 'Never')]),
      modify('OnVpc', 'AWS::EC2::RouteTable', 'True', [caused('VpcId', 'Vpc')]),
      modify('OnDash', 'AWS::EC2::RouteTable', 'True', [caused('VpcId', 'Dash')]),
      modify('OnGone', 'AWS::EC2::RouteTable', 'True', [caused('VpcId', 'Gone')]),
      modify('Parent', 'AWS::EC2::LaunchTemplate', 'True', [prop('ImageId', 'Always')]),
      modify('Mixed', 'AWS::EC2::ClientVpnRoute', 'True', [
        caused('ClientVpnEndpointId', 'Parent'),
        prop('DestinationCidrBlock', 'Always'),
      ]),
      modify('Other', 'AWS::EC2::ClientVpnRoute', 'True', [
        caused('ClientVpnEndpointId', 'Parent', 'DirectModification'),
      ]),
      modify('NoEntity', 'AWS::EC2::ClientVpnRoute', 'True', [
        {
          Target: { Attribute: 'Properties', Name: 'X', RequiresRecreation: 'Always' },
          ChangeSource: 'ResourceReference',
        },
      ]),
      modify('Subnet', 'AWS::EC2::Subnet', 'True', [prop('CidrBlock', 'Always')]),
      modify('Assoc', 'AWS::EC2::ClientVpnTargetNetworkAssociation', 'True', [caused('SubnetId', 'Subnet')]),
      modify('Never', 'AWS::EC2::ClientVpnRoute', 'True', [
        {
          ...caused('ClientVpnEndpointId', 'Parent'),
          Target: { Attribute: 'Properties', Name: 'N', RequiresRecreation: 'Never' },
        },
      ]),
    ]);
    const lt = 'AWS::EC2::LaunchTemplate';
    const rt = 'AWS::EC2::RouteTable';
    const route = 'AWS::EC2::ClientVpnRoute';
    expect(findings).toEqual([
      replacedFinding('Self', lt, 'replacement', ['Properties.LaunchTemplateData']),
      replacedFinding('OnVpc', rt, 'replacement', ['Properties.VpcId']),
      replacedFinding('OnDash', rt, 'replacement', ['Properties.VpcId']),
      replacedFinding('OnGone', rt, 'replacement', ['Properties.VpcId']),
      replacedFinding('Parent', lt, 'replacement', ['Properties.ImageId']),
      replacedFinding('Mixed', route, 'replacement', [
        'Properties.ClientVpnEndpointId',
        'Properties.DestinationCidrBlock',
      ]),
      replacedFinding('Other', route, 'replacement', ['Properties.ClientVpnEndpointId']),
      replacedFinding('NoEntity', route, 'replacement', ['Properties.X']),
      replacedFinding('Subnet', 'AWS::EC2::Subnet', 'replacement', ['Properties.CidrBlock']),
      fnd(
        'block replacement stateful-replaced aws stack-a Assoc AWS::EC2::ClientVpnTargetNetworkAssociation replacement',
        ['Properties.SubnetId'],
        'CloudFormation replaces AWS::EC2::ClientVpnTargetNetworkAssociation Assoc because Properties.SubnetId change(s).',
        ASSOCIATION_ON_REPLACE,
      ),
      replacedFinding('Never', route, 'replacement', []),
    ]);
  });
});

describe('AWS change set: fixed physical names', () => {
  const fixedName = (
    resource: string,
    type: string,
    property: string,
    action: 'replacement' | 'may-replace',
    cause: string[],
  ) => {
    const how = action === 'replacement' ? 'replaces' : 'may replace (Replacement: Conditional)';
    const because = cause.length > 0 ? ` because ${cause.join(', ')} change(s)` : '';
    return fnd(
      `block replacement fixed-name-replacement aws stack-a ${resource} ${type} ${action}`,
      [`Properties.${property}`, ...cause],
      `${type} ${resource} has a fixed name (${property}) and CloudFormation ${how} it${because}: the new resource cannot take the name while the old one exists.`,
      'the stack update fails and rolls back; nothing changes until the name is freed or changed',
    );
  };

  test('the name from AfterContext Properties, from AfterContext itself, or from the template when AfterContext is not JSON', () => {
    const template: TemplateResources = {
      Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'from-template' } },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'audit' } },
    };
    const { findings } = check(
      [
        modify('Topic', 'AWS::SNS::Topic', 'True', [prop('FifoTopic', 'Always')], {
          AfterContext: JSON.stringify({ Properties: { TopicName: 'alarms', FifoTopic: true } }),
        }),
        modify('Role', 'AWS::IAM::Role', 'Conditional', [], {
          AfterContext: JSON.stringify({ RoleName: 'deployer' }),
        }),
        modify('Queue', 'AWS::SQS::Queue', 'True', [prop('FifoQueue', 'Always')], {
          AfterContext: '{not json',
        }),
        modify('Bucket', 'AWS::S3::Bucket', 'True', [prop('ObjectLockEnabled', 'Always')]),
      ],
      template,
    );
    expect(findings).toEqual([
      replacedFinding('Topic', 'AWS::SNS::Topic', 'replacement', ['Properties.FifoTopic']),
      fixedName('Topic', 'AWS::SNS::Topic', 'TopicName', 'replacement', ['Properties.FifoTopic']),
      replacedFinding('Role', 'AWS::IAM::Role', 'may-replace', []),
      fixedName('Role', 'AWS::IAM::Role', 'RoleName', 'may-replace', []),
      replacedFinding('Queue', 'AWS::SQS::Queue', 'replacement', ['Properties.FifoQueue']),
      fixedName('Queue', 'AWS::SQS::Queue', 'QueueName', 'replacement', ['Properties.FifoQueue']),
      fnd(
        'block replacement stateful-replaced aws stack-a Bucket AWS::S3::Bucket replacement',
        ['Properties.ObjectLockEnabled'],
        'CloudFormation replaces AWS::S3::Bucket Bucket because Properties.ObjectLockEnabled change(s).',
        'a new, empty bucket: the audit trail continues elsewhere and the archive history stays in (or is lost with) the old bucket',
      ),
      fixedName('Bucket', 'AWS::S3::Bucket', 'BucketName', 'replacement', ['Properties.ObjectLockEnabled']),
    ]);
  });

  test('no fixed name: AfterContext without the name wins over the template, no values at all, a type without a name property', () => {
    const template: TemplateResources = {
      Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'in-template' } },
      Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateName: 'lt' } },
    };
    const { findings } = check(
      [
        modify('Topic', 'AWS::SNS::Topic', 'True', [], {
          AfterContext: JSON.stringify({ Properties: { FifoTopic: true } }),
        }),
        modify('Queue', 'AWS::SQS::Queue', 'True', [], { AfterContext: 'oops' }),
        modify('Template', 'AWS::EC2::LaunchTemplate', 'True', []),
      ],
      template,
    );
    expect(findings).toEqual([
      replacedFinding('Topic', 'AWS::SNS::Topic', 'replacement', []),
      replacedFinding('Queue', 'AWS::SQS::Queue', 'replacement', []),
      replacedFinding('Template', 'AWS::EC2::LaunchTemplate', 'replacement', []),
    ]);
  });
});

describe('AWS change set: in-place updates that drop sessions', () => {
  const CRL_UPDATE = '{"service":"EC2","action":"ImportClientVpnClientCertificateRevocationList"}';

  test('DNS servers drop sessions; the connect handler affects new connections; the CRL re-import drops sessions', () => {
    const { findings, warnings, input } = check(
      [
        modify('Endpoint', 'AWS::EC2::ClientVpnEndpoint', 'False', [
          {
            Target: {
              Attribute: 'Properties',
              Path: '/Properties/DnsServers/0',
              RequiresRecreation: 'Never',
            },
          },
          { Target: { Attribute: 'Tags', RequiresRecreation: 'Never' } },
        ]),
        modify('Endpoint2', 'AWS::EC2::ClientVpnEndpoint', undefined, [
          {
            Target: {
              Attribute: 'Properties',
              Path: '/Properties/ClientConnectOptions/LambdaFunctionArn',
              RequiresRecreation: 'Never',
            },
          },
        ]),
        modify('Crl', 'Custom::AWS', 'False', [prop('Update', 'Never'), { Target: { Attribute: 'Tags' } }], {
          AfterContext: JSON.stringify({ Properties: { Update: CRL_UPDATE } }),
        }),
        change({
          Action: 'Dynamic',
          LogicalResourceId: 'CrlFromTemplate',
          ResourceType: 'Custom::AWS',
          Details: [prop('Update')],
        }),
      ],
      { CrlFromTemplate: { Type: 'Custom::AWS', Properties: { Update: CRL_UPDATE } } },
    );
    const crl = (resource: string, cause: string[]) =>
      fnd(
        `warn interruption session-client-vpn-crl-import aws stack-a ${resource} Custom::AWS interruption`,
        cause,
        `Custom::AWS ${resource} is updated in place, but the custom resource re-imports the client certificate revocation list on update, which resets every existing client connection of the endpoint (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportClientVpnClientCertificateRevocationList.html: "Uploading a client certificate revocation list resets existing client connections.").`,
        'connected users are disconnected once and must reconnect',
      );
    expect(findings).toEqual([
      fnd(
        'warn interruption session-client-vpn-dns-servers aws stack-a Endpoint AWS::EC2::ClientVpnEndpoint interruption',
        ['Properties.DnsServers'],
        'AWS::EC2::ClientVpnEndpoint Endpoint is updated in place, but changing the DNS servers of a Client VPN endpoint resets every existing client connection (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html: "Modifying the DNS server resets existing client connections.").',
        'connected users are disconnected once and must reconnect',
      ),
      fnd(
        'warn interruption session-client-vpn-connect-handler aws stack-a Endpoint2 AWS::EC2::ClientVpnEndpoint update',
        ['Properties.ClientConnectOptions.LambdaFunctionArn'],
        'AWS::EC2::ClientVpnEndpoint Endpoint2 is updated in place, but the client connect handler changes: existing sessions stay, but every new connection is authorised by the new handler, and a throttled or failing handler denies it (LIMITS.md "AWS Client VPN" (handler called synchronously, 30 s timeout, errors deny the connection); https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html: "ClientConnectOptions: The options for managing connection authorization for new client connections.").',
        'new connections depend on the changed handler',
      ),
      crl('Crl', ['Properties.Update', 'Properties.Tags']),
      crl('CrlFromTemplate', ['Properties.Update']),
    ]);
    expect(warnings).toEqual([]);
    expect(input.counts).toEqual({ add: 0, update: 4, replace: 0, delete: 0, other: 0 });
  });

  test('a custom resource updated without property values or template warns that the gate cannot tell', () => {
    const { findings, warnings } = check([
      modify('Crl', 'Custom::AWS', 'False', [prop('Update')]),
      modify('Quiet', 'Custom::AWS', 'False', []),
      modify('Vpc', 'AWS::EC2::VPC', 'False', [prop('EnableDnsHostnames')]),
      modify('Known', 'Custom::DirectoryTrust', 'False', [prop('TrustPassword')], {
        AfterContext: JSON.stringify({ Properties: { TrustPassword: 'x' } }),
      }),
    ]);
    expect(findings).toEqual([]);
    expect(warnings).toEqual([
      'stack-a/Crl: Custom::AWS is updated but the change set has no property values and no template was given (--cdk-out): cannot tell whether its handler drops sessions',
    ]);
    const withTemplate = check([modify('Crl', 'Custom::AWS', 'False', [prop('Update')])], {
      Crl: { Type: 'Custom::AWS', Properties: { Update: '{"action":"DescribeClientVpnEndpoints"}' } },
    });
    expect({ findings: withTemplate.findings, warnings: withTemplate.warnings }).toEqual({
      findings: [],
      warnings: [],
    });
  });
});

describe('AWS change set: every endpoint of the stack replaced', () => {
  const endpoint = (id: string, replacement: 'True' | 'Conditional' | 'False' = 'True') =>
    modify(id, 'AWS::EC2::ClientVpnEndpoint', replacement, [
      prop('ClientCidrBlock', replacement === 'False' ? 'Never' : 'Always'),
    ]);
  const template: TemplateResources = {
    EndpointB: { Type: 'AWS::EC2::ClientVpnEndpoint' },
    Table: { Type: 'AWS::DynamoDB::Table' },
    EndpointA: { Type: 'AWS::EC2::ClientVpnEndpoint' },
  };
  const tier = fnd(
    'block replacement tier-all-endpoints-replaced aws stack-a - AWS::EC2::ClientVpnEndpoint replacement',
    ['EndpointA', 'EndpointB'],
    'every Client VPN endpoint of stack-a (EndpointB, EndpointA) is replaced in one deployment.',
    'every user of the tier is dropped at once and none can reconnect until new client configurations are distributed; replace endpoints one at a time',
    false,
  );

  test('all replaced (one conditionally): an unacknowledgeable block after the per-resource findings', () => {
    const { findings } = check([endpoint('EndpointA'), endpoint('EndpointB', 'Conditional')], template);
    expect(findings.map((f) => [f.rule, f.resource, f.action])).toEqual([
      ['stateful-replaced', 'EndpointA', 'replacement'],
      ['stateful-replaced', 'EndpointB', 'may-replace'],
      ['tier-all-endpoints-replaced', '', 'replacement'],
    ]);
    expect(findings[2]).toEqual(tier);
  });

  test('not all replaced, no template, or a template that has no endpoint (a stack the review did not see): no tier finding', () => {
    const rules = (f: readonly Finding[]) => f.map((x) => x.rule);
    expect(rules(check([endpoint('EndpointA'), endpoint('EndpointB', 'False')], template).findings)).toEqual([
      'stateful-replaced',
    ]);
    expect(rules(check([endpoint('EndpointA')], template).findings)).toEqual(['stateful-replaced']);
    expect(rules(check([endpoint('EndpointA'), endpoint('EndpointB')]).findings)).toEqual([
      'stateful-replaced',
      'stateful-replaced',
    ]);
    expect(
      rules(
        check([endpoint('EndpointA')], { Table: { Type: 'AWS::DynamoDB::Table' }, Untyped: {} }).findings,
      ),
    ).toEqual(['stateful-replaced']);
  });
});

describe('AWS change set: status, detail and the empty change set', () => {
  test('an empty, failed change set: no changes, a warning with the reason', () => {
    expect(
      check([], undefined, {
        Status: 'FAILED',
        StatusReason: "The submitted information didn't contain changes.",
      }),
    ).toEqual({
      input: {
        kind: 'aws-change-set',
        file: 'cs.json',
        stack: STACK,
        detail: 'cs-1',
        counts: { add: 0, update: 0, replace: 0, delete: 0, other: 0 },
      },
      findings: [],
      changes: [],
      warnings: ["stack-a: change set status is FAILED (The submitted information didn't contain changes.)"],
    });
  });

  test('a pending change set without a reason; the detail falls back to the id, then to nothing', () => {
    const pending = checkChangeSet(
      parseChangeSet(
        { StackName: 's', ChangeSetId: 'arn:cs', Status: 'CREATE_PENDING', Changes: [] },
        'x.json',
      ),
      'x.json',
    );
    expect({ detail: pending.input.detail, warnings: pending.warnings }).toEqual({
      detail: 'arn:cs',
      warnings: ['s: change set status is CREATE_PENDING'],
    });
    const bare = checkChangeSet(parseChangeSet({ StackName: 's', Changes: [] }, 'x.json'), 'x.json');
    expect({ detail: bare.input.detail, warnings: bare.warnings }).toEqual({ detail: '', warnings: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Terraform plan builders (shapes of fixtures/plan-*.json)

const rcOf = (address: string, actions: string[], extra: Json = {}, changeExtra: Json = {}): Json => ({
  address,
  mode: 'managed',
  type: address.split('.')[0],
  name: address.split('.')[1],
  provider_name: 'registry.terraform.io/hashicorp/azurerm',
  change: { actions, before: null, after: null, after_unknown: {}, ...changeExtra },
  ...extra,
});

const plan = (resourceChanges: Json[], extra: Json = {}) =>
  parseTerraformPlan(
    { format_version: '1.2', terraform_version: '1.11.4', resource_changes: resourceChanges, ...extra },
    'plan.json',
  );

const tfCheck = (resourceChanges: Json[], extra: Json = {}) =>
  checkTerraformPlan(plan(resourceChanges, extra), 'plan.json', 'conn');

describe('Terraform plan: parsing and the stack of a plan argument', () => {
  test('malformed plans name the field, or (root)', () => {
    expect(() => parseTerraformPlan({ resource_changes: [] }, 'x.json')).toThrow(
      new GateInputError(
        'x.json',
        'is not the JSON of `terraform show -json <planfile>`: format_version Invalid input: expected string, received undefined',
      ),
    );
    expect(() => parseTerraformPlan(null, 'x.json')).toThrow(
      'x.json: is not the JSON of `terraform show -json <planfile>`: (root) Invalid input: expected object, received null',
    );
    expect(() =>
      parseTerraformPlan({ format_version: '1.2', resource_changes: [rcOf('azurerm_x.y', [])] }, 'x.json'),
    ).toThrow(
      'x.json: is not the JSON of `terraform show -json <planfile>`: resource_changes.0.change.actions Too small: expected array to have >=1 items',
    );
  });

  test('a plan without resource_changes has none', () => {
    expect(parseTerraformPlan({ format_version: '1.2' }, 'x.json')).toEqual({
      format_version: '1.2',
      resource_changes: [],
    });
  });

  test.each([
    ['conn=/tmp/p.json', { stack: 'conn', file: '/tmp/p.json' }],
    ['a=b=c.json', { stack: 'a', file: 'b=c.json' }],
    ['=p.json', { stack: '=p', file: '=p.json' }],
    ['dir/a=b.json', { stack: 'a=b', file: 'dir/a=b.json' }],
    ['cdktf.out/stacks/links/plan.json', { stack: 'links', file: 'cdktf.out/stacks/links/plan.json' }],
    ['stacks/links/plan.json', { stack: 'links', file: 'stacks/links/plan.json' }],
    ['out/mystacks/links/plan.json', { stack: 'plan', file: 'out/mystacks/links/plan.json' }],
    ['out/stacks/links', { stack: 'links', file: 'out/stacks/links' }],
    ['out/plan-links.json', { stack: 'links', file: 'out/plan-links.json' }],
    ['out/tfplan-links.tfplan.json', { stack: 'links', file: 'out/tfplan-links.tfplan.json' }],
    ['links.tfplan', { stack: 'links', file: 'links.tfplan' }],
    ['out/myplan-links.json', { stack: 'myplan-links', file: 'out/myplan-links.json' }],
    ['out/links.json.bak', { stack: 'links.json.bak', file: 'out/links.json.bak' }],
    ['out/links.tfplan.json', { stack: 'links', file: 'out/links.tfplan.json' }],
  ])('%s', (argument, expectedResult) => {
    expect(stackOfPlanArgument(argument)).toEqual(expectedResult);
  });
});

describe('Terraform plan: changed paths', () => {
  test.each([
    ['unknown after apply, nested', { id: 'a' }, {}, { id: true }, ['id']],
    ['unknown at the root has no path', 'a', 'b', true, []],
    ['a changed value at the root has no path', 'a', 'b', undefined, []],
    ['null and absent are equal', { a: null }, {}, undefined, []],
    ['list indexes, a longer list', { l: [1, 2] }, { l: [1, 3, 4] }, undefined, ['l.1', 'l.2']],
    ['a shorter list', { l: [1, 2] }, { l: [1] }, undefined, ['l.1']],
    ['a null added at the end of a list', { l: [1] }, { l: [1, null] }, undefined, ['l.1']],
    ['a null removed from the end of a list', { l: [1, null] }, { l: [1] }, undefined, ['l.1']],
    ['unknown inside a list', { l: [{ x: 1 }] }, { l: [{ x: 1 }] }, { l: [{ x: true }] }, ['l.0.x']],
    ['unknown list that is not an array', { l: [1] }, { l: [1] }, { l: 'no' }, []],
    ['keys of before, after and unknown', { a: 1 }, { b: 2 }, { c: true }, ['a', 'b', 'c']],
    ['unknown map that is not an object', { a: { b: 1 } }, { a: { b: 1 } }, { a: [true] }, []],
    ['a list replaced by a map', { a: [1] }, { a: { x: 1 } }, undefined, ['a']],
    ['nested maps', { a: { b: { c: 1, d: 2 } } }, { a: { b: { c: 1, d: 3 } } }, {}, ['a.b.d']],
    ['top-level lists', [1, 2], [1, 5], undefined, ['1']],
  ])('%s', (_name, before, after, unknown, paths) => {
    expect(changedPaths(before, after, unknown)).toEqual(paths);
  });
});

describe('Terraform plan: classification of each action', () => {
  const resultOf = perMutant(() =>
    tfCheck([
      rcOf(
        'azurerm_resource_group.new',
        ['create'],
        {},
        { after: { name: 'rg', location: 'japaneast' }, after_unknown: { id: true } },
      ),
      rcOf(
        'azurerm_virtual_hub.hub',
        ['update'],
        {},
        {
          before: { address_prefix: '10.0.0.0/23', tags: { a: '1' } },
          after: { address_prefix: '10.0.0.0/23', tags: { a: '2' } },
        },
      ),
      rcOf(
        'azurerm_subnet.s',
        ['delete', 'create'],
        { action_reason: 'replace_because_cannot_update' },
        {
          before: { address_prefixes: ['10.0.0.0/24'], name: 's' },
          after: { address_prefixes: ['10.0.1.0/24'], name: 's' },
          replace_paths: [['address_prefixes', 0]],
        },
      ),
      rcOf(
        'azurerm_public_ip.p',
        ['create', 'delete'],
        {},
        {
          before: { sku: 'Basic', zones: ['1'] },
          after: { sku: 'Standard', zones: ['2'] },
        },
      ),
      rcOf('azurerm_network_security_group.n', ['delete'], {
        action_reason: 'delete_because_no_resource_config',
      }),
      rcOf('azurerm_route_table.r', ['forget']),
      rcOf('azurerm_resource_group.rg', ['no-op'], {}, { before: { name: 'rg' }, after: { name: 'rg' } }),
      rcOf('azurerm_resource_group.moved', ['no-op'], { previous_address: 'azurerm_resource_group.old' }),
      rcOf('azurerm_resource_group.same', ['no-op'], { previous_address: 'azurerm_resource_group.same' }),
      rcOf('azurerm_resource_group.read', ['read'], { previous_address: 'azurerm_resource_group.was' }),
      rcOf('data.azurerm_client_config.c', ['read'], { mode: 'data', type: 'azurerm_client_config' }),
      rcOf('data.azurerm_subnet.d', ['delete'], { mode: 'data', type: 'azurerm_subnet' }),
      {
        ...rcOf('azurerm_vpn_site.renamed', ['update'], { previous_address: 'azurerm_vpn_site.old' }),
        mode: undefined,
      },
    ]),
  );
  let result: ReturnType<typeof tfCheck>;
  // Computed in each test of a mutation run (test/support/per-mutant.ts), once otherwise.
  beforeEach(() => {
    result = resultOf();
  });

  test('changes: create adds, update updates, either order of delete and create replaces, delete deletes, forget orphans; no-op and read only as renames; data sources skipped', () => {
    const c = (resource: string, type: string, action: string, paths: string[] = [], extra: Json = {}) => ({
      cloud: 'azure',
      stack: 'conn',
      resource,
      type,
      action,
      paths,
      ...extra,
    });
    expect(result.changes).toEqual([
      c('azurerm_resource_group.new', 'azurerm_resource_group', 'add'),
      c('azurerm_virtual_hub.hub', 'azurerm_virtual_hub', 'update', ['tags.a']),
      c('azurerm_subnet.s', 'azurerm_subnet', 'replacement', ['address_prefixes.0']),
      c('azurerm_public_ip.p', 'azurerm_public_ip', 'replacement', ['sku', 'zones.0']),
      c('azurerm_network_security_group.n', 'azurerm_network_security_group', 'delete'),
      c('azurerm_route_table.r', 'azurerm_route_table', 'orphan'),
      c('azurerm_resource_group.moved', 'azurerm_resource_group', 'update', [], {
        renamedFrom: 'azurerm_resource_group.old',
      }),
      c('azurerm_resource_group.read', 'azurerm_resource_group', 'update', [], {
        renamedFrom: 'azurerm_resource_group.was',
      }),
      c('azurerm_vpn_site.renamed', 'azurerm_vpn_site', 'update', [], {
        renamedFrom: 'azurerm_vpn_site.old',
      }),
    ]);
    expect(result.changes.map((x) => Object.keys(x).length)).toEqual([6, 6, 6, 6, 6, 6, 7, 7, 7]);
  });

  test('input, counts and the ForceNew table warning for an attribute it lists as in place', () => {
    expect(result.input).toEqual({
      kind: 'terraform-plan',
      file: 'plan.json',
      stack: 'conn',
      detail: 'terraform 1.11.4',
      counts: { add: 1, update: 2, replace: 2, delete: 2, other: 0 },
    });
    expect(result.warnings).toEqual([
      'conn/azurerm_subnet.s: Terraform replaces it for address_prefixes.0, which the ForceNew table (azurerm 4.55.0) lists as in place: regenerate lib/review/rules/azurerm-force-new.json if the provider version changed',
    ]);
  });

  test('findings: replacements warn with replace_paths or the changed paths as cause; deletions and forgets warn', () => {
    expect(result.findings).toEqual([
      fnd(
        'warn replacement resource-replaced azure conn azurerm_subnet.s azurerm_subnet replacement',
        ['address_prefixes.0'],
        'Terraform replaces azurerm_subnet.s because address_prefixes.0 force(s) a new resource (replace_because_cannot_update).',
        'the resource is re-created with a new ID',
      ),
      fnd(
        'warn replacement resource-replaced azure conn azurerm_public_ip.p azurerm_public_ip replacement',
        ['sku', 'zones.0'],
        'Terraform replaces azurerm_public_ip.p because sku, zones.0 force(s) a new resource.',
        'the resource is re-created with a new ID',
      ),
      fnd(
        'warn deletion resource-deleted azure conn azurerm_network_security_group.n azurerm_network_security_group delete',
        ['removed from the configuration'],
        'Terraform destroys azurerm_network_security_group.n (delete_because_no_resource_config).',
        'the resource is deleted',
      ),
      fnd(
        'warn deletion resource-deleted azure conn azurerm_route_table.r azurerm_route_table orphan',
        ['removed block (forget)'],
        'Terraform forgets azurerm_route_table.r (removed from state, kept in Azure).',
        'no immediate effect; the resource keeps running unmanaged',
      ),
    ]);
  });

  test('stateful: replaced and destroyed block, forgotten warns; a gateway replacement is the whole tier', () => {
    const gateway = 'azurerm_point_to_site_vpn_gateway.g';
    const { findings, warnings, changes } = tfCheck([
      rcOf(
        'azurerm_express_route_circuit.c',
        ['delete', 'create'],
        {},
        {
          before: { peering_location: 'Tokyo', bandwidth_in_mbps: 1000 },
          after: { peering_location: 'Tokyo2', bandwidth_in_mbps: 1000 },
          replace_paths: [['peering_location']],
        },
      ),
      rcOf(
        gateway,
        ['create', 'delete'],
        { previous_address: 'azurerm_point_to_site_vpn_gateway.old' },
        {
          before: { vpn_server_configuration_id: 'a' },
          after: { vpn_server_configuration_id: 'b' },
          replace_paths: [['vpn_server_configuration_id']],
        },
      ),
      rcOf('azurerm_log_analytics_workspace.w', ['delete'], {
        action_reason: 'delete_because_no_resource_config',
      }),
      rcOf('azurerm_virtual_hub.h', ['forget']),
      rcOf(
        'azurerm_linux_virtual_machine.vm',
        ['delete', 'create'],
        {},
        {
          replace_paths: [['size'], ['admin_username'], ['size']],
        },
      ),
    ]);
    expect(findings).toEqual([
      fnd(
        'block replacement stateful-replaced azure conn azurerm_express_route_circuit.c azurerm_express_route_circuit replacement',
        ['peering_location'],
        'Terraform replaces azurerm_express_route_circuit.c because peering_location force(s) a new resource.',
        'a new service key: the provider (e.g. IIJ) must provision the circuit again (days to weeks); private and Microsoft peering traffic stops meanwhile and billing starts again',
      ),
      fnd(
        `block replacement stateful-replaced azure conn ${gateway} azurerm_point_to_site_vpn_gateway replacement`,
        ['vpn_server_configuration_id'],
        `Terraform replaces ${gateway} because vpn_server_configuration_id force(s) a new resource.`,
        'every connected user of the hub is dropped (up to 100,000 per hub, LIMITS.md "Azure Virtual WAN point-to-site") and cannot reconnect until the new gateway is up (tens of minutes)',
      ),
      fnd(
        `block replacement tier-all-endpoints-replaced azure conn ${gateway} azurerm_point_to_site_vpn_gateway replacement`,
        ['vpn_server_configuration_id'],
        `${gateway} is the only point-to-site gateway of its hub, so replacing it replaces every endpoint of the tier at once.`,
        'every user of the hub is dropped and none can reconnect until the new gateway is up',
        false,
      ),
      fnd(
        'block deletion stateful-deleted azure conn azurerm_log_analytics_workspace.w azurerm_log_analytics_workspace delete',
        ['removed from the configuration'],
        'Terraform destroys azurerm_log_analytics_workspace.w (delete_because_no_resource_config).',
        'the log history is lost after the soft-delete period',
      ),
      fnd(
        'warn deletion stateful-orphaned azure conn azurerm_virtual_hub.h azurerm_virtual_hub orphan',
        ['removed block (forget)'],
        'Terraform forgets azurerm_virtual_hub.h (removed from state, kept in Azure).',
        'no immediate effect; the resource keeps running unmanaged',
      ),
      fnd(
        'warn replacement resource-replaced azure conn azurerm_linux_virtual_machine.vm azurerm_linux_virtual_machine replacement',
        ['admin_username', 'size'],
        'Terraform replaces azurerm_linux_virtual_machine.vm because admin_username, size force(s) a new resource.',
        'the resource is re-created with a new ID',
      ),
    ]);
    // Types the ForceNew table does not know, and attributes it lists as ForceNew: no warning.
    expect(warnings).toEqual([]);
    expect(changes[1]).toEqual({
      cloud: 'azure',
      stack: 'conn',
      resource: gateway,
      type: 'azurerm_point_to_site_vpn_gateway',
      action: 'replacement',
      paths: ['vpn_server_configuration_id'],
      renamedFrom: 'azurerm_point_to_site_vpn_gateway.old',
    });
  });

  test('a replacement with nothing changed and no replace_paths has no cause; an errored plan warns; no version, no detail', () => {
    const { findings, warnings, input } = tfCheck(
      [
        rcOf(
          'azurerm_subnet.s',
          ['delete', 'create'],
          {},
          { before: { name: 's' }, after: { name: 's' }, replace_paths: [] },
        ),
      ],
      { errored: true, terraform_version: undefined },
    );
    expect(findings).toEqual([
      fnd(
        'warn replacement resource-replaced azure conn azurerm_subnet.s azurerm_subnet replacement',
        [],
        'Terraform replaces azurerm_subnet.s.',
        'the resource is re-created with a new ID',
      ),
    ]);
    expect(warnings).toEqual(['conn: the plan is marked errored; it cannot be applied']);
    expect(input).toEqual({
      kind: 'terraform-plan',
      file: 'plan.json',
      stack: 'conn',
      detail: '',
      counts: { add: 0, update: 0, replace: 1, delete: 0, other: 0 },
    });
    expect(tfCheck([], { errored: false }).warnings).toEqual([]);
  });

  test('an empty plan', () => {
    expect(tfCheck([])).toEqual({
      input: {
        kind: 'terraform-plan',
        file: 'plan.json',
        stack: 'conn',
        detail: 'terraform 1.11.4',
        counts: { add: 0, update: 0, replace: 0, delete: 0, other: 0 },
      },
      findings: [],
      changes: [],
      warnings: [],
    });
  });
});

describe('Terraform plan: in-place updates that cause downtime', () => {
  test('scale units and the connection configuration of a point-to-site gateway, each with its own cause', () => {
    const address = 'azurerm_point_to_site_vpn_gateway.g';
    const pool = (prefix: string) => [
      { name: 'telework', vpn_client_address_pool: [{ address_prefixes: [prefix] }] },
    ];
    const { findings, changes } = tfCheck([
      rcOf(
        address,
        ['update'],
        {},
        {
          before: { scale_unit: 1, connection_configuration: pool('10.0.0.0/16'), tags: { x: '1' } },
          after: { scale_unit: 2, connection_configuration: pool('10.1.0.0/16'), tags: { x: '2' } },
        },
      ),
      rcOf(
        'azurerm_point_to_site_vpn_gateway.tags',
        ['update'],
        {},
        { before: { tags: { x: '1' } }, after: { tags: {} } },
      ),
    ]);
    const poolPath = 'connection_configuration.0.vpn_client_address_pool.0.address_prefixes.0';
    expect(changes.map((c) => c.paths)).toEqual([['scale_unit', poolPath, 'tags.x'], ['tags.x']]);
    const downtime = (rule: string, cause: string[], what: string, source: string) =>
      fnd(
        `warn interruption ${rule} azure conn ${address} azurerm_point_to_site_vpn_gateway interruption`,
        cause,
        `Terraform updates ${address} in place, but ${what} (LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; ${source}: "Changing scale units or the point-to-site configuration causes downtime: plan it.").`,
        'users of the gateway cannot connect while the change is applied',
      );
    expect(findings).toEqual([
      downtime(
        'session-p2s-scale-unit',
        ['scale_unit'],
        'changing the scale units of a point-to-site gateway causes downtime for its users',
        'https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq',
      ),
      downtime(
        'session-p2s-connection-configuration',
        [poolPath],
        "changing the point-to-site configuration (connection configurations, client address pools, routes, DNS servers) causes downtime for the gateway's users",
        'https://learn.microsoft.com/azure/virtual-wan/point-to-site-concepts',
      ),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Report

const mk = (over: Partial<FindingInput>): Finding =>
  makeFinding({
    severity: 'warn',
    category: 'replacement',
    rule: 'resource-replaced',
    cloud: 'aws',
    stack: 's',
    resource: 'R',
    type: 'T',
    action: 'update',
    cause: [],
    message: 'm.',
    userImpact: 'u',
    ...over,
  });

const inputOf = (stack: string, kind: 'aws-change-set' | 'terraform-plan', detail: string, file: string) => ({
  kind,
  file,
  stack,
  detail,
  counts: { add: 1, update: 2, replace: 3, delete: 4, other: 5 },
});

const gateCheck = (
  input: GateCheck['input'],
  findings: Finding[],
  extra: Partial<GateCheck> = {},
): GateCheck => ({
  input,
  findings,
  changes: [],
  warnings: [],
  ...extra,
});

const ack = (fingerprint: string, reference = 'CR-9', expires = '2027-01-31') => ({
  fingerprint,
  reason: 'planned in the window',
  reference,
  expires,
});

describe('report: acknowledgements, order and verdict', () => {
  test('sorted by severity, unacknowledged first, stack, resource, rule; the same finding twice counts once', () => {
    const f = (severity: 'block' | 'warn' | 'info', stack: string, resource: string, rule: string) =>
      mk({ severity, stack, resource, rule });
    const acked = f('block', 'a', 'A', 'z');
    const list = [
      f('info', 'a', 'A', 'a'),
      f('warn', 'b', 'A', 'a'),
      f('warn', 'a', 'B', 'a'),
      acked,
      f('block', 't', 'A', 'a'),
      f('block', 's', 'B', 'a'),
      f('block', 's', 'A', 'c'),
      f('block', 's', 'A', 'b'),
    ];
    const report = buildGateReport(
      [
        gateCheck(inputOf('x', 'aws-change-set', '', 'x'), list),
        gateCheck(inputOf('y', 'aws-change-set', '', 'y'), list.slice(4)),
      ],
      [ack(acked.id)],
      TODAY,
    );
    expect(report.findings.map((x) => [x.severity, x.acknowledged, x.stack, x.resource, x.rule])).toEqual([
      ['block', false, 's', 'A', 'b'],
      ['block', false, 's', 'A', 'c'],
      ['block', false, 's', 'B', 'a'],
      ['block', false, 't', 'A', 'a'],
      ['block', true, 'a', 'A', 'z'],
      ['warn', false, 'a', 'B', 'a'],
      ['warn', false, 'b', 'A', 'a'],
      ['info', false, 'a', 'A', 'a'],
    ]);
    expect(report.verdict).toBe('block');
  });

  const B1 = mk({
    severity: 'block',
    rule: 'stateful-replaced',
    resource: 'R|1',
    type: 'AWS::EC2::ClientVpnEndpoint',
    action: 'replacement',
    cause: ['P.b', 'P.a'],
    message: 'replaced.',
    userImpact: 'line1\nline2 | x',
  });
  const B2 = mk({
    severity: 'block',
    rule: 'tier-all-endpoints-replaced',
    resource: '',
    action: undefined,
    message: 'all endpoints.',
    userImpact: 'all users',
  });
  const A1 = mk({
    severity: 'block',
    rule: 'stateful-deleted',
    resource: 'Dir',
    action: 'delete',
    message: 'deleted.',
  });
  const W1 = mk({ stack: 't', resource: '', message: 'warned.' });
  const I1 = mk({ severity: 'info', rule: 'replaced-with-parent', resource: 'Child', message: 'folded.' });
  const reportOf = perMutant(() =>
    buildGateReport(
      [
        gateCheck(inputOf('stack-a', 'aws-change-set', 'cs-1', 'a|b.json'), [W1, B1, A1], {
          changes: [
            { cloud: 'aws', stack: 'stack-a', resource: 'R|1', type: 'T', action: 'replacement', paths: [] },
          ],
          warnings: ['w1'],
        }),
        gateCheck(inputOf('conn', 'terraform-plan', '', 'plan.json'), [I1, B2], { warnings: ['w2'] }),
      ],
      [
        ack(A1.id),
        ack(B2.id),
        ack('0000000000000000', 'CR-old', '2026-11-30'),
        ack('1111111111111111', 'CR-none'),
      ],
      TODAY,
    ),
  );
  let report: ReturnType<typeof buildGateReport>;
  // Computed in each test of a mutation run (test/support/per-mutant.ts), once otherwise.
  beforeEach(() => {
    report = reportOf();
  });

  test('the whole report: applied, refused, expired and unmatched acknowledgements; block verdict', () => {
    const acknowledgement = { reason: 'planned in the window', reference: 'CR-9', expires: '2027-01-31' };
    expect(report).toEqual({
      schemaVersion: 1,
      kind: 'gate',
      verdict: 'block',
      inputs: [
        inputOf('stack-a', 'aws-change-set', 'cs-1', 'a|b.json'),
        inputOf('conn', 'terraform-plan', '', 'plan.json'),
      ],
      findings: [B2, B1, { ...A1, acknowledged: true, acknowledgement }, W1, I1],
      changes: [
        { cloud: 'aws', stack: 'stack-a', resource: 'R|1', type: 'T', action: 'replacement', paths: [] },
      ],
      acks: {
        applied: [{ fingerprint: A1.id, ...acknowledgement }],
        expired: [{ fingerprint: '0000000000000000', expires: '2026-11-30', reference: 'CR-old' }],
        unmatched: [{ fingerprint: '1111111111111111', reference: 'CR-none' }],
        refused: [
          { fingerprint: B2.id, why: 'tier-all-endpoints-replaced cannot be acknowledged: all endpoints.' },
        ],
      },
      warnings: ['w1', 'w2'],
    });
  });

  test('Markdown of a blocking report, every section', () => {
    expect(renderGateMarkdown(report)).toBe(
      [
        '**Deploy gate: BLOCK** - 2 unacknowledged blocking finding(s) in 2 input(s); nothing is executed.',
        '',
        '### Blocking',
        '',
        '| id | stack | resource | type | action | cause | what it means for users |',
        '|---|---|---|---|---|---|---|',
        `| \`${B2.id}\` | s | - | T |  | - | all users |`,
        `| \`${B1.id}\` | s | R\\|1 | AWS::EC2::ClientVpnEndpoint | replacement | P.b, P.a | line1 line2 \\| x |`,
        '',
        `- \`${B2.id}\` tier-all-endpoints-replaced: all endpoints. (cannot be acknowledged)`,
        `- \`${B1.id}\` stateful-replaced: replaced.`,
        '',
        'To deploy anyway, a person acknowledges each acknowledgeable finding in `config/review-acks.yaml` (fingerprint, reason, reference, expiry); see docs/deploy-gates.md.',
        '',
        '### Acknowledged',
        '',
        `- \`${A1.id}\` stateful-deleted s/Dir: deleted. Acknowledged: planned in the window (CR-9, until 2027-01-31).`,
        '',
        '### Warnings and information',
        '',
        `- warn \`${W1.id}\` resource-replaced t/-: warned.`,
        `- info \`${I1.id}\` replaced-with-parent s/Child: folded.`,
        '',
        '### Inputs',
        '',
        '| stack | source | add | update | replace | delete | file |',
        '|---|---|---|---|---|---|---|',
        '| stack-a | cs-1 | 1 | 2 | 3 | 4 | a\\|b.json |',
        '| conn | terraform-plan | 1 | 2 | 3 | 4 | plan.json |',
        '',
        '### Acknowledgements',
        '',
        '- expired: `0000000000000000` (CR-old, ended 2026-11-30)',
        `- refused: \`${B2.id}\`: tier-all-endpoints-replaced cannot be acknowledged: all endpoints.`,
        '- 1 acknowledgement(s) match nothing in these inputs (normal when gating one stack at a time)',
        '',
        '> warning: w1',
        '> warning: w2',
        '',
      ].join('\n'),
    );
  });

  test('Markdown of passing reports: change sets with one acknowledged, plans with an unmatched acknowledgement, no inputs at all', () => {
    const aws = buildGateReport(
      [gateCheck(inputOf('stack-a', 'aws-change-set', 'cs-1', 'cs.json'), [A1, W1])],
      [ack(A1.id)],
      TODAY,
    );
    expect(aws.verdict).toBe('pass');
    expect(renderGateMarkdown(aws).split('\n')[0]).toBe(
      '**Deploy gate: PASS** - 1 change set(s), 2 finding(s), none blocking (1 acknowledged).',
    );
    const plans = buildGateReport(
      [gateCheck(inputOf('conn', 'terraform-plan', 'terraform 1.11.4', 'p.json'), [])],
      [ack('1111111111111111')],
      TODAY,
    );
    expect(renderGateMarkdown(plans)).toBe(
      [
        '**Deploy gate: PASS** - 1 plan(s), 0 finding(s), none blocking.',
        '',
        '### Inputs',
        '',
        '| stack | source | add | update | replace | delete | file |',
        '|---|---|---|---|---|---|---|',
        '| conn | terraform 1.11.4 | 1 | 2 | 3 | 4 | p.json |',
        '',
        '### Acknowledgements',
        '',
        '- 1 acknowledgement(s) match nothing in these inputs (normal when gating one stack at a time)',
        '',
      ].join('\n'),
    );
    expect(renderGateMarkdown(buildGateReport([], [ack('1111111111111111')], TODAY))).toBe(
      [
        '**Deploy gate: PASS** - 0 plan(s), 0 finding(s), none blocking.',
        '',
        '### Inputs',
        '',
        '| stack | source | add | update | replace | delete | file |',
        '|---|---|---|---|---|---|---|',
        '',
      ].join('\n'),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Stack policy

describe('stack policy', () => {
  const template: TemplateResources = {
    b: { Type: 'AWS::EC2::ClientVpnEndpoint' },
    A: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 't' } },
    c: { Type: 'AWS::SNS::Topic' },
    d: {},
    e: { Type: 7 as unknown as string },
  };
  const allow = { Effect: 'Allow', Action: 'Update:*', Principal: '*', Resource: '*' };
  const deny = (...ids: string[]) => ({
    Effect: 'Deny',
    Action: ['Update:Replace', 'Update:Delete'],
    Principal: '*',
    Resource: ids.map((id) => `LogicalResourceId/${id}`),
  });

  test('stateful logical IDs, sorted; untyped and non-stateful resources are left out', () => {
    expect(statefulLogicalIds(template)).toEqual(['A', 'b']);
    expect(statefulLogicalIds({})).toEqual([]);
  });

  test('allow every update, deny replace and delete on the stateful resources not exempted', () => {
    expect(stackPolicyFor(template)).toEqual({ Statement: [allow, deny('A', 'b')] });
    expect(stackPolicyFor(template, ['b', 'c', 'missing'])).toEqual({ Statement: [allow, deny('A')] });
    expect(stackPolicyFor(template, ['A', 'b'])).toEqual({ Statement: [allow] });
    expect(stackPolicyFor({ c: { Type: 'AWS::SNS::Topic' } })).toEqual({ Statement: [allow] });
  });

  test('a policy of exactly 16384 bytes is allowed; one byte more throws', () => {
    const resources = (lastIdLength: number): TemplateResources =>
      Object.fromEntries([
        ...Array.from({ length: 265 }, (_, i) => [
          `Table${String(i).padStart(35, '0')}`,
          { Type: 'AWS::DynamoDB::Table' },
        ]),
        ['Z'.repeat(lastIdLength), { Type: 'AWS::DynamoDB::Table' }],
      ]);
    expect(Buffer.byteLength(JSON.stringify(stackPolicyFor(resources(22))))).toBe(16_384);
    expect(() => stackPolicyFor(resources(23))).toThrow(
      "stack policy of 266 resources is 16385 bytes, above CloudFormation's 16384: split the stack",
    );
  });

  const changeOf = (cloud: 'aws' | 'azure', stack: string, resource: string, action: Finding['action']) => ({
    cloud,
    stack,
    resource,
    type: 'T',
    action: action ?? 'update',
    paths: [],
  });
  const passingOf = perMutant(() =>
    buildGateReport(
      [
        gateCheck(inputOf('s', 'aws-change-set', '', 'x'), [], {
          changes: [
            changeOf('aws', 's', 'Zeta', 'replacement'),
            changeOf('aws', 's', 'May', 'may-replace'),
            changeOf('aws', 's', 'Gone', 'delete'),
            changeOf('aws', 's', 'Kept', 'orphan'),
            changeOf('aws', 's', 'Zeta', 'replacement'),
            changeOf('aws', 's', 'Added', 'add'),
            changeOf('aws', 's', 'Updated', 'update'),
            changeOf('aws', 's', 'Dropping', 'interruption'),
            changeOf('aws', 'other', 'Elsewhere', 'delete'),
            changeOf('azure', 's', 'azurerm_x.y', 'replacement'),
          ],
        }),
      ],
      [],
      TODAY,
    ),
  );
  let passing: ReturnType<typeof buildGateReport>;
  // Computed in each test of a mutation run (test/support/per-mutant.ts), once otherwise.
  beforeEach(() => {
    passing = passingOf();
  });

  test('exemptions of a passing report: replaced, may-replace, deleted and orphaned AWS resources of the stack, unique and sorted', () => {
    expect(exemptionsFromGateReport(passing, 's')).toEqual(['Gone', 'Kept', 'May', 'Zeta']);
    expect(exemptionsFromGateReport(passing, undefined)).toEqual([
      'Elsewhere',
      'Gone',
      'Kept',
      'May',
      'Zeta',
    ]);
    expect(exemptionsFromGateReport(passing, 'unseen')).toEqual([]);
  });

  test('a blocking report exempts nothing: it throws', () => {
    const blocking: GateReport = { ...passing, verdict: 'block' };
    expect(() => exemptionsFromGateReport(blocking, 's')).toThrow(
      new Error('the gate report blocks: its change set must not be executed, so nothing is exempted'),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Files: index.ts

describe('runGate and its file readers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagi-gate-decisions-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  test('readJson: a missing file and a file that is not JSON', () => {
    const missing = join(dir, 'missing.json');
    expect(() => readJson(missing)).toThrow(new GateInputError(missing, 'does not exist'));
    const bad = write('bad.json', '{"a":');
    let parseMessage = '';
    try {
      JSON.parse('{"a":');
    } catch (e) {
      parseMessage = (e as Error).message;
    }
    expect(() => readJson(bad)).toThrow(`${bad}: is not JSON (${parseMessage})`);
    expect(readJson(write('ok.json', { a: [1] }))).toEqual({ a: [1] });
  });

  test('loadTemplates: CloudFormation stack artifacts with a template file, by stack name or artifact id', () => {
    const cdkOut = join(dir, 'cdk.out');
    mkdirSync(cdkOut, { recursive: true });
    writeFileSync(
      join(cdkOut, 'A.template.json'),
      JSON.stringify({ Resources: { T: { Type: 'AWS::DynamoDB::Table' } } }),
    );
    writeFileSync(join(cdkOut, 'B.template.json'), JSON.stringify({ Outputs: {} }));
    writeFileSync(
      join(cdkOut, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          A: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: 'A.template.json', stackName: 'stack-a' },
          },
          B: { type: 'aws:cloudformation:stack', properties: { templateFile: 'B.template.json' } },
          C: { type: 'cdk:asset-manifest', properties: { templateFile: 'A.template.json' } },
          D: { type: 'aws:cloudformation:stack', properties: {} },
          E: { type: 'aws:cloudformation:stack' },
        },
      }),
    );
    expect([...loadTemplates(cdkOut)]).toEqual([
      ['stack-a', { T: { Type: 'AWS::DynamoDB::Table' } }],
      ['B', {}],
    ]);
    const empty = join(dir, 'empty.out');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'manifest.json'), '{}');
    expect([...loadTemplates(empty)]).toEqual([]);
  });

  test('readAcks: valid, missing when named, invalid with line and path', () => {
    const good = write(
      'good.yaml',
      `acknowledgements:\n  - fingerprint: 0123456789abcdef\n    reason: planned in the window\n    reference: CR-9\n    expires: 2027-01-31\n`,
    );
    const rel = (f: string) => relative(process.cwd(), f);
    expect(readAcks(good)).toEqual({
      ok: true,
      acknowledgements: [ack('0123456789abcdef')],
      file: rel(good),
    });
    const missing = join(dir, 'none.yaml');
    expect(readAcks(missing)).toEqual({ ok: false, message: `${rel(missing)}: (root): does not exist` });
    const bad = write(
      'bad.yaml',
      `acknowledgements:\n  - fingerprint: XYZ\n    reason: planned in the window\n    reference: CR-9\n    expires: 2027-01-31\n`,
    );
    const message = `${rel(bad)}:2: acknowledgements.0.fingerprint: must be the 16-character id of a finding (\`id\` in the review JSON)`;
    expect(readAcks(bad)).toEqual({ ok: false, message });
    expect(() => runGate({ acks: bad })).toThrow(new GateInputError(bad, `invalid:\n${message}`));
  });

  test('runGate: change sets with their cdk.out template, plans by name=file, acknowledgements applied', () => {
    const cdkOut = join(dir, 'run.out');
    mkdirSync(cdkOut, { recursive: true });
    writeFileSync(
      join(cdkOut, 'S.template.json'),
      JSON.stringify({ Resources: { Endpoint: { Type: 'AWS::EC2::ClientVpnEndpoint' } } }),
    );
    writeFileSync(
      join(cdkOut, 'manifest.json'),
      JSON.stringify({
        artifacts: {
          S: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: 'S.template.json', stackName: STACK },
          },
        },
      }),
    );
    const cs = write('cs.json', {
      StackName: STACK,
      ChangeSetName: 'cs-1',
      Changes: [
        modify('Endpoint', 'AWS::EC2::ClientVpnEndpoint', 'True', [prop('ClientCidrBlock', 'Always')]),
      ],
    });
    const planFile = write('p.json', {
      format_version: '1.2',
      terraform_version: '1.11.4',
      resource_changes: [rcOf('azurerm_virtual_hub.h', ['delete'])],
    });
    const endpointId = fnd(
      'block replacement stateful-replaced aws stack-a Endpoint AWS::EC2::ClientVpnEndpoint replacement',
      ['Properties.ClientCidrBlock'],
      '',
      '',
    ).id;
    const acks = write(
      'acks.yaml',
      `acknowledgements:\n  - fingerprint: ${endpointId}\n    reason: planned in the window\n    reference: CR-9\n    expires: 2027-01-31\n`,
    );
    const report = runGate({
      awsChangeSets: [cs],
      terraformPlans: [`conn=${planFile}`],
      acks,
      cdkOut,
      today: TODAY,
    });
    expect(report.inputs.map((i) => [i.kind, i.stack, i.file, i.detail])).toEqual([
      ['aws-change-set', STACK, cs, 'cs-1'],
      ['terraform-plan', 'conn', planFile, 'terraform 1.11.4'],
    ]);
    expect(report.findings.map((f) => [f.rule, f.resource, f.acknowledged])).toEqual([
      ['stateful-deleted', 'azurerm_virtual_hub.h', false],
      ['tier-all-endpoints-replaced', '', false],
      ['stateful-replaced', 'Endpoint', true],
    ]);
    expect(report.verdict).toBe('block');
    expect(runGate({ acks, today: TODAY })).toEqual({
      schemaVersion: 1,
      kind: 'gate',
      verdict: 'pass',
      inputs: [],
      findings: [],
      changes: [],
      acks: {
        applied: [],
        expired: [],
        unmatched: [{ fingerprint: endpointId, reference: 'CR-9' }],
        refused: [],
      },
      warnings: [],
    });
  });
});
