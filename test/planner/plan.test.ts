import { addressCount, contains, parseCidr } from '../../lib/net/cidr';
import { planCapacity } from '../../lib/planner/plan';
import { renderPlanMarkdown } from '../../lib/planner/render-markdown';
import type { AwsClientVpnTierPlan, AzureP2sTierPlan, CapacityPlan } from '../../lib/planner/types';
import { profileSchema } from '../../lib/profile/schema';
import { clientVpnConnections } from '../../lib/quotas/aws-client-vpn';
import { P2S_MIN_ADDRESSES_PER_POOL, p2sMinimumPools } from '../../lib/quotas/azure-virtual-wan';
import { HOURS_PER_MONTH, PRICES } from '../../lib/quotas/prices';
import { perMutant } from '../support/per-mutant';
import { loadModel, loadVariant, profileObject } from '../support/profiles';

const awsTier = (plan: CapacityPlan, id: string) =>
  plan.tiers.find((t) => t.tierId === id) as AwsClientVpnTierPlan;
const azureTier = (plan: CapacityPlan, id: string) =>
  plan.tiers.find((t) => t.tierId === id) as AzureP2sTierPlan;

describe('Hyogo plan (default profile)', () => {
  const hyogoPlan = perMutant(() => loadModel('hyogo').plan);
  let plan: CapacityPlan;
  beforeEach(() => {
    plan = hyogoPlan();
  });

  it('places concentrators on both clouds', () => {
    expect(new Set(plan.tiers.map((t) => t.provider))).toEqual(new Set(['aws', 'azure']));
  });

  it('keeps the full 90,000 after the loss of any one Availability Zone or Region', () => {
    const failures = plan.scenarios.filter(
      (s) => s.scenario.kind === 'availability-zone' || s.scenario.kind === 'region',
    );
    expect(failures.length).toBe(3 + 3 + 3 + 4); // six AWS AZs, three Azure zones, four Regions
    for (const s of failures) {
      expect(s.required).toBe(90_000);
      expect(s.capacity).toBeGreaterThanOrEqual(90_000);
      expect(s.verdict).toBe('meets');
    }
  });

  it('meets the nominal target with the growth headroom', () => {
    expect(plan.target.nominalRequired).toBe(99_000);
    const nominal = plan.scenarios.find((s) => s.scenario.kind === 'nominal')!;
    expect(nominal.capacity).toBeGreaterThanOrEqual(99_000);
  });

  it('sizes Client VPN endpoints from the quota table, every CIDR sized for all three zones (/14)', () => {
    // The cheapest design keeps AWS on stand-by: Tokyo 1 endpoint x 1 association, Osaka 2 x 2.
    const tokyo = awsTier(plan, 'aws-tokyo');
    expect(tokyo.endpoints.map((e) => e.clientCidr)).toEqual(['10.64.0.0/14']);
    expect(tokyo.associationsPerEndpoint).toBe(1);
    expect(tokyo.endpoints[0]!.associatedZones).toEqual(['ap-northeast-1a']);
    expect(tokyo.endpoints[0]!.maxConnections).toBe(7_000);
    expect(tokyo.endpoints[0]!.name).toBe('aws-tokyo-0');
    const osaka = awsTier(plan, 'aws-osaka');
    expect(osaka.endpoints.map((e) => e.clientCidr)).toEqual(['10.80.0.0/14', '10.84.0.0/14']);
    expect(osaka.endpoints.map((e) => e.associatedZones)).toEqual([
      ['ap-northeast-3a', 'ap-northeast-3b'],
      ['ap-northeast-3a', 'ap-northeast-3b'],
    ]);
  });

  it('gives each point-to-site gateway at least scale units / 20 pools of at least 10,000 addresses', () => {
    for (const tier of plan.tiers.filter((t): t is AzureP2sTierPlan => t.kind === 'azure-p2s')) {
      expect(tier.addressPools.length).toBeGreaterThanOrEqual(p2sMinimumPools(tier.scaleUnits));
      for (const pool of tier.addressPools) {
        expect(addressCount(parseCidr(pool))).toBeGreaterThanOrEqual(
          BigInt(P2S_MIN_ADDRESSES_PER_POOL.value),
        );
      }
    }
    expect(azureTier(plan, 'azure-japaneast').scaleUnits).toBe(16);
    const west = azureTier(plan, 'azure-japanwest');
    expect(west.scaleUnits).toBe(160);
    // Per-population slots of /16 (3 populations -> 4 slots of the /14), /18 pools by index in
    // each; 160 scale units need 8 pools, at least ceil(8 / 3) = 3 per population.
    expect(west.populationPools.map((p) => [p.population, p.slot, p.pools.length])).toEqual([
      ['prefectural-staff', '10.100.0.0/16', 3],
      ['municipal-staff', '10.101.0.0/16', 4],
      ['small-business', '10.102.0.0/16', 3],
    ]);
    expect(west.addressPools).toEqual(west.populationPools.flatMap((p) => p.pools));
  });

  it('carries normal traffic on the cheaper per-connection service (point-to-site)', () => {
    const normal = plan.steering.scenarios[0]!;
    const onAws = normal.placement.filter((p) => p.tierId.startsWith('aws-'));
    expect(onAws).toEqual([]);
    expect(normal.placement.reduce((sum, p) => sum + p.connections, 0)).toBe(90_000);
  });

  it('prices the concentrators exactly: fixed capacity + connection charges of where normal traffic goes', () => {
    // Literal prices (not read from the table) so that a price wrong by one digit fails here.
    const associations = 1 * 1 + 2 * 2;
    const scaleUnits = 16 + 160;
    const fixed = associations * 730 * 0.15 + scaleUnits * 730 * 0.261;
    const usage = 90_000 * 0.6 * 160 * 0.0125; // every normal connection on point-to-site
    expect(plan.search.chosenFixedUsd).toBeCloseTo(fixed, 2);
    expect(plan.search.chosenUsageUsd).toBeCloseTo(usage, 2);
    expect(plan.cost.concentratorMonthlyUsd).toBeCloseTo(fixed + usage, 1);
    expect(plan.cost.concentratorMonthlyUsd).toBeCloseTo(142_080.78, 1);
  });

  it('keeps half the target when a whole provider is lost', () => {
    for (const s of plan.scenarios.filter((x) => x.scenario.kind === 'provider')) {
      expect(s.required).toBe(45_000);
      expect(s.capacity).toBeGreaterThanOrEqual(45_000);
    }
  });

  it('lays out the VPC subnets by zone index', () => {
    const tokyo = plan.awsRegions.find((r) => r.region === 'ap-northeast-1')!;
    expect(tokyo.subnets.filter((s) => s.role === 'client-vpn').map((s) => s.cidr)).toEqual([
      '10.128.0.0/24',
      '10.128.1.0/24',
      '10.128.2.0/24',
    ]);
    expect(tokyo.subnets.filter((s) => s.role === 'transit').map((s) => s.cidr)).toEqual([
      '10.128.8.0/28',
      '10.128.8.16/28',
      '10.128.8.32/28',
    ]);
    for (const s of tokyo.subnets) expect(contains(parseCidr(tokyo.vpcCidr), parseCidr(s.cidr))).toBe(true);
    expect(tokyo.clientCidrs).toEqual(['10.64.0.0/14']);
  });

  it('prices the fixed charges from the price table, and the total is the sum of its lines', () => {
    const association = plan.cost.lines.find(
      (l) => l.tierId === 'aws-osaka' && l.unit === 'association-hour',
    )!;
    expect(association.quantity).toBe(4 * HOURS_PER_MONTH);
    expect(association.monthlyUsd).toBeCloseTo(
      4 * HOURS_PER_MONTH * PRICES.clientVpnAssociationHour.value,
      2,
    );
    const scaleUnits = plan.cost.lines.find(
      (l) => l.tierId === 'azure-japanwest' && l.unit === 'scale-unit-hour',
    )!;
    expect(scaleUnits.monthlyUsd).toBeCloseTo(160 * HOURS_PER_MONTH * PRICES.p2sScaleUnitHour.value, 2);
    const sum = plan.cost.lines.reduce((total, l) => total + l.monthlyUsd, 0);
    expect(plan.cost.monthlyUsd).toBeCloseTo(sum, 1);
    expect(plan.cost.assumptions.join(' ')).toMatch(/connection-hours/);
  });

  it('renders a verdict line per scenario in Markdown', () => {
    const markdown = renderPlanMarkdown(plan);
    expect(markdown).toMatch(/Verdict: PASS/);
    for (const s of plan.scenarios) expect(markdown).toContain(`- ${s.label}: `);
  });
});

describe('Iwate plan', () => {
  const iwatePlan = perMutant(() => loadModel('iwate').plan);
  let plan: CapacityPlan;
  beforeEach(() => {
    plan = iwatePlan();
  });

  it('survives the loss of either provider with the full target', () => {
    for (const s of plan.scenarios.filter((x) => x.verdict !== 'not-required')) {
      expect(s.capacity).toBeGreaterThanOrEqual(s.required);
    }
    expect(plan.scenarios.filter((s) => s.scenario.kind === 'provider').map((s) => s.required)).toEqual([
      6_000, 6_000,
    ]);
  });

  it('sizes the point-to-site gateway from its users: 12 scale units (6,000 Mbps) for 6,000 users at 1 Mbps', () => {
    // Each scale unit carries 500 Mbps (FAQ), so 12 units carry 6,000 users at 1 Mbps within the
    // 10,000 connections of the 11-20 row; the old row-based rule jumped to 40.
    const east = azureTier(plan, 'azure-japaneast');
    expect(east.scaleUnits).toBe(12);
    expect(east.aggregateMbps).toBe(6_000);
    const awsLoss = plan.scenarios.find(
      (s) => s.scenario.kind === 'provider' && s.scenario.provider === 'aws',
    )!;
    expect(awsLoss.capacity).toBeGreaterThanOrEqual(6_000);
  });
});

describe('planner rules', () => {
  it('models an AZ loss as one association fewer on every Client VPN endpoint', () => {
    const { plan } = loadModel('hyogo');
    const az = plan.scenarios.find(
      (s) => s.scenario.kind === 'availability-zone' && s.scenario.zone === 'ap-northeast-3a',
    )!;
    const osaka = az.byTier.find((t) => t.tierId === 'aws-osaka')!;
    expect(osaka.connections).toBe(2 * clientVpnConnections(1));
    // A zone the endpoints are not associated with costs them nothing.
    const other = plan.scenarios.find(
      (s) => s.scenario.kind === 'availability-zone' && s.scenario.zone === 'ap-northeast-3c',
    )!;
    expect(other.byTier.find((t) => t.tierId === 'aws-osaka')!.connections).toBe(2 * clientVpnConnections(2));
  });

  it('honours minimumScaleUnits exactly, and rounds an unsettable count up to the next settable one', () => {
    const pinned = loadModel('iwate', (p) => (p.accessTiers[1].minimumScaleUnits = 17));
    expect(azureTier(pinned.plan, 'azure-japaneast').scaleUnits).toBe(17);
    const between = loadModel('iwate', (p) => (p.accessTiers[1].minimumScaleUnits = 30));
    expect(azureTier(between.plan, 'azure-japaneast').scaleUnits).toBe(40);
    expect(between.plan.notes.join(' ')).toMatch(/minimumScaleUnits 30 is not a settable count/);
  });

  it('sizes a two-AZ endpoint at /15 and a one-AZ endpoint at /18', () => {
    const two = loadModel(
      'iwate',
      (p) => (p.clouds.aws.regions[0].availabilityZones = ['ap-northeast-1a', 'ap-northeast-1c']),
    );
    expect(awsTier(two.plan, 'aws-tokyo').endpoints[0]!.clientCidr).toBe('10.224.0.0/15');
    // The gate refuses a one-zone Region (the identity stack's Resolver needs two zones), so
    // the planner is asked directly: it still sizes a one-association endpoint.
    const oneZone = profileObject('iwate');
    oneZone.clouds.aws.regions[0].availabilityZones = ['ap-northeast-1a'];
    oneZone.resilience = [];
    const one = planCapacity(profileSchema.parse(oneZone));
    if (!one.ok) throw new Error(one.issues.map((i) => i.message).join('\n'));
    expect(awsTier(one.plan, 'aws-tokyo').endpoints[0]!.clientCidr).toBe('10.224.0.0/18');
  });

  it('adds endpoints in a Region when one Region must carry the whole target', () => {
    const { plan } = loadModel('hyogo', (p) => {
      p.accessTiers = p.accessTiers.filter((t: { id: string }) => t.id === 'aws-tokyo');
      p.resilience = [{ failure: 'availability-zone', keepPercent: 100 }];
    });
    const tokyo = awsTier(plan, 'aws-tokyo');
    // 99,000 nominal and 90,000 after an AZ loss (36,500 per degraded endpoint): 3 endpoints.
    expect(tokyo.endpoints.map((e) => e.clientCidr)).toEqual([
      '10.64.0.0/14',
      '10.68.0.0/14',
      '10.72.0.0/14',
    ]);
    expect(tokyo.associationsPerEndpoint).toBe(3);
  });

  it('honours a raised endpoint quota and says so', () => {
    const result = loadVariant('hyogo', (p) => {
      p.accessTiers = p.accessTiers.filter((t: { id: string }) => t.id === 'aws-tokyo');
      p.accessTiers[0].clientAddressBlock = '10.64.0.0/11';
      p.addressPlan.clientPoolSupernets = ['10.64.0.0/10'];
      p.target.concurrentUsers = 250_000;
      p.populations[1].concurrentUsers = 212_400;
      p.resilience = [];
      p.quotaOverrides = {
        clientVpnEndpointsPerRegion: { value: 8, reference: 'AWS support case 1234567890' },
      };
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(awsTier(result.model.plan, 'aws-tokyo').endpoints).toHaveLength(5);
    expect(result.model.plan.notes.join(' ')).toMatch(/raised to 8 \(AWS support case 1234567890\)/);
  });

  it('starts from pinned minimums and never plans below them', () => {
    const { plan } = loadModel('hyogo', (p) => {
      p.accessTiers[0].minimumEndpoints = 2;
      p.accessTiers[3].minimumScaleUnits = 40;
    });
    expect(awsTier(plan, 'aws-tokyo').endpoints.length).toBeGreaterThanOrEqual(2);
    expect(azureTier(plan, 'azure-japanwest').scaleUnits).toBeGreaterThanOrEqual(40);
  });

  it('warns when the peak per user exceeds the Client VPN per-connection baseline', () => {
    const result = loadVariant('hyogo', (p) => (p.target.peakMbpsPerUser = 80));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.warnings.map((w) => w.message).join('\n')).toMatch(
      /50 Mbps per-connection baseline of aws-tokyo/,
    );
    expect(result.model.plan.throughput.find((t) => t.tierId === 'aws-tokyo')?.verdict).toBe(
      'per-connection-limited',
    );
  });

  it('is a pure function of the profile', () => {
    const model = loadModel('hyogo');
    const again = planCapacity(model.profile);
    expect(again.ok && again.plan).toEqual(model.plan);
  });
});
