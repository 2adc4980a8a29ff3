/**
 * The two concentrator models (lib/planner/tier-models.ts) on hand-written tiers: the sizes the
 * search may pick, why a tier stops growing, and the capacity of a size in every kind of
 * failure, zone loss included. Every figure is written out from the quota tables
 * (lib/quotas/aws-client-vpn.ts, azure-virtual-wan.ts; shared/reference/LIMITS.md), never
 * recomputed by the code under test.
 */
import type { AccessTier } from '../../lib/model/deployment-model';
import type { Scenario } from '../../lib/model/plan';
import {
  awsClientVpnModel,
  azureP2sModel,
  buildTierModels,
  placeExitLimitMbps,
  type TierSize,
} from '../../lib/planner/tier-models';
import type { Profile } from '../../lib/profile/schema';
import { parsedFixture } from '../support/profiles';

const tier = (changes: Partial<AccessTier>): AccessTier =>
  ({
    id: 't',
    provider: 'aws',
    region: 'ap-northeast-1',
    clientAddressBlock: '10.64.0.0/12',
    ...changes,
  }) as AccessTier;

const NOMINAL: Scenario = { kind: 'nominal' };
const zone = (provider: 'aws' | 'azure', region: string, z: string): Scenario => ({
  kind: 'availability-zone',
  provider,
  region,
  zone: z,
});
const region = (provider: 'aws' | 'azure', r: string): Scenario => ({ kind: 'region', provider, region: r });
const provider = (p: 'aws' | 'azure'): Scenario => ({ kind: 'provider', provider: p });

describe('AWS Client VPN', () => {
  const ZONES = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];
  const cvpn = (endpoints: number, associations: number): TierSize => ({
    kind: 'aws-client-vpn',
    endpoints,
    associations,
    fixedMonthlyUsd: 0,
  });

  test('three zones: /14 endpoint CIDRs, four in a /12 under a quota of five; the block limits', () => {
    const model = awsClientVpnModel(tier({}), ZONES, 5);
    expect(model.endpointPrefix).toBe(14);
    expect(model.maxEndpoints).toBe(4);
    expect(model.limitReason).toBe('its client block 10.64.0.0/12 holds 4 endpoint CIDR(s) of /14');
    expect(model.emptyReason).toBeUndefined();
    expect(model.perConnectionMbps).toBe(50);
    expect(model.aggregateMbps(cvpn(1, 1))).toBeNull();
    // 1-4 endpoints x 1-3 associations, cheapest first, at 0.15 USD an association hour, 730 hours
    expect(model.sizes).toHaveLength(12);
    expect(model.sizes[0]).toEqual({
      kind: 'aws-client-vpn',
      endpoints: 1,
      associations: 1,
      fixedMonthlyUsd: 109.5,
    });
    expect(model.sizes.at(-1)).toMatchObject({ endpoints: 4, associations: 3 });
    expect(model.sizes.at(-1)!.fixedMonthlyUsd).toBeCloseTo(1314, 6);
    const costs = model.sizes.map((s) => s.fixedMonthlyUsd);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  test('the quota limits when the block holds more; a minimum drops the smaller sizes', () => {
    const model = awsClientVpnModel(tier({}), ZONES, 3);
    expect(model.maxEndpoints).toBe(3);
    expect(model.limitReason).toBe('the Client VPN quota of 3 endpoints per Region');
    expect(model.sizes).toHaveLength(9);
    const pinned = awsClientVpnModel(tier({ minimumEndpoints: 3 }), ZONES, 5);
    expect(pinned.sizes.map((s) => (s.kind === 'aws-client-vpn' ? s.endpoints : 0)).sort()).toEqual([
      3, 3, 3, 4, 4, 4,
    ]);
    // exactly the room: four /14s in a /12 with a quota of four
    expect(awsClientVpnModel(tier({}), ZONES, 4).limitReason).toBe(
      'the Client VPN quota of 4 endpoints per Region',
    );
  });

  test('no zone: no size at all, and the reason says why', () => {
    const model = awsClientVpnModel(tier({}), [], 5);
    expect(model.sizes).toEqual([]);
    expect(model.maxEndpoints).toBe(0);
    expect(model.emptyReason).toBe('its client block 10.64.0.0/12 holds 0 endpoint CIDR(s) of /22');
  });

  test('capacity: 66,500 per endpoint on three associations, 36,500 on two after a zone loss', () => {
    const model = awsClientVpnModel(tier({}), ZONES, 5);
    const two = cvpn(2, 3);
    expect(model.capacity(two, NOMINAL)).toEqual({
      tierId: 't',
      connections: 133_000,
      throughputLimited: false,
    });
    expect(model.capacity(two, zone('aws', 'ap-northeast-1', 'ap-northeast-1d')).connections).toBe(73_000);
    expect(model.capacity(two, zone('aws', 'ap-northeast-1', 'ap-northeast-1a')).connections).toBe(73_000);
    // a zone of another Region or provider takes nothing
    expect(model.capacity(two, zone('aws', 'ap-northeast-3', 'ap-northeast-1a')).connections).toBe(133_000);
    expect(model.capacity(two, zone('azure', 'ap-northeast-1', 'ap-northeast-1a')).connections).toBe(133_000);
    expect(model.capacity(two, region('aws', 'ap-northeast-1')).connections).toBe(0);
    expect(model.capacity(two, region('aws', 'ap-northeast-3')).connections).toBe(133_000);
    expect(model.capacity(two, provider('aws')).connections).toBe(0);
    expect(model.capacity(two, provider('azure')).connections).toBe(133_000);
  });

  test('a zone the size does not associate is no loss; one association left carries 7,000', () => {
    const model = awsClientVpnModel(tier({}), ZONES, 5);
    // two associations use the first two zones
    expect(model.capacity(cvpn(3, 2), NOMINAL).connections).toBe(109_500);
    expect(model.capacity(cvpn(3, 2), zone('aws', 'ap-northeast-1', 'ap-northeast-1d')).connections).toBe(
      109_500,
    );
    expect(model.capacity(cvpn(3, 2), zone('aws', 'ap-northeast-1', 'ap-northeast-1c')).connections).toBe(
      21_000,
    );
    expect(model.capacity(cvpn(1, 1), zone('aws', 'ap-northeast-1', 'ap-northeast-1a')).connections).toBe(0);
    expect(model.capacity(cvpn(1, 1), NOMINAL).connections).toBe(7_000);
    expect(model.describe(cvpn(3, 2))).toBe('3 endpoint(s) x 2 association(s)');
    expect(() => model.capacity({ kind: 'azure-p2s', scaleUnits: 1, fixedMonthlyUsd: 0 }, NOMINAL)).toThrow(
      'internal: size of another product',
    );
  });
});

describe('Azure Virtual WAN point-to-site', () => {
  const EAST = tier({ id: 'az', provider: 'azure', region: 'japaneast', clientAddressBlock: '10.96.0.0/14' });
  const p2s = (scaleUnits: number): TierSize => ({ kind: 'azure-p2s', scaleUnits, fixedMonthlyUsd: 0 });

  test('a /14 holds 16 pools: every scale-unit count up to 200 fits; the hub maximum limits', () => {
    const model = azureP2sModel(EAST, ['1', '2', '3'], 0.8);
    expect(model.sizes.map((s) => (s.kind === 'azure-p2s' ? s.scaleUnits : 0))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 40, 60, 80, 100, 120, 140, 160,
      180, 200,
    ]);
    expect(model.limitReason).toBe('the maximum of 200 scale units per hub');
    expect(model.emptyReason).toBeUndefined();
    expect(model.perConnectionMbps).toBeNull();
    expect(model.aggregateMbps(p2s(40))).toBe(20_000);
    // 0.261 USD a scale-unit hour, 730 hours
    expect(model.sizes[0]!.fixedMonthlyUsd).toBeCloseTo(190.53, 6);
    expect(model.sizes.at(-1)!.fixedMonthlyUsd).toBeCloseTo(38_106, 6);
    expect(model.describe(p2s(40))).toBe('40 scale unit(s), 4 instance(s)');
    expect(model.describe(p2s(20))).toBe('20 scale unit(s), 2 instance(s)');
  });

  test('a /17 holds two pools (40 scale units at most); a /19 none', () => {
    const small = azureP2sModel({ ...EAST, clientAddressBlock: '10.96.0.0/17' }, ['1', '2', '3'], 0.8);
    expect(small.sizes.at(-1)).toMatchObject({ scaleUnits: 40 });
    expect(small.sizes).toHaveLength(21);
    expect(small.limitReason).toBe('its client block 10.96.0.0/17 holds 2 pool(s) of /18');
    const none = azureP2sModel({ ...EAST, clientAddressBlock: '10.96.0.0/19' }, ['1', '2', '3'], 0.8);
    expect(none.sizes).toEqual([]);
    expect(none.emptyReason).toBe('its client block 10.96.0.0/19 holds 0 pool(s) of /18');
  });

  test('a minimum drops the smaller counts; a carving that cannot fit names its reason', () => {
    const pinned = azureP2sModel({ ...EAST, minimumScaleUnits: 19 } as AccessTier, ['1'], 0.8);
    expect(pinned.sizes.map((s) => (s.kind === 'azure-p2s' ? s.scaleUnits : 0)).slice(0, 3)).toEqual([
      19, 20, 40,
    ]);
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `p${i}`, concurrentUsers: 100 }));
    const crowded = azureP2sModel({ ...EAST, clientAddressBlock: '10.96.0.0/16' }, ['1'], 0.8, {
      populations: five,
      headroomPercent: 0,
    });
    expect(crowded.sizes).toEqual([]);
    expect(crowded.limitReason).toBe(
      'its client block 10.96.0.0/16 split into 8 population slots gives /19 slots, smaller than one /18 pool',
    );
  });

  test('capacity below 40 scale units: the table’s connections, shared by the instances left', () => {
    const model = azureP2sModel(EAST, ['1', '2', '3'], 0.8);
    expect(model.capacity(p2s(20), NOMINAL)).toEqual({
      tierId: 'az',
      connections: 10_000,
      throughputLimited: false,
    });
    // two instances over three zones: losing one zone takes one instance (half)
    expect(model.capacity(p2s(20), zone('azure', 'japaneast', '2'))).toEqual({
      tierId: 'az',
      connections: 5_000,
      throughputLimited: false,
    });
    expect(model.capacity(p2s(3), NOMINAL).connections).toBe(500);
  });

  test('from 40 scale units: 10,000 per instance; a zone loss takes ceil(instances / zones); throughput can bind', () => {
    const model = azureP2sModel(EAST, ['1', '2', '3'], 0.8);
    expect(model.capacity(p2s(40), NOMINAL)).toEqual({
      tierId: 'az',
      connections: 20_000,
      throughputLimited: false,
    });
    // 4 instances, 2 lost: 20,000 by connections, 40 x 500 Mbps x 0.5 / 0.8 = 12,500 by throughput
    expect(model.capacity(p2s(40), zone('azure', 'japaneast', '1'))).toEqual({
      tierId: 'az',
      connections: 12_500,
      throughputLimited: true,
    });
    // 10 instances, 4 lost: 6 x 10,000 caps nothing under 50,000; throughput 37,500
    expect(model.capacity(p2s(100), NOMINAL).connections).toBe(50_000);
    expect(model.capacity(p2s(100), zone('azure', 'japaneast', '3'))).toEqual({
      tierId: 'az',
      connections: 37_500,
      throughputLimited: true,
    });
    // at 2 Mbps a user the nominal size is throughput-bound: 40 x 500 / 2 = 10,000
    expect(azureP2sModel(EAST, ['1', '2', '3'], 2).capacity(p2s(40), NOMINAL)).toEqual({
      tierId: 'az',
      connections: 10_000,
      throughputLimited: true,
    });
  });

  test('two zones: a zone loss takes half the instances; another hub’s zone or Region takes nothing', () => {
    const model = azureP2sModel(EAST, ['1', '2'], 0.8);
    // 200 scale units: 20 instances, 10 lost; 10 x 10,000 = 100,000; throughput 62,500
    expect(model.capacity(p2s(200), zone('azure', 'japaneast', '1')).connections).toBe(62_500);
    expect(model.capacity(p2s(200), zone('azure', 'japanwest', '1')).connections).toBe(100_000);
    expect(model.capacity(p2s(200), zone('aws', 'japaneast', '1')).connections).toBe(100_000);
    expect(model.capacity(p2s(200), region('azure', 'japaneast')).connections).toBe(0);
    expect(model.capacity(p2s(200), region('azure', 'japanwest')).connections).toBe(100_000);
    expect(model.capacity(p2s(200), provider('azure')).connections).toBe(0);
    expect(model.capacity(p2s(200), provider('aws')).connections).toBe(100_000);
    expect(() =>
      model.capacity({ kind: 'aws-client-vpn', endpoints: 1, associations: 1, fixedMonthlyUsd: 0 }, NOMINAL),
    ).toThrow('internal: size of another product');
    expect(() => model.capacity(p2s(30), NOMINAL)).toThrow(
      'internal: no point-to-site row for 30 scale units',
    );
  });
});

describe('the way home of a place: exit limits the sizing respects', () => {
  // Hyogo (test/fixtures/profiles/hyogo.yaml): both hubs have an ExpressRoute circuit and
  // site-to-site VPN links from the data centres; 2,030 carrier devices land at japaneast; every
  // user averages 0.8 Mbps; one access tier per place.
  const hyogo = () => structuredClone(parsedFixture('hyogo')) as Profile & Record<string, never>;
  // biome-ignore lint/suspicious/noExplicitAny: edits of the parsed fixture
  type Editable = any;

  test('AWS: a Transit Gateway VPC attachment, 100,000 Mbps, wherever the tier is', () => {
    expect(placeExitLimitMbps(hyogo(), 'aws', 'ap-northeast-1')).toBe(100_000);
    expect(placeExitLimitMbps(hyogo(), 'aws', 'eu-west-1')).toBe(100_000);
  });

  test('Azure: ExpressRoute gateway (10 x 2,000) + site-to-site VPN (20,000), less the carriers landing there', () => {
    // japanwest: 20,000 + 20,000 = 40,000 (under the firewall's 100,000).
    expect(placeExitLimitMbps(hyogo(), 'azure', 'japanwest')).toBe(40_000);
    // japaneast: 40,000 - 2,030 devices x 0.8 Mbps = 38,376.
    expect(placeExitLimitMbps(hyogo(), 'azure', 'japaneast')).toBe(38_376);
  });

  test('only what reaches this hub counts: its circuits, its VPN links, its carriers', () => {
    const noEastVpn: Editable = hyogo();
    for (const dc of noEastVpn.dataCentres)
      dc.links = dc.links.filter((l: Editable) => l.to !== 'azure:japanwest');
    expect(placeExitLimitMbps(noEastVpn, 'azure', 'japanwest')).toBe(20_000);
    // A link of another kind to the hub is not a VPN gateway's.
    const otherKind: Editable = hyogo();
    for (const dc of otherKind.dataCentres)
      for (const l of dc.links) if (l.to === 'azure:japanwest') l.type = 'expressroute';
    expect(placeExitLimitMbps(otherKind, 'azure', 'japanwest')).toBe(20_000);
    const noWestCircuit: Editable = hyogo();
    noWestCircuit.expressRoute.circuits = noWestCircuit.expressRoute.circuits.filter(
      (c: Editable) => c.hubRegion !== 'japanwest',
    );
    expect(placeExitLimitMbps(noWestCircuit, 'azure', 'japanwest')).toBe(20_000);
    // Neither: the hub's users go home through another hub (no limit of its own).
    for (const dc of noWestCircuit.dataCentres)
      dc.links = dc.links.filter((l: Editable) => l.to !== 'azure:japanwest');
    expect(placeExitLimitMbps(noWestCircuit, 'azure', 'japanwest')).toBeNull();
    // The carriers landing at japaneast take nothing from japanwest; two carriers add up.
    const twoCarriers: Editable = hyogo();
    twoCarriers.closedMobileNetworks.push({ ...twoCarriers.closedMobileNetworks[0], devices: 1_000 });
    expect(placeExitLimitMbps(twoCarriers, 'azure', 'japaneast')).toBe(40_000 - 3_030 * 0.8);
    expect(placeExitLimitMbps(twoCarriers, 'azure', 'japanwest')).toBe(40_000);
    // More carrier traffic than the way home carries leaves nothing, not less than nothing.
    twoCarriers.closedMobileNetworks[1].devices = 100_000;
    expect(placeExitLimitMbps(twoCarriers, 'azure', 'japaneast')).toBe(0);
  });

  test('each tier gets its share of its place, in connections at the average rate; off when the profile says so', () => {
    expect(buildTierModels(hyogo(), true).map((m) => [m.tier.id, m.exitLimitConnections])).toEqual([
      ['aws-tokyo', 125_000],
      ['aws-osaka', 125_000],
      ['azure-japaneast', 47_970],
      ['azure-japanwest', 50_000],
    ]);
    expect(buildTierModels(hyogo(), false).map((m) => m.exitLimitConnections)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    // Two tiers at japanwest share its 40,000 Mbps: 25,000 connections each.
    const shared: Editable = hyogo();
    shared.accessTiers.push({
      ...shared.accessTiers[3],
      id: 'azure-japanwest-2',
      clientAddressBlock: '10.200.0.0/16',
    });
    expect(buildTierModels(shared, true).map((m) => [m.tier.id, m.exitLimitConnections])).toEqual([
      ['aws-tokyo', 125_000],
      ['aws-osaka', 125_000],
      ['azure-japaneast', 47_970],
      ['azure-japanwest', 25_000],
      ['azure-japanwest-2', 25_000],
    ]);
  });

  test('a size above the exit limit carries the limit, marked throughput-limited; at the limit it is not', () => {
    // 12,000 carrier devices at japaneast: 40,000 - 9,600 = 30,400 Mbps, 38,000 connections.
    const busy: Editable = hyogo();
    busy.closedMobileNetworks[0].devices = 12_000;
    const east = buildTierModels(busy, true).find((m) => m.tier.id === 'azure-japaneast')!;
    expect(east.exitLimitConnections).toBe(38_000);
    const p2s = (scaleUnits: number): TierSize => ({ kind: 'azure-p2s', scaleUnits, fixedMonthlyUsd: 0 });
    expect(east.capacity(p2s(100), NOMINAL)).toMatchObject({ connections: 38_000, throughputLimited: true });
    expect(east.capacity(p2s(20), NOMINAL)).toMatchObject({ connections: 10_000, throughputLimited: false });
    // 40,000 devices: 8,000 Mbps, 10,000 connections, exactly what 20 scale units carry.
    busy.closedMobileNetworks[0].devices = 40_000;
    const tight = buildTierModels(busy, true).find((m) => m.tier.id === 'azure-japaneast')!;
    expect(tight.exitLimitConnections).toBe(10_000);
    expect(tight.capacity(p2s(20), NOMINAL)).toMatchObject({ connections: 10_000, throughputLimited: false });
    expect(tight.capacity(p2s(40), NOMINAL)).toMatchObject({ connections: 10_000, throughputLimited: true });
  });
});
