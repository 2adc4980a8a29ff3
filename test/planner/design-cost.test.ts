/**
 * The whole design's fixed monthly charges for the Hyogo fixture, line by line, each quantity
 * derived by hand from the profile (and the unit price from lib/quotas/prices.ts), so that a
 * line priced in the wrong unit, a count off by one or a missing component fails here. The
 * concentrator lines are in exact-figures.test.ts; usage lines are checked for their
 * arithmetic (quantity x unit price = monthly) and the total for being their sum.
 */
import type { CostLine } from '../../lib/model/plan';
import {
  CONCENTRATOR_COMPONENTS,
  LOG_GB_PER_CONNECTION_HOUR,
  usageRates,
} from '../../lib/planner/design-cost';
import { AZURE_FIREWALL_TIERS } from '../../lib/quotas/azure-firewall';
import { HOURS_PER_MONTH, PRICES } from '../../lib/quotas/prices';
import { perMutant } from '../support/per-mutant';
import { loadModel } from '../support/profiles';

const H = HOURS_PER_MONTH; // 730
const cents = (usd: number) => Math.round(usd * 100) / 100;
const hyogoCost = perMutant(() => loadModel('hyogo').plan.cost);
let lines: readonly CostLine[];
beforeEach(() => {
  lines = hyogoCost().lines;
});

/** The one line of a component for a scope (tier id, Region, hub, link or circuit). */
function only(component: string, scope: string): CostLine {
  const found = lines.filter((l) => l.component === component && l.tierId === scope);
  if (found.length !== 1)
    throw new Error(
      `${found.length} lines for ${component} ${scope}; have ${lines.map((l) => `${l.component}/${l.tierId}`).join(', ')}`,
    );
  return found[0]!;
}
const figures = (l: CostLine) => [l.quantity, l.unit, l.unitPriceUsd, l.monthlyUsd];
/** The figures a fixed charge should have: quantity, unit, unit price, and their product in cents. */
const charge = (quantity: number, unit: string, price: number) => [
  quantity,
  unit,
  price,
  cents(quantity * price),
];

describe('AWS, per Region (fixture: kobe has 2 VPN devices and links Tokyo by VPN and a 10 Gbps Direct Connect; harima has 2 devices and links Osaka by VPN; Managed AD in both)', () => {
  test('Transit Gateway attachments: Tokyo VPC + 2 VPN + Direct Connect gateway = 4, Osaka VPC + 2 VPN = 3', () => {
    const price = PRICES.transitGatewayAttachmentHour.value;
    expect(figures(only('Transit Gateway', 'ap-northeast-1'))).toEqual(
      charge(4 * H, 'attachment-hour', price),
    );
    expect(figures(only('Transit Gateway', 'ap-northeast-3'))).toEqual(
      charge(3 * H, 'attachment-hour', price),
    );
  });

  test('site-to-site VPN: one connection per data-centre device on each link, 2 per Region', () => {
    const price = PRICES.siteToSiteVpnConnectionHour.value;
    for (const region of ['ap-northeast-1', 'ap-northeast-3'])
      expect(figures(only('Site-to-site VPN', region))).toEqual(charge(2 * H, 'connection-hour', price));
  });

  test('Direct Connect: the 10 Gbps link as ten 1 Gbps port-hours a month', () => {
    const price = PRICES.directConnectPortHour1Gbps.value;
    expect(figures(only('Direct Connect', 'kobe-aws-tokyo-dx'))).toEqual(charge(10 * H, 'port-hour', price));
    expect(lines.filter((l) => l.component === 'Direct Connect')).toHaveLength(1);
  });

  test('Managed Microsoft AD: two domain controllers in each Region', () => {
    const price = PRICES.managedAdEnterpriseDomainControllerHour.value;
    for (const region of ['ap-northeast-1', 'ap-northeast-3'])
      expect(figures(only('Managed Microsoft AD', region))).toEqual(charge(2 * H, 'controller-hour', price));
  });

  test('no private NAT gateway: the carrier translates on the Azure hub, not in AWS', () => {
    expect(lines.filter((l) => l.component === 'NAT gateway')).toEqual([]);
  });
});

describe('Azure, per hub (fixture: one 10 Gbps circuit per hub, 1 site-to-site scale unit)', () => {
  test('a standard virtual hub in each Region', () => {
    const price = PRICES.virtualHubHour.value;
    for (const hub of ['japaneast', 'japanwest'])
      expect(figures(only('Virtual hub', hub))).toEqual(charge(H, 'hub-hour', price));
  });

  test('site-to-site VPN gateway: 1 scale unit per hub', () => {
    const price = PRICES.s2sScaleUnitHour.value;
    for (const hub of ['japaneast', 'japanwest'])
      expect(figures(only('Site-to-site VPN', hub))).toEqual(charge(H, 'scale-unit-hour', price));
  });

  test('ExpressRoute gateway: 10,000 Mbps of circuits at 2,000 Mbps per scale unit = 5 units per hub', () => {
    const price = PRICES.expressRouteGatewayScaleUnitHour.value;
    for (const hub of ['japaneast', 'japanwest'])
      expect(figures(only('ExpressRoute gateway', hub))).toEqual(charge(5 * H, 'scale-unit-hour', price));
  });

  test('Azure Firewall: Standard at japaneast (at most 10,000 users and 2,030 devices x 0.8 Mbps), Premium at japanwest (80,000 x 0.8 Mbps = 64 Gbps > 30)', () => {
    const standard = AZURE_FIREWALL_TIERS.Standard.deploymentHourUsd;
    const premium = AZURE_FIREWALL_TIERS.Premium.deploymentHourUsd;
    const deployment = (hub: string) =>
      lines.filter(
        (l) => l.component === 'Azure Firewall' && l.tierId === hub && l.unit === 'deployment-hour',
      );
    expect(deployment('japaneast').map(figures)).toEqual([charge(H, 'deployment-hour', standard.value)]);
    expect(deployment('japanwest').map(figures)).toEqual([charge(H, 'deployment-hour', premium.value)]);
  });

  test('ExpressRoute circuits: 10 Gbps each, priced as 10 x the 1 Gbps month', () => {
    const price = PRICES.expressRoutePremiumMetered1GbpsMonth.value;
    for (const circuit of ['er-iij-tokyo', 'er-iij-osaka'])
      expect(figures(only('ExpressRoute circuit', circuit))).toEqual(charge(10, 'Gbps-month', price));
  });
});

test('every line: monthly = quantity x unit price, JPY at the profile rate; the total is their sum', () => {
  const cost = hyogoCost();
  for (const l of cost.lines) {
    expect([l.component, l.tierId, l.monthlyUsd]).toEqual([
      l.component,
      l.tierId,
      cents(l.quantity * l.unitPriceUsd),
    ]);
    expect(l.monthlyJpy).toBe(Math.round(l.monthlyUsd * cost.exchangeRate.jpyPerUsd));
  }
  expect(cost.monthlyUsd).toBe(cents(cost.lines.reduce((s, l) => s + l.monthlyUsd, 0)));
});

describe('per-connection usage rates (what each connection-hour is charged; the plan lists them by these labels)', () => {
  // Fixture: 0.8 Mbps per user, 80 % downstream (the default); 0.8 Mbps for an hour is
  // 0.8 x 3,600 s / 8 bits / 1,000 = 0.36 GB, of which 0.288 GB down and 0.072 GB up.
  const GB = 0.36;
  const profile = () => loadModel('hyogo').profile;
  const rows = (rates: ReturnType<typeof usageRates>) =>
    rates.map((r) => [r.component, r.item, r.unit, r.price.value, Number(r.perConnectionHour.toFixed(6))]);
  const fw = (tier: 'Standard' | 'Premium') => AZURE_FIREWALL_TIERS[tier].dataProcessedPerGbUsd.value;
  const LOG = LOG_GB_PER_CONNECTION_HOUR;

  test('AWS Tokyo (Direct Connect to kobe): up-traffic leaves over Direct Connect', () => {
    expect(rows(usageRates(profile(), 'aws', 'ap-northeast-1'))).toEqual([
      ['Client VPN', 'Client VPN connections', 'connection-hour', PRICES.clientVpnConnectionHour.value, 1],
      [
        'Transit Gateway',
        'Transit Gateway data processed',
        'GB',
        PRICES.transitGatewayDataProcessedGb.value,
        GB,
      ],
      ['Data transfer', 'data out to clients (internet)', 'GB', PRICES.awsInternetDataOutGb.value, 0.288],
      [
        'Direct Connect',
        'data out to the data centres (Direct Connect)',
        'GB',
        PRICES.directConnectDataOutGb.value,
        0.072,
      ],
      [
        'Logs',
        'CloudWatch Logs ingested (connection and flow logs)',
        'GB',
        PRICES.cloudWatchLogsIngestedGb.value,
        LOG,
      ],
    ]);
  });

  test('AWS Osaka (site-to-site VPN only): up-traffic is internet data out', () => {
    expect(rows(usageRates(profile(), 'aws', 'ap-northeast-3'))[3]).toEqual([
      'Data transfer',
      'data out to the data centres (site-to-site VPN)',
      'GB',
      PRICES.awsInternetDataOutGb.value,
      0.072,
    ]);
  });

  test('Azure Japan East (ExpressRoute circuit, Premium firewall): hub, firewall and ExpressRoute', () => {
    expect(rows(usageRates(profile(), 'azure', 'japaneast', 'Premium'))).toEqual([
      [
        'Point-to-site',
        'point-to-site connection units',
        'connection-hour',
        PRICES.p2sConnectionUnitHour.value,
        1,
      ],
      ['Virtual hub', 'hub data processed', 'GB', PRICES.virtualHubDataProcessedGb.value, GB],
      ['Azure Firewall', 'Azure Firewall Premium data processed', 'GB', fw('Premium'), GB],
      ['Data transfer', 'data out to clients (internet)', 'GB', PRICES.azureInternetDataOutGb.value, 0.288],
      [
        'ExpressRoute',
        'ExpressRoute metered data out to the data centres',
        'GB',
        PRICES.expressRouteOutboundZone2Gb.value,
        0.072,
      ],
      ['Logs', 'Log Analytics ingested (diagnostics)', 'GB', PRICES.logAnalyticsIngestedGb.value, LOG],
    ]);
  });

  test('Azure without a circuit in the hub Region, Standard firewall by default: VPN data out', () => {
    const rates = rows(usageRates(profile(), 'azure', 'koreacentral'));
    expect(rates[2]).toEqual([
      'Azure Firewall',
      'Azure Firewall Standard data processed',
      'GB',
      fw('Standard'),
      GB,
    ]);
    expect(rates[4]).toEqual([
      'Data transfer',
      'data out to the data centres (site-to-site VPN)',
      'GB',
      PRICES.azureInternetDataOutGb.value,
      0.072,
    ]);
  });

  test('only the concentrator products count as the connection charge the sizing search minimises', () => {
    expect([...CONCENTRATOR_COMPONENTS].sort()).toEqual(['Client VPN', 'Point-to-site']);
  });
});

describe('what the plan shows of the cost (labels, subtotals, per-user figures, assumptions)', () => {
  test('every line of the Hyogo fixture, with the cloud, component, scope and label a reader sees', () => {
    // AWS carries no normal-operation connections in the cost-optimal steering (Azure does), so
    // its access tiers show only their fixed endpoint associations.
    const s2s = 'site-to-site VPN gateway (1 scale unit(s))';
    const erGateway = 'ExpressRoute gateway (5 scale unit(s))';
    const circuit = 'ExpressRoute circuit 10000 Mbps (priced pro rata to 1 Gbps Premium metered)';
    const tgw = 'Transit Gateway attachments (VPC, VPN, Direct Connect gateway)';
    const azureTier = (tier: string, firewall: string) => [
      ['azure', 'Point-to-site', tier, 'point-to-site scale units'],
      ['azure', 'Point-to-site', tier, 'point-to-site connection units'],
      ['azure', 'Virtual hub', tier, 'hub data processed'],
      ['azure', 'Azure Firewall', tier, `Azure Firewall ${firewall} data processed`],
      ['azure', 'Data transfer', tier, 'data out to clients (internet)'],
      ['azure', 'ExpressRoute', tier, 'ExpressRoute metered data out to the data centres'],
      ['azure', 'Logs', tier, 'Log Analytics ingested (diagnostics)'],
    ];
    expect(lines.map((l) => [l.cloud, l.component, l.tierId, l.item])).toEqual([
      ['aws', 'Client VPN', 'aws-tokyo', 'Client VPN endpoint associations'],
      ['aws', 'Client VPN', 'aws-osaka', 'Client VPN endpoint associations'],
      ...azureTier('azure-japaneast', 'Standard'),
      ...azureTier('azure-japanwest', 'Premium'),
      ['aws', 'Transit Gateway', 'ap-northeast-1', tgw],
      ['aws', 'Site-to-site VPN', 'ap-northeast-1', 'site-to-site VPN connections'],
      ['aws', 'Direct Connect', 'kobe-aws-tokyo-dx', 'Direct Connect port hours (10 x 1 Gbps)'],
      ['aws', 'Managed Microsoft AD', 'ap-northeast-1', 'Managed Microsoft AD domain controllers (2)'],
      ['aws', 'Transit Gateway', 'ap-northeast-3', tgw],
      ['aws', 'Site-to-site VPN', 'ap-northeast-3', 'site-to-site VPN connections'],
      ['aws', 'Managed Microsoft AD', 'ap-northeast-3', 'Managed Microsoft AD domain controllers (2)'],
      ['azure', 'Virtual hub', 'japaneast', 'standard virtual hub'],
      ['azure', 'Site-to-site VPN', 'japaneast', s2s],
      ['azure', 'ExpressRoute gateway', 'japaneast', erGateway],
      ['azure', 'Azure Firewall', 'japaneast', 'Azure Firewall Standard (secured hub)'],
      ['azure', 'Virtual hub', 'japanwest', 'standard virtual hub'],
      ['azure', 'Site-to-site VPN', 'japanwest', s2s],
      ['azure', 'ExpressRoute gateway', 'japanwest', erGateway],
      ['azure', 'Azure Firewall', 'japanwest', 'Azure Firewall Premium (secured hub)'],
      ['azure', 'ExpressRoute circuit', 'er-iij-tokyo', circuit],
      ['azure', 'ExpressRoute circuit', 'er-iij-osaka', circuit],
    ]);
  });

  test('subtotals by cloud and by component are the sums of their lines, in USD and JPY (155 per USD)', () => {
    const cost = hyogoCost();
    expect(cost.exchangeRate.jpyPerUsd).toBe(155);
    const sum = (pick: (l: CostLine) => boolean) => lines.filter(pick).reduce((s, l) => s + l.monthlyUsd, 0);
    const aws = sum((l) => l.cloud === 'aws');
    const azure = sum((l) => l.cloud === 'azure');
    expect(cost.byCloud).toEqual([
      { key: 'aws', monthlyUsd: cents(aws), monthlyJpy: Math.round(aws * 155) },
      { key: 'azure', monthlyUsd: cents(azure), monthlyJpy: Math.round(azure * 155) },
    ]);
    const keys = [...new Set(lines.map((l) => `${l.cloud} ${l.component}`))];
    expect(cost.byComponent.map((c) => c.key)).toEqual(keys);
    for (const c of cost.byComponent) {
      const usd = sum((l) => `${l.cloud} ${l.component}` === c.key);
      expect(c).toEqual({ key: c.key, monthlyUsd: cents(usd), monthlyJpy: Math.round(usd * 155) });
    }
    expect(cost.monthlyJpy).toBe(Math.round(cost.monthlyUsd * 155));
  });

  test('per concurrent user (target 90,000) and per employee (the populations, 90,000, when the profile names none)', () => {
    const cost = hyogoCost();
    const perUser = {
      monthlyUsd: cents(cost.monthlyUsd / 90_000),
      monthlyJpy: Math.round((cost.monthlyUsd * 155) / 90_000),
    };
    expect(cost.perConcurrentUser).toEqual(perUser);
    expect(cost.perEmployee).toEqual({ employees: 90_000, ...perUser });
  });

  test('per employee uses planning.employees when the profile gives it', () => {
    const cost = loadModel('hyogo', (p) => {
      p.planning = { ...p.planning, employees: 120_000 };
    }).plan.cost;
    expect(cost.perEmployee).toEqual({
      employees: 120_000,
      monthlyUsd: cents(cost.monthlyUsd / 120_000),
      monthlyJpy: Math.round((cost.monthlyUsd * 155) / 120_000),
    });
  });

  test('the assumptions state the figures the usage lines rest on', () => {
    expect(hyogoCost().assumptions.slice(0, 4)).toEqual([
      '730 hours in a month for fixed charges',
      // costAssumptions of the fixture: 60 % of 160 h.
      'each peak connection is connected 60 % of 160 h a month (costAssumptions): 96 connection-hours; normal-operation traffic goes where the steering puts it',
      '0.8 Mbps per connected user (target.averageMbpsPerUser) = 0.36 GB per connection-hour, 80 % towards the users (planning.downstreamPercent)',
      'logs: 1 MB per connection-hour (assumption)',
    ]);
    expect(hyogoCost().assumptions[4]).toMatch(/^JPY at 155 per USD \(\d{4}-\d{2}-\d{2}; .+\)$/);
    expect(hyogoCost().assumptions[5]).toMatch(
      /^prices: lib\/quotas\/prices\.ts and lib\/quotas\/azure-firewall\.ts/,
    );
  });
});

describe('charges only some designs have', () => {
  // Read in the test (not beforeAll) so that a mutation run plans under the active mutant.
  const variantCost = () =>
    loadModel('hyogo', (p) => {
      // The carrier lands in AWS Tokyo over VPN and is translated there (private NAT gateway).
      p.closedMobileNetworks[0].landing = {
        type: 'vpn',
        at: 'aws:ap-northeast-1',
        aws: { bgpAsn: 65300, gatewayIp: '198.51.100.77' },
      };
      p.closedMobileNetworks[0].translation.at = 'aws';
      p.identity.entraDomainServices = {
        region: 'japaneast',
        virtualNetworkCidr: '10.130.16.0/24',
        subnetPrefix: '10.130.16.0/26',
        sku: 'Enterprise',
      };
    }).plan.cost;

  test('a private NAT gateway per zone of the Region a carrier is translated in (3 x 730 hours), and Entra Domain Services (730 hours)', () => {
    const cost = variantCost();
    const carrier = loadModel('hyogo').profile.closedMobileNetworks[0]!.name;
    const pick = (component: string) =>
      cost.lines
        .filter((l) => l.component === component)
        .map((l) => [l.cloud, l.tierId, l.item, ...figures(l)]);
    const nat = PRICES.natGatewayHour.value;
    const eds = PRICES.entraDomainServicesEnterpriseHour.value;
    expect(pick('NAT gateway')).toEqual([
      // the carrier lands in Tokyo, three zones: one gateway each (lib/aws/links/carrier-translation.ts)
      [
        'aws',
        carrier,
        'private NAT gateways (carrier translation, one in each of 3 zone(s))',
        ...charge(3 * H, 'gateway-hour', nat),
      ],
    ]);
    expect(pick('Entra Domain Services')).toEqual([
      ['azure', 'japaneast', 'Entra Domain Services', ...charge(H, 'hour', eds)],
    ]);
  });
});
