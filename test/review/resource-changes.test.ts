/**
 * Resource changes of the review, pinned whole: what lib/review/aws-diff.ts and
 * lib/review/azure-diff.ts report for every kind of change between a base and a head tree
 * (add, update, replacement, may-replace, delete, orphan, rename, move, whole stacks), with
 * every field of each change and of each finding the diff emits, plus the path strings and
 * equality of lib/review/json-diff.ts and the handler descriptions of
 * lib/review/custom-resources.ts. The existing rule tests check rule names and counts; these
 * compare complete objects so that a changed word, branch or comparison fails a test.
 *
 * The first diffAws call loads @aws-cdk/cloudformation-diff (about 1 s); the module keeps it,
 * so it is loaded once for the file (beforeAll) and never reset between tests.
 */
import { diffAws } from '../../lib/review/aws-diff';
import { diffAzure } from '../../lib/review/azure-diff';
import { describeCustomResourceUpdate, isCustomResourceType } from '../../lib/review/custom-resources';
import { changedPaths, isPlainObject, jsonEqual, similarity, valueAtPath } from '../../lib/review/json-diff';
import { clone, diffHubStack, diffNetStack, HUB, handTree, NET, NEW_ID, TF_NEW_ID } from './support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built CloudFormation and Terraform JSON
type Json = any;

/** One AWS stack `net` and one Terraform stack `hub`, each diffed base to head (test/review/support.ts). */
const aws = diffNetStack;
const azure = diffHubStack;

const topic = (properties: Json, extra: Json = {}) => ({
  Type: 'AWS::SNS::Topic',
  Properties: properties,
  ...extra,
});
const group = (properties: Json = {}) => ({
  Type: 'AWS::EC2::SecurityGroup',
  Properties: { GroupDescription: 'links', VpcId: 'vpc-1', ...properties },
});
const resources = (r: Json) => ({ Resources: r });

beforeAll(() => {
  // Loads the CloudFormation diff module once for every test of the file.
  aws(resources({ T: topic({ DisplayName: 'a' }) }), resources({ T: topic({ DisplayName: 'b' }) }));
});

describe('AWS: add, update, replace, delete', () => {
  test('an added resource is an add with no paths and no finding', () => {
    expect(aws(resources({}), resources({ T: topic({ DisplayName: 'a' }) }))).toEqual({
      changes: [{ ...NET, resource: 'T', type: 'AWS::SNS::Topic', action: 'add', paths: [] }],
      findings: [],
    });
  });

  test('a removed plain resource is deleted (information)', () => {
    expect(aws(resources({ T: topic({ DisplayName: 'a' }) }), resources({}))).toEqual({
      changes: [{ ...NET, resource: 'T', type: 'AWS::SNS::Topic', action: 'delete', paths: [] }],
      findings: [
        {
          ...NET,
          resource: 'T',
          type: 'AWS::SNS::Topic',
          action: 'delete',
          rule: 'resource-deleted',
          severity: 'info',
          category: 'deletion',
          cause: ['removed from the template'],
          message: 'AWS::SNS::Topic T is deleted',
          userImpact: 'the resource is deleted',
        },
      ],
    });
  });

  test('a removed stateful resource blocks with its documented impact', () => {
    const logs = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } };
    expect(aws(resources({ Logs: logs }), resources({})).findings).toEqual([
      {
        ...NET,
        resource: 'Logs',
        type: 'AWS::Logs::LogGroup',
        action: 'delete',
        rule: 'stateful-deleted',
        severity: 'block',
        category: 'deletion',
        cause: ['removed from the template'],
        message: 'CloudWatch Logs log group (connection logs, flow logs, handler logs) Logs is deleted',
        userImpact: 'the log history is deleted (unless retained); audits lose the record',
      },
    ]);
  });

  test('DeletionPolicy Retain and RetainExceptOnCreate orphan; Snapshot and Delete delete', () => {
    const base = resources({
      A: topic({ DisplayName: 'a' }, { DeletionPolicy: 'Retain' }),
      B: topic({ DisplayName: 'b' }, { DeletionPolicy: 'RetainExceptOnCreate' }),
      C: topic({ DisplayName: 'c' }, { DeletionPolicy: 'Snapshot' }),
      D: topic({ DisplayName: 'd' }, { DeletionPolicy: 'Delete' }),
    });
    const result = aws(base, resources({}));
    expect(result.changes).toEqual([
      { ...NET, resource: 'A', type: 'AWS::SNS::Topic', action: 'orphan', paths: [] },
      { ...NET, resource: 'B', type: 'AWS::SNS::Topic', action: 'orphan', paths: [] },
      { ...NET, resource: 'C', type: 'AWS::SNS::Topic', action: 'delete', paths: [] },
      { ...NET, resource: 'D', type: 'AWS::SNS::Topic', action: 'delete', paths: [] },
    ]);
    expect(result.findings[0]).toEqual({
      ...NET,
      resource: 'A',
      type: 'AWS::SNS::Topic',
      action: 'orphan',
      rule: 'resource-orphaned',
      severity: 'info',
      category: 'deletion',
      cause: ['DeletionPolicy: Retain'],
      message: 'AWS::SNS::Topic A leaves the stack but is retained in the account (no longer managed)',
      userImpact:
        'nothing changes for users now; the resource keeps running and costing unmanaged until someone deletes it',
    });
    expect(result.findings.map((f) => `${f.resource} ${f.rule}`)).toEqual([
      'A resource-orphaned',
      'B resource-orphaned',
      'C resource-deleted',
      'D resource-deleted',
    ]);
  });

  test('a retained stateful resource is orphaned with a warning', () => {
    const logs = { Type: 'AWS::Logs::LogGroup', Properties: {}, DeletionPolicy: 'Retain' };
    expect(aws(resources({ Logs: logs }), resources({})).findings).toEqual([
      {
        ...NET,
        resource: 'Logs',
        type: 'AWS::Logs::LogGroup',
        action: 'orphan',
        rule: 'stateful-orphaned',
        severity: 'warn',
        category: 'deletion',
        cause: ['DeletionPolicy: Retain'],
        message:
          'CloudWatch Logs log group (connection logs, flow logs, handler logs) Logs leaves the stack but is retained in the account (no longer managed)',
        userImpact:
          'nothing changes for users now; the resource keeps running and costing unmanaged until someone deletes it',
      },
    ]);
  });

  test('an updatable property is an update with its path and no finding', () => {
    expect(
      aws(resources({ T: topic({ DisplayName: 'a' }) }), resources({ T: topic({ DisplayName: 'b' }) })),
    ).toEqual({
      changes: [
        {
          ...NET,
          resource: 'T',
          type: 'AWS::SNS::Topic',
          action: 'update',
          paths: ['Properties.DisplayName'],
        },
      ],
      findings: [],
    });
  });

  test('a create-only property replaces; the change lists only the replacing paths', () => {
    const head = group({ GroupDescription: 'links v2', SecurityGroupIngress: [{ CidrIp: '10.0.0.0/8' }] });
    expect(aws(resources({ G: group() }), resources({ G: head }))).toEqual({
      changes: [
        {
          ...NET,
          resource: 'G',
          type: 'AWS::EC2::SecurityGroup',
          action: 'replacement',
          paths: ['Properties.GroupDescription'],
        },
      ],
      findings: [
        {
          ...NET,
          resource: 'G',
          type: 'AWS::EC2::SecurityGroup',
          action: 'replacement',
          rule: 'resource-replaced',
          severity: 'warn',
          category: 'replacement',
          cause: ['Properties.GroupDescription'],
          message:
            'AWS::EC2::SecurityGroup G is replaced (a new resource, then the old one is deleted) because Properties.GroupDescription changed',
          userImpact: NEW_ID,
        },
      ],
    });
  });

  test('replacing a resource whose name the template fixes also blocks (fixed-name-replacement)', () => {
    const base = group({ GroupName: 'links' });
    const head = group({ GroupName: 'links', VpcId: 'vpc-2' });
    expect(aws(resources({ G: base }), resources({ G: head })).findings).toEqual([
      {
        ...NET,
        resource: 'G',
        type: 'AWS::EC2::SecurityGroup',
        action: 'replacement',
        rule: 'resource-replaced',
        severity: 'warn',
        category: 'replacement',
        cause: ['Properties.VpcId'],
        message:
          'AWS::EC2::SecurityGroup G is replaced (a new resource, then the old one is deleted) because Properties.VpcId changed',
        userImpact: NEW_ID,
      },
      {
        ...NET,
        resource: 'G',
        type: 'AWS::EC2::SecurityGroup',
        action: 'replacement',
        rule: 'fixed-name-replacement',
        severity: 'block',
        category: 'replacement',
        cause: ['Properties.GroupName', 'Properties.VpcId'],
        message:
          'G is replaced but its name is fixed (GroupName); CloudFormation creates the new resource first, the name is still taken, and the stack update fails and rolls back',
        userImpact:
          'the deployment fails and rolls back: none of the other changes of this stack are applied',
      },
    ]);
  });

  test('a replaced stateful resource blocks; what refers to it by Ref or GetAtt is replaced with it', () => {
    const vpc = (cidr: string) => ({ Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr } });
    const subnet = (vpcId: Json, cidr = '10.0.0.0/24') => ({
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: vpcId, CidrBlock: cidr },
    });
    const side = (vpcCidr: string, ownCidr: string) =>
      resources({
        Vpc: vpc(vpcCidr),
        ByRef: subnet({ Ref: 'Vpc' }),
        ByAtt: subnet({ 'Fn::GetAtt': ['Vpc', 'VpcId'] }),
        Own: subnet({ Ref: 'Vpc' }, ownCidr),
      });
    const result = aws(side('10.0.0.0/16', '10.0.0.0/24'), side('10.1.0.0/16', '10.1.0.0/24'));
    expect(result.changes).toEqual([
      {
        ...NET,
        resource: 'Vpc',
        type: 'AWS::EC2::VPC',
        action: 'replacement',
        paths: ['Properties.CidrBlock'],
      },
      // Unchanged in the template: the path comes from the diff's replacement propagation.
      {
        ...NET,
        resource: 'ByRef',
        type: 'AWS::EC2::Subnet',
        action: 'replacement',
        paths: ['Properties.VpcId'],
      },
      {
        ...NET,
        resource: 'ByAtt',
        type: 'AWS::EC2::Subnet',
        action: 'replacement',
        paths: ['Properties.VpcId'],
      },
      {
        ...NET,
        resource: 'Own',
        type: 'AWS::EC2::Subnet',
        action: 'replacement',
        paths: ['Properties.CidrBlock'],
      },
    ]);
    expect(result.findings).toEqual([
      {
        ...NET,
        resource: 'Vpc',
        type: 'AWS::EC2::VPC',
        action: 'replacement',
        rule: 'stateful-replaced',
        severity: 'block',
        category: 'replacement',
        cause: ['Properties.CidrBlock'],
        message:
          'VPC Vpc is replaced (a new resource, then the old one is deleted) because Properties.CidrBlock changed',
        userImpact:
          'everything inside the VPC (Client VPN associations, directories, resolver endpoints, attachments) is re-created',
      },
      {
        ...NET,
        resource: 'ByRef',
        type: 'AWS::EC2::Subnet',
        action: 'replacement',
        rule: 'replaced-with-parent',
        severity: 'info',
        category: 'replacement',
        cause: ['Properties.VpcId'],
        message: 'AWS::EC2::Subnet ByRef is replaced together with Vpc, which it refers to',
        userImpact: 'part of the replacement of Vpc (see that finding)',
      },
      {
        ...NET,
        resource: 'ByAtt',
        type: 'AWS::EC2::Subnet',
        action: 'replacement',
        rule: 'replaced-with-parent',
        severity: 'info',
        category: 'replacement',
        cause: ['Properties.VpcId'],
        message: 'AWS::EC2::Subnet ByAtt is replaced together with Vpc, which it refers to',
        userImpact: 'part of the replacement of Vpc (see that finding)',
      },
      {
        ...NET,
        resource: 'Own',
        type: 'AWS::EC2::Subnet',
        action: 'replacement',
        rule: 'resource-replaced',
        severity: 'warn',
        category: 'replacement',
        cause: ['Properties.CidrBlock'],
        message:
          'AWS::EC2::Subnet Own is replaced (a new resource, then the old one is deleted) because Properties.CidrBlock changed',
        userImpact: NEW_ID,
      },
    ]);
  });

  test('a property that replaces only depending on a deploy-time value is may-replace', () => {
    const instance = (type: string, tag: string) => ({
      Type: 'AWS::EC2::Instance',
      Properties: { ImageId: 'ami-1', InstanceType: type, Tags: [{ Key: 'k', Value: tag }] },
    });
    const result = aws(
      resources({ I: instance('t3.micro', 'a') }),
      resources({ I: instance('t3.small', 'b') }),
    );
    expect(result).toEqual({
      changes: [
        {
          ...NET,
          resource: 'I',
          type: 'AWS::EC2::Instance',
          action: 'may-replace',
          paths: ['Properties.InstanceType'],
        },
      ],
      findings: [
        {
          ...NET,
          resource: 'I',
          type: 'AWS::EC2::Instance',
          action: 'may-replace',
          rule: 'resource-replaced',
          severity: 'warn',
          category: 'replacement',
          cause: ['Properties.InstanceType'],
          message:
            'AWS::EC2::Instance I may be replaced (a new resource, then the old one is deleted) because Properties.InstanceType changed',
          userImpact: NEW_ID,
        },
      ],
    });
  });

  test('a changed resource type replaces, with the path Type', () => {
    const result = aws(
      resources({ T: topic({ DisplayName: 'a' }) }),
      resources({ T: { Type: 'AWS::SQS::Queue', Properties: { DisplayName: 'a' } } }),
    );
    expect(result.changes).toEqual([
      { ...NET, resource: 'T', type: 'AWS::SQS::Queue', action: 'replacement', paths: ['Type'] },
    ]);
    expect(result.findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'resource-replaced',
        'AWS::SQS::Queue T is replaced (a new resource, then the old one is deleted) because Type changed',
      ],
    ]);
  });

  test('attributes beside Properties are paths; a Metadata change alone is no change', () => {
    const base = topic({ DisplayName: 'a' }, { Metadata: { 'aws:cdk:path': 'net/A' } });
    const moved = topic({ DisplayName: 'a' }, { Metadata: { 'aws:cdk:path': 'net/B' } });
    expect(aws(resources({ T: base }), resources({ T: moved }))).toEqual({ changes: [], findings: [] });
    const head = topic(
      { DisplayName: 'a' },
      { Metadata: { 'aws:cdk:path': 'net/B' }, DependsOn: ['X'], UpdateReplacePolicy: 'Retain' },
    );
    expect(aws(resources({ T: base }), resources({ T: head })).changes).toEqual([
      {
        ...NET,
        resource: 'T',
        type: 'AWS::SNS::Topic',
        action: 'update',
        paths: ['DependsOn', 'UpdateReplacePolicy'],
      },
    ]);
  });

  test('a type the specification does not know updates in place', () => {
    const made = (a: number) => ({ Type: 'AWS::Made::Up', Properties: { A: a } });
    expect(aws(resources({ U: made(1) }), resources({ U: made(2) }))).toEqual({
      changes: [{ ...NET, resource: 'U', type: 'AWS::Made::Up', action: 'update', paths: ['Properties.A'] }],
      findings: [],
    });
  });

  test('identical text, and a different key order with the same content, change nothing', () => {
    const a = resources({ T: topic({ DisplayName: 'a', TopicName: 't' }) });
    const b = resources({ T: { Properties: { TopicName: 't', DisplayName: 'a' }, Type: 'AWS::SNS::Topic' } });
    expect(aws(a, clone(a))).toEqual({ changes: [], findings: [] });
    expect(aws(a, b)).toEqual({ changes: [], findings: [] });
  });
});

describe('AWS: nested property paths', () => {
  test('a list element property is named by index; a list of another length as a whole', () => {
    const rule = (cidr: string) => ({ CidrIp: cidr, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 });
    const base = group({ SecurityGroupIngress: [rule('10.0.0.0/8')] });
    expect(
      aws(resources({ G: base }), resources({ G: group({ SecurityGroupIngress: [rule('10.1.0.0/16')] }) }))
        .changes,
    ).toEqual([
      {
        ...NET,
        resource: 'G',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        paths: ['Properties.SecurityGroupIngress.0.CidrIp'],
      },
    ]);
    const two = group({ SecurityGroupIngress: [rule('10.0.0.0/8'), rule('10.1.0.0/16')] });
    expect(aws(resources({ G: base }), resources({ G: two })).changes).toEqual([
      {
        ...NET,
        resource: 'G',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        paths: ['Properties.SecurityGroupIngress'],
      },
    ]);
  });

  test('paths descend four levels below the property, then name the subtree', () => {
    const fn = (d: number) => ({
      Type: 'AWS::Lambda::Function',
      Properties: { Environment: { Variables: { A: { b: { c: { d } } } } } },
    });
    expect(aws(resources({ F: fn(1) }), resources({ F: fn(2) })).changes).toEqual([
      {
        ...NET,
        resource: 'F',
        type: 'AWS::Lambda::Function',
        action: 'update',
        paths: ['Properties.Environment.Variables.A.b.c'],
      },
    ]);
  });
});

describe('AWS: whole stacks, renames and stack order', () => {
  test('a stack added as a whole adds every resource; removed as a whole deletes or orphans each', () => {
    const template = resources({
      T: topic({ DisplayName: 'a' }),
      Kept: topic({ DisplayName: 'k' }, { DeletionPolicy: 'Retain' }),
    });
    expect(diffAws(handTree({}), handTree({ net: template })).changes).toEqual([
      { ...NET, resource: 'T', type: 'AWS::SNS::Topic', action: 'add', paths: [] },
      { ...NET, resource: 'Kept', type: 'AWS::SNS::Topic', action: 'add', paths: [] },
    ]);
    const gone = diffAws(handTree({ net: template }), handTree({}));
    expect(gone.changes).toEqual([
      { ...NET, resource: 'T', type: 'AWS::SNS::Topic', action: 'delete', paths: [] },
      { ...NET, resource: 'Kept', type: 'AWS::SNS::Topic', action: 'orphan', paths: [] },
    ]);
    expect(gone.findings.map((f) => `${f.resource} ${f.action} ${f.rule}`)).toEqual([
      'T delete resource-deleted',
      'Kept orphan resource-orphaned',
    ]);
    expect(diffAws(handTree({ net: {} }), handTree({})).changes).toEqual([]);
  });

  test('stacks are compared in name order, whichever side they come from', () => {
    const result = diffAws(
      handTree({ zeta: resources({ Z: topic({ DisplayName: 'z' }) }) }),
      handTree({ alpha: resources({ A: topic({ DisplayName: 'a' }) }) }),
    );
    expect(result.changes.map((c) => `${c.stack}/${c.resource} ${c.action}`)).toEqual([
      'alpha/A add',
      'zeta/Z delete',
    ]);
  });

  test('a logical ID rename is a delete and an add paired as a rename', () => {
    const result = aws(
      resources({ A: topic({ DisplayName: 'a' }) }),
      resources({ B: topic({ DisplayName: 'a' }) }),
    );
    expect(result).toEqual({
      changes: [
        { ...NET, resource: 'A', type: 'AWS::SNS::Topic', action: 'delete', paths: [], renamedTo: 'B' },
        { ...NET, resource: 'B', type: 'AWS::SNS::Topic', action: 'add', paths: [], renamedFrom: 'A' },
      ],
      findings: [
        {
          ...NET,
          resource: 'A',
          type: 'AWS::SNS::Topic',
          action: 'replacement',
          rule: 'resource-renamed',
          severity: 'warn',
          category: 'replacement',
          cause: ['logical ID A -> B'],
          message:
            'AWS::SNS::Topic A is renamed to B: CloudFormation creates B as a new resource and deletes A',
          userImpact:
            'a new resource with a new physical ID replaces it; anything outside CloudFormation that refers to the old ID breaks',
        },
      ],
    });
  });

  test('a retained stateful resource renamed is abandoned, and blocks', () => {
    const logs = {
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    };
    expect(aws(resources({ Old: logs }), resources({ New: logs })).findings).toEqual([
      {
        ...NET,
        resource: 'Old',
        type: 'AWS::Logs::LogGroup',
        action: 'replacement',
        rule: 'stateful-renamed',
        severity: 'block',
        category: 'replacement',
        cause: ['logical ID Old -> New'],
        message:
          'CloudWatch Logs log group (connection logs, flow logs, handler logs) Old is renamed to New: CloudFormation creates New as a new resource and abandons (retains, unmanaged) Old',
        userImpact: 'the log history is deleted with the old group (unless retained); audits lose the record',
      },
    ]);
  });

  test('a rename needs the same type and three quarters of the properties equal, or the same construct path', () => {
    const four = (d: string, b = 'b') => ({
      Type: 'AWS::Made::Up',
      Properties: { A: 'a', B: b, C: 'c', D: d },
    });
    const pairs = (base: Json, head: Json) =>
      aws(resources({ Old: base }), resources({ New: head })).changes.map(
        (c) => `${c.resource} ${c.action} ${c.renamedTo ?? ''}${c.renamedFrom ?? ''}`,
      );
    expect(pairs(four('d'), four('x'))).toEqual(['Old delete New', 'New add Old']);
    expect(pairs(four('d'), four('x', 'y'))).toEqual(['Old delete ', 'New add ']);
    expect(pairs(four('d'), { ...four('d'), Type: 'AWS::Made::Other' })).toEqual(['Old delete ', 'New add ']);
    const at = (path: string, d: string) => ({ ...four(d, d), Metadata: { 'aws:cdk:path': path } });
    expect(pairs(at('net/Queue/Resource', 'd'), at('net/Queue/Resource', 'x'))).toEqual([
      'Old delete New',
      'New add Old',
    ]);
    expect(pairs(at('net/Queue/Resource', 'd'), at('net/Other/Resource', 'x'))).toEqual([
      'Old delete ',
      'New add ',
    ]);
  });

  test('a stack rename pairs resources across stacks by construct path and labels them with the stack', () => {
    const at = (path: string, name: string) => ({
      Type: 'AWS::SNS::Topic',
      Properties: { DisplayName: name, TopicName: name, KmsMasterKeyId: name },
      Metadata: { 'aws:cdk:path': path },
    });
    const result = diffAws(
      handTree({ 'org-old': resources({ Topic1: at('org-old/Alerts/Resource', 'a') }) }),
      handTree({ 'org-new': resources({ Topic2: at('org-new/Alerts/Resource', 'b') }) }),
    );
    expect(result.changes).toEqual([
      {
        cloud: 'aws',
        stack: 'org-new',
        resource: 'Topic2',
        type: 'AWS::SNS::Topic',
        action: 'add',
        paths: [],
        renamedFrom: 'org-old/Topic1',
      },
      {
        cloud: 'aws',
        stack: 'org-old',
        resource: 'Topic1',
        type: 'AWS::SNS::Topic',
        action: 'delete',
        paths: [],
        renamedTo: 'org-new/Topic2',
      },
    ]);
    expect(result.findings.map((f) => [f.rule, f.cause, f.message])).toEqual([
      [
        'resource-renamed',
        ['logical ID Topic1 -> org-new/Topic2'],
        'AWS::SNS::Topic Topic1 is renamed to org-new/Topic2: CloudFormation creates org-new/Topic2 as a new resource and deletes Topic1',
      ],
    ]);
  });

  test('the best match wins, a resource of the same stack before another stack, each half once', () => {
    const t = (a: string, b: string, c: string, d: string) =>
      ({ Type: 'AWS::Made::Up', Properties: { A: a, B: b, C: c, D: d } }) as Json;
    // Old matches Close (3 of 4) and Exact (4 of 4): Exact wins although Close comes first.
    const best = aws(
      resources({ Old: t('a', 'b', 'c', 'd') }),
      resources({ Close: t('a', 'b', 'c', 'x'), Exact: t('a', 'b', 'c', 'd') }),
    );
    expect(best.changes.map((c) => `${c.resource} ${c.renamedTo ?? ''}${c.renamedFrom ?? ''}`)).toEqual([
      'Old Exact',
      'Close ',
      'Exact Old',
    ]);
    // The same resource added in stack a and in stack b: the one in the removed resource's stack b wins.
    const same = t('a', 'b', 'c', 'd');
    const stacks = diffAws(
      handTree({ b: resources({ Old: same }) }),
      handTree({ a: resources({ Copy: same }), b: resources({ New: same }) }),
    );
    expect(
      stacks.changes.map((c) => `${c.stack}/${c.resource} ${c.renamedTo ?? ''}${c.renamedFrom ?? ''}`),
    ).toEqual(['a/Copy ', 'b/Old New', 'b/New Old']);
    // Two removed, one added: only one rename.
    const once = aws(resources({ One: same, Two: same }), resources({ New: same }));
    expect(once.changes.map((c) => `${c.resource} ${c.renamedTo ?? ''}${c.renamedFrom ?? ''}`)).toEqual([
      'One New',
      'Two ',
      'New One',
    ]);
  });
});

describe('AWS: custom resources', () => {
  const custom = (type: string, properties: Json) => ({
    Type: type,
    Properties: { ServiceToken: 'arn:handler', ...properties },
  });

  test('a changed service token of an unknown custom resource runs its Update branch', () => {
    const base = custom('Custom::Thing', { X: 1 });
    const head = custom('Custom::Thing', { X: 1, ServiceToken: 'arn:handler-v2' });
    expect(aws(resources({ C: base }), resources({ C: head }))).toEqual({
      changes: [
        {
          ...NET,
          resource: 'C',
          type: 'Custom::Thing',
          action: 'update',
          paths: ['Properties.ServiceToken'],
        },
      ],
      findings: [
        {
          ...NET,
          resource: 'C',
          type: 'Custom::Thing',
          action: 'update',
          rule: 'custom-resource-update',
          severity: 'warn',
          category: 'interruption',
          cause: ['Properties.ServiceToken'],
          message:
            'custom resource C changes, so CloudFormation runs its handler with Update, which runs its Update branch (the project has no description of this handler; read its code)',
          userImpact: 'unknown: read the handler before merging',
        },
      ],
    });
  });

  test('a revocation-list import re-runs the call and drops every session (cited)', () => {
    const crl = (list: string) =>
      custom('Custom::AWS', {
        Update: `{"service":"EC2","action":"ImportClientVpnClientCertificateRevocationList","parameters":{"CertificateRevocationList":"${list}"}}`,
      });
    expect(aws(resources({ Crl: crl('crl-1') }), resources({ Crl: crl('crl-2') })).findings).toEqual([
      {
        ...NET,
        resource: 'Crl',
        type: 'Custom::AWS',
        action: 'update',
        rule: 'custom-resource-update',
        severity: 'warn',
        category: 'interruption',
        cause: ['Properties.Update'],
        message:
          'custom resource Crl changes, so CloudFormation runs its handler with Update, which calls EC2 ImportClientVpnClientCertificateRevocationList again with the new parameters',
        userImpact:
          'the revocation list is re-imported: AWS resets every existing connection of the endpoint',
      },
      {
        ...NET,
        resource: 'Crl',
        type: 'Custom::AWS',
        action: 'interruption',
        rule: 'session-client-vpn-crl-import',
        severity: 'warn',
        category: 'interruption',
        cause: ['Properties.Update'],
        message:
          'Crl is updated in place, but the custom resource re-imports the client certificate revocation list on update, which resets every existing client connection of the endpoint (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportClientVpnClientCertificateRevocationList.html: "Uploading a client certificate revocation list resets existing client connections.")',
        userImpact: 'connected users are disconnected and must reconnect',
      },
    ]);
  });

  test('a directory trust update re-creates the trust: a stateful replacement', () => {
    const trust = (direction: string) => custom('Custom::DirectoryTrust', { TrustDirection: direction });
    expect(
      aws(resources({ Trust: trust('One-Way: Incoming') }), resources({ Trust: trust('Two-Way') })),
    ).toEqual({
      changes: [
        {
          ...NET,
          resource: 'Trust',
          type: 'Custom::DirectoryTrust',
          action: 'update',
          paths: ['Properties.TrustDirection'],
        },
      ],
      findings: [
        {
          ...NET,
          resource: 'Trust',
          type: 'Custom::DirectoryTrust',
          action: 'replacement',
          rule: 'stateful-replaced',
          severity: 'block',
          category: 'replacement',
          cause: ['Properties.TrustDirection'],
          message:
            'forest trust between the managed directory and the on-premises forest (custom resource) Trust: its properties change, so CloudFormation runs the handler with Update, which creates a new trust with the new properties and returns its ID, after which CloudFormation deletes the old trust (lib/aws/identity/handlers/ad-trust.ts)',
          userImpact:
            'the trust is deleted and re-created: users of the on-premises forest cannot sign in to resources in the managed directory meanwhile, and the on-premises side must accept the new trust',
        },
      ],
    });
  });
});

describe('AWS: in-place updates that interrupt sessions', () => {
  test('DNS servers drop sessions; the connect handler affects new connections', () => {
    const endpoint = (dns: string, enabled: boolean) => ({
      Type: 'AWS::EC2::ClientVpnEndpoint',
      Properties: { DnsServers: [dns], ClientConnectOptions: { Enabled: enabled } },
    });
    const dnsOnly = aws(
      resources({ E: endpoint('10.0.0.2', false) }),
      resources({ E: endpoint('10.0.0.3', false) }),
    );
    expect(dnsOnly).toEqual({
      changes: [
        {
          ...NET,
          resource: 'E',
          type: 'AWS::EC2::ClientVpnEndpoint',
          action: 'update',
          paths: ['Properties.DnsServers.0'],
        },
      ],
      findings: [
        {
          ...NET,
          resource: 'E',
          type: 'AWS::EC2::ClientVpnEndpoint',
          action: 'interruption',
          rule: 'session-client-vpn-dns-servers',
          severity: 'warn',
          category: 'interruption',
          cause: ['Properties.DnsServers.0'],
          message:
            'E is updated in place, but changing the DNS servers of a Client VPN endpoint resets every existing client connection (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html: "Modifying the DNS server resets existing client connections.")',
          userImpact: 'connected users are disconnected and must reconnect',
        },
      ],
    });
    const handler = aws(
      resources({ E: endpoint('10.0.0.2', false) }),
      resources({ E: endpoint('10.0.0.2', true) }),
    );
    expect(handler.findings).toEqual([
      {
        ...NET,
        resource: 'E',
        type: 'AWS::EC2::ClientVpnEndpoint',
        action: 'interruption',
        rule: 'session-client-vpn-connect-handler',
        severity: 'warn',
        category: 'interruption',
        cause: ['Properties.ClientConnectOptions.Enabled'],
        message:
          'E is updated in place, but the client connect handler changes: existing sessions stay, but every new connection is authorised by the new handler, and a throttled or failing handler denies it (LIMITS.md "AWS Client VPN" (handler called synchronously, 30 s timeout, errors deny the connection); https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html: "ClientConnectOptions: The options for managing connection authorization for new client connections.")',
        userImpact: 'existing sessions stay; every new connection depends on the changed configuration',
      },
    ]);
  });
});

describe('AWS: exports', () => {
  const exporter = (value: Json) => ({
    Resources: { T: topic({ DisplayName: 'a' }) },
    Outputs: { TopicArn: { Value: value, Export: { Name: 'net:TopicArn' } } },
  });
  const reader = (name: string) => ({
    Resources: {
      [name]: {
        Type: 'AWS::SSM::Parameter',
        Properties: { Type: 'String', Value: { 'Fn::ImportValue': 'net:TopicArn' } },
      },
    },
  });

  test('a changed export two stacks import blocks; imported by one, the verb is singular', () => {
    const two = diffAws(
      handTree({ net: exporter({ Ref: 'T' }), r1: reader('A'), r2: reader('B') }),
      handTree({ net: exporter({ 'Fn::GetAtt': ['T', 'TopicArn'] }), r1: reader('A'), r2: reader('B') }),
    );
    expect(two.findings).toEqual([
      {
        ...NET,
        resource: 'TopicArn',
        type: 'AWS::CloudFormation::Export',
        action: 'update',
        rule: 'export-changed',
        severity: 'block',
        category: 'replacement',
        cause: ['Outputs.TopicArn.Value'],
        message:
          'export net:TopicArn is changed while r1, r2 import it: CloudFormation refuses to update net ("Export ... cannot be updated as it is in use")',
        userImpact:
          'the deployment of net fails and rolls back until the importing stacks stop using the export (deploy them first, or keep the old export for one release)',
      },
    ]);
    const removed = diffAws(
      handTree({ net: exporter({ Ref: 'T' }), r1: reader('A') }),
      handTree({ net: { Resources: exporter({ Ref: 'T' }).Resources }, r1: reader('A') }),
    );
    expect(removed.findings).toEqual([
      {
        ...NET,
        resource: 'TopicArn',
        type: 'AWS::CloudFormation::Export',
        action: 'delete',
        rule: 'export-removed',
        severity: 'block',
        category: 'deletion',
        cause: ['Outputs.TopicArn.Export'],
        message:
          'export net:TopicArn is removed while r1 imports it: CloudFormation refuses to update net ("Export ... cannot be deleted as it is in use")',
        userImpact:
          'the deployment of net fails and rolls back until the importing stacks stop using the export (deploy them first, or keep the old export for one release)',
      },
    ]);
  });
});

/** A Terraform interpolation as cdktf writes it. */
const tf = (reference: string) => `\${${reference}}`;
const NSG = 'azurerm_network_security_group';
const nsg = (attributes: Json = {}) => ({
  name: 'nsg-links',
  location: 'japaneast',
  resource_group_name: 'rg',
  ...attributes,
});
const tfResources = (byType: Json, extra: Json = {}) => ({ resource: byType, ...extra });

describe('Azure: add, update, replace, delete', () => {
  test('an added resource is an add; a removed one is destroyed (information)', () => {
    expect(azure(tfResources({}), tfResources({ [NSG]: { nsg: nsg() } }))).toEqual({
      changes: [{ ...HUB, resource: `${NSG}.nsg`, type: NSG, action: 'add', paths: [] }],
      findings: [],
    });
    expect(azure(tfResources({ [NSG]: { nsg: nsg() } }), tfResources({}))).toEqual({
      changes: [{ ...HUB, resource: `${NSG}.nsg`, type: NSG, action: 'delete', paths: [] }],
      findings: [
        {
          ...HUB,
          resource: `${NSG}.nsg`,
          type: NSG,
          action: 'delete',
          rule: 'resource-deleted',
          severity: 'info',
          category: 'deletion',
          cause: ['removed from the configuration'],
          message: 'azurerm_network_security_group azurerm_network_security_group.nsg is destroyed',
          userImpact: 'the resource is destroyed',
        },
      ],
    });
  });

  test('a destroyed stateful resource blocks; losing prevent_destroy with it adds nothing', () => {
    const wan = {
      name: 'vwan',
      location: 'japaneast',
      resource_group_name: 'rg',
      lifecycle: { prevent_destroy: true },
    };
    expect(azure(tfResources({ azurerm_virtual_wan: { wan } }), tfResources({})).findings).toEqual([
      {
        ...HUB,
        resource: 'azurerm_virtual_wan.wan',
        type: 'azurerm_virtual_wan',
        action: 'delete',
        rule: 'stateful-deleted',
        severity: 'block',
        category: 'deletion',
        cause: ['removed from the configuration'],
        message: 'Virtual WAN azurerm_virtual_wan.wan is destroyed',
        userImpact: 'every hub, gateway and connection of the WAN is lost',
      },
    ]);
  });

  test('a ForceNew attribute replaces; only the replacing paths are listed', () => {
    const base = nsg({ security_rule: [{ name: 'https', priority: 100 }] });
    const head = nsg({ location: 'japanwest', security_rule: [{ name: 'https', priority: 101 }] });
    expect(azure(tfResources({ [NSG]: { nsg: base } }), tfResources({ [NSG]: { nsg: head } }))).toEqual({
      changes: [{ ...HUB, resource: `${NSG}.nsg`, type: NSG, action: 'replacement', paths: ['location'] }],
      findings: [
        {
          ...HUB,
          resource: `${NSG}.nsg`,
          type: NSG,
          action: 'replacement',
          rule: 'resource-replaced',
          severity: 'warn',
          category: 'replacement',
          cause: ['location'],
          message:
            'azurerm_network_security_group azurerm_network_security_group.nsg is replaced (destroyed, then created) because location changed',
          userImpact: TF_NEW_ID,
        },
      ],
    });
  });

  test('other attributes and tags update in place; meta-arguments change nothing', () => {
    const base = nsg({ security_rule: [{ name: 'https', priority: 100 }], tags: { owner: 'ict' } });
    const head = nsg({ security_rule: [{ name: 'https', priority: 101 }], tags: { owner: 'net' } });
    expect(azure(tfResources({ [NSG]: { nsg: base } }), tfResources({ [NSG]: { nsg: head } }))).toEqual({
      changes: [
        {
          ...HUB,
          resource: `${NSG}.nsg`,
          type: NSG,
          action: 'update',
          paths: ['security_rule.0.priority', 'tags.owner'],
        },
      ],
      findings: [],
    });
    const meta = nsg({
      '//': { metadata: { path: 'hub/Nsg2' } },
      depends_on: ['azurerm_resource_group.rg'],
      lifecycle: { ignore_changes: ['tags'] },
      provider: 'azurerm.hub',
      count: 1,
      for_each: tf('var.x'),
      timeouts: { create: '1h' },
    });
    expect(azure(tfResources({ [NSG]: { nsg: nsg() } }), tfResources({ [NSG]: { nsg: meta } }))).toEqual({
      changes: [],
      findings: [],
    });
  });

  test('a block written as a list is indexed, as an object it is not; ForceNew inside a block replaces', () => {
    const conn = (routing: Json) => ({
      name: 'conn',
      virtual_hub_id: 'hub-1',
      remote_virtual_network_id: 'vnet-1',
      routing,
    });
    const T = 'azurerm_virtual_hub_connection';
    const one = (before: Json, after: Json) =>
      azure(tfResources({ [T]: { c: conn(before) } }), tfResources({ [T]: { c: conn(after) } })).changes;
    const r = (criteria: string, table: string) => ({
      static_vnet_local_route_override_criteria: criteria,
      associated_route_table_id: table,
    });
    expect(one([r('Contains', 'rt-1')], [r('Contains', 'rt-2')])).toEqual([
      {
        ...HUB,
        resource: `${T}.c`,
        type: T,
        action: 'update',
        paths: ['routing.0.associated_route_table_id'],
      },
    ]);
    // The same change as a single object block; the change object is otherwise the same.
    const brief = (before: Json, after: Json) =>
      one(before, after).map((c) => `${c.action} ${c.paths.join(',')}`);
    expect(brief(r('Contains', 'rt-1'), r('Contains', 'rt-2'))).toEqual([
      'update routing.associated_route_table_id',
    ]);
    expect(brief([r('Contains', 'rt-1')], [r('Equal', 'rt-1')])).toEqual([
      'replacement routing.0.static_vnet_local_route_override_criteria',
    ]);
    expect(brief(r('Contains', 'rt-1'), r('Equal', 'rt-1'))).toEqual([
      'replacement routing.static_vnet_local_route_override_criteria',
    ]);
    // A list of another length, or a list turned into an object, changes as a whole.
    expect(brief([r('Contains', 'rt-1')], [r('Contains', 'rt-1'), r('Contains', 'rt-2')])).toEqual([
      'replacement routing',
    ]);
    expect(brief([r('Contains', 'rt-1')], r('Contains', 'rt-1'))).toEqual(['replacement routing']);
  });

  test('a type the ForceNew table does not list may be replaced by any change but its tags', () => {
    const sa = (tagsLike: number, tag: number) => ({ name: 'sa', tagsx: tagsLike, tags: { a: tag } });
    const T = 'azurerm_storage_account';
    expect(
      azure(tfResources({ [T]: { sa: sa(1, 1) } }), tfResources({ [T]: { sa: sa(1, 2) } })).changes,
    ).toEqual([{ ...HUB, resource: `${T}.sa`, type: T, action: 'update', paths: ['tags.a'] }]);
    expect(azure(tfResources({ [T]: { sa: sa(1, 1) } }), tfResources({ [T]: { sa: sa(2, 2) } }))).toEqual({
      changes: [{ ...HUB, resource: `${T}.sa`, type: T, action: 'may-replace', paths: ['tagsx'] }],
      findings: [
        {
          ...HUB,
          resource: `${T}.sa`,
          type: T,
          action: 'may-replace',
          rule: 'resource-replaced',
          severity: 'warn',
          category: 'replacement',
          cause: ['tagsx'],
          message:
            'azurerm_storage_account azurerm_storage_account.sa may be replaced (destroyed, then created) because tagsx changed and the ForceNew table does not list this type',
          userImpact: TF_NEW_ID,
        },
      ],
    });
    // Whole tags replaced by a non-object: `tags` itself is a tag path.
    expect(
      azure(tfResources({ [T]: { sa: sa(1, 1) } }), tfResources({ [T]: { sa: { ...sa(1, 1), tags: null } } }))
        .changes,
    ).toEqual([{ ...HUB, resource: `${T}.sa`, type: T, action: 'update', paths: ['tags'] }]);
  });

  test('circuit bandwidth: growing updates, shrinking or a non-number replaces (decrease condition)', () => {
    const T = 'azurerm_express_route_circuit';
    const circuit = (bandwidth: unknown) => ({
      name: 'erc',
      peering_location: 'Tokyo',
      bandwidth_in_mbps: bandwidth,
    });
    const action = (from: unknown, to: unknown) =>
      azure(tfResources({ [T]: { c: circuit(from) } }), tfResources({ [T]: { c: circuit(to) } })).changes.map(
        (c) => `${c.action} ${c.paths.join(',')}`,
      );
    expect(action(1000, 2000)).toEqual(['update bandwidth_in_mbps']);
    expect(action(1000, 500)).toEqual(['replacement bandwidth_in_mbps']);
    expect(action(1000, 'auto')).toEqual(['replacement bandwidth_in_mbps']);
    const shrink = azure(
      tfResources({ [T]: { c: circuit(1000) } }),
      tfResources({ [T]: { c: circuit(999) } }),
    );
    expect(shrink.findings).toEqual([
      {
        ...HUB,
        resource: `${T}.c`,
        type: T,
        action: 'replacement',
        rule: 'stateful-replaced',
        severity: 'block',
        category: 'replacement',
        cause: ['bandwidth_in_mbps'],
        message:
          'ExpressRoute circuit azurerm_express_route_circuit.c is replaced (destroyed, then created) because bandwidth_in_mbps changed',
        userImpact:
          'a new service key: the provider (e.g. IIJ) must provision the circuit again (days to weeks); private and Microsoft peering traffic stops meanwhile and billing starts again',
      },
    ]);
  });

  test('scale units update with downtime; the finding leaves tags out of its cause', () => {
    const T = 'azurerm_point_to_site_vpn_gateway';
    const gw = (units: number, owner: string) => ({ name: 'p2s', scale_unit: units, tags: { owner } });
    expect(azure(tfResources({ [T]: { g: gw(1, 'a') } }), tfResources({ [T]: { g: gw(2, 'b') } }))).toEqual({
      changes: [
        { ...HUB, resource: `${T}.g`, type: T, action: 'update', paths: ['scale_unit', 'tags.owner'] },
      ],
      findings: [
        {
          ...HUB,
          resource: `${T}.g`,
          type: T,
          action: 'interruption',
          rule: 'session-p2s-scale-unit',
          severity: 'warn',
          category: 'interruption',
          cause: ['scale_unit'],
          message:
            'azurerm_point_to_site_vpn_gateway.g is updated in place, but changing the scale units of a point-to-site gateway causes downtime for its users (LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq: "Changing scale units or the point-to-site configuration causes downtime: plan it.")',
          userImpact: 'the gateway takes no connections for a while: its users are disconnected',
        },
      ],
    });
  });
});

describe('Azure: prevent_destroy', () => {
  test('losing prevent_destroy alone is an update with no path and a warning', () => {
    const guarded = nsg({ lifecycle: { prevent_destroy: true } });
    expect(azure(tfResources({ [NSG]: { nsg: guarded } }), tfResources({ [NSG]: { nsg: nsg() } }))).toEqual({
      changes: [{ ...HUB, resource: `${NSG}.nsg`, type: NSG, action: 'update', paths: [] }],
      findings: [
        {
          ...HUB,
          resource: `${NSG}.nsg`,
          type: NSG,
          action: 'update',
          rule: 'prevent-destroy-removed',
          severity: 'warn',
          category: 'deletion',
          cause: ['lifecycle.prevent_destroy'],
          message:
            'azurerm_network_security_group.nsg loses lifecycle.prevent_destroy: a later plan may destroy it without Terraform refusing',
          userImpact: 'nothing now; the guard against accidental destruction of this resource is gone',
        },
      ],
    });
  });

  test('with a replacement it comes first and carries the replacement action', () => {
    const guarded = nsg({ lifecycle: { prevent_destroy: true } });
    const result = azure(
      tfResources({ [NSG]: { nsg: guarded } }),
      tfResources({ [NSG]: { nsg: nsg({ name: 'nsg-2' }) } }),
    );
    expect(result.findings.map((f) => `${f.rule} ${f.action}`)).toEqual([
      'prevent-destroy-removed replacement',
      'resource-replaced replacement',
    ]);
  });

  test('only a literal true guards: gaining it, keeping it, or a string "true" raise nothing', () => {
    const run = (before: Json, after: Json) =>
      azure(tfResources({ [NSG]: { nsg: nsg(before) } }), tfResources({ [NSG]: { nsg: nsg(after) } }));
    expect(run({}, { lifecycle: { prevent_destroy: true } })).toEqual({ changes: [], findings: [] });
    expect(
      run(
        { lifecycle: { prevent_destroy: true } },
        { lifecycle: { prevent_destroy: true, ignore_changes: ['tags'] } },
      ),
    ).toEqual({
      changes: [],
      findings: [],
    });
    expect(run({ lifecycle: { prevent_destroy: 'true' } }, {})).toEqual({ changes: [], findings: [] });
    expect(run({ lifecycle: [{ prevent_destroy: true }] }, {})).toEqual({ changes: [], findings: [] });
  });
});

describe('Azure: moves, renames, whole stacks', () => {
  const rename = (from: string, to: string) => ({ from, to });

  test('a moved block keeps the resource: an update that says where it came from', () => {
    const base = tfResources({ [NSG]: { old: nsg() } });
    const plain = tfResources(
      { [NSG]: { renamed: nsg() } },
      { moved: [rename(`${NSG}.old`, `${NSG}.renamed`)] },
    );
    expect(azure(base, plain)).toEqual({
      changes: [
        {
          ...HUB,
          resource: `${NSG}.renamed`,
          type: NSG,
          action: 'update',
          paths: [],
          renamedFrom: `${NSG}.old`,
        },
      ],
      findings: [],
    });
    const wrapped = tfResources(
      { [NSG]: { renamed: nsg({ name: 'nsg-2' }) } },
      { moved: [rename(tf(`${NSG}.old`), tf(`${NSG}.renamed`))] },
    );
    expect(azure(base, wrapped).changes).toEqual([
      {
        ...HUB,
        resource: `${NSG}.renamed`,
        type: NSG,
        action: 'replacement',
        paths: ['name'],
        renamedFrom: `${NSG}.old`,
      },
    ]);
  });

  test('a moved block to another type, or without a target, moves nothing', () => {
    const base = tfResources({ [NSG]: { old: nsg() } });
    const otherType = tfResources(
      { azurerm_route_filter: { renamed: nsg() } },
      { moved: [rename(`${NSG}.old`, 'azurerm_route_filter.renamed')] },
    );
    expect(azure(base, otherType).changes).toEqual([
      {
        ...HUB,
        resource: 'azurerm_route_filter.renamed',
        type: 'azurerm_route_filter',
        action: 'add',
        paths: [],
      },
      { ...HUB, resource: `${NSG}.old`, type: NSG, action: 'delete', paths: [] },
    ]);
    const noTarget = tfResources(
      { [NSG]: { renamed: nsg({ name: 'x', location: 'y', resource_group_name: 'z' }) } },
      {
        moved: [{ from: `${NSG}.old` }, { to: `${NSG}.renamed` }],
      },
    );
    expect(azure(base, noTarget).changes.map((c) => `${c.resource} ${c.action}`)).toEqual([
      `${NSG}.renamed add`,
      `${NSG}.old delete`,
    ]);
  });

  test('a renamed address without a moved block is destroy + create, reported as a rename', () => {
    expect(azure(tfResources({ [NSG]: { old: nsg() } }), tfResources({ [NSG]: { renamed: nsg() } }))).toEqual(
      {
        changes: [
          {
            ...HUB,
            resource: `${NSG}.renamed`,
            type: NSG,
            action: 'add',
            paths: [],
            renamedFrom: `${NSG}.old`,
          },
          {
            ...HUB,
            resource: `${NSG}.old`,
            type: NSG,
            action: 'delete',
            paths: [],
            renamedTo: `${NSG}.renamed`,
          },
        ],
        findings: [
          {
            ...HUB,
            resource: `${NSG}.old`,
            type: NSG,
            action: 'replacement',
            rule: 'resource-renamed',
            severity: 'warn',
            category: 'replacement',
            cause: ['address azurerm_network_security_group.old -> azurerm_network_security_group.renamed'],
            message:
              'azurerm_network_security_group azurerm_network_security_group.old is renamed to azurerm_network_security_group.renamed with no `moved` block: Terraform destroys it and creates a new one',
            userImpact:
              'the resource is destroyed and created again (a `moved` block in the same stack would keep it)',
          },
        ],
      },
    );
  });

  test('a rename needs three quarters of the attributes equal (meta-arguments aside) or the same construct tail', () => {
    const four = (d: string, c = 'c') => ({ a: 'a', b: 'b', c, d, depends_on: [d] });
    const T = 'azurerm_route_filter';
    const pairs = (before: Json, after: Json) =>
      azure(tfResources({ [T]: { old: before } }), tfResources({ [T]: { renamed: after } })).changes.map(
        (c) => `${c.resource} ${c.renamedTo ?? ''}${c.renamedFrom ?? ''}`,
      );
    expect(pairs(four('d'), four('x'))).toEqual([`${T}.renamed ${T}.old`, `${T}.old ${T}.renamed`]);
    expect(pairs(four('d'), four('x', 'y'))).toEqual([`${T}.renamed `, `${T}.old `]);
    const at = (path: string, d: string) => ({ ...four(d, d), '//': { metadata: { path } } });
    expect(pairs(at('hub/Filter', 'd'), at('hub-renamed/Filter', 'x'))).toEqual([
      `${T}.renamed ${T}.old`,
      `${T}.old ${T}.renamed`,
    ]);
    expect(pairs(at('hub/Filter', 'd'), at('hub/Other', 'x'))).toEqual([`${T}.renamed `, `${T}.old `]);
    expect(pairs({ ...four('d', 'd'), '//': { metadata: 'hub/Filter' } }, four('x', 'x'))).toEqual([
      `${T}.renamed `,
      `${T}.old `,
    ]);
  });

  test('a rename across stacks names the other stack; the best match wins', () => {
    const T = 'azurerm_route_filter';
    const f = (a: string, b: string, c: string, d: string) => ({ a, b, c, d });
    const result = diffAzure(
      handTree({}, { hub: tfResources({ [T]: { old: f('a', 'b', 'c', 'd') } }) }),
      handTree(
        {},
        { edge: tfResources({ [T]: { close: f('a', 'b', 'c', 'x'), exact: f('a', 'b', 'c', 'd') } }) },
      ),
    );
    expect(result.changes).toEqual([
      { cloud: 'azure', stack: 'edge', resource: `${T}.close`, type: T, action: 'add', paths: [] },
      {
        cloud: 'azure',
        stack: 'edge',
        resource: `${T}.exact`,
        type: T,
        action: 'add',
        paths: [],
        renamedFrom: `hub/${T}.old`,
      },
      { ...HUB, resource: `${T}.old`, type: T, action: 'delete', paths: [], renamedTo: `edge/${T}.exact` },
    ]);
    expect(result.findings.map((f) => f.cause)).toEqual([[`address ${T}.old -> edge/${T}.exact`]]);
  });

  test('a stack added or removed as a whole; an identical stack is skipped; stacks in name order', () => {
    const stack = tfResources({ [NSG]: { nsg: nsg() } });
    expect(diffAzure(handTree({}, {}), handTree({}, { hub: stack })).changes).toEqual([
      { ...HUB, resource: `${NSG}.nsg`, type: NSG, action: 'add', paths: [] },
    ]);
    expect(diffAzure(handTree({}, { hub: stack }), handTree({}, {})).changes).toEqual([
      { ...HUB, resource: `${NSG}.nsg`, type: NSG, action: 'delete', paths: [] },
    ]);
    expect(diffAzure(handTree({}, { hub: stack }), handTree({}, { hub: clone(stack) }))).toEqual({
      changes: [],
      findings: [],
    });
    expect(diffAzure(handTree({}, { hub: {} }), handTree({}, { hub: { terraform: {} } }))).toEqual({
      changes: [],
      findings: [],
    });
    const order = diffAzure(
      handTree({}, { zeta: tfResources({ [NSG]: { z: nsg({ name: 'z' }) } }) }),
      handTree({}, { alpha: tfResources({ azurerm_route_filter: { a: nsg({ name: 'a' }) } }) }),
    );
    expect(order.changes.map((c) => `${c.stack}/${c.resource} ${c.action}`)).toEqual([
      'alpha/azurerm_route_filter.a add',
      `zeta/${NSG}.z delete`,
    ]);
  });
});

describe('Azure: replacement along references', () => {
  const hub = (prefix: string, extra: Json = {}) =>
    tfResources({
      azurerm_virtual_hub: { hub: { name: 'vhub', address_prefix: prefix } },
      azurerm_virtual_hub_route_table: {
        rt: {
          name: 'rt',
          virtual_hub_id: tf('azurerm_virtual_hub.hub.id'),
          labels: [tf('azurerm_virtual_hub.hub.name')],
        },
      },
      azurerm_virtual_hub_route_table_route: {
        r: { name: 'r', route_table_id: tf('azurerm_virtual_hub_route_table.rt.id'), next_hop: 'x' },
      },
      ...extra,
    });

  test('ForceNew references to a replaced resource replace the referrer, transitively', () => {
    const result = azure(hub('10.0.0.0/23'), hub('10.1.0.0/23'));
    expect(result.changes).toEqual([
      {
        ...HUB,
        resource: 'azurerm_virtual_hub.hub',
        type: 'azurerm_virtual_hub',
        action: 'replacement',
        paths: ['address_prefix'],
      },
      {
        ...HUB,
        resource: 'azurerm_virtual_hub_route_table.rt',
        type: 'azurerm_virtual_hub_route_table',
        action: 'replacement',
        paths: ['virtual_hub_id (refers to replaced azurerm_virtual_hub.hub)'],
      },
      {
        ...HUB,
        resource: 'azurerm_virtual_hub_route_table_route.r',
        type: 'azurerm_virtual_hub_route_table_route',
        action: 'replacement',
        paths: ['route_table_id (refers to replaced azurerm_virtual_hub_route_table.rt)'],
      },
    ]);
    expect(result.findings[1]).toEqual({
      ...HUB,
      resource: 'azurerm_virtual_hub_route_table.rt',
      type: 'azurerm_virtual_hub_route_table',
      action: 'replacement',
      rule: 'resource-replaced',
      severity: 'warn',
      category: 'replacement',
      cause: ['virtual_hub_id (refers to replaced azurerm_virtual_hub.hub)'],
      message:
        'azurerm_virtual_hub_route_table azurerm_virtual_hub_route_table.rt is replaced (destroyed, then created) because virtual_hub_id (refers to replaced azurerm_virtual_hub.hub) changed',
      userImpact: TF_NEW_ID,
    });
  });

  test('an updated referrer is promoted to a replacement; an added one stays an add; unknown types may be hit', () => {
    const base = hub('10.0.0.0/23', {
      azurerm_storage_account: { sa: { name: 'sa', hub: tf('azurerm_virtual_hub.hub.id') } },
    });
    const head = hub('10.1.0.0/23', {
      azurerm_storage_account: { sa: { name: 'sa', hub: tf('azurerm_virtual_hub.hub.id') } },
      azurerm_virtual_hub_route_table_route: {
        r: { name: 'r', route_table_id: tf('azurerm_virtual_hub_route_table.rt.id'), next_hop: 'y' },
        added: { name: 'a', route_table_id: tf('azurerm_virtual_hub_route_table.rt.id') },
      },
    });
    expect(azure(base, head).changes.map((c) => `${c.resource} ${c.action} ${c.paths.join(' | ')}`)).toEqual([
      'azurerm_virtual_hub.hub replacement address_prefix',
      'azurerm_virtual_hub_route_table_route.r replacement route_table_id (refers to replaced azurerm_virtual_hub_route_table.rt)',
      'azurerm_virtual_hub_route_table_route.added add ',
      'azurerm_virtual_hub_route_table.rt replacement virtual_hub_id (refers to replaced azurerm_virtual_hub.hub)',
      'azurerm_storage_account.sa replacement hub (refers to replaced azurerm_virtual_hub.hub)',
    ]);
  });

  test('an in-place update, or a reference from another stack, propagates nothing', () => {
    const base = hub('10.0.0.0/23');
    const head = clone(base);
    head.resource.azurerm_virtual_hub.hub.tags = { owner: 'net' };
    expect(azure(base, head).changes.map((c) => `${c.resource} ${c.action}`)).toEqual([
      'azurerm_virtual_hub.hub update',
    ]);
    const other = tfResources({
      azurerm_virtual_hub_route_table: {
        rt: { name: 'rt', virtual_hub_id: tf('azurerm_virtual_hub.hub.id') },
      },
    });
    const cross = diffAzure(
      handTree(
        {},
        {
          core: tfResources({ azurerm_virtual_hub: { hub: { name: 'a', address_prefix: 'x' } } }),
          edge: other,
        },
      ),
      handTree(
        {},
        {
          core: tfResources({ azurerm_virtual_hub: { hub: { name: 'a', address_prefix: 'y' } } }),
          edge: clone(other),
        },
      ),
    );
    expect(cross.changes.map((c) => `${c.stack}/${c.resource} ${c.action}`)).toEqual([
      'core/azurerm_virtual_hub.hub replacement',
    ]);
  });

  test('a destroyed resource replaces what still refers to it', () => {
    const base = hub('10.0.0.0/23');
    const head = clone(base);
    delete head.resource.azurerm_virtual_hub;
    expect(azure(base, head).changes.map((c) => `${c.resource} ${c.action} ${c.paths.join(' | ')}`)).toEqual([
      'azurerm_virtual_hub.hub delete ',
      'azurerm_virtual_hub_route_table.rt replacement virtual_hub_id (refers to replaced azurerm_virtual_hub.hub)',
      'azurerm_virtual_hub_route_table_route.r replacement route_table_id (refers to replaced azurerm_virtual_hub_route_table.rt)',
    ]);
  });
});

describe('json-diff', () => {
  test('jsonEqual: key order does not matter; array order, null, missing and types do', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual([1, 2], [1, 2, 3])).toBe(false);
    expect(jsonEqual([1, 2], [1, 2])).toBe(true);
    expect(jsonEqual({ a: null }, {})).toBe(false);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
    expect(jsonEqual({ a: undefined, b: 1 }, { b: 1, c: undefined })).toBe(false);
    expect(jsonEqual({ a: { b: 1 } }, { a: { b: 2 } })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual('x', 'x')).toBe(true);
    expect(jsonEqual({}, {})).toBe(true);
  });

  test('isPlainObject: objects only, not null or arrays', () => {
    expect([isPlainObject({}), isPlainObject(null), isPlainObject([]), isPlainObject('x')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  test('changedPaths: sorted keys, indexes of same-length arrays, a whole array of another length', () => {
    expect(changedPaths({ b: 1, a: 1, same: [1] }, { b: 2, a: 2, same: [1] })).toEqual(['a', 'b']);
    expect(changedPaths({ l: [{ x: 1 }, { x: 2 }] }, { l: [{ x: 1 }, { x: 3 }] })).toEqual(['l.1.x']);
    expect(changedPaths({ l: [1] }, { l: [1, 2] })).toEqual(['l']);
    expect(changedPaths({ a: null }, {})).toEqual(['a']);
    expect(changedPaths({}, { a: { b: 1 } })).toEqual(['a']);
    expect(changedPaths({ a: [1] }, { a: { 0: 1 } })).toEqual(['a']);
    expect(changedPaths({ a: 1 }, { a: 1 })).toEqual([]);
    expect(changedPaths(1, 2)).toEqual(['(whole value)']);
    expect(changedPaths([1], [2])).toEqual(['0']);
    expect(changedPaths(1, 2, 'root')).toEqual(['root']);
    expect(changedPaths({ a: 1 }, { a: 2 }, 'root')).toEqual(['root.a']);
  });

  test('changedPaths: maxDepth bounds the descent (default 8)', () => {
    expect(changedPaths({ a: { b: 1 } }, { a: { b: 2 } }, '', 0)).toEqual(['(whole value)']);
    expect(changedPaths({ a: { b: 1 } }, { a: { b: 2 } }, 'p', 0)).toEqual(['p']);
    expect(changedPaths({ a: { b: 1 } }, { a: { b: 2 } }, '', 1)).toEqual(['a']);
    expect(changedPaths({ a: { b: 1 } }, { a: { b: 2 } }, '', 2)).toEqual(['a.b']);
    expect(changedPaths([[1]], [[2]], '', 1)).toEqual(['0']);
    const deep = (v: number) => ({ a: { b: { c: { d: { e: { f: { g: { h: { i: v } } } } } } } } });
    expect(changedPaths(deep(1), deep(2))).toEqual(['a.b.c.d.e.f.g.h']);
    expect(changedPaths(deep(1), deep(2), '', 9)).toEqual(['a.b.c.d.e.f.g.h.i']);
  });

  test('valueAtPath: through objects and arrays, undefined past a leaf', () => {
    const root = { a: [{ b: 'x' }, { b: 'y' }], n: null };
    expect(valueAtPath(root, 'a.1.b')).toBe('y');
    expect(valueAtPath(root, 'a.0')).toEqual({ b: 'x' });
    expect(valueAtPath(root, 'a.1.b.c')).toBeUndefined();
    expect(valueAtPath(root, 'n.x')).toBeUndefined();
    expect(valueAtPath(root, 'missing.x')).toBeUndefined();
  });

  test('similarity: share of the union of top-level keys with equal values', () => {
    expect(similarity({}, {})).toBe(1);
    expect(similarity({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(0.5);
    expect(similarity({ a: 1 }, { b: 1 })).toBe(0);
    expect(similarity({ a: [1], b: 1, c: 1 }, { a: [1], b: 1, c: 1, d: 1 })).toBe(0.75);
  });
});

describe('custom-resources', () => {
  test('custom resource types: Custom:: prefix or AWS::CloudFormation::CustomResource', () => {
    expect(
      [
        'Custom::AWS',
        'Custom::DirectoryTrust',
        'AWS::CloudFormation::CustomResource',
        'AWS::S3::Bucket',
        'My::Custom::',
        'custom::x',
      ].map(isCustomResourceType),
    ).toEqual([true, true, true, false, false, false]);
  });

  test('a directory trust update re-creates the trust', () => {
    expect(describeCustomResourceUpdate('Custom::DirectoryTrust', undefined)).toEqual({
      onUpdate:
        'creates a new trust with the new properties and returns its ID, after which CloudFormation deletes the old trust (lib/aws/identity/handlers/ad-trust.ts)',
      userImpact:
        'the forest trust is re-created: on-premises users cannot use resources of the managed directory until the on-premises side accepts the new trust',
      replaces: true,
    });
  });

  test('Custom::AWS names its SDK call, from a JSON string or an object, Update before Create', () => {
    const GENERIC =
      'the call runs against the live resource during the deployment; check what it does to running connections';
    expect(
      describeCustomResourceUpdate('Custom::AWS', {
        Update: '{"service":"service-quotas","action":"GetServiceQuota","parameters":{}}',
        Create: '{"service":"EC2","action":"ImportClientVpnClientCertificateRevocationList"}',
      }),
    ).toEqual({
      onUpdate: 'calls service-quotas GetServiceQuota again with the new parameters',
      userImpact: GENERIC,
      replaces: false,
    });
    expect(
      describeCustomResourceUpdate('Custom::AWS', {
        Create: { service: 'EC2', action: 'ImportClientVpnClientCertificateRevocationList' },
      }),
    ).toEqual({
      onUpdate: 'calls EC2 ImportClientVpnClientCertificateRevocationList again with the new parameters',
      userImpact: 'the revocation list is re-imported: AWS resets every existing connection of the endpoint',
      replaces: false,
    });
    expect(
      describeCustomResourceUpdate('Custom::AWS', {
        Update: null,
        Create: '{"service":"SSM","action":"PutParameter"}',
      }),
    ).toEqual({
      onUpdate: 'calls SSM PutParameter again with the new parameters',
      userImpact: GENERIC,
      replaces: false,
    });
  });

  test('Custom::AWS without a readable call repeats it; another custom type runs its Update branch', () => {
    const REPEAT = {
      onUpdate: 'repeats its SDK call with the new parameters',
      userImpact:
        'the call runs against the live resource during the deployment; check what it does to running connections',
      replaces: false,
    };
    expect(describeCustomResourceUpdate('Custom::AWS', undefined)).toEqual(REPEAT);
    expect(describeCustomResourceUpdate('Custom::AWS', { Update: '{"service":"EC2"}' })).toEqual(REPEAT);
    expect(describeCustomResourceUpdate('Custom::AWS', { Update: { action: 'PutParameter' } })).toEqual(
      REPEAT,
    );
    expect(
      describeCustomResourceUpdate('Custom::AWS', { Update: '{"service":"EC2","action":"put-x"}' }),
    ).toEqual(REPEAT);
    expect(
      describeCustomResourceUpdate('Custom::Thing', { Update: '{"service":"EC2","action":"PutX"}' }),
    ).toEqual({
      onUpdate: 'runs its Update branch (the project has no description of this handler; read its code)',
      userImpact: 'unknown: read the handler before merging',
      replaces: false,
    });
  });
});
