/**
 * The cross-field rules at their edges: each overlap checked in both directions (a range
 * inside the other, and the other inside it), each second element of a list, each size
 * comparison one step either side of the limit. The rules run directly on a copy of the
 * fixture profile, so each case states the one thing it changes.
 */

import { formatPath } from '../../lib/profile/issues';
import { checkAddresses } from '../../lib/profile/rules/addresses';
import { checkDataCentreLinks } from '../../lib/profile/rules/data-centre-links';
import { checkProtectedSegments } from '../../lib/profile/rules/protected-segments';
import type { Profile } from '../../lib/profile/schema';
import { loadModel, type MutableProfile } from '../support/profiles';

const HYOGO = loadModel('hyogo').profile;

function edited(edit: (p: MutableProfile) => void): Profile {
  const copy = structuredClone(HYOGO) as MutableProfile;
  edit(copy);
  return copy as Profile;
}

const errors = (
  issues: readonly { severity: string; path: readonly (string | number)[]; message: string }[],
) => issues.filter((i) => i.severity === 'error').map((i) => `${formatPath(i.path)}: ${i.message}`);

/** Adds a named network at dc-kobe and lets the first population reach it. */
function reachNetwork(cidrs: string[]) {
  return (p: MutableProfile) => {
    p.dataCentres[0].prefixes = ['10.0.0.0/12', '10.16.0.0/12'];
    p.addressPlan.networks.push({ name: 'extra', cidrs, at: 'dc:dc-kobe', protected: false });
    p.populations[0].reach.push('extra');
  };
}

describe('protected segments: reached by name or by any range that touches them', () => {
  const wouldReach = (cidrs: string[]) => errors(checkProtectedSegments(edited(reachNetwork(cidrs))));

  test('the fixture is clean', () => {
    expect(checkProtectedSegments(HYOGO)).toEqual([]);
  });

  test('a network that covers the segment (10.8.0.0/15 over 10.8.0.0/16)', () => {
    expect(wouldReach(['10.8.0.0/15'])).toEqual([
      'populations[0].reach[2]: lets population prefectural-staff reach extra (10.8.0.0/15), whose range covers the protected segment my-number (10.8.0.0/16)',
    ]);
  });

  test('a network inside the segment (10.8.4.0/24 in 10.8.0.0/16)', () => {
    expect(wouldReach(['10.8.4.0/24'])).toHaveLength(1);
  });

  test('the second range of a network, and the second range of the segment', () => {
    expect(wouldReach(['10.20.0.0/24', '10.8.255.0/24'])).toEqual([
      expect.stringContaining(
        'reach extra (10.8.255.0/24), whose range covers the protected segment my-number',
      ),
    ]);
    const secondSegmentRange = edited((p) => {
      reachNetwork(['10.9.0.0/24'])(p);
      p.addressPlan.networks.find((n: { name: string }) => n.name === 'my-number').cidrs.push('10.9.0.0/16');
    });
    expect(errors(checkProtectedSegments(secondSegmentRange))).toHaveLength(1);
  });

  test('the neighbours on either side do not touch it (10.7.255.0/24, 10.9.0.0/24)', () => {
    expect(wouldReach(['10.7.255.0/24'])).toEqual([]);
    expect(wouldReach(['10.9.0.0/24'])).toEqual([]);
  });

  test('a carrier network is held to the same rule', () => {
    const profile = edited((p) => {
      reachNetwork(['10.8.0.0/15'])(p);
      p.closedMobileNetworks[0].reach.push('extra');
    });
    expect(errors(checkProtectedSegments(profile))).toEqual([
      expect.stringMatching(/^populations\[0\]\.reach\[2\]: lets population prefectural-staff reach extra/),
      expect.stringMatching(
        /^closedMobileNetworks\[0\]\.reach\[1\]: lets carrier network iij-private-gateway reach extra/,
      ),
    ]);
  });

  test('reaching the segment by name is one issue, not two', () => {
    const profile = edited((p) => p.populations[1].reach.push('my-number'));
    expect(errors(checkProtectedSegments(profile))).toEqual([
      'populations[1].reach[2]: lets population municipal-staff reach the protected segment my-number',
    ]);
  });
});

describe('address plan: overlaps in both directions, sizes at the limit', () => {
  const check = (edit: (p: MutableProfile) => void) => errors(checkAddresses(edited(edit)));

  test('the fixture has no errors', () => {
    expect(errors(checkAddresses(HYOGO))).toEqual([]);
  });

  test('a VPC inside a data-centre prefix, and a data-centre prefix inside a VPC', () => {
    expect(check((p) => (p.clouds.aws.regions[0].vpcCidr = '10.4.0.0/20'))).toEqual([
      expect.stringMatching(
        /^dataCentres\[0\]\.prefixes\[0\]: overlaps clouds\.aws\.regions\[0\]\.vpcCidr \(10\.4\.0\.0\/20, vpc\)/,
      ),
    ]);
    expect(check((p) => p.dataCentres[1].prefixes.push('10.128.4.0/24'))).toEqual([
      expect.stringMatching(
        /^dataCentres\[1\]\.prefixes\[1\]: overlaps clouds\.aws\.regions\[0\]\.vpcCidr \(10\.128\.0\.0\/20, vpc\)/,
      ),
    ]);
  });

  test('neighbouring ranges do not overlap', () => {
    expect(check((p) => (p.clouds.aws.regions[0].vpcCidr = '10.32.0.0/20'))).toEqual([]);
  });

  test('tier blocks: one inside another, either order, is refused', () => {
    expect(check((p) => (p.accessTiers[1].clientAddressBlock = '10.64.0.0/14'))).toEqual([
      'accessTiers[1].clientAddressBlock: overlaps accessTiers[0].clientAddressBlock (10.64.0.0/12)',
    ]);
    expect(check((p) => (p.accessTiers[0].clientAddressBlock = '10.80.0.0/14'))).toEqual([
      'accessTiers[1].clientAddressBlock: overlaps accessTiers[0].clientAddressBlock (10.80.0.0/14)',
    ]);
  });

  test('a tier block must lie wholly inside a client supernet (equal is inside)', () => {
    expect(check((p) => (p.accessTiers[0].clientAddressBlock = '10.64.0.0/10'))).toEqual(
      expect.not.arrayContaining([expect.stringContaining('outside every addressPlan.clientPoolSupernets')]),
    );
    // 10.0.0.0/9 holds the supernet 10.64.0.0/10 rather than lying inside it.
    expect(check((p) => (p.accessTiers[3].clientAddressBlock = '10.0.0.0/9'))).toContain(
      'accessTiers[3].clientAddressBlock: lies outside every addressPlan.clientPoolSupernets entry',
    );
  });

  test('a carrier pool holds its devices: 4,096 devices fit a /20, 4,097 do not', () => {
    expect(check((p) => (p.closedMobileNetworks[0].devices = 4096))).toEqual([]);
    expect(check((p) => (p.closedMobileNetworks[0].devices = 4097))).toEqual([
      'closedMobileNetworks[0].devicePool: holds 4096 addresses, fewer than the 4097 devices',
    ]);
  });

  test('1:1 translation needs a range of the same size, larger or smaller', () => {
    expect(check((p) => (p.closedMobileNetworks[0].translation.translatedRange = '10.15.240.0/21'))).toEqual([
      'closedMobileNetworks[0].translation.translatedRange: is a /21 but the device pool is a /20; static 1:1 translation needs equal sizes',
    ]);
    expect(
      check((p) => (p.closedMobileNetworks[0].translation.translatedRange = '10.15.224.0/19')),
    ).toHaveLength(1);
  });

  test('ExpressRoute peering links are /30: a /29 and a /31 are refused; primary and secondary apart', () => {
    const peering = (prefix: string) => (p: MutableProfile) =>
      (p.expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix = prefix);
    expect(check(peering('192.168.100.8/29'))).toEqual([
      'expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix: must be a /30 (ExpressRoute peering link subnet)',
      'expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix: overlaps the primary peer prefix',
    ]);
    expect(check(peering('192.168.100.12/31'))).toEqual([
      'expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix: must be a /30 (ExpressRoute peering link subnet)',
    ]);
    expect(check(peering('192.168.100.8/30'))).toEqual([
      'expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix: overlaps the primary peer prefix',
    ]);
  });

  test('a virtual hub needs a /24 or larger', () => {
    expect(check((p) => (p.clouds.azure.hubs[1].hubAddressPrefix = '10.130.2.0/24'))).toEqual([]);
    expect(check((p) => (p.clouds.azure.hubs[1].hubAddressPrefix = '10.130.2.0/25'))).toEqual([
      'clouds.azure.hubs[1].hubAddressPrefix: is smaller than the /24 a Virtual WAN hub needs',
    ]);
  });

  test('a named network must lie inside the ranges of its place, every range of it', () => {
    expect(
      check((p) =>
        p.addressPlan.networks
          .find((n: { name: string }) => n.name === 'prefectural-lan')
          .cidrs.push('10.24.0.0/16'),
      ),
    ).toEqual(['addressPlan.networks[0].cidrs[1]: is not inside the ranges of dc:dc-kobe (10.0.0.0/12)']);
  });
});

describe('data-centre links against what is built', () => {
  const errors = (edit: (p: MutableProfile) => void) =>
    checkDataCentreLinks(edited(edit))
      .filter((i) => i.severity === 'error')
      .map((i) => `${formatPath(i.path)}: ${i.message}`);
  const harimaEr = (p: MutableProfile) =>
    p.dataCentres[1].links.find((l: { name: string }) => l.name === 'harima-er-osaka');

  test('an ExpressRoute link may declare up to the circuits behind it, not one Mbps more', () => {
    expect(errors((p) => (harimaEr(p).bandwidthMbps = 10_000))).toEqual([]);
    expect(errors((p) => (harimaEr(p).bandwidthMbps = 10_001))).toEqual([
      'dataCentres[1].links[1].bandwidthMbps: declares more than the circuits from dc-harima to the japanwest hub carry (er-iij-osaka 10000 Mbps: 10000 Mbps in total)',
    ]);
    // A second circuit from the same data centre to the same hub counts; one elsewhere does not.
    const second = (p: MutableProfile, hubRegion: string) => {
      p.expressRoute.circuits.push({
        ...structuredClone(p.expressRoute.circuits[1]),
        name: 'er-iij-osaka-2',
        hubRegion,
      });
      harimaEr(p).bandwidthMbps = 20_000;
    };
    expect(errors((p) => second(p, 'japanwest'))).toEqual([]);
    expect(errors((p) => second(p, 'japaneast'))).toHaveLength(1);
  });
});
