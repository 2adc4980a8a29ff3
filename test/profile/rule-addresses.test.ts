/**
 * The address-plan rule (lib/profile/rules/addresses.ts), pair by pair: every two kinds of
 * range it keeps apart (client supernet, VPC, Virtual WAN hub, on-premises prefix, carrier
 * device pool, translated range, Entra Domain Services virtual network), each in both
 * directions (the later-collected range inside the earlier one, and around it), with the
 * overlaps it allows (a translated device pool over on-premises space; a translated range
 * inside, not around, an on-premises prefix) and the hint each one gets. Then the checks
 * beside the overlaps: the managed domain's subnet, tier blocks, networks inside their place
 * (data centre or AWS Region), and a profile with one cloud only. Each case asserts the exact
 * issues (path, message, value, fix; none is a warning unless it says so).
 *
 * The rule runs directly on a copy of a fixture as the schema parses it (the schema is not
 * under mutation; the rule is, and it runs only inside the tests).
 */
import { checkAddresses } from '../../lib/profile/rules/addresses';
import { type MutableProfile, parsedFixture, ruleIssueLines } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');

/** The rule's issues for an edited copy of hyogo, one formatted line each. */
const addressIssues = ruleIssueLines(checkAddresses, HYOGO);

const MOVE = 'move one of the two ranges so they do not overlap';
const TRANSLATE =
  'pick a carrier pool that does not collide, or translate it (closedMobileNetworks[].translation)';

/**
 * Hyogo reduced to one range of each kind, each alone in its own even /16 (and the client
 * supernet alone in 10.0.0.0/9), so that any range moved to the half or to the double of
 * another overlaps that one and nothing else.
 */
function oneOfEach(p: MutableProfile) {
  p.clouds.aws.regions = [{ ...p.clouds.aws.regions[0], vpcCidr: '10.128.0.0/16' }];
  p.clouds.azure.hubs = [{ ...p.clouds.azure.hubs[0], hubAddressPrefix: '10.130.0.0/16' }];
  p.dataCentres = [{ ...p.dataCentres[0], prefixes: ['10.132.0.0/16'] }];
  p.addressPlan.networks = [];
  p.closedMobileNetworks[0].devices = 100;
  p.closedMobileNetworks[0].devicePool = '10.134.0.0/16';
  p.closedMobileNetworks[0].translation.translatedRange = '10.136.0.0/16';
  p.identity.entraDomainServices = {
    region: 'japaneast',
    virtualNetworkCidr: '10.138.0.0/16',
    subnetPrefix: '10.138.0.0/26',
    sku: 'Enterprise',
  };
}

interface Kind {
  readonly kind: string;
  readonly path: string;
  /** Its range in oneOfEach. */
  readonly cidr: string;
  /** Moves it (and what must stay the same size or inside it) to `cidr`. */
  readonly move: (p: MutableProfile, cidr: string) => void;
}

const lengthOf = (cidr: string) => Number(cidr.split('/')[1]);
const baseOf = (cidr: string) => cidr.split('/')[0];

/** The kinds in the order the rule collects them: an overlap is reported on the later one. */
const KINDS: readonly Kind[] = [
  {
    kind: 'client',
    path: 'addressPlan.clientPoolSupernets[0]',
    cidr: '10.64.0.0/10',
    move: (p, cidr) => (p.addressPlan.clientPoolSupernets[0] = cidr),
  },
  {
    kind: 'vpc',
    path: 'clouds.aws.regions[0].vpcCidr',
    cidr: '10.128.0.0/16',
    move: (p, cidr) => (p.clouds.aws.regions[0].vpcCidr = cidr),
  },
  {
    kind: 'hub',
    path: 'clouds.azure.hubs[0].hubAddressPrefix',
    cidr: '10.130.0.0/16',
    move: (p, cidr) => (p.clouds.azure.hubs[0].hubAddressPrefix = cidr),
  },
  {
    kind: 'on-premises',
    path: 'dataCentres[0].prefixes[0]',
    cidr: '10.132.0.0/16',
    move: (p, cidr) => (p.dataCentres[0].prefixes[0] = cidr),
  },
  {
    kind: 'device-pool',
    path: 'closedMobileNetworks[0].devicePool',
    cidr: '10.134.0.0/16',
    move: (p, cidr) => {
      p.closedMobileNetworks[0].devicePool = cidr;
      // 1:1 translation: the translated range keeps the pool's size, out of the way.
      p.closedMobileNetworks[0].translation.translatedRange = `172.128.0.0/${lengthOf(cidr)}`;
    },
  },
  {
    kind: 'translated',
    path: 'closedMobileNetworks[0].translation.translatedRange',
    cidr: '10.136.0.0/16',
    move: (p, cidr) => {
      p.closedMobileNetworks[0].translation.translatedRange = cidr;
      p.closedMobileNetworks[0].devicePool = `172.0.0.0/${lengthOf(cidr)}`;
    },
  },
  {
    kind: 'azure-vnet',
    path: 'identity.entraDomainServices.virtualNetworkCidr',
    cidr: '10.138.0.0/16',
    move: (p, cidr) => {
      p.identity.entraDomainServices.virtualNetworkCidr = cidr;
      p.identity.entraDomainServices.subnetPrefix = `${baseOf(cidr)}/26`;
    },
  },
];

/** The half of a block that starts where it starts (inside it), and the block twice its size. */
const half = (cidr: string) => `${baseOf(cidr)}/${lengthOf(cidr) + 1}`;
const double = (cidr: string) =>
  cidr === '10.64.0.0/10' ? '10.0.0.0/9' : `${baseOf(cidr)}/${lengthOf(cidr) - 1}`;

/**
 * Moves `later` to `cidr`. The translated range moves alone when it is paired with its own
 * device pool (which must stay put), so the sizes then differ.
 */
function moveLater(p: MutableProfile, earlier: Kind, later: Kind, cidr: string) {
  if (earlier.kind === 'device-pool' && later.kind === 'translated')
    p.closedMobileNetworks[0].translation.translatedRange = cidr;
  else later.move(p, cidr);
}

/** Every pair of kinds, the earlier-collected first. */
const PAIRS = KINDS.flatMap((earlier, i) => KINDS.slice(i + 1).map((later) => [earlier, later] as const));

describe('checkAddresses: every pair of kinds, both directions', () => {
  test('the fixture, and the one-of-each layout, are clean', () => {
    expect(addressIssues()).toEqual([]);
    expect(addressIssues(oneOfEach)).toEqual([]);
    expect(PAIRS).toHaveLength(21);
  });

  /** What the rule reports when `later` is moved to `cidr`, overlapping `earlier`. */
  function expected(earlier: Kind, later: Kind, cidr: string, inside: boolean): string[] {
    const kinds = new Set([earlier.kind, later.kind]);
    const lines: string[] = [];
    // A translated pool may overlap on-premises space; a translated range may lie inside it.
    const allowed =
      (kinds.has('on-premises') && kinds.has('device-pool')) ||
      (earlier.kind === 'on-premises' && later.kind === 'translated' && inside);
    if (!allowed) {
      lines.push(
        `${later.path}: overlaps ${earlier.path} (${earlier.cidr}, ${earlier.kind}) (got "${cidr}"); ${MOVE}`,
      );
    }
    if (earlier.kind === 'device-pool' && later.kind === 'translated') {
      lines.push(
        `${later.path}: is a /${lengthOf(cidr)} but the device pool is a /16; static 1:1 translation needs equal sizes (got "${cidr}"); use a /16`,
      );
    }
    return lines;
  }

  test.each(PAIRS.map(([a, b]) => [b.kind, a.kind, a, b]))('%s inside %s', (_b, _a, earlier, later) => {
    const cidr = half(earlier.cidr);
    expect(
      addressIssues((p) => {
        oneOfEach(p);
        moveLater(p, earlier, later, cidr);
      }),
    ).toEqual(expected(earlier, later, cidr, true));
  });

  test.each(PAIRS.map(([a, b]) => [b.kind, a.kind, a, b]))('%s around %s', (_b, _a, earlier, later) => {
    const cidr = double(earlier.cidr);
    expect(
      addressIssues((p) => {
        oneOfEach(p);
        moveLater(p, earlier, later, cidr);
      }),
    ).toEqual(expected(earlier, later, cidr, false));
  });

  test('an untranslated device pool over on-premises space, either way round, gets the translation hint', () => {
    const untranslated = (p: MutableProfile) => {
      oneOfEach(p);
      delete p.closedMobileNetworks[0].translation;
    };
    for (const cidr of ['10.132.0.0/17', '10.132.0.0/15']) {
      expect(
        addressIssues((p) => {
          untranslated(p);
          p.closedMobileNetworks[0].devicePool = cidr;
        }),
      ).toEqual([
        `closedMobileNetworks[0].devicePool: overlaps dataCentres[0].prefixes[0] (10.132.0.0/16, on-premises) (got "${cidr}"); ${TRANSLATE}`,
      ]);
    }
    // Over anything else it is an ordinary overlap, and so is a translated pool.
    for (const edit of [untranslated, oneOfEach]) {
      expect(
        addressIssues((p) => {
          edit(p);
          p.closedMobileNetworks[0].devicePool = '10.130.0.0/16';
          if (p.closedMobileNetworks[0].translation)
            p.closedMobileNetworks[0].translation.translatedRange = '10.136.0.0/16';
        }),
      ).toEqual([
        `closedMobileNetworks[0].devicePool: overlaps clouds.azure.hubs[0].hubAddressPrefix (10.130.0.0/16, hub) (got "10.130.0.0/16"); ${MOVE}`,
      ]);
    }
  });

  test('a translated range inside a VPC, not an on-premises prefix, is refused', () => {
    expect(
      addressIssues((p) => {
        oneOfEach(p);
        p.closedMobileNetworks[0].translation.translatedRange = '10.128.0.0/16';
      }),
    ).toEqual([
      `closedMobileNetworks[0].translation.translatedRange: overlaps clouds.aws.regions[0].vpcCidr (10.128.0.0/16, vpc) (got "10.128.0.0/16"); ${MOVE}`,
    ]);
  });

  test('overlaps among the second entries of each list are found too', () => {
    expect(
      addressIssues((p) => {
        p.clouds.azure.hubs[1].hubAddressPrefix = '10.128.16.0/23'; // inside regions[1]
        p.dataCentres[1].prefixes.push('10.130.0.0/24'); // inside hubs[0], 10.130.0.0/23
      }),
    ).toEqual([
      `clouds.azure.hubs[1].hubAddressPrefix: overlaps clouds.aws.regions[1].vpcCidr (10.128.16.0/20, vpc) (got "10.128.16.0/23"); ${MOVE}`,
      `dataCentres[1].prefixes[1]: overlaps clouds.azure.hubs[0].hubAddressPrefix (10.130.0.0/23, hub) (got "10.130.0.0/24"); ${MOVE}`,
    ]);
  });
});

describe('checkAddresses: the checks beside the overlaps', () => {
  const withDomainServices = (virtualNetworkCidr: string, subnetPrefix: string) => (p: MutableProfile) => {
    p.identity.entraDomainServices = {
      region: 'japaneast',
      virtualNetworkCidr,
      subnetPrefix,
      sku: 'Enterprise',
    };
  };

  test("the managed domain's subnet lies inside its virtual network, the whole of it included", () => {
    expect(addressIssues(withDomainServices('10.131.0.0/24', '10.131.0.192/26'))).toEqual([]);
    expect(addressIssues(withDomainServices('10.131.0.0/24', '10.131.0.0/24'))).toEqual([]);
    expect(addressIssues(withDomainServices('10.131.0.0/24', '10.131.1.0/26'))).toEqual([
      'identity.entraDomainServices.subnetPrefix: is not inside virtualNetworkCidr (10.131.0.0/24) (got "10.131.1.0/26"); pick a subnet of the virtual network, for example its first /26',
    ]);
    expect(addressIssues(withDomainServices('10.131.0.0/24', '10.131.0.0/23'))).toEqual([
      'identity.entraDomainServices.subnetPrefix: is not inside virtualNetworkCidr (10.131.0.0/24) (got "10.131.0.0/23"); pick a subnet of the virtual network, for example its first /26',
    ]);
  });

  test('a tier block outside every supernet names them all in the fix', () => {
    expect(
      addressIssues((p) => {
        p.addressPlan.clientPoolSupernets.push('192.168.64.0/18');
        p.accessTiers[1].clientAddressBlock = '10.160.0.0/12';
      }),
    ).toEqual([
      'accessTiers[1].clientAddressBlock: lies outside every addressPlan.clientPoolSupernets entry (got "10.160.0.0/12"); use a block inside 10.64.0.0/10 or 192.168.64.0/18',
    ]);
  });

  test('a network at a data centre or an AWS Region lies inside its ranges; an Azure place is not checked', () => {
    const networkAt = (at: string, cidrs: string[]) => (p: MutableProfile) => {
      p.addressPlan.networks.push({ name: 'extra', cidrs, at, protected: false });
    };
    expect(addressIssues(networkAt('aws:ap-northeast-3', ['10.128.16.0/24', '10.128.31.0/24']))).toEqual([]);
    expect(addressIssues(networkAt('aws:ap-northeast-3', ['10.128.16.0/24', '10.128.32.0/24']))).toEqual([
      'addressPlan.networks[4].cidrs[1]: is not inside the ranges of aws:ap-northeast-3 (10.128.16.0/20) (got "10.128.32.0/24"); move the network to the place that routes it, or add the prefix to aws:ap-northeast-3',
    ]);
    expect(addressIssues(networkAt('aws:ap-northeast-1', ['10.128.16.0/24']))).toEqual([
      'addressPlan.networks[4].cidrs[0]: is not inside the ranges of aws:ap-northeast-1 (10.128.0.0/20) (got "10.128.16.0/24"); move the network to the place that routes it, or add the prefix to aws:ap-northeast-1',
    ]);
    expect(
      addressIssues((p) => {
        p.dataCentres[0].prefixes.push('10.32.0.0/16');
        networkAt('dc:dc-kobe', ['10.48.0.0/16'])(p);
      }),
    ).toEqual([
      'addressPlan.networks[4].cidrs[0]: is not inside the ranges of dc:dc-kobe (10.0.0.0/12, 10.32.0.0/16) (got "10.48.0.0/16"); move the network to the place that routes it, or add the prefix to dc:dc-kobe',
    ]);
    // An Azure spoke, or a place nobody declares: not checkable here.
    expect(addressIssues(networkAt('azure:japaneast', ['10.250.0.0/16']))).toEqual([]);
    expect(addressIssues(networkAt('dc:dc-himeji', ['10.250.0.0/16']))).toEqual([]);
  });

  test('a profile with one cloud: no AWS, or no Azure, checks the rest', () => {
    expect(
      addressIssues((p) => {
        delete p.clouds.aws;
        p.clouds.azure.hubs[1].hubAddressPrefix = '10.0.2.0/25'; // inside dc-kobe, and too small
      }),
    ).toEqual([
      `dataCentres[0].prefixes[0]: overlaps clouds.azure.hubs[1].hubAddressPrefix (10.0.2.0/25, hub) (got "10.0.0.0/12"); ${MOVE}`,
      'clouds.azure.hubs[1].hubAddressPrefix: is smaller than the /24 a Virtual WAN hub needs (got "10.0.2.0/25"); use a /23 (recommended) or /24',
    ]);
    expect(
      addressIssues((p) => {
        delete p.clouds.azure;
        p.clouds.aws.regions[1].vpcCidr = '10.16.0.0/20'; // inside dc-harima
      }),
    ).toEqual([
      `dataCentres[1].prefixes[0]: overlaps clouds.aws.regions[1].vpcCidr (10.16.0.0/20, vpc) (got "10.16.0.0/12"); ${MOVE}`,
    ]);
  });

  test('tier blocks: inside or around an earlier tier, first or later, is refused', () => {
    const own = 'give each tier its own block';
    expect(addressIssues((p) => (p.accessTiers[1].clientAddressBlock = '10.64.0.0/14'))).toEqual([
      `accessTiers[1].clientAddressBlock: overlaps accessTiers[0].clientAddressBlock (10.64.0.0/12) (got "10.64.0.0/14"); ${own}`,
    ]);
    expect(addressIssues((p) => (p.accessTiers[1].clientAddressBlock = '10.64.0.0/11'))).toEqual([
      `accessTiers[1].clientAddressBlock: overlaps accessTiers[0].clientAddressBlock (10.64.0.0/12) (got "10.64.0.0/11"); ${own}`,
    ]);
    expect(addressIssues((p) => (p.accessTiers[3].clientAddressBlock = '10.96.0.0/15'))).toEqual([
      `accessTiers[3].clientAddressBlock: overlaps accessTiers[2].clientAddressBlock (10.96.0.0/14) (got "10.96.0.0/15"); ${own}`,
    ]);
    // Neighbours do not overlap: hyogo's four blocks are back to back.
    expect(addressIssues((p) => (p.accessTiers[3].clientAddressBlock = '10.104.0.0/14'))).toEqual([]);
  });

  test('a client block outside RFC 1918 is warned on a Virtual WAN tier only; a public supernet is refused', () => {
    expect(
      addressIssues((p) => {
        p.addressPlan.clientPoolSupernets.push('100.64.0.0/10'); // shared address space: allowed
        p.accessTiers[0].clientAddressBlock = '100.64.0.0/12'; // AWS Client VPN
        p.accessTiers[3].clientAddressBlock = '100.80.0.0/14'; // Virtual WAN
      }),
    ).toEqual([
      'warning: accessTiers[3].clientAddressBlock: is not RFC 1918 space, which Virtual WAN client address pools should use (got "100.80.0.0/14"); use a block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
    ]);
    expect(
      addressIssues((p) => {
        p.addressPlan.clientPoolSupernets.push('192.168.64.0/18');
        p.accessTiers[2].clientAddressBlock = '192.168.64.0/18';
      }),
    ).toEqual([]);
    expect(addressIssues((p) => p.addressPlan.clientPoolSupernets.push('203.0.113.0/24'))).toEqual([
      'addressPlan.clientPoolSupernets[1]: is public address space (got "203.0.113.0/24"); use RFC 1918 (10/8, 172.16/12, 192.168/16) space for client pools',
    ]);
    expect(
      addressIssues((p) => (p.addressPlan.clientPoolSupernets = ['11.64.0.0/10', '10.64.0.0/10'])),
    ).toEqual([
      'addressPlan.clientPoolSupernets[0]: is public address space (got "11.64.0.0/10"); use RFC 1918 (10/8, 172.16/12, 192.168/16) space for client pools',
    ]);
  });

  test('a carrier pool holds its devices: 4,096 fit a /20, 4,097 do not', () => {
    expect(addressIssues((p) => (p.closedMobileNetworks[0].devices = 4096))).toEqual([]);
    expect(addressIssues((p) => (p.closedMobileNetworks[0].devices = 4097))).toEqual([
      'closedMobileNetworks[0].devicePool: holds 4096 addresses, fewer than the 4097 devices (got "172.20.0.0/20"); ask the carrier for a larger pool or lower the device count',
    ]);
  });

  test('peering link prefixes: each a /30, the secondary apart from the primary, on both peerings', () => {
    const THIRTY = 'must be a /30 (ExpressRoute peering link subnet)';
    const THIRTY_FIX = 'use a /30 such as 192.168.100.0/30';
    const APART = 'overlaps the primary peer prefix';
    const APART_FIX = 'use a separate /30 for the secondary link';
    expect(
      addressIssues((p) => {
        p.expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix = '192.168.100.12/31';
        p.expressRoute.circuits[0].microsoftPeering.primaryPeerAddressPrefix = '198.51.100.16/29';
      }),
    ).toEqual([
      `expressRoute.circuits[0].microsoftPeering.primaryPeerAddressPrefix: ${THIRTY} (got "198.51.100.16/29"); ${THIRTY_FIX}`,
      `expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix: ${THIRTY} (got "192.168.100.12/31"); ${THIRTY_FIX}`,
    ]);
    // The same /30 twice; the secondary around the primary; the primary around the secondary.
    expect(
      addressIssues(
        (p) => (p.expressRoute.circuits[0].privatePeering.secondaryPeerAddressPrefix = '192.168.100.0/30'),
      ),
    ).toEqual([
      `expressRoute.circuits[0].privatePeering.secondaryPeerAddressPrefix: ${APART} (got "192.168.100.0/30"); ${APART_FIX}`,
    ]);
    expect(
      addressIssues(
        (p) => (p.expressRoute.circuits[0].microsoftPeering.secondaryPeerAddressPrefix = '198.51.100.0/29'),
      ),
    ).toEqual([
      `expressRoute.circuits[0].microsoftPeering.secondaryPeerAddressPrefix: ${THIRTY} (got "198.51.100.0/29"); ${THIRTY_FIX}`,
      `expressRoute.circuits[0].microsoftPeering.secondaryPeerAddressPrefix: ${APART} (got "198.51.100.0/29"); ${APART_FIX}`,
    ]);
    expect(
      addressIssues(
        (p) => (p.expressRoute.circuits[1].privatePeering.primaryPeerAddressPrefix = '192.168.100.8/29'),
      ),
    ).toEqual([
      `expressRoute.circuits[1].privatePeering.primaryPeerAddressPrefix: ${THIRTY} (got "192.168.100.8/29"); ${THIRTY_FIX}`,
      `expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix: ${APART} (got "192.168.100.12/30"); ${APART_FIX}`,
    ]);
  });

  test('a hub prefix of /24 is accepted, /25 is not', () => {
    expect(addressIssues((p) => (p.clouds.azure.hubs[0].hubAddressPrefix = '10.130.0.0/24'))).toEqual([]);
    expect(addressIssues((p) => (p.clouds.azure.hubs[0].hubAddressPrefix = '10.130.0.0/25'))).toEqual([
      'clouds.azure.hubs[0].hubAddressPrefix: is smaller than the /24 a Virtual WAN hub needs (got "10.130.0.0/25"); use a /23 (recommended) or /24',
    ]);
  });
});
