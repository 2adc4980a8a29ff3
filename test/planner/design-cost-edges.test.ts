/**
 * Edge cases of the whole-design cost (lib/planner/design-cost.ts), each run by calling
 * `estimateDesignCost` / `connectionChargePerConnectionUsd` directly on an edited copy of the
 * parsed Hyogo fixture (test/fixtures/profiles/hyogo.yaml) with hand-written tier plans: usage
 * lines priced per connection-hour x units per connection-hour (not divided by them), a cloud
 * the profile leaves out costs nothing, Managed AD only in managed-ad mode, a hub's
 * site-to-site VPN gateway only when a data centre's VPN link or a carrier's VPN lands there
 * (at the profile's scale units), an ExpressRoute gateway only for a hub with circuits of its
 * own, the Standard firewall when the steering names none, and the currency.
 *
 * Every expected figure is derived in a comment from lib/quotas/prices.ts and
 * lib/quotas/azure-firewall.ts (HOURS_PER_MONTH = 730, GB_PER_MBPS_HOUR = 0.45) and the
 * fixture's costAssumptions (60 % of 160 h = 96 connection-hours a month per connection) and
 * target (0.8 Mbps per user, 80 % downstream by default).
 */
import type { CostLine, TierPlan } from '../../lib/model/plan';
import {
  CONCENTRATOR_COMPONENTS,
  connectionChargePerConnectionUsd,
  estimateDesignCost,
} from '../../lib/planner/design-cost';
import type { Profile } from '../../lib/profile/schema';
import type { AzureFirewallTier } from '../../lib/quotas/azure-firewall';
import { editedFixture, type MutableProfile, parsedFixture } from '../support/profiles';

let hyogo: Profile;
beforeEach(() => {
  hyogo = parsedFixture('hyogo');
});

/** An edited copy of the parsed Hyogo fixture. */
function edited(edit: (profile: MutableProfile) => void = () => {}): Profile {
  return editedFixture('hyogo', edit);
}

const awsTier = (tierId: string, region: string): TierPlan =>
  ({
    kind: 'aws-client-vpn',
    tierId,
    provider: 'aws',
    region,
    zones: [],
    endpoints: [],
  }) as unknown as TierPlan;

function cost(
  profile: Profile,
  tiers: readonly TierPlan[] = [],
  loads: ReadonlyMap<string, number> = new Map(),
  firewallTiers: ReadonlyMap<string, AzureFirewallTier> = new Map(),
) {
  return estimateDesignCost({ profile, tiers, loads, firewallTiers });
}

/** [component, scope, item, quantity, unit, unit price, monthly USD] of the lines of a component. */
const rows = (lines: readonly CostLine[], component: string) =>
  lines
    .filter((l) => l.component === component)
    .map((l) => [l.component, l.tierId, l.item, l.quantity, l.unit, l.unitPriceUsd, l.monthlyUsd]);

describe('usage lines: connection-hours times the units each connection-hour uses', () => {
  test('1,000 connections on the Tokyo Client VPN tier (Direct Connect to kobe): every usage line exact', () => {
    // 1,000 connections x 96 connection-hours = 96,000 connection-hours a month.
    // GB per connection-hour: 0.8 Mbps x 0.45 = 0.36; down 0.36 x 0.8 = 0.288; up 0.36 x 0.2 = 0.072.
    const lines = cost(hyogo, [awsTier('tokyo', 'ap-northeast-1')], new Map([['tokyo', 1_000]])).lines;
    expect(
      lines
        .filter((l) => l.tierId === 'tokyo')
        .map((l) => [l.component, l.item, l.quantity, l.unit, l.unitPriceUsd, l.monthlyUsd]),
    ).toEqual([
      // 96,000 x 1 connection-hour x 0.05 USD = 4,800 USD (no association line: no endpoint)
      ['Client VPN', 'Client VPN connections', 96_000, 'connection-hour', 0.05, 4_800],
      // 96,000 x 0.36 GB = 34,560 GB x 0.02 USD = 691.20 USD (divided: 266,666.67 GB)
      ['Transit Gateway', 'Transit Gateway data processed', 34_560, 'GB', 0.02, 691.2],
      // 96,000 x 0.288 GB = 27,648 GB x 0.114 USD = 3,151.872 -> 3,151.87 USD
      ['Data transfer', 'data out to clients (internet)', 27_648, 'GB', 0.114, 3_151.87],
      // 96,000 x 0.072 GB = 6,912 GB x 0.041 USD = 283.392 -> 283.39 USD
      ['Direct Connect', 'data out to the data centres (Direct Connect)', 6_912, 'GB', 0.041, 283.39],
      // 96,000 x 0.001 GB (1 MB) = 96 GB x 0.76 USD = 72.96 USD
      ['Logs', 'CloudWatch Logs ingested (connection and flow logs)', 96, 'GB', 0.76, 72.96],
    ]);
  });

  test('the per-connection concentrator charge: 96 connection-hours x the per-connection-hour units x price', () => {
    // Shipped: only Client VPN / Point-to-site count, 1 connection-hour per connection-hour.
    // 96 x 1 x 0.05 USD = 4.80 USD (Client VPN); 96 x 1 x 0.0125 USD = 1.20 USD (point-to-site).
    expect(connectionChargePerConnectionUsd(hyogo, 'aws', 'ap-northeast-1')).toBeCloseTo(4.8, 10);
    expect(connectionChargePerConnectionUsd(hyogo, 'azure', 'japaneast')).toBeCloseTo(1.2, 10);
    // With the Logs rate (0.001 GB per connection-hour, not 1) counted as a concentrator
    // charge, the sum must multiply by it: 96 x 0.05 + 96 x 0.001 GB x 0.76 USD
    // = 4.80 + 0.07296 = 4.87296 USD (divided, the logs would be 96 / 0.001 x 0.76 = 72,960 USD).
    // CONCENTRATOR_COMPONENTS is shared by every test file of the worker: restored in finally.
    const components = CONCENTRATOR_COMPONENTS as Set<string>;
    components.add('Logs');
    try {
      expect(connectionChargePerConnectionUsd(hyogo, 'aws', 'ap-northeast-1')).toBeCloseTo(4.87296, 10);
    } finally {
      components.delete('Logs');
    }
    expect([...CONCENTRATOR_COMPONENTS]).toEqual(['Client VPN', 'Point-to-site']);
  });
});

describe('a cloud the profile leaves out costs nothing', () => {
  test('no aws: only Azure lines (no Transit Gateway or Managed AD of a phantom Region)', () => {
    const lines = cost(edited((p) => delete p.clouds.aws)).lines;
    expect([...new Set(lines.map((l) => l.cloud))]).toEqual(['azure']);
  });

  test('no azure and no circuits: only AWS lines (no hub of a phantom Region)', () => {
    const profile = edited((p) => {
      delete p.clouds.azure;
      p.expressRoute.circuits = [];
    });
    const lines = cost(profile).lines;
    expect([...new Set(lines.map((l) => l.cloud))]).toEqual(['aws']);
    expect(rows(lines, 'Virtual hub')).toEqual([]);
  });
});

describe('Managed Microsoft AD: only in managed-ad mode', () => {
  test('managed-ad: two domain controllers per Region, 2 x 730 h x 0.548 USD = 800.08 USD', () => {
    expect(rows(cost(hyogo).lines, 'Managed Microsoft AD')).toEqual(
      ['ap-northeast-1', 'ap-northeast-3'].map((region) => [
        'Managed Microsoft AD',
        region,
        'Managed Microsoft AD domain controllers (2)',
        1_460,
        'controller-hour',
        0.548,
        800.08,
      ]),
    );
  });

  test('on-premises directory or none: no Managed AD line', () => {
    const onPremises = edited((p) => {
      p.identity.awsDirectory.mode = 'on-premises';
    });
    expect(rows(cost(onPremises).lines, 'Managed Microsoft AD')).toEqual([]);
    const none = edited((p) => delete p.identity.awsDirectory);
    expect(rows(cost(none).lines, 'Managed Microsoft AD')).toEqual([]);
  });
});

describe('site-to-site VPN gateway of a hub: a data centre VPN link or a carrier VPN landing there', () => {
  const noVpnLinksTo = (p: MutableProfile, place: string) => {
    for (const dc of p.dataCentres)
      dc.links = dc.links.filter((l: MutableProfile) => !(l.to === place && l.type === 'site-to-site-vpn'));
  };
  // The hubs' gateways (the AWS Regions' site-to-site VPN lines share the component name).
  const hubRows = (profile: Profile) =>
    rows(cost(profile).lines, 'Site-to-site VPN').filter((r) => String(r[1]).startsWith('japan'));
  const s2sHubs = (profile: Profile) => hubRows(profile).map((r) => r[1]);
  // 1 scale unit (fixture): 730 h x 0.361 USD = 263.53 USD
  const oneUnit = (hub: string) => [
    'Site-to-site VPN',
    hub,
    'site-to-site VPN gateway (1 scale unit(s))',
    730,
    'scale-unit-hour',
    0.361,
    263.53,
  ];

  test('3 scale units (clouds.azure.siteToSite.scaleUnit): 3 x 730 h x 0.361 USD = 790.59 USD per hub', () => {
    const profile = edited((p) => {
      p.clouds.azure.siteToSite.scaleUnit = 3;
    });
    expect(hubRows(profile)).toEqual(
      ['japaneast', 'japanwest'].map((hub) => [
        'Site-to-site VPN',
        hub,
        'site-to-site VPN gateway (3 scale unit(s))',
        2_190,
        'scale-unit-hour',
        0.361,
        790.59,
      ]),
    );
  });

  test('no VPN link and no carrier to japanwest: no gateway there', () => {
    const profile = edited((p) => noVpnLinksTo(p, 'azure:japanwest'));
    expect(hubRows(profile)).toEqual([oneUnit('japaneast')]);
  });

  test('no VPN links to either hub and no carriers: no gateway in any hub', () => {
    const profile = edited((p) => {
      noVpnLinksTo(p, 'azure:japaneast');
      noVpnLinksTo(p, 'azure:japanwest');
      p.closedMobileNetworks = [];
    });
    expect(s2sHubs(profile)).toEqual([]);
  });

  test('only the carrier landing by VPN at japaneast: a gateway at japaneast, none at japanwest', () => {
    const profile = edited((p) => {
      noVpnLinksTo(p, 'azure:japaneast');
      noVpnLinksTo(p, 'azure:japanwest');
    });
    expect(hubRows(profile)).toEqual([oneUnit('japaneast')]);
  });

  test('a carrier landing by VPN at japanwest (and another by ExpressRoute at japaneast): a gateway at japanwest only', () => {
    const profile = edited((p) => {
      noVpnLinksTo(p, 'azure:japaneast');
      noVpnLinksTo(p, 'azure:japanwest');
      const carrier = p.closedMobileNetworks[0];
      p.closedMobileNetworks = [
        { ...carrier, landing: { type: 'vpn', at: 'azure:japanwest' } },
        { ...carrier, name: 'carrier-er', landing: { type: 'expressroute', at: 'azure:japaneast' } },
      ];
    });
    expect(s2sHubs(profile)).toEqual(['japanwest']);
  });

  test('a carrier landing at japaneast by ExpressRoute, not VPN: no VPN gateway', () => {
    const profile = edited((p) => {
      noVpnLinksTo(p, 'azure:japaneast');
      noVpnLinksTo(p, 'azure:japanwest');
      p.closedMobileNetworks[0].landing = { type: 'expressroute', at: 'azure:japaneast' };
    });
    expect(s2sHubs(profile)).toEqual([]);
  });
});

describe('ExpressRoute gateway: only in a hub with circuits of its own', () => {
  test('the japanwest circuit removed: japaneast keeps 10,000 / 2,000 = 5 units (5 x 730 h x 0.42 = 1,533 USD), japanwest none', () => {
    const profile = edited((p) => {
      p.expressRoute.circuits = p.expressRoute.circuits.filter(
        (c: MutableProfile) => c.hubRegion !== 'japanwest',
      );
    });
    expect(rows(cost(profile).lines, 'ExpressRoute gateway')).toEqual([
      [
        'ExpressRoute gateway',
        'japaneast',
        'ExpressRoute gateway (5 scale unit(s))',
        3_650,
        'scale-unit-hour',
        0.42,
        1_533,
      ],
    ]);
  });
});

describe('Azure Firewall and the estimate itself', () => {
  test('no firewall tier from the steering: Standard, 730 h x 1.25 USD = 912.50 USD per hub; Premium where named', () => {
    const lines = cost(hyogo, [], new Map(), new Map([['japanwest', 'Premium']])).lines;
    expect(rows(lines, 'Azure Firewall')).toEqual([
      [
        'Azure Firewall',
        'japaneast',
        'Azure Firewall Standard (secured hub)',
        730,
        'deployment-hour',
        1.25,
        912.5,
      ],
      // 730 h x 2.496 USD = 1,822.08 USD
      [
        'Azure Firewall',
        'japanwest',
        'Azure Firewall Premium (secured hub)',
        730,
        'deployment-hour',
        2.496,
        1_822.08,
      ],
    ]);
  });

  test('the estimate is in USD', () => {
    expect(cost(hyogo).currency).toBe('USD');
  });
});

describe('carrier translation in AWS', () => {
  test('one private NAT gateway per zone of the landing Region, as the links stack builds them', () => {
    // Hyogo's carrier landing by VPN at Tokyo, translated there; Tokyo edited to 2 zones:
    // 2 gateways x 730 h = 1,460 gateway-hours x 0.062 USD = 90.52 USD (one gateway: 45.26 USD)
    const translatedInTokyo = (zones: string[]) =>
      edited((p) => {
        p.closedMobileNetworks[0].landing = {
          type: 'vpn',
          at: 'aws:ap-northeast-1',
          aws: { bgpAsn: 65300, gatewayIp: '198.51.100.77' },
        };
        p.closedMobileNetworks[0].translation.at = 'aws';
        p.clouds.aws.regions.find(
          (r: { region: string }) => r.region === 'ap-northeast-1',
        ).availabilityZones = zones;
      });
    const name = hyogo.closedMobileNetworks[0]!.name;
    expect(
      rows(cost(translatedInTokyo(['ap-northeast-1a', 'ap-northeast-1c'])).lines, 'NAT gateway'),
    ).toEqual([
      [
        'NAT gateway',
        name,
        'private NAT gateways (carrier translation, one in each of 2 zone(s))',
        1_460,
        'gateway-hour',
        0.062,
        90.52,
      ],
    ]);
    // three zones: 3 x 730 h = 2,190 gateway-hours x 0.062 USD = 135.78 USD
    expect(
      rows(
        cost(translatedInTokyo(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'])).lines,
        'NAT gateway',
      ),
    ).toEqual([
      [
        'NAT gateway',
        name,
        'private NAT gateways (carrier translation, one in each of 3 zone(s))',
        2_190,
        'gateway-hour',
        0.062,
        135.78,
      ],
    ]);
    // translated in Azure (the fixture as it is): no NAT gateway line
    expect(rows(cost(hyogo).lines, 'NAT gateway')).toEqual([]);
  });
});
