/**
 * Edge cases of the review's resource diffs (lib/review/aws-diff.ts, lib/review/azure-diff.ts)
 * that resource-changes.test.ts leaves open, pinned whole: resources without a type or without
 * Properties, templates without Resources, references that are not to a replaced resource, the
 * ranking of rename candidates, exports nobody imports, the cross-stack rewrite (SSM parameters
 * and exports, with and without a Region), Azure `moved` blocks with partial interpolations,
 * replacement propagated from a may-replace resource through nested blocks and lists, and
 * stateful Azure renames. Each test compares complete change and finding objects, so that a
 * changed word, branch or comparison in the diff fails it.
 *
 * Hand-built templates and Terraform JSON only: nothing is synthesized.
 */
import type { AwsStackArtifact, SynthTree } from '../../lib/review/artifacts';
import { diffAws } from '../../lib/review/aws-diff';
import { diffHubStack, diffNetStack, HUB, handTree, NET, NEW_ID, TF_NEW_ID } from './support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built CloudFormation and Terraform JSON
type Json = any;

/** One AWS stack `net` and one Terraform stack `hub`, each diffed base to head (test/review/support.ts). */
const aws = diffNetStack;
const azure = diffHubStack;

const resources = (r: Json) => ({ Resources: r });
const topic = (displayName: string) => ({
  Type: 'AWS::SNS::Topic',
  Properties: { DisplayName: displayName },
});
const vpc = (cidr: string) => ({ Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr } });
const subnet = (vpcId: Json) => ({
  Type: 'AWS::EC2::Subnet',
  Properties: { VpcId: vpcId, CidrBlock: '10.0.0.0/24' },
});
const group = (properties?: Json) => ({
  Type: 'AWS::EC2::SecurityGroup',
  ...(properties === undefined ? {} : { Properties: properties }),
});

/** The same tree with one AWS stack's text replaced (e.g. pretty-printed, as `cdk synth` writes it). */
function withText(tree: SynthTree, stack: string, text: (artifact: AwsStackArtifact) => string): SynthTree {
  const aws = new Map(tree.aws);
  const artifact = aws.get(stack)!;
  aws.set(stack, { ...artifact, text: text(artifact) });
  return { ...tree, aws };
}

/** The same tree with no Region on any AWS stack (an environment-agnostic synth). */
function withoutRegions(tree: SynthTree): SynthTree {
  const aws = new Map(
    [...tree.aws].map(([name, a]): [string, AwsStackArtifact] => [
      name,
      { name: a.name, template: a.template, text: a.text },
    ]),
  );
  return { ...tree, aws };
}

describe('AWS: resources without a type or Properties, templates without Resources', () => {
  test('a resource whose Type is null is typed unknown, added or removed', () => {
    const untyped = resources({ X: { Type: null, Properties: { A: 1 } } });
    expect(aws(resources({}), untyped)).toEqual({
      changes: [{ ...NET, resource: 'X', type: 'unknown', action: 'add', paths: [] }],
      findings: [],
    });
    expect(aws(untyped, resources({}))).toEqual({
      changes: [{ ...NET, resource: 'X', type: 'unknown', action: 'delete', paths: [] }],
      findings: [
        {
          ...NET,
          resource: 'X',
          type: 'unknown',
          action: 'delete',
          rule: 'resource-deleted',
          severity: 'info',
          category: 'deletion',
          cause: ['removed from the template'],
          message: 'unknown X is deleted',
          userImpact: 'the resource is deleted',
        },
      ],
    });
  });

  test('a template without Resources on one side adds or deletes everything of the other', () => {
    const one = resources({ T: topic('a') });
    expect(aws({ Description: 'empty' }, one)).toEqual({
      changes: [{ ...NET, resource: 'T', type: 'AWS::SNS::Topic', action: 'add', paths: [] }],
      findings: [],
    });
    expect(aws(one, { Description: 'empty' }).changes).toEqual([
      { ...NET, resource: 'T', type: 'AWS::SNS::Topic', action: 'delete', paths: [] },
    ]);
  });

  test('a replacing property gained or lost with the whole Properties block', () => {
    const REPLACED = {
      ...NET,
      resource: 'G',
      type: 'AWS::EC2::SecurityGroup',
      action: 'replacement',
      rule: 'resource-replaced',
      severity: 'warn',
      category: 'replacement',
      cause: ['Properties.GroupName'],
      message:
        'AWS::EC2::SecurityGroup G is replaced (a new resource, then the old one is deleted) because Properties.GroupName changed',
      userImpact: NEW_ID,
    };
    const change = {
      ...NET,
      resource: 'G',
      type: 'AWS::EC2::SecurityGroup',
      action: 'replacement',
      paths: ['Properties.GroupName'],
    };
    expect(aws(resources({ G: group() }), resources({ G: group({ GroupName: 'links' }) }))).toEqual({
      changes: [change],
      findings: [
        REPLACED,
        {
          ...NET,
          resource: 'G',
          type: 'AWS::EC2::SecurityGroup',
          action: 'replacement',
          rule: 'fixed-name-replacement',
          severity: 'block',
          category: 'replacement',
          cause: ['Properties.GroupName', 'Properties.GroupName'],
          message:
            'G is replaced but its name is fixed (GroupName); CloudFormation creates the new resource first, the name is still taken, and the stack update fails and rolls back',
          userImpact:
            'the deployment fails and rolls back: none of the other changes of this stack are applied',
        },
      ],
    });
    // The name is no longer fixed in head: no fixed-name finding.
    expect(aws(resources({ G: group({ GroupName: 'links' }) }), resources({ G: group() }))).toEqual({
      changes: [change],
      findings: [REPLACED],
    });
  });

  test('a replacing property that was null, or an intrinsic other than Ref and GetAtt, has no parent', () => {
    expect(
      aws(resources({ G: group({ GroupName: null }) }), resources({ G: group({ GroupName: 'x' }) })).changes,
    ).toEqual([
      {
        ...NET,
        resource: 'G',
        type: 'AWS::EC2::SecurityGroup',
        action: 'replacement',
        paths: ['Properties.GroupName'],
      },
    ]);
    const sub = (text: string) => group({ GroupDescription: { 'Fn::Sub': text } });
    expect(aws(resources({ G: sub('a') }), resources({ G: sub('b') }))).toEqual({
      changes: [
        {
          ...NET,
          resource: 'G',
          type: 'AWS::EC2::SecurityGroup',
          action: 'replacement',
          paths: ['Properties.GroupDescription.Fn::Sub'],
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
          cause: ['Properties.GroupDescription.Fn::Sub'],
          message:
            'AWS::EC2::SecurityGroup G is replaced (a new resource, then the old one is deleted) because Properties.GroupDescription.Fn::Sub changed',
          userImpact: NEW_ID,
        },
      ],
    });
  });
});

describe('AWS: replaced together with a parent', () => {
  const OWN_SUBNET_REPLACEMENT = {
    ...NET,
    resource: 'S',
    type: 'AWS::EC2::Subnet',
    action: 'replacement',
    rule: 'resource-replaced',
    severity: 'warn',
    category: 'replacement',
    cause: ['Properties.VpcId.Ref'],
    message:
      'AWS::EC2::Subnet S is replaced (a new resource, then the old one is deleted) because Properties.VpcId.Ref changed',
    userImpact: NEW_ID,
  };

  test('a reference moved to another resource that is not replaced is a replacement of its own', () => {
    const side = (target: string) =>
      resources({ A: vpc('10.0.0.0/16'), B: vpc('10.1.0.0/16'), S: subnet({ Ref: target }) });
    expect(aws(side('A'), side('B'))).toEqual({
      changes: [
        {
          ...NET,
          resource: 'S',
          type: 'AWS::EC2::Subnet',
          action: 'replacement',
          paths: ['Properties.VpcId.Ref'],
        },
      ],
      findings: [OWN_SUBNET_REPLACEMENT],
    });
  });

  test('a referenced resource that is deleted is no parent', () => {
    expect(
      aws(
        resources({ Old: vpc('10.0.0.0/16'), S: subnet({ Ref: 'Old' }) }),
        resources({ New: vpc('10.1.0.0/16'), S: subnet({ Ref: 'New' }) }),
      ),
    ).toEqual({
      changes: [
        { ...NET, resource: 'Old', type: 'AWS::EC2::VPC', action: 'delete', paths: [] },
        { ...NET, resource: 'New', type: 'AWS::EC2::VPC', action: 'add', paths: [] },
        {
          ...NET,
          resource: 'S',
          type: 'AWS::EC2::Subnet',
          action: 'replacement',
          paths: ['Properties.VpcId.Ref'],
        },
      ],
      findings: [
        {
          ...NET,
          resource: 'Old',
          type: 'AWS::EC2::VPC',
          action: 'delete',
          rule: 'stateful-deleted',
          severity: 'block',
          category: 'deletion',
          cause: ['removed from the template'],
          message: 'VPC Old is deleted',
          userImpact: 'everything inside the VPC is deleted',
        },
        OWN_SUBNET_REPLACEMENT,
      ],
    });
  });

  const instance = (type: string) => ({
    Type: 'AWS::EC2::Instance',
    Properties: { ImageId: 'ami-1', InstanceType: type },
  });
  const attachment = (instanceId: Json) => ({
    Type: 'AWS::EC2::VolumeAttachment',
    Properties: { InstanceId: instanceId, VolumeId: 'vol-1', Device: '/dev/sdh' },
  });

  test('a resource that may be replaced is a parent too', () => {
    // Ref and GetAtt InstanceId name the same instance: A is replaced only because I is.
    const result = aws(
      resources({ I: instance('t3.micro'), A: attachment({ Ref: 'I' }) }),
      resources({ I: instance('t3.small'), A: attachment({ 'Fn::GetAtt': ['I', 'InstanceId'] }) }),
    );
    expect(result.changes).toEqual([
      {
        ...NET,
        resource: 'I',
        type: 'AWS::EC2::Instance',
        action: 'may-replace',
        paths: ['Properties.InstanceType'],
      },
      {
        ...NET,
        resource: 'A',
        type: 'AWS::EC2::VolumeAttachment',
        action: 'replacement',
        paths: ['Properties.InstanceId.Fn::GetAtt', 'Properties.InstanceId.Ref'],
      },
    ]);
    expect(result.findings).toEqual([
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
      {
        ...NET,
        resource: 'A',
        type: 'AWS::EC2::VolumeAttachment',
        action: 'replacement',
        rule: 'replaced-with-parent',
        severity: 'info',
        category: 'replacement',
        cause: ['Properties.InstanceId.Fn::GetAtt', 'Properties.InstanceId.Ref'],
        message: 'AWS::EC2::VolumeAttachment A is replaced together with I, which it refers to',
        userImpact: 'part of the replacement of I (see that finding)',
      },
    ]);
  });

  test('a reference moved away from a resource that may be replaced is a replacement of its own', () => {
    // A pointed at I (which may be replaced) and now points at J: A is replaced because of the
    // move, not together with I, so the review warns about A itself.
    const result = aws(
      resources({ I: instance('t3.micro'), J: instance('t3.micro'), A: attachment({ Ref: 'I' }) }),
      resources({ I: instance('t3.small'), J: instance('t3.micro'), A: attachment({ Ref: 'J' }) }),
    );
    expect(result.findings.filter((f) => f.resource === 'A')).toEqual([
      {
        ...NET,
        resource: 'A',
        type: 'AWS::EC2::VolumeAttachment',
        action: 'replacement',
        rule: 'resource-replaced',
        severity: 'warn',
        category: 'replacement',
        cause: ['Properties.InstanceId.Ref'],
        message:
          'AWS::EC2::VolumeAttachment A is replaced (a new resource, then the old one is deleted) because Properties.InstanceId.Ref changed',
        userImpact: NEW_ID,
      },
    ]);
  });
});

describe('AWS: rename candidates', () => {
  const made = (props: Json, path?: unknown) => ({
    Type: 'AWS::Made::Up',
    Properties: props,
    ...(path === undefined ? {} : { Metadata: { 'aws:cdk:path': path } }),
  });
  const ABCD = { A: 'a', B: 'b', C: 'c', D: 'd' };
  const WXYZ = { A: 'w', B: 'x', C: 'y', D: 'z' };
  const pairs = (base: Json, head: Json) =>
    aws(resources(base), resources(head)).changes.map(
      (c) => `${c.resource} ${c.action} ${c.renamedTo ?? ''}${c.renamedFrom ?? ''}`,
    );

  test('added resources alone are never renames of each other', () => {
    expect(aws(resources({}), resources({ A: topic('a'), B: topic('a') }))).toEqual({
      changes: [
        { ...NET, resource: 'A', type: 'AWS::SNS::Topic', action: 'add', paths: [] },
        { ...NET, resource: 'B', type: 'AWS::SNS::Topic', action: 'add', paths: [] },
      ],
      findings: [],
    });
  });

  test('an updated resource is never the old half of a rename, nor an added one without properties', () => {
    expect(pairs({ T: topic('a') }, { T: topic('b'), N: topic('a') })).toEqual(['N add ', 'T update ']);
    const bare = { Type: 'AWS::SNS::Topic' };
    expect(pairs({}, { A: bare, B: bare })).toEqual(['A add ', 'B add ']);
  });

  test('the same construct path outranks the same construct tail with equal properties', () => {
    expect(
      pairs(
        { Old: made(ABCD, 'net/Queue/Resource') },
        { ByPath: made(WXYZ, 'net/Queue/Resource'), ByTail: made(ABCD, 'moved/Queue/Resource') },
      ),
    ).toEqual(['Old delete ByPath', 'ByPath add Old', 'ByTail add ']);
  });

  test('the same construct tail outranks equal properties without a path', () => {
    expect(
      pairs(
        { Old: made(ABCD, 'net/Queue/Resource') },
        { ByProps: made(ABCD), ByTail: made(WXYZ, 'moved/Queue/Resource') },
      ),
    ).toEqual(['Old delete ByTail', 'ByProps add ', 'ByTail add Old']);
  });

  test('a construct path that is not a string pairs nothing', () => {
    expect(pairs({ Old: made(ABCD, 5) }, { New: made(WXYZ, 5) })).toEqual(['Old delete ', 'New add ']);
  });
});

describe('AWS: exports nobody imports', () => {
  const exporter = (value: Json, exported = true) => ({
    Resources: { T: topic('a') },
    Outputs: {
      ...(exported ? { TopicArn: { Value: value, Export: { Name: 'net:TopicArn' } } } : {}),
      // Neither is an export: no Export, or an Export whose name the template computes.
      Plain: { Value: value },
      Computed: { Value: value, Export: { Name: { 'Fn::Sub': `\${AWS::StackName}:Arn` } } },
    },
  });
  const other = resources({ Q: topic('q') });
  const ARN = { 'Fn::GetAtt': ['T', 'TopicArn'] };

  test('a changed export no other stack imports is information', () => {
    expect(
      diffAws(handTree({ net: exporter({ Ref: 'T' }), other }), handTree({ net: exporter(ARN), other })),
    ).toEqual({
      changes: [],
      findings: [
        {
          ...NET,
          resource: 'TopicArn',
          type: 'AWS::CloudFormation::Export',
          action: 'update',
          rule: 'export-changed',
          severity: 'info',
          category: 'replacement',
          cause: ['Outputs.TopicArn.Value'],
          message: 'export net:TopicArn is changed; no stack imports it',
          userImpact: 'none',
        },
      ],
    });
  });

  test('a removed export no other stack imports is information', () => {
    expect(
      diffAws(
        handTree({ net: exporter({ Ref: 'T' }), other }),
        handTree({ net: exporter({ Ref: 'T' }, false), other }),
      ),
    ).toEqual({
      changes: [],
      findings: [
        {
          ...NET,
          resource: 'TopicArn',
          type: 'AWS::CloudFormation::Export',
          action: 'delete',
          rule: 'export-removed',
          severity: 'info',
          category: 'deletion',
          cause: ['Outputs.TopicArn.Export'],
          message: 'export net:TopicArn is removed; no stack imports it',
          userImpact: 'none',
        },
      ],
    });
  });

  test('the exporting stack importing its own export is no importer', () => {
    const reader = { Type: 'AWS::Made::Up', Properties: { Arn: { 'Fn::ImportValue': 'net:TopicArn' } } };
    const side = (value: Json) => {
      const template = exporter(value);
      return { ...template, Resources: { ...template.Resources, Reader: reader } };
    };
    const result = diffAws(handTree({ net: side({ Ref: 'T' }), other }), handTree({ net: side(ARN), other }));
    expect(result.findings).toEqual([
      {
        ...NET,
        resource: 'TopicArn',
        type: 'AWS::CloudFormation::Export',
        action: 'update',
        rule: 'export-changed',
        severity: 'info',
        category: 'replacement',
        cause: ['Outputs.TopicArn.Value'],
        message: 'export net:TopicArn is changed; no stack imports it',
        userImpact: 'none',
      },
    ]);
  });

  test('an importer whose template text is pretty-printed still imports', () => {
    const reader = resources({
      P: { Type: 'AWS::Made::Up', Properties: { Arn: { 'Fn::ImportValue': 'net:TopicArn' } } },
    });
    const pretty = (a: AwsStackArtifact) => JSON.stringify(a.template, null, 2);
    const base = withText(handTree({ net: exporter({ Ref: 'T' }), r1: reader, other }), 'r1', pretty);
    const head = withText(handTree({ net: exporter(ARN), r1: reader, other }), 'r1', pretty);
    expect(diffAws(base, head).findings).toEqual([
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
          'export net:TopicArn is changed while r1 imports it: CloudFormation refuses to update net ("Export ... cannot be updated as it is in use")',
        userImpact:
          'the deployment of net fails and rolls back until the importing stacks stop using the export (deploy them first, or keep the old export for one release)',
      },
    ]);
  });
});

describe('AWS: cross-stack references resolved before the diff', () => {
  const NAME = '/tsunagi/network/vpc-id';
  /** An SSM parameter that stores the VPC `target`'s ID under NAME. */
  const ssm = (target: string) => ({
    Type: 'AWS::SSM::Parameter',
    Properties: { Name: NAME, Type: 'String', Value: { Ref: target } },
  });
  /** The producer: two VPCs, a writer of one's ID, and an export of the same ID. */
  const network = (target: string, writer: (t: string) => Json = ssm) => ({
    Resources: { Vpc: vpc('10.0.0.0/16'), Other: vpc('10.1.0.0/16'), Writer: writer(target) },
    Outputs: { V: { Value: { Ref: target }, Export: { Name: 'network:Vpc' } } },
  });
  const ssmParameter = (extra: Json = { Default: NAME }) => ({
    Type: 'AWS::SSM::Parameter::Value<String>',
    ...extra,
  });
  /** The reader: a group in the VPC that `vpcId` names, and a marker that makes its text differ. */
  const links = (marker: string, vpcId: Json, parameters: Json = { P: ssmParameter() }) => ({
    Parameters: parameters,
    Resources: { Group: group({ GroupDescription: 'g', VpcId: vpcId }), Marker: topic(marker) },
  });
  /** The reader's changes when the producer moves its value from Vpc to Other. */
  const readerChanges = (
    vpcId: Json,
    parameters?: Json,
    writer?: (t: string) => Json,
    trees: (tree: SynthTree) => SynthTree = (t) => t,
  ) =>
    diffAws(
      trees(handTree({ network: network('Vpc', writer), links: links('a', vpcId, parameters) })),
      trees(handTree({ network: network('Other', writer), links: links('b', vpcId, parameters) })),
    ).changes.filter((c) => c.stack === 'links');

  const MARKER = {
    cloud: 'aws',
    stack: 'links',
    resource: 'Marker',
    type: 'AWS::SNS::Topic',
    action: 'update',
    paths: ['Properties.DisplayName'],
  };
  /** The group follows the producer's value: it is resolved to the producer's resource. */
  const FOLLOWS = [
    {
      cloud: 'aws',
      stack: 'links',
      resource: 'Group',
      type: 'AWS::EC2::SecurityGroup',
      action: 'replacement',
      paths: ['Properties.VpcId.Tsunagi::CrossStack.1.Ref'],
    },
    MARKER,
  ];

  test('an import and an SSM parameter the producer writes both follow the producer', () => {
    expect(readerChanges({ 'Fn::ImportValue': 'network:Vpc' })).toEqual(FOLLOWS);
    expect(readerChanges({ Ref: 'P' })).toEqual(FOLLOWS);
  });

  test('without a Region on either side the SSM parameter still resolves', () => {
    expect(readerChanges({ Ref: 'P' }, undefined, undefined, withoutRegions)).toEqual(FOLLOWS);
  });

  test('what is not an SSM parameter reference stays as written', () => {
    // A plain String parameter whose default happens to be the parameter name.
    expect(readerChanges({ Ref: 'P' }, { P: { Type: 'String', Default: NAME } })).toEqual([MARKER]);
    // A Ref that is not a string, although a parameter has that name.
    expect(readerChanges({ Ref: 5 }, { 5: ssmParameter() })).toEqual([MARKER]);
    // An object with more keys than the import.
    expect(readerChanges({ 'Fn::ImportValue': 'network:Vpc', Extra: 1 })).toEqual([MARKER]);
  });

  test('only an SSM parameter resource with a literal name is a writer', () => {
    const notSsm = (target: string) => ({ ...ssm(target), Type: 'AWS::Made::Up' });
    expect(readerChanges({ Ref: 'P' }, undefined, notSsm)).toEqual([MARKER]);
    // No Name, read by a parameter with no Default: both would be "undefined".
    const unnamed = (target: string) => ({
      Type: 'AWS::SSM::Parameter',
      Properties: { Type: 'String', Value: { Ref: target } },
    });
    expect(readerChanges({ Ref: 'P' }, { P: ssmParameter({}) }, unnamed)).toEqual([MARKER]);
  });

  test('a reader whose text is unchanged is not compared, whatever its import now resolves to', () => {
    const reader = links('a', { 'Fn::ImportValue': 'network:Vpc' });
    const result = diffAws(
      handTree({ network: network('Vpc'), links: reader }),
      handTree({ network: network('Other'), links: reader }),
    );
    // Only the producer's own change: the reader is not diffed (the export finding covers it).
    expect(result.changes).toEqual([
      {
        cloud: 'aws',
        stack: 'network',
        resource: 'Writer',
        type: 'AWS::SSM::Parameter',
        action: 'update',
        paths: ['Properties.Value.Ref'],
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

describe('Azure: renames', () => {
  test('a stateful resource renamed without a moved block blocks', () => {
    const wan = { name: 'vwan', location: 'japaneast', resource_group_name: 'rg' };
    expect(
      azure(
        tfResources({ azurerm_virtual_wan: { old: wan } }),
        tfResources({ azurerm_virtual_wan: { renamed: wan } }),
      ),
    ).toEqual({
      changes: [
        {
          ...HUB,
          resource: 'azurerm_virtual_wan.renamed',
          type: 'azurerm_virtual_wan',
          action: 'add',
          paths: [],
          renamedFrom: 'azurerm_virtual_wan.old',
        },
        {
          ...HUB,
          resource: 'azurerm_virtual_wan.old',
          type: 'azurerm_virtual_wan',
          action: 'delete',
          paths: [],
          renamedTo: 'azurerm_virtual_wan.renamed',
        },
      ],
      findings: [
        {
          ...HUB,
          resource: 'azurerm_virtual_wan.old',
          type: 'azurerm_virtual_wan',
          action: 'replacement',
          rule: 'stateful-renamed',
          severity: 'block',
          category: 'replacement',
          cause: ['address azurerm_virtual_wan.old -> azurerm_virtual_wan.renamed'],
          message:
            'Virtual WAN azurerm_virtual_wan.old is renamed to azurerm_virtual_wan.renamed with no `moved` block: Terraform destroys it and creates a new one',
          userImpact: 'every hub, gateway and connection of the WAN is re-created (hours)',
        },
      ],
    });
  });

  test('a moved address with text around its interpolation is taken as written: no move', () => {
    const base = tfResources({ [NSG]: { old: nsg() } });
    const moved = (from: string) =>
      tfResources({ [NSG]: { renamed: nsg() } }, { moved: [{ from, to: `${NSG}.renamed` }] });
    const RENAME = [
      {
        ...HUB,
        resource: `${NSG}.renamed`,
        type: NSG,
        action: 'add',
        paths: [],
        renamedFrom: `${NSG}.old`,
      },
      { ...HUB, resource: `${NSG}.old`, type: NSG, action: 'delete', paths: [], renamedTo: `${NSG}.renamed` },
    ];
    expect(azure(base, moved(`${NSG}.${tf('old')}`)).changes).toEqual(RENAME);
    expect(azure(base, moved(`${tf(NSG)}.old`)).changes).toEqual(RENAME);
    // The whole address interpolated is a move.
    expect(azure(base, moved(tf(`${NSG}.old`))).changes).toEqual([
      {
        ...HUB,
        resource: `${NSG}.renamed`,
        type: NSG,
        action: 'update',
        paths: [],
        renamedFrom: `${NSG}.old`,
      },
    ]);
  });

  test('added resources alone, or deleted ones alone, are never renames of each other', () => {
    expect(azure(tfResources({}), tfResources({ [NSG]: { a: nsg(), b: nsg() } }))).toEqual({
      changes: [
        { ...HUB, resource: `${NSG}.a`, type: NSG, action: 'add', paths: [] },
        { ...HUB, resource: `${NSG}.b`, type: NSG, action: 'add', paths: [] },
      ],
      findings: [],
    });
    const deleted = (name: string) => ({
      ...HUB,
      resource: `${NSG}.${name}`,
      type: NSG,
      action: 'delete',
      rule: 'resource-deleted',
      severity: 'info',
      category: 'deletion',
      cause: ['removed from the configuration'],
      message: `azurerm_network_security_group azurerm_network_security_group.${name} is destroyed`,
      userImpact: 'the resource is destroyed',
    });
    expect(azure(tfResources({ [NSG]: { a: nsg(), b: nsg() } }), tfResources({}))).toEqual({
      changes: [
        { ...HUB, resource: `${NSG}.a`, type: NSG, action: 'delete', paths: [] },
        { ...HUB, resource: `${NSG}.b`, type: NSG, action: 'delete', paths: [] },
      ],
      findings: [deleted('a'), deleted('b')],
    });
  });

  test('an updated resource is neither half of a rename', () => {
    const tagged = nsg({ tags: { owner: 'net' } });
    expect(
      azure(tfResources({ [NSG]: { u: nsg() } }), tfResources({ [NSG]: { u: tagged, n: nsg() } })).changes,
    ).toEqual([
      { ...HUB, resource: `${NSG}.u`, type: NSG, action: 'update', paths: ['tags'] },
      { ...HUB, resource: `${NSG}.n`, type: NSG, action: 'add', paths: [] },
    ]);
    expect(
      azure(tfResources({ [NSG]: { u: tagged, d: nsg() } }), tfResources({ [NSG]: { u: nsg() } })).changes,
    ).toEqual([
      { ...HUB, resource: `${NSG}.u`, type: NSG, action: 'update', paths: ['tags'] },
      { ...HUB, resource: `${NSG}.d`, type: NSG, action: 'delete', paths: [] },
    ]);
  });

  test('the same construct tail alone pairs a rename (the construct moved to another stack name)', () => {
    const T = 'azurerm_route_filter';
    const at = (a: number, path: string) => ({ a, '//': { metadata: { path } } });
    expect(
      azure(
        tfResources({ [T]: { old: at(1, 'hub/Filter') } }),
        tfResources({ [T]: { renamed: at(2, 'edge/Filter') } }),
      ).changes,
    ).toEqual([
      { ...HUB, resource: `${T}.renamed`, type: T, action: 'add', paths: [], renamedFrom: `${T}.old` },
      { ...HUB, resource: `${T}.old`, type: T, action: 'delete', paths: [], renamedTo: `${T}.renamed` },
    ]);
  });

  test('a construct path that is not a string pairs nothing', () => {
    const T = 'azurerm_route_filter';
    const at = (a: number) => ({ a, '//': { metadata: { path: 5 } } });
    expect(
      azure(tfResources({ [T]: { old: at(1) } }), tfResources({ [T]: { renamed: at(2) } })).changes,
    ).toEqual([
      { ...HUB, resource: `${T}.renamed`, type: T, action: 'add', paths: [] },
      { ...HUB, resource: `${T}.old`, type: T, action: 'delete', paths: [] },
    ]);
  });
});

describe('Azure: replacement propagated from a resource that may be replaced', () => {
  test('references inside nested blocks and lists are found; other leaves are skipped', () => {
    const account = (kind: string) => ({ name: 'sa', kind });
    const container = {
      name: 'c',
      size: 3,
      enabled: true,
      nothing: null,
      network: { hub: tf('azurerm_storage_account.sa.id') },
      hubs: [tf('azurerm_storage_account.sa.name')],
    };
    const side = (kind: string) =>
      tfResources({
        azurerm_storage_account: { sa: account(kind) },
        azurerm_storage_container: { c: container },
      });
    const CAUSE = [
      'network.hub (refers to replaced azurerm_storage_account.sa)',
      'hubs.0 (refers to replaced azurerm_storage_account.sa)',
    ];
    expect(azure(side('v1'), side('v2'))).toEqual({
      changes: [
        {
          ...HUB,
          resource: 'azurerm_storage_account.sa',
          type: 'azurerm_storage_account',
          action: 'may-replace',
          paths: ['kind'],
        },
        {
          ...HUB,
          resource: 'azurerm_storage_container.c',
          type: 'azurerm_storage_container',
          action: 'replacement',
          paths: CAUSE,
        },
      ],
      findings: [
        {
          ...HUB,
          resource: 'azurerm_storage_account.sa',
          type: 'azurerm_storage_account',
          action: 'may-replace',
          rule: 'resource-replaced',
          severity: 'warn',
          category: 'replacement',
          cause: ['kind'],
          message:
            'azurerm_storage_account azurerm_storage_account.sa may be replaced (destroyed, then created) because kind changed and the ForceNew table does not list this type',
          userImpact: TF_NEW_ID,
        },
        {
          ...HUB,
          resource: 'azurerm_storage_container.c',
          type: 'azurerm_storage_container',
          action: 'replacement',
          rule: 'resource-replaced',
          severity: 'warn',
          category: 'replacement',
          cause: CAUSE,
          message:
            'azurerm_storage_container azurerm_storage_container.c is replaced (destroyed, then created) because network.hub (refers to replaced azurerm_storage_account.sa), hubs.0 (refers to replaced azurerm_storage_account.sa) changed',
          userImpact: TF_NEW_ID,
        },
      ],
    });
  });
});
