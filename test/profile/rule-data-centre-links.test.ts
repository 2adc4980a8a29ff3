/**
 * lib/profile/rules/data-centre-links.ts, branch by branch: each link type at a place it cannot
 * go, each link that builds nothing (no VPN devices, no Direct Connect connection, no
 * ExpressRoute circuit), the ExpressRoute bandwidth at and one over what the circuits carry,
 * the hubs Azure connects without a link naming them, and the Direct Connect connection no
 * link uses. The rule runs directly on a copy of the fixture's YAML, inside each test, and
 * every issue is asserted whole: path, message, value, fix and severity.
 */
import { checkDataCentreLinks } from '../../lib/profile/rules/data-centre-links';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, profileObject } from '../support/profiles';

function check(base: 'hyogo' | 'iwate', edit: (p: MutableProfile) => void = () => {}) {
  const profile = profileObject(base);
  edit(profile);
  return checkDataCentreLinks(profile as Profile);
}

type Link = { name: string; type: string; to: string; bandwidthMbps: number };
const link = (p: MutableProfile, d: number, name: string): Link =>
  p.dataCentres[d].links.find((l: Link) => l.name === name);
const dropLinks = (p: MutableProfile, d: number, ...names: string[]) => {
  p.dataCentres[d].links = p.dataCentres[d].links.filter((l: Link) => !names.includes(l.name));
};

/** hyogo's dataCentres[0].links[0], kobe-harima, a prefectural-network VPN. */
const KOBE_HARIMA = {
  path: ['dataCentres', 0, 'links', 0],
  message:
    'is documentation only: neither cloud builds a prefectural-network VPN (it is the prefecture\u2019s own network)',
  got: 'kobe-harima',
  fix: 'keep it as a record, or remove it',
  severity: 'warning',
};

describe('the fixtures', () => {
  test('hyogo: only the prefectural-network VPN, as a warning; iwate: nothing', () => {
    expect(check('hyogo')).toEqual([KOBE_HARIMA]);
    expect(check('iwate')).toEqual([]);
  });
});

describe('a link type at a place it cannot go is an error, and nothing else is said of it', () => {
  test('site-to-site VPN to a data centre, Direct Connect to Azure, ExpressRoute to AWS', () => {
    const issues = check('hyogo', (p) => {
      link(p, 1, 'harima-aws-osaka-vpn').to = 'dc:dc-kobe';
      link(p, 0, 'kobe-aws-tokyo-dx').to = 'azure:japaneast';
      link(p, 1, 'harima-er-osaka').to = 'aws:ap-northeast-3';
      // harima has no Direct Connect connection: a check past the error would warn of it
      link(p, 1, 'harima-aws-osaka-vpn').type = 'direct-connect';
      link(p, 1, 'harima-aws-osaka-vpn').to = 'azure:japanwest';
    });
    expect(issues).toEqual([
      KOBE_HARIMA,
      {
        path: ['dataCentres', 0, 'links', 2, 'to'],
        message: 'cannot be the end of a link of type direct-connect (it goes to aws:...)',
        got: 'azure:japaneast',
        fix: 'change the link type or its destination so they agree',
        severity: 'error',
      },
      {
        path: ['dataCentres', 1, 'links', 0, 'to'],
        message: 'cannot be the end of a link of type direct-connect (it goes to aws:...)',
        got: 'azure:japanwest',
        fix: 'change the link type or its destination so they agree',
        severity: 'error',
      },
      {
        path: ['dataCentres', 1, 'links', 1, 'to'],
        message: 'cannot be the end of a link of type expressroute (it goes to azure:...)',
        got: 'aws:ap-northeast-3',
        fix: 'change the link type or its destination so they agree',
        severity: 'error',
      },
    ]);
  });

  test('a site-to-site VPN to a data centre names both clouds; a prefectural-network VPN may go to a cloud', () => {
    const issues = check('iwate', (p) => {
      p.dataCentres[0].vpnDevices = [];
      link(p, 0, 'morioka-aws-tokyo-vpn').to = 'dc:dc-kobe';
      link(p, 0, 'morioka-azure-east-vpn').type = 'prefectural-network-vpn';
    });
    expect(issues).toEqual([
      {
        path: ['dataCentres', 0, 'links', 0, 'to'],
        message: 'cannot be the end of a link of type site-to-site-vpn (it goes to aws:... or azure:...)',
        got: 'dc:dc-kobe',
        fix: 'change the link type or its destination so they agree',
        severity: 'error',
      },
      {
        path: ['dataCentres', 0, 'links', 2],
        message: KOBE_HARIMA.message,
        got: 'morioka-azure-east-vpn',
        fix: 'keep it as a record, or remove it',
        severity: 'warning',
      },
    ]);
  });
});

describe('a site-to-site VPN needs the data centre’s VPN devices', () => {
  test('none: each site-to-site link (and only those) builds nothing', () => {
    expect(check('hyogo', (p) => (p.dataCentres[1].vpnDevices = []))).toEqual([
      KOBE_HARIMA,
      ...[0, 2, 3].map((l) => ({
        path: ['dataCentres', 1, 'links', l],
        message:
          "builds nothing: a Site-to-Site VPN needs the data centre's VPN devices, and dc-harima lists none",
        got: ['harima-aws-osaka-vpn', '', 'harima-azure-east-vpn', 'harima-azure-west-vpn'][l],
        fix: 'add dataCentres[1].vpnDevices (name and public IP of each device), or remove the link',
        severity: 'warning',
      })),
    ]);
  });

  test('none, and a hub no link names: no device is connected to it, so no hub warning', () => {
    expect(
      check('iwate', (p) => {
        p.dataCentres[0].vpnDevices = [];
        dropLinks(p, 0, 'morioka-azure-east-vpn');
      }),
    ).toEqual([
      {
        path: ['dataCentres', 0, 'links', 0],
        message:
          "builds nothing: a Site-to-Site VPN needs the data centre's VPN devices, and dc-morioka lists none",
        got: 'morioka-aws-tokyo-vpn',
        fix: 'add dataCentres[0].vpnDevices (name and public IP of each device), or remove the link',
        severity: 'warning',
      },
    ]);
  });

  test('one device is enough', () => {
    expect(check('iwate', (p) => p.dataCentres[0].vpnDevices.pop())).toEqual([]);
  });
});

describe('Direct Connect is built from directConnect.connections', () => {
  const noneAt = (d: number, l: number, dc: string, name: string) => ({
    path: ['dataCentres', d, 'links', l],
    message: `builds nothing: Direct Connect is built from directConnect.connections, and none is at ${dc}`,
    got: name,
    fix: `add the connection under directConnect.connections with dataCentre ${dc}, or remove the link`,
    severity: 'warning',
  });
  const unusedConnection = (i: number, dc: string) => ({
    path: ['directConnect', 'connections', i, 'dataCentre'],
    message: `has no direct-connect link in dataCentres (${dc}), so no Region builds this connection's interface`,
    got: dc,
    fix: `add a direct-connect link from ${dc} to aws:<region>`,
    severity: 'warning',
  });

  test('no directConnect section: the link builds nothing', () => {
    expect(check('hyogo', (p) => delete p.directConnect)).toEqual([
      KOBE_HARIMA,
      noneAt(0, 2, 'dc-kobe', 'kobe-aws-tokyo-dx'),
    ]);
  });

  test('a link at a data centre with no connection, a connection at one with no link', () => {
    const issues = check('hyogo', (p) => {
      p.directConnect.connections[0].dataCentre = 'dc-harima';
      p.directConnect.connections.push({
        ...p.directConnect.connections[0],
        name: 'dx-2',
        dataCentre: 'dc-kobe',
      });
      p.directConnect.connections.push({
        ...p.directConnect.connections[0],
        name: 'dx-3',
        dataCentre: 'dc-osaka',
      });
      p.dataCentres[1].links.push({
        name: 'harima-dx',
        type: 'direct-connect',
        to: 'aws:ap-northeast-3',
        bandwidthMbps: 1000,
      });
    });
    // harima's link and kobe's link each have a connection; dc-osaka's connection has no link
    expect(issues).toEqual([KOBE_HARIMA, unusedConnection(2, 'dc-osaka')]);
    const harimaOnly = check('hyogo', (p) => {
      p.directConnect.connections[0].dataCentre = 'dc-harima';
    });
    expect(harimaOnly).toEqual([
      KOBE_HARIMA,
      noneAt(0, 2, 'dc-kobe', 'kobe-aws-tokyo-dx'),
      unusedConnection(0, 'dc-harima'),
    ]);
  });
});

describe('ExpressRoute is built from expressRoute.circuits', () => {
  const tooMuch = (got: number, carry: string, built: number) => ({
    path: ['dataCentres', 0, 'links', 3, 'bandwidthMbps'],
    message: `declares more than the circuits from dc-kobe to the japaneast hub carry (${carry}: ${built} Mbps in total)`,
    got,
    fix: `lower it to ${built}, or add a circuit with dataCentre dc-kobe and hubRegion japaneast`,
    severity: 'error',
  });
  /** Circuits that are not from dc-kobe to japaneast, which must not count for kobe-er-tokyo. */
  const elsewhere = (p: MutableProfile) => {
    const [tokyo] = p.expressRoute.circuits;
    p.expressRoute.circuits.push({
      ...tokyo,
      name: 'er-kobe-west',
      hubRegion: 'japanwest',
      bandwidthMbps: 5000,
    });
    p.expressRoute.circuits.push({
      ...tokyo,
      name: 'er-harima-east',
      dataCentre: 'dc-harima',
      bandwidthMbps: 2000,
    });
  };

  test('the link at what the circuit carries (10000 Mbps) is fine; one over is an error', () => {
    expect(check('hyogo', elsewhere)).toEqual([KOBE_HARIMA]);
    expect(
      check('hyogo', (p) => {
        elsewhere(p);
        link(p, 0, 'kobe-er-tokyo').bandwidthMbps = 10001;
      }),
    ).toEqual([KOBE_HARIMA, tooMuch(10001, 'er-iij-tokyo 10000 Mbps', 10000)]);
  });

  test('two circuits from the data centre to the hub add up', () => {
    const twoCircuits = (bandwidth: number) => (p: MutableProfile) => {
      elsewhere(p);
      p.expressRoute.circuits.push({ ...p.expressRoute.circuits[0], name: 'er-second', bandwidthMbps: 1000 });
      link(p, 0, 'kobe-er-tokyo').bandwidthMbps = bandwidth;
    };
    expect(check('hyogo', twoCircuits(11000))).toEqual([KOBE_HARIMA]);
    expect(check('hyogo', twoCircuits(11001))).toEqual([
      KOBE_HARIMA,
      tooMuch(11001, 'er-iij-tokyo 10000 Mbps, er-second 1000 Mbps', 11000),
    ]);
  });

  test('no circuit from the data centre to the hub: the link builds nothing (and no bandwidth error)', () => {
    expect(
      check('hyogo', (p) => {
        // kobe's circuit goes to the other hub, harima's to the other hub
        p.expressRoute.circuits[0].hubRegion = 'japanwest';
        p.expressRoute.circuits[1].hubRegion = 'japaneast';
      }),
    ).toEqual([
      KOBE_HARIMA,
      {
        path: ['dataCentres', 0, 'links', 3],
        message:
          'builds nothing: Azure builds ExpressRoute only from expressRoute.circuits, and no circuit connects dc-kobe to the japaneast hub',
        got: 'kobe-er-tokyo',
        fix: 'add a circuit with dataCentre dc-kobe and hubRegion japaneast, or remove the link',
        severity: 'warning',
      },
      {
        path: ['dataCentres', 1, 'links', 1],
        message:
          'builds nothing: Azure builds ExpressRoute only from expressRoute.circuits, and no circuit connects dc-harima to the japanwest hub',
        got: 'harima-er-osaka',
        fix: 'add a circuit with dataCentre dc-harima and hubRegion japanwest, or remove the link',
        severity: 'warning',
      },
    ]);
  });
});

describe('Azure connects every VPN device to every hub, named by a link or not', () => {
  const unnamedHubs = (d: number, dc: string, devices: string[], hubs: string[]) => ({
    path: ['dataCentres', d, 'vpnDevices'],
    message: `are connected by Azure to every hub, including ${hubs.join(', ')}, which no site-to-site-vpn link of ${dc} names (Azure builds data-centre VPNs from the devices, not from links)`,
    got: devices,
    fix: `add site-to-site-vpn links to ${hubs.map((h) => `azure:${h}`).join(', ')} so the profile says what is built`,
    severity: 'warning',
  });

  test('one hub unnamed (an ExpressRoute link to it does not name it)', () => {
    expect(check('hyogo', (p) => dropLinks(p, 0, 'kobe-azure-east-vpn'))).toEqual([
      KOBE_HARIMA,
      unnamedHubs(0, 'dc-kobe', ['kobe-vpn-a', 'kobe-vpn-b'], ['japaneast']),
    ]);
  });

  test('both hubs unnamed, at the second data centre; a prefectural-network VPN to a hub does not name it', () => {
    const issues = check('hyogo', (p) => {
      dropLinks(p, 1, 'harima-azure-east-vpn');
      link(p, 1, 'harima-azure-west-vpn').type = 'prefectural-network-vpn';
    });
    expect(issues).toEqual([
      KOBE_HARIMA,
      { ...KOBE_HARIMA, path: ['dataCentres', 1, 'links', 2], got: 'harima-azure-west-vpn' },
      unnamedHubs(1, 'dc-harima', ['harima-vpn-a', 'harima-vpn-b'], ['japaneast', 'japanwest']),
    ]);
  });

  test('a site-to-site link to AWS names no hub, whatever follows its first six characters', () => {
    expect(check('iwate', (p) => (link(p, 0, 'morioka-azure-east-vpn').to = 'aws:xxjapaneast'))).toEqual([
      unnamedHubs(0, 'dc-morioka', ['morioka-vpn-a', 'morioka-vpn-b'], ['japaneast']),
    ]);
  });

  test('no Azure cloud: no hub, so no warning', () => {
    expect(
      check('iwate', (p) => {
        delete p.clouds.azure;
        dropLinks(p, 0, 'morioka-azure-east-vpn');
      }),
    ).toEqual([]);
  });
});
