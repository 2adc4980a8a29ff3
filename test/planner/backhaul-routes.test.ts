/**
 * checkBackhaul (lib/planner/backhaul.ts): which links a route takes and how a short element's
 * fix is sized, on edited copies of the Hyogo fixture with hand-written placements at the
 * fixture's 0.8 Mbps a user. Covers links that add up (`link a + b`, the fix counting the
 * others' bandwidth), the prefectural network between exactly two data centres (declared
 * either way), routes through another data centre or another (meshed) Virtual WAN hub, the
 * ExpressRoute and site-to-site gateways of a hub, reach shares that land nowhere, and a
 * profile without Azure. Figures from shared/reference/LIMITS.md via lib/quotas: ExpressRoute
 * provider circuits 50 Mbps-10 Gbps (10,000 Mbps the provider maximum), ExpressRoute gateway
 * 2,000 Mbps a scale unit (10 at most), Direct Connect ports 1/10/100/400 Gbps, site-to-site
 * VPN 500 Mbps a scale unit, Azure Firewall Standard 30 Gbps.
 */
import { checkBackhaul } from '../../lib/planner/backhaul';
import { EXPRESSROUTE_BANDWIDTHS_MBPS } from '../../lib/quotas/expressroute';
import type { MutableProfile } from '../support/profiles';
import { hyogo, on, PLACES, rows, scenario } from './support/backhaul-checks';

type Link = { name: string; type: string; to: string; bandwidthMbps: number };
const dc = (p: MutableProfile, name: string): { links: Link[] } =>
  p.dataCentres.find((d: { name: string }) => d.name === name);
const link = (p: MutableProfile, dcName: string, name: string): Link =>
  dc(p, dcName).links.find((l) => l.name === name)!;

/** Small businesses reach only `networks`. */
const smallBusinessReach = (p: MutableProfile, networks: string[]) => {
  p.populations.find((q: { name: string }) => q.name === 'small-business').reach = networks;
};

/** A third data centre, dc-akashi, with `links` and one network (akashi-lan) that small businesses reach. */
function withAkashi(p: MutableProfile, links: Link[]) {
  p.dataCentres.push({ name: 'dc-akashi', prefixes: ['10.32.0.0/12'], bgpAsn: 65030, vpnDevices: [], links });
  p.addressPlan.networks.push({ name: 'akashi-lan', cidrs: ['10.32.0.0/16'], at: 'dc:dc-akashi' });
  smallBusinessReach(p, ['akashi-lan']);
}

describe('links that add up', () => {
  test('two prefectural links between the same data centres, one declared each way, carry together; the fix counts the other', () => {
    // harima-kobe is declared at Harima towards Kobe and still joins kobe-harima; the fix
    // sizes kobe-harima for 16,002 - 2,000 = 14,002 Mbps, rounded up to 15,000
    const profile = hyogo((p) => {
      dc(p, 'dc-harima').links.push({
        name: 'harima-kobe',
        type: 'prefectural-network-vpn',
        to: 'dc:dc-kobe',
        bandwidthMbps: 2000,
      });
    });
    expect(rows(profile, [scenario([on('aws-tokyo', 'small-business', 20_002)])])).toEqual([
      [
        'nominal',
        'link kobe-aws-tokyo-dx',
        'link',
        'aws:ap-northeast-1',
        'dc:dc-kobe',
        16002,
        10000,
        'short',
        'raise kobe-aws-tokyo-dx to a 100000 Mbps Direct Connect port (16002 Mbps needed)',
      ],
      [
        'nominal',
        'link kobe-harima + harima-kobe',
        'link',
        'dc:dc-kobe',
        'dc:dc-harima',
        16002,
        12000,
        'short',
        'raise kobe-harima to 15000 Mbps',
      ],
    ]);
  });

  test('two ExpressRoute links to one hub: the fix is the smallest provider speed that carries what the other does not', () => {
    // 1,500 Mbps over 500 + 500: the first needs 1,000 Mbps, exactly a provider speed
    const twoCircuits = (each: number) =>
      hyogo((p) => {
        smallBusinessReach(p, ['prefectural-lan']);
        link(p, 'dc-kobe', 'kobe-er-tokyo').bandwidthMbps = each;
        dc(p, 'dc-kobe').links.push({
          name: 'kobe-er-tokyo-2',
          type: 'expressroute',
          to: 'azure:japaneast',
          bandwidthMbps: each,
        });
      });
    expect(rows(twoCircuits(500), [scenario([on('azure-japaneast', 'small-business', 1875)])])).toEqual([
      [
        'nominal',
        'link kobe-er-tokyo + kobe-er-tokyo-2',
        'link',
        'azure:japaneast',
        'dc:dc-kobe',
        1500,
        1000,
        'short',
        'raise kobe-er-tokyo (and its circuit) to 1000 Mbps',
      ],
      [
        'nominal',
        'ExpressRoute gateway japaneast',
        'gateway',
        'azure:japaneast',
        'circuits',
        1500,
        10000,
        'sufficient',
      ],
      [
        'nominal',
        'Azure Firewall japaneast',
        'firewall',
        'azure:japaneast',
        'hub',
        1500,
        30000,
        'sufficient',
      ],
    ]);
    // 15,000 Mbps over 5,000 + 5,000: the first needs 10,000, the provider maximum itself
    expect(rows(twoCircuits(5000), [scenario([on('azure-japaneast', 'small-business', 18_750)])])).toEqual([
      [
        'nominal',
        'link kobe-er-tokyo + kobe-er-tokyo-2',
        'link',
        'azure:japaneast',
        'dc:dc-kobe',
        15000,
        10000,
        'short',
        'raise kobe-er-tokyo (and its circuit) to 10000 Mbps',
      ],
      [
        'nominal',
        'ExpressRoute gateway japaneast',
        'gateway',
        'azure:japaneast',
        'circuits',
        15000,
        10000,
        'short',
        '8 ExpressRoute gateway scale units (circuits of 16000 Mbps in total)',
      ],
      [
        'nominal',
        'Azure Firewall japaneast',
        'firewall',
        'azure:japaneast',
        'hub',
        15000,
        30000,
        'sufficient',
      ],
    ]);
  });

  test('parallel links: the fix raises the one whose next size carries the demand for the least increase', () => {
    // 12,000 Mbps over Kobe's 10,000 and 1,000 Mbps circuits: the second to 2,000 Mbps carries
    // it (10,000 + 2,000); the first would need 11,000, past a provider circuit
    const circuits = hyogo((p) => {
      smallBusinessReach(p, ['prefectural-lan']);
      dc(p, 'dc-kobe').links.push({
        name: 'kobe-er-tokyo-2',
        type: 'expressroute',
        to: 'azure:japaneast',
        bandwidthMbps: 1000,
      });
    });
    expect(rows(circuits, [scenario([on('azure-japaneast', 'small-business', 15_000)])])[0]).toEqual([
      'nominal',
      'link kobe-er-tokyo + kobe-er-tokyo-2',
      'link',
      'azure:japaneast',
      'dc:dc-kobe',
      12000,
      11000,
      'short',
      'raise kobe-er-tokyo-2 (and its circuit) to 2000 Mbps',
    ]);
    // 20,000 Mbps over 10,000 and 1,000 Mbps Direct Connect ports: the second to 10 Gbps
    // (9,000 more), not the first to 100 Gbps (90,000 more)
    const ports = hyogo((p) => {
      smallBusinessReach(p, ['prefectural-lan']);
      dc(p, 'dc-kobe').links.push({
        name: 'kobe-aws-tokyo-dx-2',
        type: 'direct-connect',
        to: 'aws:ap-northeast-1',
        bandwidthMbps: 1000,
      });
    });
    expect(rows(ports, [scenario([on('aws-tokyo', 'small-business', 25_000)])])[0]).toEqual([
      'nominal',
      'link kobe-aws-tokyo-dx + kobe-aws-tokyo-dx-2',
      'link',
      'aws:ap-northeast-1',
      'dc:dc-kobe',
      20000,
      11000,
      'short',
      'raise kobe-aws-tokyo-dx-2 to a 10000 Mbps Direct Connect port (10000 Mbps needed)',
    ]);
  });

  test('a speed above the provider maximum is never offered as a provider circuit, even if the table lists it', () => {
    // the table stops at the provider maximum today; a listed ExpressRoute Direct speed
    // (100 Gbps) must still give "circuits or Direct", not a provider circuit of 100 Gbps
    const replaced = jest.replaceProperty(EXPRESSROUTE_BANDWIDTHS_MBPS, 'value', [
      ...EXPRESSROUTE_BANDWIDTHS_MBPS.value,
      100_000,
    ]);
    try {
      const profile = hyogo((p) => {
        smallBusinessReach(p, ['prefectural-lan']);
        dc(p, 'dc-kobe').links.push({
          name: 'kobe-er-tokyo-2',
          type: 'expressroute',
          to: 'azure:japaneast',
          bandwidthMbps: 10_000,
        });
      });
      // 25,000 Mbps over two 10,000 Mbps circuits: either would need 15,000, past a provider circuit
      expect(rows(profile, [scenario([on('azure-japaneast', 'small-business', 31_250)])])[0]).toEqual([
        'nominal',
        'link kobe-er-tokyo + kobe-er-tokyo-2',
        'link',
        'azure:japaneast',
        'dc:dc-kobe',
        25000,
        20000,
        'short',
        '2 circuits of 10000 Mbps or ExpressRoute Direct for 15000 Mbps',
      ]);
    } finally {
      replaced.restore();
    }
  });

  test('past the largest Direct Connect port, the fix names the largest port', () => {
    // 625,000 users x 0.8 = 500,000 Mbps, more than a 400 Gbps port
    expect(rows(hyogo(), [scenario([on('aws-tokyo', 'small-business', 625_000)])])).toEqual([
      [
        'nominal',
        'link kobe-aws-tokyo-dx',
        'link',
        'aws:ap-northeast-1',
        'dc:dc-kobe',
        500000,
        10000,
        'short',
        'raise kobe-aws-tokyo-dx to a 400000 Mbps Direct Connect port (500000 Mbps needed)',
      ],
      [
        'nominal',
        'link kobe-harima',
        'link',
        'dc:dc-kobe',
        'dc:dc-harima',
        500000,
        10000,
        'short',
        'raise kobe-harima to 500000 Mbps',
      ],
    ]);
  });
});

describe('routes between data centres', () => {
  test('onward to a third data centre only over a prefectural link between exactly those two, declared either way', () => {
    // akashi-kobe is declared at Akashi; Harima's prefectural links to Kobe and to Akashi,
    // Akashi's to Harima and Kobe's site-to-site VPN to Akashi are not Kobe to Akashi
    const profile = hyogo((p) => {
      withAkashi(p, [
        { name: 'akashi-kobe', type: 'prefectural-network-vpn', to: 'dc:dc-kobe', bandwidthMbps: 3000 },
        { name: 'akashi-harima', type: 'prefectural-network-vpn', to: 'dc:dc-harima', bandwidthMbps: 4000 },
      ]);
      dc(p, 'dc-harima').links.push(
        { name: 'harima-kobe', type: 'prefectural-network-vpn', to: 'dc:dc-kobe', bandwidthMbps: 2000 },
        { name: 'harima-akashi', type: 'prefectural-network-vpn', to: 'dc:dc-akashi', bandwidthMbps: 5000 },
      );
      dc(p, 'dc-kobe').links.push({
        name: 'kobe-akashi-vpn',
        type: 'site-to-site-vpn',
        to: 'dc:dc-akashi',
        bandwidthMbps: 1250,
      });
    });
    expect(rows(profile, [scenario([on('aws-tokyo', 'small-business', 1000)])])).toEqual([
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
      ['nominal', 'link akashi-kobe', 'link', 'dc:dc-kobe', 'dc:dc-akashi', 800, 3000, 'sufficient'],
    ]);
  });

  test('no route when the data centre with the cloud link has no prefectural link to the destination', () => {
    // Kobe has Tokyo's Direct Connect but reaches Akashi only over a site-to-site VPN, and
    // Akashi's prefectural link goes to Harima, which has no link to Tokyo
    const profile = hyogo((p) => {
      withAkashi(p, [
        { name: 'akashi-harima', type: 'prefectural-network-vpn', to: 'dc:dc-harima', bandwidthMbps: 4000 },
      ]);
      dc(p, 'dc-kobe').links.push({
        name: 'kobe-akashi-vpn',
        type: 'site-to-site-vpn',
        to: 'dc:dc-akashi',
        bandwidthMbps: 1250,
      });
    });
    expect(rows(profile, [scenario([on('aws-tokyo', 'small-business', 1000)])])).toEqual([]);
  });

  test('no route when no data centre has a link to the cloud place, though the prefectural network exists; AWS does not borrow Azure hubs', () => {
    // Osaka's only link is gone: Kobe's prefectural link to Harima has no first hop, and the
    // Azure hubs' links to Harima are not Osaka's
    const profile = hyogo((p) => {
      dc(p, 'dc-harima').links = dc(p, 'dc-harima').links.filter((l) => l.to !== 'aws:ap-northeast-3');
    });
    expect(rows(profile, [scenario([on('aws-osaka', 'small-business', 1000)])])).toEqual([]);
  });

  test('a network at a data centre the profile does not declare is unreachable', () => {
    // dc-nowhere has no links of its own and no prefectural link leads to it
    const profile = hyogo((p) => {
      p.addressPlan.networks.push({ name: 'elsewhere', cidrs: ['10.48.0.0/16'], at: 'dc:dc-nowhere' });
      smallBusinessReach(p, ['elsewhere']);
    });
    expect(rows(profile, [scenario([on('aws-tokyo', 'small-business', 1000)])])).toEqual([]);
  });
});

describe('Azure hubs', () => {
  test('a hub with no link of its own leaves through another hub, unless the scenario has lost that hub', () => {
    // Japan West loses its links; Virtual WAN hubs are meshed, so its users reach Harima over
    // Japan East's VPN; without Japan East only the Japan West firewall is left
    const profile = hyogo((p) => {
      for (const d of p.dataCentres) d.links = d.links.filter((l: Link) => l.to !== 'azure:japanwest');
    });
    const users = [on('azure-japanwest', 'small-business', 1000)];
    expect(
      rows(profile, [
        scenario(users),
        scenario(users, ['azure:japaneast'], 'loss of Region Azure japaneast'),
      ]),
    ).toEqual([
      [
        'nominal',
        'link harima-azure-east-vpn',
        'link',
        'azure:japaneast',
        'dc:dc-harima',
        800,
        1250,
        'sufficient',
      ],
      [
        'nominal',
        'site-to-site VPN gateway japaneast',
        'gateway',
        'azure:japaneast',
        'VPN sites',
        800,
        500,
        'short',
        'clouds.azure.siteToSite.scaleUnit: 2',
      ],
      ['nominal', 'Azure Firewall japanwest', 'firewall', 'azure:japanwest', 'hub', 800, 30000, 'sufficient'],
      [
        'loss of Region Azure japaneast',
        'Azure Firewall japanwest',
        'firewall',
        'azure:japanwest',
        'hub',
        800,
        30000,
        'sufficient',
      ],
    ]);
  });

  test('the ExpressRoute gateway is sized from the circuits of its own hub only', () => {
    // a second 10 Gbps circuit on Japan West must not lift Japan East's 5 units (10,000 Mbps)
    const profile = hyogo((p) => {
      smallBusinessReach(p, ['prefectural-lan']);
      p.expressRoute.circuits.push({ ...p.expressRoute.circuits[1], name: 'er-iij-osaka-2' });
    });
    expect(rows(profile, [scenario([on('azure-japaneast', 'small-business', 15_000)])])).toEqual([
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
      [
        'nominal',
        'Azure Firewall japaneast',
        'firewall',
        'azure:japaneast',
        'hub',
        12000,
        30000,
        'sufficient',
      ],
    ]);
  });

  test('the ExpressRoute gateway fix goes up to 10 scale units, and past them to another hub', () => {
    // 20,000 Mbps is exactly 10 units of 2,000; 20,001 needs an 11th, which no gateway has
    const profile = hyogo((p) => smallBusinessReach(p, ['prefectural-lan']));
    const gateways = (connections: number) =>
      checkBackhaul(profile, PLACES, [scenario([on('azure-japaneast', 'small-business', connections)])])
        .checks.filter((c) => c.kind === 'gateway')
        .map((c) => [c.element, c.demandMbps, c.capacityMbps, c.verdict, c.fix]);
    expect([...gateways(25_000), ...gateways(25_001)]).toEqual([
      [
        'ExpressRoute gateway japaneast',
        20000,
        10000,
        'short',
        '10 ExpressRoute gateway scale units (circuits of 20000 Mbps in total)',
      ],
      [
        'ExpressRoute gateway japaneast',
        20001,
        10000,
        'short',
        'more than one hub gateway carries (20000 Mbps): move users to another hub or Region',
      ],
    ]);
  });

  test('the site-to-site VPN gateway carries the profile’s scale units', () => {
    // 3 scale units x 500 = 1,500 Mbps against 1,600
    const profile = hyogo((p) => {
      p.clouds.azure.siteToSite.scaleUnit = 3;
    });
    expect(rows(profile, [scenario([on('azure-japanwest', 'prefectural-staff', 4000)])])).toEqual([
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
        1500,
        'short',
        'clouds.azure.siteToSite.scaleUnit: 4',
      ],
      [
        'nominal',
        'link harima-er-osaka',
        'link',
        'azure:japanwest',
        'dc:dc-harima',
        1600,
        10000,
        'sufficient',
      ],
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
      [
        'nominal',
        'Azure Firewall japanwest',
        'firewall',
        'azure:japanwest',
        'hub',
        3200,
        30000,
        'sufficient',
      ],
    ]);
  });

  test('every hub with traffic gets its firewall check in every scenario that sends it traffic', () => {
    // both hubs in the first scenario, Japan West alone in the second; tiers from each hub's worst
    const result = checkBackhaul(hyogo(), PLACES, [
      scenario([
        on('azure-japaneast', 'small-business', 1000),
        on('azure-japanwest', 'small-business', 2000),
      ]),
      scenario(
        [on('azure-japanwest', 'small-business', 500)],
        ['azure:japaneast'],
        'loss of Region Azure japaneast',
      ),
    ]);
    expect(
      result.checks.map((c) => [c.scenario, c.element, c.demandMbps, c.capacityMbps, c.verdict]),
    ).toEqual([
      ['nominal', 'link harima-azure-east-vpn', 800, 1250, 'sufficient'],
      ['nominal', 'site-to-site VPN gateway japaneast', 800, 500, 'short'],
      ['nominal', 'link harima-er-osaka', 1600, 10000, 'sufficient'],
      ['nominal', 'ExpressRoute gateway japanwest', 1600, 10000, 'sufficient'],
      ['nominal', 'Azure Firewall japaneast', 800, 30000, 'sufficient'],
      ['nominal', 'Azure Firewall japanwest', 1600, 30000, 'sufficient'],
      ['loss of Region Azure japaneast', 'link harima-er-osaka', 400, 10000, 'sufficient'],
      ['loss of Region Azure japaneast', 'ExpressRoute gateway japanwest', 400, 10000, 'sufficient'],
      ['loss of Region Azure japaneast', 'Azure Firewall japanwest', 400, 30000, 'sufficient'],
    ]);
    expect(result.firewallTiers).toEqual(
      new Map([
        ['japaneast', 'Standard'],
        ['japanwest', 'Standard'],
      ]),
    );
  });
});

describe('what adds demand', () => {
  test('a population’s share goes to each network it reaches, including networks that are not at a data centre', () => {
    // 2,400 Mbps over three networks: 800 to the desktops; the cloud network and the unknown
    // one take their 800 each but cross no back-haul; an unknown population adds nothing
    const profile = hyogo((p) => {
      p.addressPlan.networks.push({ name: 'cloud-app', cidrs: ['10.140.0.0/16'], at: 'aws:ap-northeast-1' });
      smallBusinessReach(p, ['telework-desktops', 'cloud-app', 'no-such-network']);
    });
    expect(
      rows(profile, [scenario([on('aws-tokyo', 'small-business', 3000), on('aws-tokyo', 'nobody', 1000)])]),
    ).toEqual([
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

  test('a carrier landing at a data centre adds no cloud back-haul', () => {
    // its devices are already on the prefecture's network: Harima to Kobe is not checked
    const profile = hyogo((p) => {
      p.closedMobileNetworks[0].landing = { type: 'data-centre', at: 'dc:dc-harima' };
    }, true);
    expect(rows(profile, [scenario([])])).toEqual([]);
  });

  test('placements of no users produce no check, not even the hub’s firewall', () => {
    // zero demand is not a check with 0 Mbps
    expect(
      rows(hyogo(), [
        scenario([on('aws-tokyo', 'small-business', 0), on('azure-japaneast', 'small-business', 0)]),
      ]),
    ).toEqual([]);
  });
});

describe('a profile without Azure', () => {
  test('gives AWS checks only and no firewall tiers, even for users placed on an Azure Region', () => {
    // clouds.azure, its circuits and every link to Azure removed; the stale Azure placement
    // has no hub to mesh with and no link, so it adds nothing
    const profile = hyogo((p) => {
      delete p.clouds.azure;
      p.expressRoute.circuits = [];
      p.expressRoute.globalReach = [];
      for (const d of p.dataCentres) d.links = d.links.filter((l: Link) => !l.to.startsWith('azure:'));
    });
    const result = checkBackhaul(profile, PLACES, [
      scenario([on('aws-tokyo', 'small-business', 1000), on('azure-japaneast', 'small-business', 1000)]),
    ]);
    expect(
      result.checks.map((c) => [c.element, c.from, c.to, c.demandMbps, c.capacityMbps, c.verdict]),
    ).toEqual([
      ['link kobe-aws-tokyo-dx', 'aws:ap-northeast-1', 'dc:dc-kobe', 800, 10000, 'sufficient'],
      ['link kobe-harima', 'dc:dc-kobe', 'dc:dc-harima', 800, 10000, 'sufficient'],
    ]);
    expect(result.firewallTiers).toEqual(new Map());
  });
});
