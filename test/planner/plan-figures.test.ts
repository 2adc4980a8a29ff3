/**
 * The figures of a plan that planCapacity (lib/planner/plan.ts) assembles itself, written out
 * and derived by hand in comments: tier plans, network plans, throughput verdicts, scenario
 * verdicts, the search summary (chosen design, runners-up, the design within back-haul limits),
 * notes and warnings. Prices: Client VPN association $0.15/h, connection $0.05/h; point-to-site
 * scale unit $0.261/h, connection unit $0.0125/h; 730 h a month; a connection is connected
 * 160 h x 60 % = 96 h a month (hyogo's costAssumptions).
 *
 * Plans are computed in a beforeEach (perMutant) or in the test body, never in a describe body
 * (CONTRIBUTING.md, "Mutation testing").
 */
import type { Profile } from '../../lib/model/deployment-model';
import type { CapacityPlan } from '../../lib/model/plan';
import { type PlanOutcome, planCapacity } from '../../lib/planner/plan';
import { formatIssue } from '../../lib/profile/issues';
import { perMutant } from '../support/per-mutant';
import { type MutableProfile, parsedFixture } from '../support/profiles';

const fixtures = { hyogo: parsedFixture('hyogo'), iwate: parsedFixture('iwate') };

function outcome(base: keyof typeof fixtures, edit: (p: MutableProfile) => void = () => {}): PlanOutcome {
  const profile = structuredClone(fixtures[base]) as MutableProfile;
  edit(profile);
  return planCapacity(profile as Profile);
}

function planned(result: PlanOutcome): { plan: CapacityPlan; warnings: string[] } {
  if (!result.ok) throw new Error(`expected a plan:\n${result.issues.map((i) => formatIssue(i)).join('\n')}`);
  return { plan: result.plan, warnings: result.warnings.map((i) => formatIssue(i)) };
}

function hyogoVariant(edit: (p: MutableProfile) => void) {
  return planned(outcome('hyogo', edit));
}

/** [tier, endpoints, associations] or [tier, scale units]. */
function tierSizes(plan: CapacityPlan): (string | number)[][] {
  return plan.tiers.map((t) =>
    t.kind === 'aws-client-vpn'
      ? [t.tierId, t.endpoints.length, t.associationsPerEndpoint]
      : [t.tierId, t.scaleUnits],
  );
}

const NOTES = {
  clientVpn:
    'Client VPN: an endpoint that loses an associated Availability Zone keeps the connection quota of one association fewer; client CIDRs are sized for an association in every zone, so associations can change without moving a pool.',
  p2s: (mbps: number) =>
    `Virtual WAN point-to-site: gateway instances spread evenly over the hub zones; a zone loss removes ceil(instances / zones); from 40 scale units each remaining instance takes at most 10,000 connections; throughput is 500 Mbps per scale unit at ${mbps} Mbps per user.`,
  pools:
    'Client pools are carved by index from each tier\u2019s clientAddressBlock, so growth appends pools and never moves one; pin what is deployed with minimumEndpoints / minimumScaleUnits so that a cheaper design never removes it.',
  slots:
    'Virtual WAN point-to-site: each population has its own pools in its own slot of the tier block (populations in profile order, slot count rounded up to a power of two), so growing a population or adding scale units never moves a pool; append new populations at the end.',
  sizing: (objective: string, space: string, evaluated: number) =>
    `Sizing: the ${objective} objective, exact over ${space} designs (every tier size), ${evaluated} evaluated in full after pruning; populations' peaks are scaled to the target in proportion to their concurrentUsers.`,
  hyogoCarrier:
    "Carrier translation: iij-private-gateway: static 1:1 translation of 172.20.0.0/20 to 10.15.240.0/20 (a Static NAT rule on the hub's VPN gateway at azure:japaneast); every device keeps its own address, no shared-address connection limit applies.",
};

const HYOGO_BACKHAUL = (scenarios: number) => [
  `warning: dataCentres: back-haul short in ${scenarios} scenarios, worst after nominal (nothing failed): link harima-azure-east-vpn carries 1250 Mbps but 4000 Mbps go over it (got 1250); 4 VPN tunnels of 1250 Mbps with ECMP on harima-azure-east-vpn (4000 Mbps), or a Direct Connect / ExpressRoute link`,
  `warning: dataCentres: back-haul short in ${scenarios} scenarios, worst after nominal (nothing failed): site-to-site VPN gateway japaneast carries 500 Mbps but 4000 Mbps go over it (got 500); clouds.azure.siteToSite.scaleUnit: 8`,
  `warning: dataCentres: back-haul short in ${scenarios} scenarios, worst after nominal (nothing failed): link kobe-azure-west-vpn carries 1250 Mbps but 3040 Mbps go over it (got 1250); 3 VPN tunnels of 1250 Mbps with ECMP on kobe-azure-west-vpn (3040 Mbps), or a Direct Connect / ExpressRoute link`,
  `warning: dataCentres: back-haul short in ${scenarios} scenarios, worst after nominal (nothing failed): site-to-site VPN gateway japanwest carries 500 Mbps but 3040 Mbps go over it (got 500); clouds.azure.siteToSite.scaleUnit: 7`,
  `warning: dataCentres: back-haul short in ${scenarios} scenarios, worst after nominal (nothing failed): link harima-er-osaka carries 10000 Mbps but 60960 Mbps go over it (got 10000); 7 circuits of 10000 Mbps or ExpressRoute Direct for 60960 Mbps`,
  `warning: dataCentres: back-haul short in ${scenarios} scenarios, worst after nominal (nothing failed): ExpressRoute gateway japanwest carries 10000 Mbps but 60960 Mbps go over it (got 10000); more than one hub gateway carries (20000 Mbps): move users to another hub or Region`,
];

describe('hyogo: the plan as planCapacity assembles it', () => {
  const hyogoOutcome = perMutant(() => outcome('hyogo'));
  let plan: CapacityPlan;
  let warnings: string[];
  beforeEach(() => {
    ({ plan, warnings } = planned(hyogoOutcome()));
  });

  test('Client VPN tiers: every zone of the Region, endpoints by index, the largest count the block holds', () => {
    // A /12 block holds 4 endpoint CIDRs of /14 (below the quota of 5): maxEndpoints 4.
    expect(plan.tiers.slice(0, 2)).toEqual([
      {
        kind: 'aws-client-vpn',
        tierId: 'aws-tokyo',
        provider: 'aws',
        region: 'ap-northeast-1',
        zones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
        endpoints: [
          {
            index: 0,
            name: 'aws-tokyo-0',
            clientCidr: '10.64.0.0/14',
            associatedZones: ['ap-northeast-1a'],
            maxConnections: 7_000,
          },
        ],
        maxEndpoints: 4,
        associationsPerEndpoint: 1,
        nominalConnections: 7_000,
        transportProtocol: 'udp',
      },
      {
        kind: 'aws-client-vpn',
        tierId: 'aws-osaka',
        provider: 'aws',
        region: 'ap-northeast-3',
        zones: ['ap-northeast-3a', 'ap-northeast-3b', 'ap-northeast-3c'],
        endpoints: [0, 1].map((index) => ({
          index,
          name: `aws-osaka-${index}`,
          clientCidr: index === 0 ? '10.80.0.0/14' : '10.84.0.0/14',
          associatedZones: ['ap-northeast-3a', 'ap-northeast-3b'],
          maxConnections: 36_500,
        })),
        maxEndpoints: 4,
        associationsPerEndpoint: 2,
        nominalConnections: 73_000,
        transportProtocol: 'udp',
      },
    ]);
  });

  test('point-to-site tiers: zones, instances, throughput (500 Mbps per scale unit), pools, 200 at most', () => {
    const [east, west] = plan.tiers.slice(2);
    // 16 scale units: 2 instances, 10,000 connections, 8,000 Mbps; pools: one /18 per population.
    expect(east).toMatchObject({
      kind: 'azure-p2s',
      tierId: 'azure-japaneast',
      provider: 'azure',
      region: 'japaneast',
      zones: ['1', '2', '3'],
      scaleUnits: 16,
      gatewayInstances: 2,
      nominalConnections: 10_000,
      aggregateMbps: 8_000,
      addressPools: ['10.96.0.0/18', '10.97.0.0/18', '10.98.0.0/18'],
      maxScaleUnits: 200,
    });
    // 160 scale units: 16 instances, 80,000 connections, 80,000 Mbps; 3 + 4 + 3 pools.
    expect(west).toMatchObject({
      kind: 'azure-p2s',
      tierId: 'azure-japanwest',
      region: 'japanwest',
      zones: [],
      scaleUnits: 160,
      gatewayInstances: 16,
      nominalConnections: 80_000,
      aggregateMbps: 80_000,
      maxScaleUnits: 200,
    });
    expect(west!.kind === 'azure-p2s' && west!.populationPools.map((p) => p.pools.length)).toEqual([3, 4, 3]);
  });

  test('network plans: each Region and hub with its zones and the client CIDRs of its own tiers only', () => {
    expect(plan.awsRegions.map(({ subnets, ...rest }) => ({ ...rest, subnets: subnets.length }))).toEqual([
      {
        region: 'ap-northeast-1',
        vpcCidr: '10.128.0.0/20',
        zones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
        subnets: 9,
        transitGatewayAsn: 64601,
        clientCidrs: ['10.64.0.0/14'],
      },
      {
        region: 'ap-northeast-3',
        vpcCidr: '10.128.16.0/20',
        zones: ['ap-northeast-3a', 'ap-northeast-3b', 'ap-northeast-3c'],
        subnets: 9,
        transitGatewayAsn: 64602,
        clientCidrs: ['10.80.0.0/14', '10.84.0.0/14'],
      },
    ]);
    expect(plan.azureHubs).toEqual([
      {
        region: 'japaneast',
        hubAddressPrefix: '10.130.0.0/23',
        zones: ['1', '2', '3'],
        clientCidrs: ['10.96.0.0/18', '10.97.0.0/18', '10.98.0.0/18'],
      },
      {
        region: 'japanwest',
        hubAddressPrefix: '10.130.2.0/23',
        zones: [],
        clientCidrs: [
          '10.100.0.0/18',
          '10.100.64.0/18',
          '10.100.128.0/18',
          '10.101.0.0/18',
          '10.101.64.0/18',
          '10.101.128.0/18',
          '10.101.192.0/18',
          '10.102.0.0/18',
          '10.102.64.0/18',
          '10.102.128.0/18',
        ],
      },
    ]);
  });

  test('throughput: demand is the steered load x 0.8 Mbps; Client VPN 50 Mbps per connection against a 20 Mbps peak', () => {
    // Normal traffic on point-to-site only (cheaper per connection): east 10,000 x 0.8 = 8,000,
    // west 80,000 x 0.8 = 64,000.
    const aws = (tierId: string) => ({
      tierId,
      aggregateLimitMbps: null,
      demandAtNominalMbps: 0,
      perConnectionLimitMbps: 50,
      peakMbpsPerUser: 20,
      verdict: 'ok',
    });
    expect(plan.throughput).toEqual([
      aws('aws-tokyo'),
      aws('aws-osaka'),
      {
        tierId: 'azure-japaneast',
        aggregateLimitMbps: 8_000,
        demandAtNominalMbps: 8_000,
        perConnectionLimitMbps: null,
        peakMbpsPerUser: 20,
        verdict: 'ok',
      },
      {
        tierId: 'azure-japanwest',
        aggregateLimitMbps: 80_000,
        demandAtNominalMbps: 64_000,
        perConnectionLimitMbps: null,
        peakMbpsPerUser: 20,
        verdict: 'ok',
      },
    ]);
  });

  test('search: the chosen price, three runners-up at a delta of 0, and the design within back-haul limits', () => {
    // Fixed: 5 associations x 0.15 x 730 = 547.50 + 176 scale units x 0.261 x 730 = 33,533.28
    // -> 34,080.78; usage: 90,000 x 96 h x 0.0125 = 108,000.
    // Within back-haul limits: 4 associations (438.00) + 180 scale units (34,295.40) + 108,000
    // = 142,733.40, 652.62 more.
    expect(plan.search).toEqual({
      objective: 'cost-optimal',
      spaceSize: 121_104,
      evaluated: 27,
      chosenMonthlyUsd: 142_080.78,
      chosenFixedUsd: 34_080.78,
      chosenUsageUsd: 108_000,
      runnersUp: [
        {
          description:
            'aws-tokyo 1 endpoint(s) x 1 association(s); aws-osaka 2 endpoint(s) x 2 association(s); azure-japaneast 160 scale unit(s), 16 instance(s); azure-japanwest 16 scale unit(s), 2 instance(s)',
          monthlyUsd: 142_080.78,
          deltaUsd: 0,
        },
        {
          description:
            'aws-tokyo 1 endpoint(s) x 2 association(s); aws-osaka 1 endpoint(s) x 3 association(s); azure-japaneast 16 scale unit(s), 2 instance(s); azure-japanwest 160 scale unit(s), 16 instance(s)',
          monthlyUsd: 142_080.78,
          deltaUsd: 0,
        },
        {
          description:
            'aws-tokyo 1 endpoint(s) x 2 association(s); aws-osaka 1 endpoint(s) x 3 association(s); azure-japaneast 160 scale unit(s), 16 instance(s); azure-japanwest 16 scale unit(s), 2 instance(s)',
          monthlyUsd: 142_080.78,
          deltaUsd: 0,
        },
      ],
      withinBackhaulLimits: {
        description:
          'aws-tokyo 1 endpoint(s) x 1 association(s); aws-osaka 1 endpoint(s) x 3 association(s); azure-japaneast 80 scale unit(s), 8 instance(s); azure-japanwest 100 scale unit(s), 10 instance(s)',
        monthlyUsd: 142_733.4,
        deltaUsd: 652.62,
      },
    });
  });

  test('notes, in order', () => {
    expect(plan.notes).toEqual([
      NOTES.clientVpn,
      NOTES.p2s(0.8),
      NOTES.pools,
      NOTES.slots,
      NOTES.sizing('cost-optimal', '121,104', 27),
      NOTES.hyogoCarrier,
    ]);
  });

  test('warnings: each short back-haul path once, with its scenario count and fix', () => {
    expect(warnings).toEqual([
      ...HYOGO_BACKHAUL(14),
      'warning: dataCentres: back-haul short in 3 scenarios, worst after loss of Region Azure japanwest: link harima-aws-osaka-vpn carries 1250 Mbps but 58400 Mbps go over it (got 1250); 47 VPN tunnels of 1250 Mbps with ECMP on harima-aws-osaka-vpn (58400 Mbps), or a Direct Connect / ExpressRoute link',
    ]);
  });

  test('every required scenario meets its requirement', () => {
    expect(plan.scenarios.map((s) => s.verdict)).toEqual(new Array(16).fill('meets'));
  });
});

describe('iwate: a point-to-site tier bound by throughput, runners-up that cost more', () => {
  const iwateOutcome = perMutant(() => outcome('iwate'));
  let plan: CapacityPlan;
  beforeEach(() => {
    ({ plan } = planned(iwateOutcome()));
  });

  test('12 scale units at 1 Mbps: 6,000 Mbps carry 6,000 of the row\u2019s 10,000 connections (aggregate-limited)', () => {
    expect(
      plan.throughput.map((t) => [t.tierId, t.aggregateLimitMbps, t.demandAtNominalMbps, t.verdict]),
    ).toEqual([
      ['aws-tokyo', null, 0, 'ok'],
      ['azure-japaneast', 6_000, 6_000, 'aggregate-limited'],
    ]);
    // The client block 10.224.0.0/13 holds 2 endpoint CIDRs of /14.
    expect(plan.tiers[0]!.kind === 'aws-client-vpn' && plan.tiers[0]!.maxEndpoints).toBe(2);
  });

  test('runners-up: one association more (+109.50) and one scale unit more (+190.53)', () => {
    // Chosen: 1 association (109.50) + 12 scale units (2,286.36) = 2,395.86 fixed; 6,000 x 96 h
    // x 0.0125 = 7,200 usage.
    expect(plan.search).toEqual({
      objective: 'cost-optimal',
      spaceSize: 174,
      evaluated: 7,
      chosenMonthlyUsd: 9_595.86,
      chosenFixedUsd: 2_395.86,
      chosenUsageUsd: 7_200,
      runnersUp: [
        {
          description:
            'aws-tokyo 1 endpoint(s) x 2 association(s); azure-japaneast 12 scale unit(s), 2 instance(s)',
          monthlyUsd: 9_705.36,
          deltaUsd: 109.5,
        },
        {
          description:
            'aws-tokyo 2 endpoint(s) x 1 association(s); azure-japaneast 12 scale unit(s), 2 instance(s)',
          monthlyUsd: 9_705.36,
          deltaUsd: 109.5,
        },
        {
          description:
            'aws-tokyo 1 endpoint(s) x 1 association(s); azure-japaneast 13 scale unit(s), 2 instance(s)',
          monthlyUsd: 9_786.39,
          deltaUsd: 190.53,
        },
      ],
      // Nothing exceeds a place's back-haul service limit.
      withinBackhaulLimits: null,
    });
    expect(plan.notes[1]).toBe(NOTES.p2s(1));
    expect(plan.notes[4]).toBe(NOTES.sizing('cost-optimal', '174', 7));
  });
});

describe('hyogo variants', () => {
  test('Azure only: no AWS Region plans, hubs keep their pools, a provider loss not required', () => {
    const { plan } = hyogoVariant((p) => {
      delete p.clouds.aws;
      p.accessTiers = p.accessTiers.slice(2);
      delete p.directConnect;
      p.resilience = p.resilience.filter((r: { failure: string }) => r.failure !== 'provider');
      for (const dc of p.dataCentres)
        dc.links = dc.links.filter((l: { to: string }) => !l.to.startsWith('aws:'));
    });
    expect(plan.awsRegions).toEqual([]);
    expect(plan.azureHubs.map((h) => [h.region, h.clientCidrs.length])).toEqual([
      ['japaneast', 10],
      ['japanwest', 10],
    ]);
    expect(tierSizes(plan)).toEqual([
      ['azure-japaneast', 180],
      ['azure-japanwest', 180],
    ]);
    // A 0 % requirement is -0 (Math.ceil(-1e-9), lib/planner/sizing.ts), 0 in JSON: `+ 0` reads it as 0.
    expect(plan.scenarios.map((s) => [s.label, s.required + 0, s.capacity, s.verdict])).toEqual([
      ['nominal (nothing failed)', 99_000, 180_000, 'meets'],
      ['loss of zone 1 (Azure japaneast)', 90_000, 165_000, 'meets'],
      ['loss of zone 2 (Azure japaneast)', 90_000, 165_000, 'meets'],
      ['loss of zone 3 (Azure japaneast)', 90_000, 165_000, 'meets'],
      ['loss of Region Azure japaneast', 90_000, 90_000, 'meets'],
      ['loss of Region Azure japanwest', 90_000, 90_000, 'meets'],
      ['loss of every Azure access tier', 0, 0, 'not-required'],
    ]);
  });

  test('AWS only: no hub plans; normal traffic on Client VPN at 90,000 x 96 h x 0.05 = 432,000', () => {
    const { plan } = hyogoVariant((p) => {
      delete p.clouds.azure;
      p.accessTiers = p.accessTiers.slice(0, 2);
      p.expressRoute = { circuits: [], globalReach: [] };
      p.closedMobileNetworks = [];
      p.resilience = p.resilience.filter((r: { failure: string }) => r.failure !== 'provider');
      for (const dc of p.dataCentres)
        dc.links = dc.links.filter((l: { to: string }) => !l.to.startsWith('azure:'));
    });
    expect(plan.azureHubs).toEqual([]);
    expect(plan.awsRegions.map((r) => r.clientCidrs)).toEqual([
      ['10.64.0.0/14', '10.68.0.0/14'],
      ['10.80.0.0/14', '10.84.0.0/14'],
    ]);
    // 2 x 3 associations per Region: 12 x 0.15 x 730 = 1,314.
    expect([plan.search.chosenFixedUsd, plan.search.chosenUsageUsd, plan.search.chosenMonthlyUsd]).toEqual([
      1_314, 432_000, 433_314,
    ]);
    expect(plan.notes).toEqual([
      NOTES.clientVpn,
      NOTES.p2s(0.8),
      NOTES.pools,
      NOTES.slots,
      NOTES.sizing('cost-optimal', '144', 6),
    ]);
  });

  test('no provider requirement: its scenarios are not required whatever they carry', () => {
    const { plan } = hyogoVariant((p) => {
      p.resilience = p.resilience.filter((r: { failure: string }) => r.failure !== 'provider');
    });
    expect(
      plan.scenarios
        .filter((s) => s.verdict !== 'meets')
        .map((s) => [s.label, s.required + 0, s.capacity, s.verdict]),
    ).toEqual([
      ['loss of every AWS access tier', 0, 90_000, 'not-required'],
      ['loss of every Azure access tier', 0, 80_000, 'not-required'],
    ]);
    expect([plan.search.spaceSize, plan.search.evaluated]).toEqual([121_104, 37]);
  });

  test('peak per user: 50 Mbps is within the Client VPN baseline, 51 warns for each Client VPN tier', () => {
    const at = (peak: number) =>
      hyogoVariant((p) => {
        p.target.peakMbpsPerUser = peak;
      });
    const within = at(50);
    expect(within.plan.throughput.map((t) => t.verdict)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(within.warnings).toEqual([
      ...HYOGO_BACKHAUL(14),
      'warning: dataCentres: back-haul short in 3 scenarios, worst after loss of Region Azure japanwest: link harima-aws-osaka-vpn carries 1250 Mbps but 58400 Mbps go over it (got 1250); 47 VPN tunnels of 1250 Mbps with ECMP on harima-aws-osaka-vpn (58400 Mbps), or a Direct Connect / ExpressRoute link',
    ]);
    const over = at(51);
    expect(over.plan.throughput.map((t) => t.verdict)).toEqual([
      'per-connection-limited',
      'per-connection-limited',
      'ok',
      'ok',
    ]);
    const fix = 'ask the vendor to raise the per-connection bandwidth, or lower the peak';
    expect(over.warnings.slice(0, 2)).toEqual([
      `warning: target.peakMbpsPerUser: exceeds the 50 Mbps per-connection baseline of aws-tokyo (got 51); ${fix}`,
      `warning: target.peakMbpsPerUser: exceeds the 50 Mbps per-connection baseline of aws-osaka (got 51); ${fix}`,
    ]);
    expect(over.warnings.length).toBe(2 + 7);
  });

  test('a short path in one scenario only says "after" it', () => {
    // Osaka pinned at 4 endpoints changes the steering after the loss of Japan West.
    const { warnings } = hyogoVariant((p) => {
      p.accessTiers[1].minimumEndpoints = 4;
    });
    expect(warnings.slice(6)).toEqual([
      'warning: dataCentres: back-haul short in 2 scenarios, worst after loss of Region Azure japanwest: link kobe-aws-tokyo-dx carries 10000 Mbps but 53200 Mbps go over it (got 10000); raise kobe-aws-tokyo-dx to a 100000 Mbps Direct Connect port (53200 Mbps needed)',
      'warning: dataCentres: back-haul short in 2 scenarios, worst after loss of Region Azure japanwest: link kobe-harima carries 10000 Mbps but 50160 Mbps go over it (got 10000); raise kobe-harima to 51000 Mbps',
      'warning: dataCentres: back-haul short after loss of Region Azure japanwest: link harima-aws-osaka-vpn carries 1250 Mbps but 10800 Mbps go over it (got 1250); 9 VPN tunnels of 1250 Mbps with ECMP on harima-aws-osaka-vpn (10800 Mbps), or a Direct Connect / ExpressRoute link',
    ]);
  });

  test('minimumScaleUnits: a note only when the minimum is no settable count (25 -> 40, 150 -> 160)', () => {
    const notesWith = (tier: number, minimum: number) =>
      hyogoVariant((p) => {
        p.accessTiers[tier].minimumScaleUnits = minimum;
      }).plan.notes.slice(6);
    expect(notesWith(2, 25)).toEqual([
      'azure-japaneast: minimumScaleUnits 25 is not a settable count; the next settable, 40, is the minimum.',
    ]);
    // 20 is settable (the chosen 160 is above it: no note).
    expect(notesWith(2, 20)).toEqual([]);
    expect(notesWith(3, 150)).toEqual([
      'azure-japanwest: minimumScaleUnits 150 is not a settable count; the next settable, 160, is the minimum.',
    ]);
    expect(notesWith(3, 100)).toEqual([]);
  });

  test('a raised Client VPN endpoint quota is noted with its reference', () => {
    const { plan } = hyogoVariant((p) => {
      p.quotaOverrides.clientVpnEndpointsPerRegion = { value: 10, reference: 'case 123' };
    });
    expect(plan.notes.slice(6)).toEqual(['Client VPN endpoints per Region raised to 10 (case 123).']);
  });

  test('respecting the back-haul limits plans the alternative itself and reports none', () => {
    const { plan } = hyogoVariant((p) => {
      p.planning.respectBackhaulLimits = true;
    });
    expect(tierSizes(plan)).toEqual([
      ['aws-tokyo', 1, 1],
      ['aws-osaka', 1, 3],
      ['azure-japaneast', 80],
      ['azure-japanwest', 100],
    ]);
    expect([plan.search.chosenMonthlyUsd, plan.search.evaluated, plan.search.withinBackhaulLimits]).toEqual([
      142_733.4,
      14,
      null,
    ]);
  });

  test('the design within back-haul limits is reported only when a tier carries more than its place allows', () => {
    // Japan West sends home over ExpressRoute (10 x 2,000 Mbps) and site-to-site VPN (20,000
    // Mbps): 40,000 Mbps / 0.8 = 50,000 connections. At 55,000 users it carries exactly 50,000
    // in normal operation; at 50,000 users 10,000 + 40,000, within each hub's limit though the
    // total is above Japan East's 47,970 ((40,000 - 2,030 devices x 0.8) / 0.8).
    const at = (users: number) =>
      hyogoVariant((p) => {
        p.target.concurrentUsers = users;
      }).plan;
    const limit = at(55_000);
    const west = (plan: CapacityPlan) =>
      plan.steering.scenarios[0]!.placement.filter((x) => x.tierId === 'azure-japanwest').reduce(
        (sum, x) => sum + x.connections,
        0,
      );
    expect([west(limit), limit.search.withinBackhaulLimits]).toEqual([50_000, null]);
    const below = at(50_000);
    expect([west(below), below.search.withinBackhaulLimits]).toEqual([40_000, null]);
  });

  test('demand at nominal is rounded to the nearest Mbps: 3 x 0.8 = 2.4 -> 2, 1 x 0.8 = 0.8 -> 1', () => {
    // Above 90,000 the point-to-site tiers are full (10,000 + 80,000): the rest goes to Tokyo.
    const demand = (users: number) =>
      hyogoVariant((p) => {
        p.target.concurrentUsers = users;
      }).plan.throughput.map((t) => t.demandAtNominalMbps);
    expect(demand(90_003)).toEqual([2, 0, 8_000, 64_000]);
    expect(demand(90_001)).toEqual([1, 0, 8_000, 64_000]);
  });

  test('2 Mbps per user: both hubs aggregate-limited at their size (160 x 500 = 80,000 Mbps)', () => {
    const { plan } = hyogoVariant((p) => {
      p.target.averageMbpsPerUser = 2;
    });
    expect(
      plan.throughput.map((t) => [t.tierId, t.aggregateLimitMbps, t.demandAtNominalMbps, t.verdict]),
    ).toEqual([
      ['aws-tokyo', null, 0, 'ok'],
      ['aws-osaka', null, 0, 'ok'],
      ['azure-japaneast', 80_000, 80_000, 'aggregate-limited'],
      ['azure-japanwest', 100_000, 100_000, 'aggregate-limited'],
    ]);
  });
});
