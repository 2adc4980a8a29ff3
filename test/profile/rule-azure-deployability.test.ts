/**
 * The Azure deployability rule (lib/profile/rules/azure-deployability.ts): the names it plans
 * are every name lib/azure/inventory.ts AzureNames writes for the profile (each hub, circuit,
 * Global Reach, Azure tier and its policy groups, data-centre and carrier VPN site, and Entra
 * Domain Services), a name over Azure's limit is reported once on the field that makes it
 * long, the circuits on one hub fit its ExpressRoute gateway (20,000 Mbps), and the policy
 * groups fit a gateway (90). Each case edits a schema-parsed copy of a fixture.
 */

import { formatPath } from '../../lib/profile/issues';
import { checkAzureDeployability, plannedNames } from '../../lib/profile/rules/azure-deployability';
import { type Profile, profileSchema } from '../../lib/profile/schema';
import { type MutableProfile, profileObject } from '../support/profiles';

function parsed(base: string, edit: (p: MutableProfile) => void = () => {}): Profile {
  const raw = profileObject(base);
  edit(raw);
  return profileSchema.parse(raw);
}

/** `abbreviation region purpose <- blamed field`, `-` for a part the name has not. */
const shapes = (profile: Profile) =>
  plannedNames(profile).map(
    (n) => `${n.abbreviation} ${n.region ?? '-'} ${n.purpose ?? '-'} <- ${formatPath(n.blame)}`,
  );

const hubNames = (region: string, i: number) =>
  [
    `vhub ${region} -`,
    `vpng ${region} -`,
    `ergw ${region} -`,
    `diag - ${region}-vpn`,
    `diag - ${region}-er`,
    `afw ${region} -`,
    `afwp ${region} segmentation`,
    `rcg ${region} segmentation`,
    `ri ${region} private-via-firewall`,
    `diag - ${region}-firewall`,
  ].map((s) => `${s} <- clouds.azure.hubs[${i}].region`);

const circuitNames = (name: string, region: string, i: number) =>
  [
    `erc ${region} ${name}`,
    `rf ${region} ${name}`,
    `ercn ${region} ${name}`,
    `erca ${region} ${name}`,
    `alert ${region} ${name}-bgp-availability`,
    `diag - ${name}`,
  ].map((s) => `${s} <- expressRoute.circuits[${i}].name`);

const tierNames = (id: string, region: string, i: number, populations: string[]) => [
  ...[
    `p2sgw ${region} ${id}`,
    `vpnsc ${region} telework`,
    `diag - ${id}-p2s`,
    `alert ${region} ${id}-p2s-80pct`,
    `alert ${region} ${id}-p2s-95pct`,
  ].map((s) => `${s} <- accessTiers[${i}].id`),
  ...populations.map((p, j) => `vpnpg ${region} ${p} <- populations[${j}].name`),
  `vpnpg ${region} unmatched <- accessTiers[${i}].id`,
];

const ORGANISATION = [
  'rg japaneast connectivity <- organisation.id',
  'rg japaneast monitoring <- organisation.id',
  'vwan - telework <- organisation.id',
  'log japaneast telework <- organisation.id',
];
const HYOGO_POPULATIONS = ['prefectural-staff', 'municipal-staff', 'small-business'];

describe('azure deployability: the names the stacks will write', () => {
  test('hyogo: two hubs, two circuits and their Global Reach, two Azure tiers, two data centres, one carrier', () => {
    expect(shapes(parsed('hyogo'))).toEqual([
      ...ORGANISATION,
      ...hubNames('japaneast', 0),
      ...hubNames('japanwest', 1),
      'ag - operations <- organisation.id',
      ...circuitNames('er-iij-tokyo', 'japaneast', 0),
      ...circuitNames('er-iij-osaka', 'japanwest', 1),
      'gr japaneast er-iij-tokyo-er-iij-osaka <- expressRoute.globalReach[0].circuits',
      // accessTiers[0] and [1] are AWS tiers: no names.
      ...tierNames('azure-japaneast', 'japaneast', 2, HYOGO_POPULATIONS),
      ...tierNames('azure-japanwest', 'japanwest', 3, HYOGO_POPULATIONS),
      // A data centre's VPN site is in the primary hub's Region, its connections on every hub.
      'vst japaneast dc-kobe <- dataCentres[0].name',
      'vcn japaneast dc-kobe <- dataCentres[0].name',
      'vcn japanwest dc-kobe <- dataCentres[0].name',
      'vst japaneast dc-harima <- dataCentres[1].name',
      'vcn japaneast dc-harima <- dataCentres[1].name',
      'vcn japanwest dc-harima <- dataCentres[1].name',
      'vst japaneast iij-private-gateway <- closedMobileNetworks[0].name',
      'vcn japaneast iij-private-gateway <- closedMobileNetworks[0].name',
      'natr japaneast iij-private-gateway <- closedMobileNetworks[0].name',
    ]);
  });

  test('what adds no name: a data centre without VPN devices, a Global Reach of an unknown circuit, a carrier not on Azure VPN', () => {
    const names = shapes(
      parsed('hyogo', (p) => {
        p.dataCentres[1].vpnDevices = [];
        p.expressRoute.globalReach[0].circuits = ['er-elsewhere', 'er-iij-osaka'];
        p.closedMobileNetworks[0].landing = { type: 'vpn', at: 'dc:dc-kobe' };
      }),
    );
    expect(names.filter((n) => /^(vst|vcn|natr|gr) /.test(n))).toEqual([
      'vst japaneast dc-kobe <- dataCentres[0].name',
      'vcn japaneast dc-kobe <- dataCentres[0].name',
      'vcn japanwest dc-kobe <- dataCentres[0].name',
    ]);
    const expressRouteLanding = shapes(
      parsed('hyogo', (p) => {
        p.closedMobileNetworks[0].landing = { type: 'expressroute', at: 'azure:japanwest' };
      }),
    );
    expect(expressRouteLanding.filter((n) => n.includes('closedMobileNetworks'))).toEqual([]);
    const westVpn = shapes(
      parsed('hyogo', (p) => {
        p.closedMobileNetworks[0].landing = { type: 'vpn', at: 'azure:japanwest' };
      }),
    );
    expect(westVpn.filter((n) => n.includes('closedMobileNetworks'))).toEqual([
      'vst japanwest iij-private-gateway <- closedMobileNetworks[0].name',
      'vcn japanwest iij-private-gateway <- closedMobileNetworks[0].name',
      'natr japanwest iij-private-gateway <- closedMobileNetworks[0].name',
    ]);
  });

  test('Entra Domain Services adds its six names, in its own Region', () => {
    const names = shapes(
      parsed('iwate', (p) => {
        p.identity.entraDomainServices = {
          region: 'japanwest',
          virtualNetworkCidr: '10.40.0.0/24',
          subnetPrefix: '10.40.0.0/26',
        };
      }),
    );
    expect(names.slice(-6)).toEqual(
      [
        'rg japanwest identity',
        'vnet japanwest identity',
        'hcn japanwest identity',
        'snet japanwest aadds',
        'nsg japanwest aadds',
        'aadds japanwest -',
      ].map((s) => `${s} <- identity.entraDomainServices.region`),
    );
    expect(shapes(parsed('iwate')).at(-1)).toBe('vcn japaneast dc-morioka <- dataCentres[0].name');
  });

  test('a profile without Azure plans no name and has no issue', () => {
    const awsOnly = parsed('hyogo', (p) => {
      delete p.clouds.azure;
      // 30,000 Mbps of circuits on one hub would be too much for an Azure hub, were there one.
      p.expressRoute.circuits[1].hubRegion = 'japaneast';
      p.expressRoute.circuits.push({ ...structuredClone(p.expressRoute.circuits[0]), name: 'er-third' });
    });
    expect(plannedNames(awsOnly)).toEqual([]);
    expect(checkAzureDeployability(awsOnly)).toEqual([]);
  });
});

describe('azure deployability: a name over its limit', () => {
  test('hyogo and iwate plan no name over its limit', () => {
    expect(checkAzureDeployability(parsed('hyogo'))).toEqual([]);
    expect(checkAzureDeployability(parsed('iwate'))).toEqual([]);
  });

  test('a long environment name: each blamed field once, with the first name that breaks, in the first environment that breaks it', () => {
    const org = 'telework-platform-of-hyogo-pref1'; // 32 characters, the most an id takes
    const env = 'staging-verify16'; // 16 characters
    const withEnvironments = (names: string[]) =>
      checkAzureDeployability(
        parsed('hyogo', (p) => {
          p.organisation.id = org;
          p.environments = names.map((name) => ({ ...structuredClone(p.environments[0]), name }));
        }),
      );
    // With prod, every name keeps its limit (afw 45 of 56, log 54 of 63).
    expect(withEnvironments(['prod'])).toEqual([]);
    const tooLong = (blame: (string | number)[], type: string, name: string, violation: string) => ({
      path: blame,
      message: `makes the Azure ${type} name ${name}, which ${violation} (Azure naming rules, lib/azure/naming.ts)`,
      got: name,
      fix: `shorten this name, organisation.id (${org}) or the environment name (${env})`,
      severity: 'error',
    });
    const expected = [
      tooLong(
        ['organisation', 'id'],
        'azurerm_log_analytics_workspace',
        `log-${org}-${env}-jpe-telework`,
        'is 66 characters (allowed 4-63)',
      ),
      tooLong(
        ['clouds', 'azure', 'hubs', 0, 'region'],
        'azurerm_firewall',
        `afw-${org}-${env}-jpe`,
        'is 57 characters (allowed 1-56)',
      ),
      tooLong(
        ['clouds', 'azure', 'hubs', 1, 'region'],
        'azurerm_firewall',
        `afw-${org}-${env}-jpw`,
        'is 57 characters (allowed 1-56)',
      ),
      tooLong(
        ['expressRoute', 'globalReach', 0, 'circuits'],
        'azurerm_express_route_circuit_connection',
        `gr-${org}-${env}-jpe-er-iij-tokyo-er-iij-osaka`,
        'is 82 characters (allowed 1-80)',
      ),
    ];
    // Reported in the first environment whose names break, once however many environments break.
    expect(withEnvironments(['prod', env, `${env}-b`])).toEqual(expected);
    // One character less: the firewall's 56 still holds, the workspace's 63 and Global Reach's 80 do not.
    expect(withEnvironments([env.slice(0, 15)]).map((i) => [formatPath(i.path), i.got])).toEqual([
      ['organisation.id', `log-${org}-staging-verify1-jpe-telework`],
      ['expressRoute.globalReach[0].circuits', `gr-${org}-staging-verify1-jpe-er-iij-tokyo-er-iij-osaka`],
    ]);
  });
});

describe('azure deployability: the ExpressRoute gateway of a hub (10 scale units of 2,000 Mbps)', () => {
  const circuitsOn = (circuits: [string, number][]) =>
    checkAzureDeployability(
      parsed('hyogo', (p) => {
        const template = p.expressRoute.circuits[0];
        p.expressRoute.circuits = circuits.map(([hubRegion, bandwidthMbps], i) => ({
          ...structuredClone(template),
          name: `er-${i}`,
          hubRegion,
          bandwidthMbps,
        }));
        p.expressRoute.globalReach = [];
      }),
    );

  test('20,000 Mbps on one hub fits; 20,050 does not, reported on the last circuit of that hub', () => {
    expect(
      circuitsOn([
        ['japaneast', 10_000],
        ['japaneast', 10_000],
        ['japanwest', 10_000],
      ]),
    ).toEqual([]);
    expect(
      circuitsOn([
        ['japaneast', 10_000],
        ['japaneast', 50],
        ['japaneast', 10_000],
        ['japanwest', 10_000],
      ]),
    ).toEqual([
      {
        path: ['expressRoute', 'circuits', 2, 'bandwidthMbps'],
        message:
          "brings the circuits on the japaneast hub to 20,050 Mbps; one hub's ExpressRoute gateway carries at most 20,000 Mbps (10 scale units of 2000 Mbps, https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq)",
        got: 10_000,
        fix: 'connect some circuits to another hub (hubRegion) or lower their bandwidth',
        severity: 'error',
      },
    ]);
  });

  test('each hub summed on its own: west over, east not', () => {
    expect(
      circuitsOn([
        ['japanwest', 10_000],
        ['japanwest', 10_000],
        ['japaneast', 10_000],
        ['japanwest', 1_000],
        ['japaneast', 2_000],
      ]).map((i) => [formatPath(i.path), i.got, i.message.split(';')[0]]),
    ).toEqual([
      [
        'expressRoute.circuits[3].bandwidthMbps',
        1_000,
        'brings the circuits on the japanwest hub to 21,000 Mbps',
      ],
    ]);
  });
});

describe('azure deployability: point-to-site policy groups (one per population and the default, 90 a gateway)', () => {
  const withPopulations = (count: number, azureTiers = true) =>
    checkAzureDeployability(
      parsed('iwate', (p) => {
        const template = p.populations[0];
        p.populations = Array.from({ length: count }, (_, i) => ({
          ...structuredClone(template),
          name: `pop-${i}`,
        }));
        if (!azureTiers)
          p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider !== 'azure');
      }),
    );

  test('89 populations make 90 groups and fit; 90 make 91 and do not', () => {
    expect(withPopulations(89)).toEqual([]);
    expect(withPopulations(90)).toEqual([
      {
        path: ['populations'],
        message:
          'make 91 point-to-site policy groups; a gateway takes at most 90 (https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq)',
        got: 91,
        fix: 'merge populations that reach the same networks',
        severity: 'error',
      },
    ]);
  });

  test('without an Azure tier there is no gateway to fill', () => {
    expect(withPopulations(90, false)).toEqual([]);
  });
});
