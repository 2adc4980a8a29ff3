/**
 * Edge cases of the concentrator models (lib/planner/tier-models.ts), calling the exported
 * functions directly on hand-written tiers or on edited copies of the parsed Hyogo fixture
 * (test/fixtures/profiles/hyogo.yaml): point-to-site pool room at exactly one /18, the
 * scale-unit counts a hub accepts (P2S_USERS_PER_HUB), what one product's model says of the
 * other product's size, a lost tier, the VPN way home of a hub when only one data centre has
 * it, the tiers that share a place, and a tier whose Region or hub the profile does not declare.
 *
 * Figures come from lib/quotas/azure-virtual-wan.ts, aws-client-vpn.ts and aws-links.ts
 * (shared/reference/LIMITS.md): a pool is a /18 (at least 10,000 addresses), one pool per 20
 * scale units; rows 1-3 SU: 2 instances / 500 connections, 11-20 SU: 2 / 10,000, from 40 SU:
 * SU / 10 instances and SU x 500 connections; 500 Mbps per scale unit; 100,000 users per hub;
 * S2S_MAX_MBPS 20,000; ExpressRoute gateway 10 x 2,000 Mbps; a Transit Gateway VPC attachment
 * 100,000 Mbps.
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
import { P2S_SCALE_UNIT_COUNTS, P2S_USERS_PER_HUB } from '../../lib/quotas/azure-virtual-wan';
import { editedFixture, type MutableProfile } from '../support/profiles';

const EAST = {
  id: 'az',
  provider: 'azure',
  region: 'japaneast',
  clientAddressBlock: '10.96.0.0/14',
} as AccessTier;
const TOKYO = {
  id: 'cv',
  provider: 'aws',
  region: 'ap-northeast-1',
  clientAddressBlock: '10.64.0.0/12',
} as AccessTier;
const ZONES = ['1', '2', '3'];
const NOMINAL: Scenario = { kind: 'nominal' };
const p2s = (scaleUnits: number): TierSize => ({ kind: 'azure-p2s', scaleUnits, fixedMonthlyUsd: 0 });
const cvpn: TierSize = { kind: 'aws-client-vpn', endpoints: 2, associations: 3, fixedMonthlyUsd: 0 };
const scaleUnits = (sizes: readonly TierSize[]) =>
  sizes.map((s) => (s.kind === 'azure-p2s' ? s.scaleUnits : -1));

/** An edited copy of the parsed Hyogo fixture. */
function edited(edit: (profile: MutableProfile) => void): Profile {
  return editedFixture('hyogo', edit);
}

describe('point-to-site sizes', () => {
  test('a /18 block is exactly one pool: 1-20 scale units (one pool each), not 40 (two pools)', () => {
    const model = azureP2sModel({ ...EAST, clientAddressBlock: '10.96.0.0/18' }, ZONES, 0.8);
    expect(scaleUnits(model.sizes)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(model.limitReason).toBe('its client block 10.96.0.0/18 holds 1 pool(s) of /18');
  });

  test('only counts whose connections a hub accepts: at 50,000 users per hub, up to 100 scale units (100 x 500)', () => {
    // 120 scale units carry 120 x 500 = 60,000 connections > 50,000. The /14 holds 16 pools,
    // more than the 5 that 100 scale units need.
    const replaced = jest.replaceProperty(P2S_USERS_PER_HUB, 'value', 50_000);
    try {
      const model = azureP2sModel(EAST, ZONES, 0.8);
      expect(scaleUnits(model.sizes)).toEqual([
        ...Array.from({ length: 20 }, (_, i) => i + 1),
        40,
        60,
        80,
        100,
      ]);
      expect(model.limitReason).toBe('the maximum of 100 scale units per hub');
    } finally {
      replaced.restore();
    }
    expect(P2S_USERS_PER_HUB.value).toBe(100_000);
  });

  test('a settable count the capacity table has no row for counts as no connections, and does not throw', () => {
    // 30 scale units have no row (11-20, then 40): 0 connections, within the hub's 100,000;
    // it needs ceil(30 / 20) = 2 pools of the /14's 16.
    const replaced = jest.replaceProperty(P2S_SCALE_UNIT_COUNTS, 'value', [1, 30]);
    try {
      const model = azureP2sModel(EAST, ZONES, 0.8);
      expect(scaleUnits(model.sizes)).toEqual([1, 30]);
      expect(model.describe(p2s(30))).toBe('30 scale unit(s), 0 instance(s)');
    } finally {
      replaced.restore();
    }
    expect(P2S_SCALE_UNIT_COUNTS.value.at(-1)).toBe(200);
  });
});

describe("what a model says of the other product's size", () => {
  test('Client VPN model: no description of a point-to-site size', () => {
    expect(awsClientVpnModel(TOKYO, ZONES, 5).describe(p2s(20))).toBe('');
  });

  test('point-to-site model: no description and no throughput of a Client VPN size', () => {
    const model = azureP2sModel(EAST, ZONES, 0.8);
    expect(model.describe(cvpn)).toBe('');
    expect(model.aggregateMbps(cvpn)).toBeNull();
    // 20 scale units x 500 Mbps = 10,000 Mbps
    expect(model.aggregateMbps(p2s(20))).toBe(10_000);
  });
});

describe('point-to-site capacity of a lost tier', () => {
  test('Region lost: no connections, and not throughput-limited', () => {
    const model = azureP2sModel(EAST, ZONES, 0.8);
    const lost: Scenario = { kind: 'region', provider: 'azure', region: 'japaneast' };
    expect(model.capacity(p2s(40), lost)).toEqual({ tierId: 'az', connections: 0, throughputLimited: false });
    // nominal: 4 instances x 10,000 caps 40 x 500 = 20,000; 40 x 500 Mbps / 0.8 = 25,000 by throughput
    expect(model.capacity(p2s(40), NOMINAL)).toEqual({
      tierId: 'az',
      connections: 20_000,
      throughputLimited: false,
    });
  });
});

describe('the VPN way home of a hub', () => {
  test('only harima keeps its site-to-site VPN link to japanwest: still 2,000 x 10 + 20,000 = 40,000 Mbps', () => {
    const profile = edited((p) => {
      const kobe = p.dataCentres.find((dc: MutableProfile) => dc.name === 'dc-kobe');
      kobe.links = kobe.links.filter((l: MutableProfile) => l.to !== 'azure:japanwest');
    });
    expect(placeExitLimitMbps(profile, 'azure', 'japanwest')).toBe(40_000);
  });
});

describe('buildTierModels: places and undeclared Regions', () => {
  test('tiers share a place by provider and Region: an AWS tier named like an Azure hub shares nothing with it', () => {
    // A Transit Gateway VPC attachment (100,000 Mbps) / 0.8 Mbps = 125,000 connections for the
    // AWS tier alone; japanwest: (10 x 2,000 + 20,000) / 0.8 = 50,000 for the Azure tier alone.
    const profile = edited((p) => {
      p.accessTiers.push({ ...p.accessTiers[0], id: 'aws-named-japanwest', region: 'japanwest' });
    });
    expect(
      buildTierModels(profile, true)
        .filter((m) => m.region === 'japanwest')
        .map((m) => [m.tier.id, m.exitLimitConnections]),
    ).toEqual([
      ['azure-japanwest', 50_000],
      ['aws-named-japanwest', 125_000],
    ]);
  });

  test('no aws clouds: the AWS tiers have no zone and no size (the /12 holds no /22 endpoint CIDR for no zone)', () => {
    const profile = edited((p) => delete p.clouds.aws);
    expect(
      buildTierModels(profile, false)
        .filter((m) => m.provider === 'aws')
        .map((m) => [m.tier.id, m.zones, m.sizes, m.emptyReason]),
    ).toEqual([
      ['aws-tokyo', [], [], 'its client block 10.64.0.0/12 holds 0 endpoint CIDR(s) of /22'],
      ['aws-osaka', [], [], 'its client block 10.80.0.0/12 holds 0 endpoint CIDR(s) of /22'],
    ]);
  });

  test('a tier in a Region with no declared hub: no zones; no azure clouds: no zones either', () => {
    const otherHub = edited((p) => {
      p.accessTiers[3].region = 'japancentral';
    });
    expect(
      buildTierModels(otherHub, false)
        .filter((m) => m.provider === 'azure')
        .map((m) => [m.tier.id, m.zones]),
    ).toEqual([
      ['azure-japaneast', ['1', '2', '3']],
      ['azure-japanwest', []],
    ]);
    const noAzure = edited((p) => delete p.clouds.azure);
    expect(
      buildTierModels(noAzure, false)
        .filter((m) => m.provider === 'azure')
        .map((m) => [m.tier.id, m.zones]),
    ).toEqual([
      ['azure-japaneast', []],
      ['azure-japanwest', []],
    ]);
  });
});
