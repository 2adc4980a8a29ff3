/**
 * The carrier rule (lib/profile/rules/carriers.ts) on every landing shape the schema accepts:
 * each landing type at each kind of place, the AWS peer and its fields, the Azure VPN site,
 * the ExpressRoute landing, translation.at against the landing, the /26 translated range and
 * the private NAT fit. Each case edits a schema-parsed copy of hyogo's carrier (vpn at
 * azure:japaneast, VPN site, translated in Azure) and asserts the exact issues: path,
 * message, value, fix and severity.
 */

import { checkCarriers } from '../../lib/profile/rules/carriers';
import { profileSchema } from '../../lib/profile/schema';
import {
  CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION,
  NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION,
} from '../../lib/quotas/nat-gateway';
import { type MutableProfile, profileObject } from '../support/profiles';

const PEER_VPN = { bgpAsn: 65300, gatewayIp: '203.0.113.40' };
const PEER_DX = { bgpAsn: 65300, connectionId: 'dxcon-abcd1234', vlan: 400 };
const SITE = { links: [{ name: 'pgw-a', publicIp: '203.0.113.30' }] };

/** Runs the rule on hyogo (schema-parsed, so every shape here is one a profile can have). */
function check(edit: (p: MutableProfile) => void) {
  const raw = profileObject('hyogo');
  edit(raw);
  return checkCarriers(profileSchema.parse(raw));
}

/** Hyogo's carrier with its landing (and optional parts) replaced. */
function landOnly(landing: object, extra: { azureVpnSite?: object; translation?: object } = {}) {
  return (p: MutableProfile) => {
    const c = p.closedMobileNetworks[0];
    c.landing = landing;
    delete c.azureVpnSite;
    delete c.translation;
    Object.assign(c, extra);
  };
}

const NAME = 'iij-private-gateway';
const P = ['closedMobileNetworks', 0];

describe('carriers: the landing type and its place', () => {
  test('hyogo (vpn at azure:japaneast with its VPN site, translated in Azure) is clean', () => {
    expect(check(() => {})).toEqual([]);
  });

  test('a direct-connect-hosted landing in an Azure Region: one error, nothing else checked', () => {
    // The VPN site and the Azure translation would each trip a later branch.
    expect(
      check((p) => {
        p.closedMobileNetworks[0].landing = { type: 'direct-connect-hosted', at: 'azure:japaneast' };
      }),
    ).toEqual([
      {
        path: [...P, 'landing', 'at'],
        message:
          'is an Azure Region, where a landing of type direct-connect-hosted cannot be (direct-connect-hosted lands at aws:...)',
        got: 'azure:japaneast',
        fix: 'change landing.type or landing.at so they agree',
        severity: 'error',
      },
    ]);
  });

  test('an expressroute landing in an AWS Region, a data-centre one in AWS, a hosted one at a data centre', () => {
    expect(
      check((p) => {
        const base = p.closedMobileNetworks[0];
        delete base.azureVpnSite;
        delete base.translation;
        p.closedMobileNetworks = [
          { ...base, name: 'c0', landing: { type: 'expressroute', at: 'aws:ap-northeast-1', aws: PEER_DX } },
          { ...base, name: 'c1', landing: { type: 'data-centre', at: 'aws:ap-northeast-1' } },
          { ...base, name: 'c2', landing: { type: 'direct-connect-hosted', at: 'dc:dc-kobe', aws: PEER_DX } },
        ];
      }).map((i) => [i.path, i.message, i.got, i.severity]),
    ).toEqual([
      [
        ['closedMobileNetworks', 0, 'landing', 'at'],
        'is an AWS Region, where a landing of type expressroute cannot be (expressroute lands at azure:...)',
        'aws:ap-northeast-1',
        'error',
      ],
      [
        ['closedMobileNetworks', 1, 'landing', 'at'],
        'is an AWS Region, where a landing of type data-centre cannot be (data-centre lands at dc:...)',
        'aws:ap-northeast-1',
        'error',
      ],
      [
        ['closedMobileNetworks', 2, 'landing', 'at'],
        'is a data centre, where a landing of type direct-connect-hosted cannot be (direct-connect-hosted lands at aws:...)',
        'dc:dc-kobe',
        'error',
      ],
    ]);
  });

  test('each type at its own place is accepted (vpn at all three, hosted on AWS, data-centre at a DC)', () => {
    expect(check(landOnly({ type: 'vpn', at: 'aws:ap-northeast-1', aws: PEER_VPN }))).toEqual([]);
    expect(check(landOnly({ type: 'vpn', at: 'dc:dc-kobe' }))).toEqual([]);
    expect(
      check(landOnly({ type: 'direct-connect-hosted', at: 'aws:ap-northeast-3', aws: PEER_DX })),
    ).toEqual([]);
    expect(check(landOnly({ type: 'data-centre', at: 'dc:dc-kobe' }))).toEqual([]);
  });
});

describe('carriers: the AWS peer', () => {
  test('a vpn landing on AWS without landing.aws', () => {
    expect(check(landOnly({ type: 'vpn', at: 'aws:ap-northeast-1' }))).toEqual([
      {
        path: [...P, 'landing', 'aws'],
        message: `is required: ${NAME} lands on aws:ap-northeast-1, where Tsunagi builds the carrier's Site-to-Site VPN and needs its peer`,
        got: undefined,
        fix: "add landing.aws.bgpAsn and landing.aws.gatewayIp (the carrier gateway's public IP)",
        severity: 'error',
      },
    ]);
  });

  test('a hosted Direct Connect landing without landing.aws (the directConnect check waits for the peer)', () => {
    expect(
      check((p) => {
        landOnly({ type: 'direct-connect-hosted', at: 'aws:ap-northeast-1' })(p);
        delete p.directConnect;
      }),
    ).toEqual([
      {
        path: [...P, 'landing', 'aws'],
        message: `is required: ${NAME} lands on aws:ap-northeast-1, where Tsunagi builds the carrier's Direct Connect interface and needs its peer`,
        got: undefined,
        fix: 'add landing.aws.bgpAsn, landing.aws.connectionId and landing.aws.vlan (the accepted hosted connection)',
        severity: 'error',
      },
    ]);
  });

  test('a vpn peer on AWS without gatewayIp; a hosted peer needs none', () => {
    expect(check(landOnly({ type: 'vpn', at: 'aws:ap-northeast-1', aws: { bgpAsn: 65300 } }))).toEqual([
      {
        path: [...P, 'landing', 'aws', 'gatewayIp'],
        message: 'is required for a vpn landing on AWS',
        got: undefined,
        fix: "add the carrier VPN gateway's public IP",
        severity: 'error',
      },
    ]);
    expect(
      check(landOnly({ type: 'direct-connect-hosted', at: 'aws:ap-northeast-1', aws: PEER_DX })),
    ).toEqual([]);
  });

  test('a hosted peer without connectionId and vlan, and without directConnect', () => {
    expect(
      check((p) => {
        landOnly({ type: 'direct-connect-hosted', at: 'aws:ap-northeast-1', aws: { bgpAsn: 65300 } })(p);
        delete p.directConnect;
      }),
    ).toEqual([
      {
        path: [...P, 'landing', 'aws', 'connectionId'],
        message: 'is required for a direct-connect-hosted landing',
        got: undefined,
        fix: 'add the hosted connection ID (dxcon-...)',
        severity: 'error',
      },
      {
        path: [...P, 'landing', 'aws', 'vlan'],
        message: 'is required for a direct-connect-hosted landing',
        got: undefined,
        fix: 'add the VLAN of the hosted connection',
        severity: 'error',
      },
      {
        path: ['directConnect'],
        message: `is required: ${NAME} lands on a hosted Direct Connect connection, whose interface needs a Direct Connect gateway (directConnect.gatewayAsn)`,
        got: undefined,
        fix: 'add directConnect with gatewayAsn (and the connections of your data centres, if any)',
        severity: 'error',
      },
    ]);
  });

  test('a hosted peer missing only its vlan, or only its connectionId', () => {
    const paths = (aws: object) =>
      check(landOnly({ type: 'direct-connect-hosted', at: 'aws:ap-northeast-1', aws })).map((i) => i.path);
    expect(paths({ bgpAsn: 65300, connectionId: 'dxcon-abcd1234' })).toEqual([
      [...P, 'landing', 'aws', 'vlan'],
    ]);
    expect(paths({ bgpAsn: 65300, vlan: 400 })).toEqual([[...P, 'landing', 'aws', 'connectionId']]);
  });

  test('a peer where the carrier does not land on AWS is ignored, with a warning', () => {
    expect(check(landOnly({ type: 'vpn', at: 'dc:dc-kobe', aws: PEER_VPN }))).toEqual([
      {
        path: [...P, 'landing', 'aws'],
        message: `is ignored: ${NAME} lands at dc:dc-kobe, not on AWS`,
        got: PEER_VPN,
        fix: 'remove landing.aws, or land the carrier on an AWS Region',
        severity: 'warning',
      },
    ]);
  });
});

describe('carriers: the Azure VPN site and the ExpressRoute landing', () => {
  test('a vpn landing in Azure without azureVpnSite', () => {
    expect(check(landOnly({ type: 'vpn', at: 'azure:japaneast' }))).toEqual([
      {
        path: [...P, 'azureVpnSite'],
        message: `is required: ${NAME} lands on azure:japaneast over VPN, which Tsunagi builds as a Virtual WAN VPN site`,
        got: undefined,
        fix: "add azureVpnSite.links with the carrier gateway's public IPs",
        severity: 'error',
      },
    ]);
  });

  test('a VPN site on a vpn landing at a data centre, and on one in AWS, is ignored', () => {
    const ignored = (at: string, type: string) => ({
      path: [...P, 'azureVpnSite'],
      message: `is ignored: ${NAME} does not land on Azure over VPN (${type} at ${at})`,
      got: SITE,
      fix: 'remove azureVpnSite, or land the carrier at azure:<region> with type vpn',
      severity: 'warning',
    });
    expect(check(landOnly({ type: 'vpn', at: 'dc:dc-kobe' }, { azureVpnSite: SITE }))).toEqual([
      ignored('dc:dc-kobe', 'vpn'),
    ]);
    expect(
      check(landOnly({ type: 'vpn', at: 'aws:ap-northeast-1', aws: PEER_VPN }, { azureVpnSite: SITE })),
    ).toEqual([ignored('aws:ap-northeast-1', 'vpn')]);
  });

  test('an expressroute landing in Azure builds nothing (warning); with a VPN site, that is ignored too', () => {
    const landing = { type: 'expressroute', at: 'azure:japaneast' };
    const buildsNothing = {
      path: [...P, 'landing'],
      message:
        "builds nothing on Azure: an ExpressRoute landing is the carrier's circuit, which Tsunagi builds only from expressRoute.circuits",
      got: landing,
      fix: 'declare the carrier circuit under expressRoute.circuits (its dataCentre and hubRegion), or land over vpn',
      severity: 'warning',
    };
    expect(check(landOnly(landing))).toEqual([buildsNothing]);
    expect(check(landOnly(landing, { azureVpnSite: SITE })).map((i) => [i.path, i.severity])).toEqual([
      [[...P, 'azureVpnSite'], 'warning'],
      [[...P, 'landing'], 'warning'],
    ]);
  });
});

describe('carriers: translation.at against the landing', () => {
  const translated = (landing: object, at: string, range = '10.200.0.0/20', extra: object = {}) =>
    check(landOnly(landing, { translation: { at, translatedRange: range }, ...extra }));
  const AWS = { type: 'vpn', at: 'aws:ap-northeast-1', aws: PEER_VPN };
  const AZURE = { type: 'vpn', at: 'azure:japaneast' };
  const DC = { type: 'data-centre', at: 'dc:dc-kobe' };
  const contradicts = (at: string, type: string, got: string, setTo: string, azureNote = false) => ({
    path: [...P, 'translation', 'at'],
    message: `contradicts landing.at ${at} (${type}): the translation happens where the carrier lands${azureNote ? ' (Azure translates on a hub VPN gateway, so the landing must be vpn at azure:<region>)' : ''}`,
    got,
    fix: `set translation.at to ${setTo} (or carrier, if the carrier translates), or move the landing`,
    severity: 'error',
  });

  test('each place translating its own landing, and the carrier translating any landing, agree', () => {
    expect(translated(AWS, 'aws')).toEqual([]);
    expect(translated(AZURE, 'azure', undefined, { azureVpnSite: SITE })).toEqual([]);
    expect(translated(DC, 'data-centre')).toEqual([]);
    expect(translated(AWS, 'carrier')).toEqual([]);
    expect(translated(AZURE, 'carrier', undefined, { azureVpnSite: SITE })).toEqual([]);
    expect(translated(DC, 'carrier')).toEqual([]);
  });

  test('translated in AWS, Azure or a data centre where the carrier lands elsewhere', () => {
    expect(translated(AZURE, 'aws', undefined, { azureVpnSite: SITE })).toEqual([
      contradicts('azure:japaneast', 'vpn', 'aws', 'azure'),
    ]);
    expect(translated(AWS, 'azure')).toEqual([
      contradicts('aws:ap-northeast-1', 'vpn', 'azure', 'aws', true),
    ]);
    expect(translated(AWS, 'data-centre')).toEqual([
      contradicts('aws:ap-northeast-1', 'vpn', 'data-centre', 'aws'),
    ]);
    expect(translated(DC, 'aws')).toEqual([contradicts('dc:dc-kobe', 'data-centre', 'aws', 'data-centre')]);
    expect(translated(DC, 'azure')).toEqual([
      contradicts('dc:dc-kobe', 'data-centre', 'azure', 'data-centre', true),
    ]);
    expect(translated(AZURE, 'data-centre', undefined, { azureVpnSite: SITE })).toEqual([
      contradicts('azure:japaneast', 'vpn', 'data-centre', 'azure'),
    ]);
  });

  test('an expressroute landing in Azure has no place to translate but the carrier', () => {
    const ER = { type: 'expressroute', at: 'azure:japaneast' };
    expect(translated(ER, 'azure').filter((i) => i.severity === 'error')).toEqual([
      contradicts('azure:japaneast', 'expressroute', 'azure', 'carrier', true),
    ]);
    expect(translated(ER, 'carrier').filter((i) => i.severity === 'error')).toEqual([]);
  });

  test('the AWS translated range: a /26 is enough, a /27 is not; elsewhere any size goes', () => {
    expect(translated(AWS, 'aws', '10.200.0.0/26')).toEqual([]);
    expect(translated(AWS, 'aws', '10.200.0.0/27')).toEqual([
      {
        path: [...P, 'translation', 'translatedRange'],
        message:
          'is smaller than the /26 AWS translation needs (one private NAT subnet per zone, up to four zones)',
        got: '10.200.0.0/27',
        fix: 'use a /26 or larger range (and a device pool of the same size)',
        severity: 'error',
      },
    ]);
    expect(translated(DC, 'data-centre', '10.200.0.0/28')).toEqual([]);
    expect(translated(AWS, 'carrier', '10.200.0.0/28')).toEqual([]);
    expect(translated(AZURE, 'azure', '10.200.0.0/28', { azureVpnSite: SITE })).toEqual([]);
    // Translated in AWS while landing elsewhere: the contradiction only, no size check.
    expect(translated(DC, 'aws', '10.200.0.0/28').map((i) => i.path)).toEqual([[...P, 'translation', 'at']]);
  });

  test('the private NAT fit: 18,333 devices fit three zones, 18,334 do not', () => {
    expect(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION.value).toBe(55_000);
    expect(CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION.value).toBe(6);
    const withDevices = (devices: number, landing: object = AWS, at = 'aws') =>
      check((p) => {
        landOnly(landing, { translation: { at, translatedRange: '10.200.0.0/17' } })(p);
        p.closedMobileNetworks[0].devicePool = '172.20.0.0/17';
        p.closedMobileNetworks[0].devices = devices;
      });
    expect(withDevices(18_333)).toEqual([]);
    expect(withDevices(18_334)).toEqual([
      {
        path: [...P, 'devices'],
        message:
          'do not fit the AWS translation: private NAT is many-to-one, 3 NAT gateway address(es) (one per zone of aws:ap-northeast-1) carry 110,000 simultaneous connections per unique destination after the loss of one zone (55,000 per address), and 18,334 devices at 6 connections each to one destination need 110,004',
        got: 18_334,
        fix: 'translate at the carrier or a data centre (translation.at: carrier or data-centre), land the carrier on Azure (static 1:1 NAT), or split the devices over carriers landing in different Regions',
        severity: 'error',
      },
    ]);
    // The same devices translated by the carrier, or at a data centre, are not counted.
    expect(withDevices(100_000, AWS, 'carrier')).toEqual([]);
    expect(withDevices(100_000, DC, 'data-centre')).toEqual([]);
    // Translated in AWS but landing at a data centre: the contradiction alone, no NAT count
    // (there are no zones of a data centre to count).
    expect(withDevices(100_000, DC, 'aws').map((i) => i.path)).toEqual([[...P, 'translation', 'at']]);
  });
});
