/**
 * checkBackhaul (lib/planner/backhaul.ts) on the Hyogo fixture's links with hand-written
 * placements, at the fixture's 0.8 Mbps a user: which elements the traffic of each tier's
 * users crosses to reach its networks, the demand on each (split evenly over the networks a
 * population reaches), the verdict against each element's capacity and the fix that would
 * carry it. Figures from shared/reference/LIMITS.md via lib/quotas: Direct Connect ports
 * 1/10/100/400 Gbps, VPN tunnels 1,250 Mbps, ExpressRoute gateway 2,000 Mbps a scale unit (10
 * at most), site-to-site VPN 500 Mbps a scale unit, Azure Firewall Standard 30 and Premium
 * 100 Gbps.
 */
import { checkBackhaul } from '../../lib/planner/backhaul';
import { hyogo, on, PLACES, rows, scenario } from './support/backhaul-checks';

test('Tokyo to Harima: over Kobe’s Direct Connect (preferred to its VPN), then the prefectural network', () => {
  expect(rows(hyogo(), [scenario([on('aws-tokyo', 'small-business', 1000)])])).toEqual([
    [
      'nominal',
      'link kobe-aws-tokyo-dx',
      'link',
      'aws:ap-northeast-1',
      'dc:dc-kobe',
      800,
      10000,
      'sufficient',
    ],
    ['nominal', 'link kobe-harima', 'link', 'dc:dc-kobe', 'dc:dc-harima', 800, 10000, 'sufficient'],
  ]);
});

test('a population reaching two networks splits its traffic evenly; elements add up across populations', () => {
  // prefectural staff reach the prefectural LAN (Kobe) and the desktops (Harima): 400 + 400
  expect(
    rows(hyogo(), [
      scenario([on('aws-tokyo', 'prefectural-staff', 1000), on('aws-tokyo', 'small-business', 500)]),
    ]),
  ).toEqual([
    [
      'nominal',
      'link kobe-aws-tokyo-dx',
      'link',
      'aws:ap-northeast-1',
      'dc:dc-kobe',
      1200,
      10000,
      'sufficient',
    ],
    ['nominal', 'link kobe-harima', 'link', 'dc:dc-kobe', 'dc:dc-harima', 800, 10000, 'sufficient'],
  ]);
});

test('short links: the Direct Connect port and the prefectural network each with the size that carries', () => {
  expect(rows(hyogo(), [scenario([on('aws-tokyo', 'small-business', 20_000)])])).toEqual([
    [
      'nominal',
      'link kobe-aws-tokyo-dx',
      'link',
      'aws:ap-northeast-1',
      'dc:dc-kobe',
      16000,
      10000,
      'short',
      'raise kobe-aws-tokyo-dx to a 100000 Mbps Direct Connect port (16000 Mbps needed)',
    ],
    [
      'nominal',
      'link kobe-harima',
      'link',
      'dc:dc-kobe',
      'dc:dc-harima',
      16000,
      10000,
      'short',
      'raise kobe-harima to 16000 Mbps',
    ],
  ]);
  // exactly the capacity is enough
  expect(rows(hyogo(), [scenario([on('aws-tokyo', 'small-business', 12_500)])])[0]).toEqual([
    'nominal',
    'link kobe-aws-tokyo-dx',
    'link',
    'aws:ap-northeast-1',
    'dc:dc-kobe',
    10000,
    10000,
    'sufficient',
  ]);
});

test('Osaka has a VPN only: tunnels with ECMP as the fix, the demand rounded up', () => {
  const [row] = rows(hyogo(), [scenario([on('aws-osaka', 'small-business', 2001)])]);
  expect(row).toEqual([
    'nominal',
    'link harima-aws-osaka-vpn',
    'link',
    'aws:ap-northeast-3',
    'dc:dc-harima',
    1601,
    1250,
    'short',
    '2 VPN tunnels of 1250 Mbps with ECMP on harima-aws-osaka-vpn (1601 Mbps), or a Direct Connect / ExpressRoute link',
  ]);
});

test('Japan West to Kobe over its own VPN link and the hub’s site-to-site gateway, then the firewall', () => {
  expect(rows(hyogo(), [scenario([on('azure-japanwest', 'prefectural-staff', 4000)])])).toEqual([
    [
      'nominal',
      'link kobe-azure-west-vpn',
      'link',
      'azure:japanwest',
      'dc:dc-kobe',
      1600,
      1250,
      'short',
      '2 VPN tunnels of 1250 Mbps with ECMP on kobe-azure-west-vpn (1600 Mbps), or a Direct Connect / ExpressRoute link',
    ],
    [
      'nominal',
      'site-to-site VPN gateway japanwest',
      'gateway',
      'azure:japanwest',
      'VPN sites',
      1600,
      500,
      'short',
      'clouds.azure.siteToSite.scaleUnit: 4',
    ],
    ['nominal', 'link harima-er-osaka', 'link', 'azure:japanwest', 'dc:dc-harima', 1600, 10000, 'sufficient'],
    [
      'nominal',
      'ExpressRoute gateway japanwest',
      'gateway',
      'azure:japanwest',
      'circuits',
      1600,
      10000,
      'sufficient',
    ],
    // the hub's whole traffic, whatever it reaches
    ['nominal', 'Azure Firewall japanwest', 'firewall', 'azure:japanwest', 'hub', 3200, 30000, 'sufficient'],
  ]);
});

test('the carrier adds its devices at its landing hub, unless the scenario loses that place', () => {
  const withCarrier = hyogo(() => {}, true);
  // 2,030 devices x 0.8 = 1,624 Mbps to the prefectural LAN, over Kobe's ExpressRoute
  expect(rows(withCarrier, [scenario([])])).toEqual([
    ['nominal', 'link kobe-er-tokyo', 'link', 'azure:japaneast', 'dc:dc-kobe', 1624, 10000, 'sufficient'],
    [
      'nominal',
      'ExpressRoute gateway japaneast',
      'gateway',
      'azure:japaneast',
      'circuits',
      1624,
      10000,
      'sufficient',
    ],
    ['nominal', 'Azure Firewall japaneast', 'firewall', 'azure:japaneast', 'hub', 1624, 30000, 'sufficient'],
  ]);
  expect(rows(withCarrier, [scenario([], ['azure:japaneast'], 'loss of Region Azure japaneast')])).toEqual(
    [],
  );
});

test('ExpressRoute past one provider circuit: more circuits or Direct, and more gateway scale units', () => {
  const profile = hyogo((p) => {
    p.closedMobileNetworks[0].devices = 15_000;
  }, true);
  const checks = rows(profile, [scenario([])]);
  expect(checks.slice(0, 2)).toEqual([
    [
      'nominal',
      'link kobe-er-tokyo',
      'link',
      'azure:japaneast',
      'dc:dc-kobe',
      12000,
      10000,
      'short',
      '2 circuits of 10000 Mbps or ExpressRoute Direct for 12000 Mbps',
    ],
    [
      'nominal',
      'ExpressRoute gateway japaneast',
      'gateway',
      'azure:japaneast',
      'circuits',
      12000,
      10000,
      'short',
      '6 ExpressRoute gateway scale units (circuits of 12000 Mbps in total)',
    ],
  ]);
  // a smaller circuit: the next provider speed that carries
  const small = hyogo((p) => {
    p.closedMobileNetworks[0].devices = 1_000;
    p.dataCentres[0].links.find((l: { name: string }) => l.name === 'kobe-er-tokyo').bandwidthMbps = 500;
  }, true);
  expect(rows(small, [scenario([])])[0]).toEqual([
    'nominal',
    'link kobe-er-tokyo',
    'link',
    'azure:japaneast',
    'dc:dc-kobe',
    800,
    500,
    'short',
    'raise kobe-er-tokyo (and its circuit) to 1000 Mbps',
  ]);
});

test('the firewall tier per hub is the cheapest that carries the hub’s worst scenario', () => {
  const profile = hyogo();
  const result = checkBackhaul(profile, PLACES, [
    scenario([on('azure-japaneast', 'small-business', 37_500)], [], 'nominal'),
    scenario([on('azure-japaneast', 'small-business', 37_501)], [], 'loss of zone'),
  ]);
  // 30,000 Mbps exactly: Standard would carry the first; the second needs Premium, for the hub
  expect(result.firewallTiers).toEqual(
    new Map([
      ['japaneast', 'Premium'],
      ['japanwest', 'Standard'],
    ]),
  );
  const firewall = result.checks.filter((c) => c.kind === 'firewall');
  expect(firewall.map((c) => [c.scenario, c.demandMbps, c.capacityMbps, c.verdict])).toEqual([
    ['nominal', 30000, 100000, 'sufficient'],
    ['loss of zone', 30001, 100000, 'sufficient'],
  ]);
  const over = checkBackhaul(profile, PLACES, [scenario([on('azure-japaneast', 'small-business', 130_000)])]);
  expect(over.firewallTiers.get('japaneast')).toBe('Premium');
  expect(over.checks.find((c) => c.kind === 'firewall')).toMatchObject({
    demandMbps: 104000,
    capacityMbps: 100000,
    verdict: 'short',
    fix: 'more than one firewall can carry (104000 Mbps): spread the users over more hubs',
  });
});

test('nothing is checked for traffic that has no route, no data centre or no known tier', () => {
  const noLinks = hyogo((p) => {
    p.dataCentres[1].links = p.dataCentres[1].links.filter(
      (l: { to: string }) => l.to !== 'aws:ap-northeast-3',
    );
    p.dataCentres[0].links = p.dataCentres[0].links.filter(
      (l: { type: string }) => l.type !== 'prefectural-network-vpn',
    );
  });
  // Osaka reaches Harima only through its own link, now gone; no prefectural network either
  expect(rows(noLinks, [scenario([on('aws-osaka', 'small-business', 1000)])])).toEqual([]);
  expect(rows(hyogo(), [scenario([on('no-such-tier', 'small-business', 1000)])])).toEqual([]);
  const cloudNetwork = hyogo((p) => {
    p.populations[2].reach = ['cloud-app'];
    p.addressPlan.networks.push({ name: 'cloud-app', cidrs: ['10.140.0.0/16'], at: 'aws:ap-northeast-1' });
  });
  expect(rows(cloudNetwork, [scenario([on('aws-tokyo', 'small-business', 1000)])])).toEqual([]);
});
