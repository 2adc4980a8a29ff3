/**
 * Rule: the address plan holds together. Client pools, cloud ranges, on-premises prefixes
 * and carrier pools must not overlap where traffic would be ambiguous; named networks lie
 * inside the ranges of the place they are at; carrier pools hold their devices and
 * translate 1:1.
 */
import {
  addressCount,
  type Cidr,
  contains,
  isPrivateOrShared,
  isRfc1918,
  overlaps,
  parseCidr,
} from '../../net/cidr';
import { type IssuePath, issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

type RangeKind = 'client' | 'vpc' | 'hub' | 'azure-vnet' | 'on-premises' | 'device-pool' | 'translated';

interface LabelledRange {
  readonly kind: RangeKind;
  readonly cidr: Cidr;
  readonly path: IssuePath;
  /** Allowed to overlap on-premises prefixes (a device pool that is translated away). */
  readonly mayOverlapOnPremises?: boolean;
  /** Allowed to lie inside on-premises prefixes (a prefecture-local translated range). */
  readonly mayNestInOnPremises?: boolean;
}

function label(path: IssuePath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Every range that must keep apart from the others, with its path. */
function collectRanges(profile: Profile): LabelledRange[] {
  const ranges: LabelledRange[] = [];
  profile.addressPlan.clientPoolSupernets.forEach((c, i) =>
    ranges.push({ kind: 'client', cidr: parseCidr(c), path: ['addressPlan', 'clientPoolSupernets', i] }),
  );
  profile.clouds.aws?.regions.forEach((r, i) =>
    ranges.push({
      kind: 'vpc',
      cidr: parseCidr(r.vpcCidr),
      path: ['clouds', 'aws', 'regions', i, 'vpcCidr'],
    }),
  );
  profile.clouds.azure?.hubs.forEach((h, i) =>
    ranges.push({
      kind: 'hub',
      cidr: parseCidr(h.hubAddressPrefix),
      path: ['clouds', 'azure', 'hubs', i, 'hubAddressPrefix'],
    }),
  );
  profile.dataCentres.forEach((dc, d) =>
    dc.prefixes.forEach((p, i) =>
      ranges.push({ kind: 'on-premises', cidr: parseCidr(p), path: ['dataCentres', d, 'prefixes', i] }),
    ),
  );
  profile.closedMobileNetworks.forEach((c, i) => {
    ranges.push({
      kind: 'device-pool',
      cidr: parseCidr(c.devicePool),
      path: ['closedMobileNetworks', i, 'devicePool'],
      mayOverlapOnPremises: c.translation !== undefined,
    });
    if (c.translation) {
      ranges.push({
        kind: 'translated',
        cidr: parseCidr(c.translation.translatedRange),
        path: ['closedMobileNetworks', i, 'translation', 'translatedRange'],
        mayNestInOnPremises: true,
      });
    }
  });
  const eds = profile.identity.entraDomainServices;
  if (eds) {
    ranges.push({
      kind: 'azure-vnet',
      cidr: parseCidr(eds.virtualNetworkCidr),
      path: ['identity', 'entraDomainServices', 'virtualNetworkCidr'],
    });
  }
  return ranges;
}

function overlapAllowed(a: LabelledRange, b: LabelledRange): boolean {
  const pair = (x: LabelledRange, y: LabelledRange) => {
    if (y.kind !== 'on-premises') return false;
    if (x.mayOverlapOnPremises) return true;
    return x.mayNestInOnPremises === true && contains(y.cidr, x.cidr);
  };
  return pair(a, b) || pair(b, a);
}

function checkOverlaps(ranges: readonly LabelledRange[]): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (!overlaps(a.cidr, b.cidr) || overlapAllowed(a, b)) continue;
      // Either order: device pools are collected after the data centres' prefixes.
      const kinds = new Set([a.kind, b.kind]);
      const hint =
        kinds.has('on-premises') && kinds.has('device-pool')
          ? 'pick a carrier pool that does not collide, or translate it (closedMobileNetworks[].translation)'
          : 'move one of the two ranges so they do not overlap';
      found.push(issue(b.path, `overlaps ${label(a.path)} (${a.cidr.text}, ${a.kind})`, b.cidr.text, hint));
    }
  }
  return found;
}

function checkTierBlocks(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const supernets = profile.addressPlan.clientPoolSupernets.map(parseCidr);
  const blocks = profile.accessTiers.map((t) => parseCidr(t.clientAddressBlock));
  profile.accessTiers.forEach((tier, i) => {
    const block = blocks[i]!;
    const path = ['accessTiers', i, 'clientAddressBlock'];
    if (!supernets.some((s) => contains(s, block))) {
      found.push(
        issue(
          path,
          'lies outside every addressPlan.clientPoolSupernets entry',
          tier.clientAddressBlock,
          `use a block inside ${profile.addressPlan.clientPoolSupernets.join(' or ')}`,
        ),
      );
    }
    for (let j = 0; j < i; j++) {
      if (overlaps(blocks[j]!, block)) {
        found.push(
          issue(
            path,
            `overlaps accessTiers[${j}].clientAddressBlock (${blocks[j]!.text})`,
            tier.clientAddressBlock,
            'give each tier its own block',
          ),
        );
      }
    }
    if (tier.provider === 'azure' && !isRfc1918(block)) {
      found.push(
        issue(
          path,
          'is not RFC 1918 space, which Virtual WAN client address pools should use',
          tier.clientAddressBlock,
          'use a block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
          'warning',
        ),
      );
    }
  });
  profile.addressPlan.clientPoolSupernets.forEach((c, i) => {
    if (!isPrivateOrShared(parseCidr(c))) {
      found.push(
        issue(
          ['addressPlan', 'clientPoolSupernets', i],
          'is public address space',
          c,
          'use RFC 1918 (10/8, 172.16/12, 192.168/16) space for client pools',
        ),
      );
    }
  });
  return found;
}

function checkNetworksInPlace(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const placeRanges = new Map<string, Cidr[]>();
  profile.dataCentres.forEach((dc) => placeRanges.set(`dc:${dc.name}`, dc.prefixes.map(parseCidr)));
  profile.clouds.aws?.regions.forEach((r) => placeRanges.set(`aws:${r.region}`, [parseCidr(r.vpcCidr)]));
  profile.addressPlan.networks.forEach((n, i) => {
    const ranges = placeRanges.get(n.at);
    if (!ranges) return; // unknown or Azure spoke place: reported elsewhere or not checkable
    n.cidrs.forEach((c, k) => {
      if (!ranges.some((r) => contains(r, parseCidr(c)))) {
        found.push(
          issue(
            ['addressPlan', 'networks', i, 'cidrs', k],
            `is not inside the ranges of ${n.at} (${ranges.map((r) => r.text).join(', ')})`,
            c,
            `move the network to the place that routes it, or add the prefix to ${n.at}`,
          ),
        );
      }
    });
  });
  return found;
}

function checkCarrierPools(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  profile.closedMobileNetworks.forEach((c, i) => {
    const pool = parseCidr(c.devicePool);
    if (addressCount(pool) < BigInt(c.devices)) {
      found.push(
        issue(
          ['closedMobileNetworks', i, 'devicePool'],
          `holds ${addressCount(pool)} addresses, fewer than the ${c.devices} devices`,
          c.devicePool,
          'ask the carrier for a larger pool or lower the device count',
        ),
      );
    }
    if (c.translation) {
      const translated = parseCidr(c.translation.translatedRange);
      if (translated.prefixLength !== pool.prefixLength) {
        found.push(
          issue(
            ['closedMobileNetworks', i, 'translation', 'translatedRange'],
            `is a /${translated.prefixLength} but the device pool is a /${pool.prefixLength}; static 1:1 translation needs equal sizes`,
            c.translation.translatedRange,
            `use a /${pool.prefixLength}`,
          ),
        );
      }
    }
  });
  return found;
}

function checkPeeringPrefixes(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  profile.expressRoute.circuits.forEach((c, i) => {
    for (const peering of ['privatePeering', 'microsoftPeering'] as const) {
      const p = c[peering];
      if (!p) continue;
      for (const field of ['primaryPeerAddressPrefix', 'secondaryPeerAddressPrefix'] as const) {
        if (parseCidr(p[field]).prefixLength !== 30) {
          found.push(
            issue(
              ['expressRoute', 'circuits', i, peering, field],
              'must be a /30 (ExpressRoute peering link subnet)',
              p[field],
              'use a /30 such as 192.168.100.0/30',
            ),
          );
        }
      }
      if (overlaps(parseCidr(p.primaryPeerAddressPrefix), parseCidr(p.secondaryPeerAddressPrefix))) {
        found.push(
          issue(
            ['expressRoute', 'circuits', i, peering, 'secondaryPeerAddressPrefix'],
            'overlaps the primary peer prefix',
            p.secondaryPeerAddressPrefix,
            'use a separate /30 for the secondary link',
          ),
        );
      }
    }
  });
  profile.clouds.azure?.hubs.forEach((h, i) => {
    if (parseCidr(h.hubAddressPrefix).prefixLength > 24) {
      found.push(
        issue(
          ['clouds', 'azure', 'hubs', i, 'hubAddressPrefix'],
          'is smaller than the /24 a Virtual WAN hub needs',
          h.hubAddressPrefix,
          'use a /23 (recommended) or /24',
        ),
      );
    }
  });
  return found;
}

function checkDomainServicesSubnet(profile: Profile): ProfileIssue[] {
  const eds = profile.identity.entraDomainServices;
  if (!eds || contains(parseCidr(eds.virtualNetworkCidr), parseCidr(eds.subnetPrefix))) return [];
  return [
    issue(
      ['identity', 'entraDomainServices', 'subnetPrefix'],
      `is not inside virtualNetworkCidr (${eds.virtualNetworkCidr})`,
      eds.subnetPrefix,
      'pick a subnet of the virtual network, for example its first /26',
    ),
  ];
}

export function checkAddresses(profile: Profile): ProfileIssue[] {
  return [
    ...checkOverlaps(collectRanges(profile)),
    ...checkDomainServicesSubnet(profile),
    ...checkTierBlocks(profile),
    ...checkNetworksInPlace(profile),
    ...checkCarrierPools(profile),
    ...checkPeeringPrefixes(profile),
  ];
}
