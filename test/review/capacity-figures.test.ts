/**
 * The review's capacity arithmetic, figure by figure, on hand-built trees: which concentrators
 * it finds (and the zone of each association, however the subnet reaches the endpoint's
 * template), what each carries under a scenario by the planner's failure model, which rows a
 * pair of plans gives, what is down during a change, and the exact findings with their
 * numbers. test/review/capacity.test.ts covers the rules; this file pins what they print.
 * Every expected figure is written out: a Client VPN endpoint carries 7,000, 36,500 or 66,500
 * connections with one, two or three associated subnets (LIMITS.md, Client VPN quotas), so
 * losing one of three zones leaves 36,500 (the planner's zone-loss model); a point-to-site
 * gateway carries its scale-unit row (lib/quotas/azure-virtual-wan.ts).
 */
import type { CapacityPlan } from '../../lib/model/plan';
import { diffAws } from '../../lib/review/aws-diff';
import {
  type Concentrator,
  concentratorCapacity,
  concentratorsOf,
  reviewCapacity,
  scenarioKey,
} from '../../lib/review/capacity';
import type { FindingInput } from '../../lib/review/finding';
import { clone, handTree } from './support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built JSON
type Json = any;
const STACK = 'org-prod-remote-access-apne1';
const NETWORK = 'org-prod-network-apne1';
const ZONES = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];
const ZONE_A = {
  kind: 'availability-zone',
  provider: 'aws',
  region: 'ap-northeast-1',
  zone: 'ap-northeast-1a',
} as const;

/** `endpoints` Client VPN endpoints of tier `tier`, each associated with every zone's subnet. */
function remoteAccess(endpoints = 2, tier = 'tokyo'): Json {
  const resources: Json = {};
  ZONES.forEach((zone, i) => {
    resources[`Subnet${i}`] = { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: zone } };
  });
  for (let n = 0; n < endpoints; n++) {
    resources[`Endpoint${n}`] = {
      Type: 'AWS::EC2::ClientVpnEndpoint',
      Metadata: { 'aws:cdk:path': `${STACK}/${tier}-${n}/Endpoint` },
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

interface ScenarioRow {
  readonly scenario: Json;
  readonly label?: string;
  readonly required: number;
  readonly verdict?: 'meets' | 'short' | 'not-required';
}

function plan(rows: readonly ScenarioRow[], extra: Partial<Record<string, unknown>> = {}): CapacityPlan {
  return {
    organisation: 'org',
    tiers: [],
    azureHubs: [],
    throughput: [],
    scenarios: rows.map((r) => ({
      scenario: r.scenario,
      ...(r.label ? { label: r.label } : {}),
      required: r.required,
      capacity: 0,
      byTier: [],
      verdict: r.verdict ?? 'meets',
    })),
    cost: { currency: 'USD', monthlyUsd: 0, lines: [], assumptions: [] },
    ...extra,
  } as unknown as CapacityPlan;
}

const NOMINAL = (required: number, verdict?: ScenarioRow['verdict']): ScenarioRow => ({
  scenario: { kind: 'nominal' },
  label: 'nominal (nothing failed)',
  required,
  ...(verdict ? { verdict } : {}),
});
const LOSS_OF_A = (required: number, verdict?: ScenarioRow['verdict']): ScenarioRow => ({
  scenario: ZONE_A,
  label: 'loss of zone ap-northeast-1a',
  required,
  ...(verdict ? { verdict } : {}),
});

function review(
  base: Json,
  head: Json,
  basePlan?: CapacityPlan,
  headPlan: CapacityPlan | undefined = basePlan,
) {
  const b = handTree({ [STACK]: base }, {}, basePlan);
  const h = handTree({ [STACK]: head }, {}, headPlan);
  const diff = diffAws(b, h);
  return reviewCapacity(b, h, diff.changes, diff.findings);
}

describe('scenarioKey', () => {
  test('one stable key per scenario kind', () => {
    expect(scenarioKey({ kind: 'nominal' })).toBe('nominal');
    expect(scenarioKey(ZONE_A)).toBe('az:aws:ap-northeast-1:ap-northeast-1a');
    expect(scenarioKey({ kind: 'region', provider: 'azure', region: 'japaneast' })).toBe(
      'region:azure:japaneast',
    );
    expect(scenarioKey({ kind: 'provider', provider: 'aws' })).toBe('provider:aws');
  });
});

describe('concentratorsOf: the endpoints and the zones of their associations', () => {
  test('a subnet in the same template: its zone; the tier from the construct path', () => {
    expect(concentratorsOf(handTree({ [STACK]: remoteAccess(1) }))).toEqual([
      {
        cloud: 'aws',
        stack: STACK,
        resource: 'Endpoint0',
        tier: 'tokyo',
        region: 'ap-northeast-1',
        zones: ZONES,
        associations: ['Endpoint0Association0', 'Endpoint0Association1', 'Endpoint0Association2'],
        scaleUnits: 0,
      },
    ]);
  });

  test('a subnet read from an SSM parameter that another stack of the same Region writes', () => {
    const access = remoteAccess(1);
    for (const i of [0, 1, 2]) delete access.Resources[`Subnet${i}`];
    access.Parameters = {
      SubnetA: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/org/subnet/a' },
      SubnetC: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/org/subnet/c' },
      Plain: { Type: 'String', Default: '/org/subnet/a' },
    };
    access.Resources.Endpoint0Association0.Properties.SubnetId = { Ref: 'SubnetA' };
    access.Resources.Endpoint0Association1.Properties.SubnetId = { Ref: 'SubnetC' };
    // A plain String parameter is not an SSM lookup, whatever its default.
    access.Resources.Endpoint0Association2.Properties.SubnetId = { Ref: 'Plain' };
    const network = (zoneA: string, zoneC: string) => ({
      Resources: {
        SubnetA: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: zoneA } },
        SubnetC: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: zoneC } },
        ParameterA: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Name: '/org/subnet/a', Value: { Ref: 'SubnetA' } },
        },
        ParameterC: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Name: '/org/subnet/c', Value: { Ref: 'SubnetC' } },
        },
      },
    });
    // The same parameter names in another Region's stack (listed first) are not this Region's.
    const tree = handTree({
      'org-prod-network-apne3': {
        ...network('ap-northeast-3a', 'ap-northeast-3c'),
        region: 'ap-northeast-3',
      },
      [NETWORK]: network('ap-northeast-1a', 'ap-northeast-1c'),
      [STACK]: access,
    });
    const [endpoint] = concentratorsOf(tree);
    expect(endpoint!.zones).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
      'unknown-zone:Endpoint0Association2',
    ]);
  });

  test('a subnet imported from another stack’s export; an association with no known subnet is its own zone', () => {
    const access = remoteAccess(1);
    for (const i of [0, 1, 2]) delete access.Resources[`Subnet${i}`];
    access.Resources.Endpoint0Association0.Properties.SubnetId = { 'Fn::ImportValue': 'org-subnet-a' };
    access.Resources.Endpoint0Association1.Properties.SubnetId = { 'Fn::ImportValue': 'org-subnet-d' };
    access.Resources.Endpoint0Association2.Properties.SubnetId = 'subnet-0123456789abcdef0';
    const tree = handTree({
      [NETWORK]: {
        Resources: {
          SubnetA: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: 'ap-northeast-1a' } },
          SubnetD: { Type: 'AWS::EC2::Subnet', Properties: { AvailabilityZone: 'ap-northeast-1d' } },
        },
        Outputs: {
          A: { Value: { Ref: 'SubnetA' }, Export: { Name: 'org-subnet-a' } },
          D: { Value: { Ref: 'SubnetD' }, Export: { Name: 'org-subnet-d' } },
        },
      },
      [STACK]: access,
    });
    expect(concentratorsOf(tree)[0]!.zones).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1d',
      'unknown-zone:Endpoint0Association2',
    ]);
  });

  test('two associations in one zone count the zone once; an endpoint with no tier path is the Region’s', () => {
    const access = remoteAccess(1);
    access.Resources.Endpoint0Association1.Properties.SubnetId = { Ref: 'Subnet0' };
    delete access.Resources.Endpoint0.Metadata;
    const [endpoint] = concentratorsOf(handTree({ [STACK]: access }));
    expect(endpoint).toMatchObject({
      tier: 'aws:ap-northeast-1',
      zones: ['ap-northeast-1a', 'ap-northeast-1d'],
      associations: ['Endpoint0Association0', 'Endpoint0Association1', 'Endpoint0Association2'],
    });
  });

  test('an association of another endpoint is not this endpoint’s', () => {
    const [first, second] = concentratorsOf(handTree({ [STACK]: remoteAccess(2) }));
    expect(first!.associations).toEqual([
      'Endpoint0Association0',
      'Endpoint0Association1',
      'Endpoint0Association2',
    ]);
    expect(second!.associations).toEqual([
      'Endpoint1Association0',
      'Endpoint1Association1',
      'Endpoint1Association2',
    ]);
  });

  test('Azure: each point-to-site gateway, with its hub’s zones, tier and Mbps per user from the plan', () => {
    const azure = {
      resource: {
        azurerm_point_to_site_vpn_gateway: {
          east: { name: 'p2s-east', location: 'japaneast', scale_unit: 20 },
          west: { name: 'p2s-west', location: 'japanwest', scale_unit: 2 },
        },
      },
    };
    const withPlan = plan([NOMINAL(1)], {
      azureHubs: [{ region: 'japaneast', zones: ['1', '2', '3'] }],
      tiers: [
        { tierId: 'east-p2s', provider: 'azure', region: 'japaneast', nominalConnections: 10_000 },
        { tierId: 'tokyo', provider: 'aws', region: 'japanwest', nominalConnections: 5_000 },
      ],
      throughput: [{ tierId: 'east-p2s', demandAtNominalMbps: 15_000 }],
    });
    expect(concentratorsOf(handTree({}, { az: azure }, withPlan))).toEqual([
      {
        cloud: 'azure',
        stack: 'az',
        resource: 'azurerm_point_to_site_vpn_gateway.east',
        tier: 'east-p2s',
        region: 'japaneast',
        zones: ['1', '2', '3'],
        associations: [],
        scaleUnits: 20,
        averageMbpsPerUser: 1.5,
      },
      // No Azure tier and no hub for japanwest in the plan (the AWS tier there does not count).
      {
        cloud: 'azure',
        stack: 'az',
        resource: 'azurerm_point_to_site_vpn_gateway.west',
        tier: 'azure:japanwest',
        region: 'japanwest',
        zones: [],
        associations: [],
        scaleUnits: 2,
      },
    ]);
    // Without a plan: no tier, no zones, no Mbps.
    expect(concentratorsOf(handTree({}, { az: azure }))[0]).toEqual({
      cloud: 'azure',
      stack: 'az',
      resource: 'azurerm_point_to_site_vpn_gateway.east',
      tier: 'azure:japaneast',
      region: 'japaneast',
      zones: [],
      associations: [],
      scaleUnits: 20,
    });
    // A tier with no demand, or no throughput row, gives no Mbps per user.
    for (const throughput of [[{ tierId: 'east-p2s', demandAtNominalMbps: 0 }], []]) {
      const noDemand = plan([NOMINAL(1)], {
        tiers: [{ tierId: 'east-p2s', provider: 'azure', region: 'japaneast', nominalConnections: 10_000 }],
        throughput,
      });
      expect(concentratorsOf(handTree({}, { az: azure }, noDemand))[0]).not.toHaveProperty(
        'averageMbpsPerUser',
      );
    }
  });
});

describe('concentratorCapacity: the planner’s failure model, per concentrator', () => {
  const endpoint = (zones: readonly string[]): Concentrator => ({
    cloud: 'aws',
    stack: STACK,
    resource: 'Endpoint0',
    tier: 'tokyo',
    region: 'ap-northeast-1',
    zones,
    associations: zones.map((_, i) => `Association${i}`),
    scaleUnits: 0,
  });

  test('a Client VPN endpoint: 66,500 with every association up, 36,500 after a zone it uses is lost', () => {
    expect(concentratorCapacity(endpoint(ZONES), { kind: 'nominal' })).toBe(66_500);
    expect(concentratorCapacity(endpoint(ZONES), ZONE_A)).toBe(36_500);
    // Two associations carry 36,500; a zone they do not use takes nothing away.
    expect(concentratorCapacity(endpoint(ZONES.slice(1)), { kind: 'nominal' })).toBe(36_500);
    expect(concentratorCapacity(endpoint(ZONES.slice(1)), ZONE_A)).toBe(36_500);
    expect(concentratorCapacity(endpoint(ZONES.slice(0, 1)), { kind: 'nominal' })).toBe(7_000);
    expect(
      concentratorCapacity(endpoint(ZONES), { kind: 'region', provider: 'aws', region: 'ap-northeast-1' }),
    ).toBe(0);
    expect(concentratorCapacity(endpoint(ZONES), { kind: 'provider', provider: 'azure' })).toBe(66_500);
  });

  test('associations lost during the change come off the end; none left is nothing', () => {
    expect(concentratorCapacity(endpoint(ZONES), { kind: 'nominal' }, 1)).toBe(36_500);
    // Losing the last two leaves ap-northeast-1a alone: a one-zone endpoint, gone with that zone.
    expect(concentratorCapacity(endpoint(ZONES), { kind: 'nominal' }, 2)).toBe(7_000);
    expect(concentratorCapacity(endpoint(ZONES), ZONE_A, 2)).toBe(0);
    expect(concentratorCapacity(endpoint(ZONES), { kind: 'nominal' }, 3)).toBe(0);
    expect(concentratorCapacity(endpoint(ZONES), { kind: 'nominal' }, 4)).toBe(0);
    expect(concentratorCapacity(endpoint([]), { kind: 'nominal' })).toBe(0);
  });

  test('a point-to-site gateway: its scale-unit row; a count with no row carries nothing', () => {
    const gateway = (scaleUnits: number, zones: readonly string[] = ['1', '2', '3']): Concentrator => ({
      cloud: 'azure',
      stack: 'az',
      resource: 'azurerm_point_to_site_vpn_gateway.east',
      tier: 'east-p2s',
      region: 'japaneast',
      zones,
      associations: [],
      scaleUnits,
    });
    expect(concentratorCapacity(gateway(20), { kind: 'nominal' })).toBe(10_000);
    expect(concentratorCapacity(gateway(2), { kind: 'nominal' })).toBe(500);
    expect(concentratorCapacity(gateway(0), { kind: 'nominal' })).toBe(0);
    expect(
      concentratorCapacity(gateway(20), { kind: 'region', provider: 'azure', region: 'japaneast' }),
    ).toBe(0);
    // No hub zones known: the gateway still carries its row.
    expect(concentratorCapacity(gateway(20, []), { kind: 'nominal' })).toBe(10_000);
  });
});

describe('reviewCapacity: rows', () => {
  test('a scenario only base required has no head figure; one only head requires has no base figure', () => {
    const r = review(
      remoteAccess(),
      clone(remoteAccess()),
      plan([NOMINAL(50_000)]),
      plan([NOMINAL(50_000), LOSS_OF_A(40_000)]),
    );
    expect(r.rows).toEqual([
      {
        scenario: 'nominal (nothing failed)',
        key: 'nominal',
        required: 50_000,
        base: 133_000,
        head: 133_000,
        during: null,
        verdict: 'meets',
      },
      {
        scenario: 'loss of zone ap-northeast-1a',
        key: 'az:aws:ap-northeast-1:ap-northeast-1a',
        required: 40_000,
        base: null,
        head: 73_000,
        during: null,
        verdict: 'meets',
      },
    ]);
    const dropped = review(
      remoteAccess(),
      clone(remoteAccess()),
      plan([NOMINAL(50_000), LOSS_OF_A(40_000)]),
      plan([NOMINAL(50_000)]),
    );
    expect(dropped.rows[1]).toEqual({
      scenario: 'loss of zone ap-northeast-1a',
      key: 'az:aws:ap-northeast-1:ap-northeast-1a',
      required: 0,
      base: 73_000,
      head: null,
      during: null,
      verdict: 'not-required',
    });
    expect(dropped.findings).toEqual([]);
  });

  test('a scenario the plan does not require: no requirement, no finding however low; a row without a label gets the planner’s', () => {
    const notRequired = plan([
      NOMINAL(50_000),
      { scenario: ZONE_A, required: 1_000_000, verdict: 'not-required' },
    ]);
    const r = review(remoteAccess(), clone(remoteAccess()), notRequired);
    expect(r.rows[1]).toEqual({
      scenario: 'loss of zone ap-northeast-1a (AWS ap-northeast-1)',
      key: 'az:aws:ap-northeast-1:ap-northeast-1a',
      required: 0,
      base: 73_000,
      head: 73_000,
      during: null,
      verdict: 'not-required',
    });
    expect(r.findings).toEqual([]);
  });

  test('no plan on either side: one nominal row with nothing required', () => {
    const r = review(remoteAccess(), clone(remoteAccess()));
    expect(r.rows).toEqual([
      {
        scenario: 'nominal (nothing failed)',
        key: 'nominal',
        required: 0,
        base: 133_000,
        head: 133_000,
        during: null,
        verdict: 'not-required',
      },
    ]);
  });

  test('capacity exactly at the requirement meets it', () => {
    const head = remoteAccess();
    delete head.Resources.Endpoint1Association2;
    const r = review(remoteAccess(), head, plan([NOMINAL(103_000)]));
    expect(r.rows[0]).toMatchObject({ head: 103_000, verdict: 'meets' });
    expect(r.findings.map((f) => f.rule)).toEqual(['capacity-reduced']);
    // The deleted association is also down while the change is applied: 103,000 then too.
    expect(review(remoteAccess(), head, plan([NOMINAL(103_001)])).findings.map((f) => f.rule)).toEqual([
      'capacity-below-target',
      'capacity-below-target-during-change',
    ]);
  });
});

describe('reviewCapacity: findings, with their figures', () => {
  test('head below the requirement: the numbers, the base figure and the users left out', () => {
    const head = remoteAccess();
    delete head.Resources.Endpoint1Association2;
    const r = review(remoteAccess(), head, plan([NOMINAL(60_000), LOSS_OF_A(50_000)]));
    expect(r.findings).toEqual<FindingInput[]>([
      {
        cloud: 'aws',
        stack: '',
        resource: '',
        type: '',
        rule: 'capacity-below-target',
        severity: 'block',
        category: 'capacity',
        cause: ['scenario az:aws:ap-northeast-1:ap-northeast-1a'],
        message:
          'after loss of zone ap-northeast-1a head carries 43,500 connections, below the 50,000 required (base: 73,000)',
        userImpact: 'up to 6,500 users cannot connect in this scenario',
      },
    ]);
    // A scenario base did not have: no base figure in the message.
    const newScenario = review(
      remoteAccess(),
      head,
      plan([NOMINAL(60_000)]),
      plan([NOMINAL(60_000), LOSS_OF_A(50_000)]),
    );
    expect(newScenario.findings[0]!.message).toBe(
      'after loss of zone ap-northeast-1a head carries 43,500 connections, below the 50,000 required',
    );
  });

  test('capacity that falls and still meets: the scenario that falls most, and the headroom left', () => {
    const head = remoteAccess();
    delete head.Resources.Endpoint1Association2;
    // nominal 133,000 -> 103,000 (-30,000); loss of zone a 73,000 -> 43,500 (-29,500).
    const r = review(remoteAccess(), head, plan([NOMINAL(60_000), LOSS_OF_A(40_000)]));
    expect(r.findings).toEqual<FindingInput[]>([
      {
        cloud: 'aws',
        stack: '',
        resource: '',
        type: '',
        rule: 'capacity-reduced',
        severity: 'warn',
        category: 'capacity',
        cause: ['scenario nominal', 'scenario az:aws:ap-northeast-1:ap-northeast-1a'],
        message:
          'capacity falls in 2 required scenario(s), most in nominal (nothing failed): 133,000 -> 103,000 connections (required 60,000)',
        userImpact: 'still meets the target, with 43,000 connections of headroom left in that scenario',
      },
    ]);
    // A fall only in a scenario that is not required is no finding.
    const notRequired = plan([NOMINAL(0, 'not-required'), LOSS_OF_A(0, 'not-required')]);
    expect(review(remoteAccess(), head, notRequired).findings).toEqual([]);
  });

  test('capacity that rises is no finding', () => {
    const base = remoteAccess();
    delete base.Resources.Endpoint1Association2;
    expect(review(base, remoteAccess(), plan([NOMINAL(60_000), LOSS_OF_A(40_000)])).findings).toEqual([]);
  });

  test('during the change: the endpoints that are down, by name, and the users left out', () => {
    const head = remoteAccess();
    head.Resources.Endpoint0.Properties.ClientCidrBlock = '10.96.0.0/14';
    const r = review(remoteAccess(), head, plan([NOMINAL(100_000)]));
    expect(r.rows[0]).toMatchObject({ base: 133_000, head: 133_000, during: 66_500 });
    expect(r.findings).toEqual<FindingInput[]>([
      {
        cloud: 'aws',
        stack: '',
        resource: '',
        type: '',
        rule: 'capacity-below-target-during-change',
        severity: 'block',
        category: 'capacity',
        cause: [`${STACK}/Endpoint0`],
        message: `while the change is applied ${STACK}/Endpoint0 is down: 66,500 connections, below the 100,000 required`,
        userImpact:
          'up to 33,500 users cannot connect during the deployment; split the change so that each step keeps the target',
      },
    ]);
    // Exactly the requirement during the change is enough.
    expect(review(remoteAccess(), head, plan([NOMINAL(66_500)])).findings).toEqual([]);
  });

  test('during the change only the nominal scenario is counted, and the rows of the others have none', () => {
    const head = remoteAccess();
    head.Resources.Endpoint0.Properties.ClientCidrBlock = '10.96.0.0/14';
    const r = review(remoteAccess(), head, plan([NOMINAL(10_000), LOSS_OF_A(70_000)]));
    expect(r.rows.map((row) => [row.key, row.during])).toEqual([
      ['nominal', 66_500],
      ['az:aws:ap-northeast-1:ap-northeast-1a', null],
    ]);
  });

  test('two endpoints down: named together, “are down”; the tier loses every endpoint at once', () => {
    const head = remoteAccess();
    head.Resources.Endpoint0.Properties.ClientCidrBlock = '10.96.0.0/14';
    head.Resources.Endpoint1.Properties.ClientCidrBlock = '10.100.0.0/14';
    const r = review(remoteAccess(), head, plan([NOMINAL(1)]));
    expect(r.findings).toEqual<FindingInput[]>([
      {
        cloud: 'aws',
        stack: '',
        resource: '',
        type: '',
        rule: 'capacity-below-target-during-change',
        severity: 'block',
        category: 'capacity',
        cause: [`${STACK}/Endpoint0`, `${STACK}/Endpoint1`],
        message: `while the change is applied ${STACK}/Endpoint0, ${STACK}/Endpoint1 are down: 0 connections, below the 1 required`,
        userImpact:
          'up to 1 users cannot connect during the deployment; split the change so that each step keeps the target',
      },
      {
        cloud: 'aws',
        stack: STACK,
        resource: 'Endpoint0, Endpoint1',
        type: 'AWS::EC2::ClientVpnEndpoint',
        rule: 'tier-all-endpoints-replaced',
        severity: 'block',
        category: 'replacement',
        action: 'replacement',
        cause: ['tier tokyo'],
        message:
          'every concentrator of access tier tokyo (Endpoint0, Endpoint1) is replaced or removed in the same change',
        userImpact:
          'every user of the tier is disconnected at once and none of its endpoints is left to reconnect to; add the new endpoint first, move users, then remove the old one in a later change',
      },
    ]);
  });

  test('a replaced association takes its zone away during the change; a kept one does not', () => {
    const head = remoteAccess();
    // A new subnet for one association: the association is replaced (SubnetId is create-only).
    head.Resources.Subnet3 = {
      Type: 'AWS::EC2::Subnet',
      Properties: { AvailabilityZone: 'ap-northeast-1d' },
    };
    head.Resources.Endpoint1Association2.Properties.SubnetId = { Ref: 'Subnet3' };
    const r = review(remoteAccess(), head, plan([NOMINAL(100_000)]));
    // Endpoint1 runs on two associations while the third is re-created: 36,500, not 66,500.
    expect(r.rows[0]).toMatchObject({ base: 133_000, head: 133_000, during: 103_000 });
    expect(r.findings).toEqual([]);
    expect(
      review(remoteAccess(), head, plan([NOMINAL(103_001)])).findings.map((f) => [f.rule, f.cause]),
    ).toEqual([['capacity-below-target-during-change', [`${STACK}/Endpoint1`]]]);
    // The endpoint is not replaced, so the tier keeps its endpoints.
    expect(r.findings.filter((f) => f.rule === 'tier-all-endpoints-replaced')).toEqual([]);
  });

  test('a tier removed in head is not “replaced at once”; nor is one with an endpoint left', () => {
    const r = review(remoteAccess(2, 'tokyo'), remoteAccess(1, 'osaka'), plan([NOMINAL(1)]));
    expect(r.findings.map((f) => f.rule)).not.toContain('tier-all-endpoints-replaced');
    const one = remoteAccess();
    one.Resources.Endpoint0.Properties.ClientCidrBlock = '10.96.0.0/14';
    expect(review(remoteAccess(), one, plan([NOMINAL(1)])).findings.map((f) => f.rule)).toEqual([]);
  });
});

describe('reviewCapacity: interruptions reported by the session rules', () => {
  const interruption = (rule: string, resource = 'Endpoint0'): FindingInput => ({
    cloud: 'aws',
    stack: STACK,
    resource,
    type: 'AWS::EC2::ClientVpnEndpoint',
    rule,
    severity: 'warn',
    category: 'interruption',
    cause: ['Properties.SplitTunnel'],
    message: 'sessions drop',
    userImpact: 'users reconnect',
  });

  test('an endpoint whose sessions drop is down during the change; the connect handler’s rule is not an outage', () => {
    const b = handTree({ [STACK]: remoteAccess() }, {}, plan([NOMINAL(100_000)]));
    const h = handTree({ [STACK]: clone(remoteAccess()) }, {}, plan([NOMINAL(100_000)]));
    const down = reviewCapacity(b, h, [], [interruption('session-reset')]);
    expect(down.rows[0]).toMatchObject({ during: 66_500 });
    expect(down.findings.map((f) => [f.rule, f.cause])).toEqual([
      ['capacity-below-target-during-change', [`${STACK}/Endpoint0`]],
    ]);
    // Interrupted, not replaced: the tier keeps its endpoints.
    const both = reviewCapacity(
      b,
      h,
      [],
      [interruption('session-reset'), interruption('session-reset', 'Endpoint1')],
    );
    expect(both.findings.map((f) => f.rule)).toEqual(['capacity-below-target-during-change']);
    for (const finding of [
      interruption('session-connect-handler'),
      { ...interruption('session-reset'), category: 'replacement' as const },
      interruption('endpoint-reset'),
      { ...interruption('session-reset'), stack: 'another-stack' },
    ]) {
      const r = reviewCapacity(b, h, [], [finding]);
      expect(r.rows[0]!.during).toBeNull();
      expect(r.findings).toEqual([]);
    }
  });
});
