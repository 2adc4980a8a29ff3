/**
 * What the review says about its two inputs (lib/review/review.ts), on hand-built trees: each
 * side's source, stack counts and organisation, and every warning -- an empty side, a side
 * without a capacity plan, a cloud synthesized on one side only, two different organisations --
 * with its exact wording and in its order; and the order of the findings (severity, category,
 * stack, resource, rule) and of the changes (cloud, stack, resource), which the rules do not
 * produce in that order.
 */
import type { CapacityPlan } from '../../lib/model/plan';
import type { AwsStackArtifact, AzureStackArtifact, SynthTree } from '../../lib/review/artifacts';
import { review } from '../../lib/review/review';
import { handTree } from './support';

const TODAY = '2026-12-01';

function plan(organisation: string): CapacityPlan {
  return {
    organisation,
    tiers: [],
    azureHubs: [],
    throughput: [],
    scenarios: [],
    cost: { currency: 'USD', monthlyUsd: 0, lines: [], assumptions: [] },
  } as unknown as CapacityPlan;
}

interface TreeSpec {
  source: string;
  aws?: string[];
  azure?: string[];
  organisation?: string;
  clouds?: { aws: boolean; azure: boolean };
  empty?: boolean;
}

function tree(spec: TreeSpec): SynthTree {
  const aws = new Map<string, AwsStackArtifact>(
    (spec.aws ?? []).map((name) => [name, { name, template: {}, text: '{}', region: 'ap-northeast-1' }]),
  );
  const azure = new Map<string, AzureStackArtifact>(
    (spec.azure ?? []).map((name) => [name, { name, json: {}, text: '{}' }]),
  );
  return {
    source: spec.source,
    aws,
    azure,
    clouds: spec.clouds ?? { aws: true, azure: true },
    ...(spec.organisation ? { plan: plan(spec.organisation) } : {}),
    ...(spec.empty ? { empty: true } : {}),
  };
}

const EMPTY = (source: string): TreeSpec => ({ source, clouds: { aws: false, azure: false }, empty: true });
const noPlan = (name: string, source: string) =>
  `${name} (${source}) has no tsunagi-plan.json: capacity requirements and cost for ${name} are unknown (synthesize with a current \`tsunagi synth\`)`;

describe('review: the sides', () => {
  it('counts each side\u2019s stacks per cloud and names its source and organisation', () => {
    const r = review(
      tree({ source: 'out/base', aws: ['a', 'b', 'c'], azure: ['hub'], organisation: 'hyogo' }),
      tree({ source: 'git:main (0123456789ab)', aws: ['a'], azure: ['hub', 'spoke'], organisation: 'hyogo' }),
      { today: TODAY },
    );
    expect([r.base, r.head]).toStrictEqual([
      { source: 'out/base', awsStacks: 3, azureStacks: 1, organisation: 'hyogo' },
      { source: 'git:main (0123456789ab)', awsStacks: 1, azureStacks: 2, organisation: 'hyogo' },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('has no organisation for a side without a plan', () => {
    const r = review(
      tree({ source: 'b', aws: ['a'] }),
      tree({ source: 'h', azure: ['hub'], organisation: 'iwate' }),
      {
        today: TODAY,
      },
    );
    expect([r.base, r.head]).toStrictEqual([
      { source: 'b', awsStacks: 1, azureStacks: 0 },
      { source: 'h', awsStacks: 0, azureStacks: 1, organisation: 'iwate' },
    ]);
  });
});

describe('review: warnings', () => {
  it('warns that a side has no capacity plan, base first', () => {
    const both = review(tree({ source: 'out/b' }), tree({ source: 'out/h' }), { today: TODAY });
    expect(both.warnings).toEqual([noPlan('base', 'out/b'), noPlan('head', 'out/h')]);
    const headOnly = review(tree({ source: 'out/b', organisation: 'o' }), tree({ source: 'out/h' }), {
      today: TODAY,
    });
    expect(headOnly.warnings).toEqual([noPlan('head', 'out/h')]);
    const baseOnly = review(tree({ source: 'out/b' }), tree({ source: 'out/h', organisation: 'o' }), {
      today: TODAY,
    });
    expect(baseOnly.warnings).toEqual([noPlan('base', 'out/b')]);
  });

  it('says an empty side is empty, and neither that it has no plan nor that its clouds differ', () => {
    const added = review(tree(EMPTY('nothing')), tree({ source: 'out/h', aws: ['a'], organisation: 'o' }), {
      today: TODAY,
    });
    expect(added.warnings).toEqual(['base (nothing) is empty: nothing is deployed on that side']);
    const removed = review(tree({ source: 'out/b', aws: ['a'] }), tree(EMPTY('gone')), { today: TODAY });
    expect(removed.warnings).toEqual([
      noPlan('base', 'out/b'),
      'head (gone) is empty: nothing is deployed on that side',
    ]);
    const neither = review(tree(EMPTY('b')), tree(EMPTY('h')), { today: TODAY });
    expect(neither.warnings).toEqual([
      'base (b) is empty: nothing is deployed on that side',
      'head (h) is empty: nothing is deployed on that side',
    ]);
  });

  it('warns of a cloud synthesized on one side only, naming its output and what the other side\u2019s stacks count as', () => {
    const azureAdded = review(
      tree({ source: 'b', aws: ['a'], organisation: 'o', clouds: { aws: true, azure: false } }),
      tree({ source: 'h', aws: ['a'], azure: ['hub'], organisation: 'o' }),
      { today: TODAY },
    );
    expect(azureAdded.warnings).toEqual([
      'cdktf.out exists only in head: every AZURE stack of the other side counts as added; synthesize both sides with the same --cloud',
    ]);
    const awsDeleted = review(
      tree({ source: 'b', aws: ['a'], azure: ['hub'], organisation: 'o' }),
      tree({ source: 'h', azure: ['hub'], organisation: 'o', clouds: { aws: false, azure: true } }),
      { today: TODAY },
    );
    expect(awsDeleted.warnings).toEqual([
      'cdk.out exists only in base: every AWS stack of the other side counts as deleted; synthesize both sides with the same --cloud',
    ]);
    const swapped = review(
      tree({ source: 'b', azure: ['hub'], clouds: { aws: false, azure: true } }),
      tree({ source: 'h', aws: ['a'], organisation: 'o', clouds: { aws: true, azure: false } }),
      { today: TODAY },
    );
    expect(swapped.warnings).toEqual([
      noPlan('base', 'b'),
      'cdk.out exists only in head: every AWS stack of the other side counts as added; synthesize both sides with the same --cloud',
      'cdktf.out exists only in base: every AZURE stack of the other side counts as deleted; synthesize both sides with the same --cloud',
    ]);
  });

  it('warns when the two plans are of different organisations, after the other warnings', () => {
    const r = review(
      tree({ source: 'b', organisation: 'hyogo', clouds: { aws: true, azure: false } }),
      tree({ source: 'h', organisation: 'iwate' }),
      { today: TODAY },
    );
    expect(r.warnings).toEqual([
      'cdktf.out exists only in head: every AZURE stack of the other side counts as added; synthesize both sides with the same --cloud',
      'base is organisation hyogo and head is iwate: compare the same profile',
    ]);
  });
});

describe('review: order', () => {
  const table = (key: string) => ({
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      TableName: 'org-devices',
      KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
  });
  const route = {
    Type: 'AWS::EC2::Route',
    Properties: { RouteTableId: 'rtb-1', DestinationCidrBlock: '10.0.0.0/8', GatewayId: 'igw-1' },
  };
  const subnet = (cidr: string) => ({
    Type: 'AWS::EC2::Subnet',
    Properties: { VpcId: 'vpc-1', CidrBlock: cidr },
  });
  const costPlan = (monthlyUsd: number) =>
    ({
      ...plan('o'),
      cost: { currency: 'USD', monthlyUsd, lines: [], assumptions: [] },
    }) as unknown as CapacityPlan;

  // The rules report stack by stack in template order, AWS before Azure: info before block,
  // deletion before replacement, RouteZ before RouteA, stateful-replaced before fixed-name-replacement.
  function changed() {
    const base = handTree(
      {
        'stack-a': {
          Resources: { RouteZ: route, RouteA: route, Table2: table('x'), Subnet: subnet('10.0.0.0/24') },
        },
        'stack-b': { Resources: { Route0: route, Registry: table('serial') } },
      },
      { 'a-hub': { resource: { azurerm_resource_group: { rg: { name: 'rg', location: 'japaneast' } } } } },
      costPlan(1000),
    );
    const head = handTree(
      {
        'stack-a': { Resources: { Subnet: subnet('10.0.1.0/24') } },
        'stack-b': { Resources: { Registry: table('id') } },
      },
      { 'a-hub': { resource: {} } },
      costPlan(1050),
    );
    return review(base, head, { today: TODAY });
  }

  it('sorts findings by severity, then category, stack, resource and rule', () => {
    expect(changed().findings.map((f) => [f.severity, f.category, f.stack, f.resource, f.rule])).toEqual([
      ['block', 'replacement', 'stack-b', 'Registry', 'fixed-name-replacement'],
      ['block', 'replacement', 'stack-b', 'Registry', 'stateful-replaced'],
      ['block', 'deletion', 'a-hub', 'azurerm_resource_group.rg', 'stateful-deleted'],
      ['block', 'deletion', 'stack-a', 'Table2', 'stateful-deleted'],
      ['warn', 'replacement', 'stack-a', 'Subnet', 'resource-replaced'],
      ['info', 'deletion', 'stack-a', 'RouteA', 'resource-deleted'],
      ['info', 'deletion', 'stack-a', 'RouteZ', 'resource-deleted'],
      ['info', 'deletion', 'stack-b', 'Route0', 'resource-deleted'],
      ['info', 'cost', '', '', 'cost-changed'],
    ]);
  });

  it('sorts changes by cloud, then stack and resource', () => {
    expect(changed().changes.map((c) => [c.cloud, c.stack, c.resource, c.action])).toEqual([
      ['aws', 'stack-a', 'RouteA', 'delete'],
      ['aws', 'stack-a', 'RouteZ', 'delete'],
      ['aws', 'stack-a', 'Subnet', 'replacement'],
      ['aws', 'stack-a', 'Table2', 'delete'],
      ['aws', 'stack-b', 'Registry', 'replacement'],
      ['aws', 'stack-b', 'Route0', 'delete'],
      ['azure', 'a-hub', 'azurerm_resource_group.rg', 'delete'],
    ]);
  });
});
