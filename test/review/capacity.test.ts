/**
 * Capacity rules on hand-built trees: head below a required scenario, the transition below
 * it, and a tier whose every endpoint is replaced at once. Each fails when its rule is removed.
 */
import type { CapacityPlan } from '../../lib/model/plan';
import { diffAws } from '../../lib/review/aws-diff';
import { reviewCapacity } from '../../lib/review/capacity';
import { clone, handTree } from './support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built JSON
type Json = any;
const STACK = 'org-prod-remote-access-apne1';
const ZONES = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];

function template(): Json {
  const resources: Json = {};
  ZONES.forEach((zone, i) => {
    resources[`Subnet${i}`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { AvailabilityZone: zone, CidrBlock: `10.128.${i}.0/24` },
    };
  });
  for (const n of [0, 1]) {
    resources[`Endpoint${n}`] = {
      Type: 'AWS::EC2::ClientVpnEndpoint',
      Metadata: { 'aws:cdk:path': `${STACK}/tokyo-${n}/Endpoint` },
      Properties: { ClientCidrBlock: `10.${64 + 4 * n}.0.0/14` },
    };
    ZONES.forEach((_, i) => {
      resources[`Endpoint${n}Association${i}`] = {
        Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
        Properties: { ClientVpnEndpointId: { Ref: `Endpoint${n}` }, SubnetId: { Ref: `Subnet${i}` } },
      };
    });
  }
  return { Resources: resources };
}

function plan(required: number, zoneRequired = Math.min(required, 50_000)): CapacityPlan {
  const scenario = (s: Json, label: string, req: number) => ({
    scenario: s,
    label,
    required: req,
    capacity: 0,
    byTier: [],
    verdict: 'meets',
  });
  return {
    organisation: 'org',
    tiers: [],
    azureHubs: [],
    throughput: [],
    scenarios: [
      scenario({ kind: 'nominal' }, 'nominal (nothing failed)', required),
      scenario(
        { kind: 'availability-zone', provider: 'aws', region: 'ap-northeast-1', zone: 'ap-northeast-1a' },
        'loss of zone ap-northeast-1a',
        zoneRequired,
      ),
    ],
    cost: { currency: 'USD', monthlyUsd: 0, lines: [], assumptions: [] },
  } as unknown as CapacityPlan;
}

function capacity(base: Json, head: Json, required: number, zoneRequired?: number) {
  const b = handTree({ [STACK]: base }, {}, plan(required, zoneRequired));
  const h = handTree({ [STACK]: head }, {}, plan(required, zoneRequired));
  const diff = diffAws(b, h);
  return reviewCapacity(b, h, diff.changes, diff.findings);
}

describe('capacity rules', () => {
  test('capacity is recomputed from the artifacts with the planner\u2019s failure model', () => {
    const r = capacity(template(), clone(template()), 100_000);
    expect(r.rows.map((x) => [x.key, x.base, x.head, x.during])).toEqual([
      ['nominal', 133_000, 133_000, null],
      ['az:aws:ap-northeast-1:ap-northeast-1a', 73_000, 73_000, null],
    ]);
    expect(r.findings).toEqual([]);
  });

  test('capacity that falls but still meets every requirement is a warning', () => {
    const head = template();
    delete head.Resources.Endpoint1Association2;
    const r = capacity(template(), head, 60_000, 40_000);
    expect(r.findings.map((f) => [f.rule, f.severity, f.category])).toEqual([
      ['capacity-reduced', 'warn', 'capacity'],
    ]);
    expect(r.findings[0]!.message).toMatch(/133,000 -> 103,000/);
  });

  test('head below a required scenario blocks and cannot be acknowledged', () => {
    const head = template();
    delete head.Resources.Endpoint1Association2;
    const r = capacity(template(), head, 100_000);
    expect(r.rows[0]).toMatchObject({ head: 103_000, verdict: 'meets' });
    expect(r.rows[1]).toMatchObject({ head: 43_500, verdict: 'short' });
    expect(r.findings.filter((f) => f.rule === 'capacity-below-target')).toMatchObject([
      { severity: 'block', category: 'capacity', cause: ['scenario az:aws:ap-northeast-1:ap-northeast-1a'] },
    ]);
  });

  test('the transition below the target blocks: a replaced endpoint is down while it is re-created', () => {
    const head = template();
    head.Resources.Endpoint0.Properties.ClientCidrBlock = '10.96.0.0/14';
    const r = capacity(template(), head, 100_000);
    expect(r.rows[0]).toMatchObject({ base: 133_000, head: 133_000, during: 66_500 });
    expect(r.findings.map((f) => f.rule)).toEqual(['capacity-below-target-during-change']);
    // With a lower requirement the same change passes on capacity.
    expect(capacity(template(), head, 60_000).findings).toEqual([]);
  });

  test('every endpoint of a tier replaced at once is its own (unacknowledgeable) finding', () => {
    const head = template();
    head.Resources.Endpoint0.Properties.ClientCidrBlock = '10.96.0.0/14';
    head.Resources.Endpoint1.Properties.ClientCidrBlock = '10.100.0.0/14';
    const r = capacity(template(), head, 10_000);
    expect(r.findings.map((f) => f.rule)).toEqual([
      'capacity-below-target-during-change',
      'tier-all-endpoints-replaced',
    ]);
    expect(r.findings[1]).toMatchObject({ cause: ['tier tokyo'], severity: 'block' });
  });
});
