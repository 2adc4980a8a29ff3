import type { AwsClientVpnTierPlan } from '../../lib/planner/types';
import { regionShortName } from '../../lib/quotas/regions';
import { clientVpnCapacity } from '../../lib/verify/aws-capacity';
import { verifyScenarios } from '../../lib/verify/scenarios';
import { loadModel } from '../support/profiles';
import {
  cloudFormationTemplates,
  type FixtureName,
  type Json,
  terraformStacks,
} from '../support/synthesized';

// The fixture profiles' templates, synthesized once per jest run (hyogo by `tsunagi synth` in
// global setup, iwate in-process by the first worker that reads it: test/support/synthesized.ts).
describe.each<FixtureName>(['hyogo', 'iwate'])(
  'capacity implied by the synthesized templates (%s)',
  (name) => {
    const m = loadModel(name);
    let out: { json: Map<string, Json> };
    beforeAll(() => {
      out = { json: new Map([...cloudFormationTemplates(name)].map(([stack, t]) => [stack, t.template])) };
    });

    test('each AWS tier: endpoints x associations (quota table) equals the plan’s nominal connections', () => {
      const tiers = m.plan.tiers.filter((t): t is AwsClientVpnTierPlan => t.kind === 'aws-client-vpn');
      expect(tiers.length).toBeGreaterThan(0);
      for (const tier of tiers) {
        const stack = `${m.profile.organisation.id}-prod-remote-access-${regionShortName(tier.region)}`;
        const capacity = clientVpnCapacity([out.json.get(stack)]);
        expect(capacity.endpoints.map((e) => e.clientCidr).sort()).toEqual(
          tier.endpoints.map((e) => e.clientCidr).sort(),
        );
        for (const e of capacity.endpoints) expect(e.associations).toBe(tier.associationsPerEndpoint);
        expect(capacity.connections).toBe(tier.nominalConnections);
      }
    });

    test('every required failure scenario meets 100 % of its requirement, read from both clouds\u2019 artifacts', () => {
      const results = verifyScenarios(m.profile, out.json, [...terraformStacks(name).values()]);
      const required = m.plan.scenarios.filter((s) => s.verdict !== 'not-required');
      expect(results).toHaveLength(required.length);
      for (const r of results) expect(r).toMatchObject({ meets: true });
      // The artifacts carry what the plan says, scenario by scenario (compared as sorted pairs:
      // the verifier lists scenarios in its own order).
      const pairs = (xs: readonly { required: number; capacity: number }[]) =>
        xs.map((x) => `${x.required}:${x.capacity}`).sort();
      expect(pairs(results)).toEqual(pairs(required));
    });

    test('the AWS share: all templates together carry what the plan assigns to AWS in the nominal scenario', () => {
      const nominal = m.plan.scenarios.find((s) => s.scenario.kind === 'nominal')!;
      const awsShare = nominal.byTier
        .filter((t) => m.plan.tiers.find((p) => p.tierId === t.tierId)?.provider === 'aws')
        .reduce((s, t) => s + t.connections, 0);
      const capacity = clientVpnCapacity([...out.json.values()]);
      expect(capacity.connections).toBeGreaterThanOrEqual(awsShare);
    });
  },
);

test('counts associations per endpoint, not per template', () => {
  const template = {
    Resources: {
      A: { Type: 'AWS::EC2::ClientVpnEndpoint', Properties: { ClientCidrBlock: '10.0.0.0/14' } },
      B: { Type: 'AWS::EC2::ClientVpnEndpoint', Properties: { ClientCidrBlock: '10.4.0.0/14' } },
      A1: {
        Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
        Properties: { ClientVpnEndpointId: { Ref: 'A' }, SubnetId: 's1' },
      },
      A2: {
        Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
        Properties: { ClientVpnEndpointId: { Ref: 'A' }, SubnetId: 's2' },
      },
      B1: {
        Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
        Properties: { ClientVpnEndpointId: { Ref: 'B' }, SubnetId: 's1' },
      },
    },
  };
  const capacity = clientVpnCapacity([template]);
  expect(capacity.endpoints.map((e) => e.associations)).toEqual([2, 1]);
  expect(capacity.connections).toBe(36_500 + 7_000);
});
