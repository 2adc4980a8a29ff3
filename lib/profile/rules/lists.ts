/**
 * Rule: lists of values (CIDRs, network names, servers) name each value once. A repeated
 * value means nothing more to the network, but the stacks key resources by it (an
 * authorization rule per population and CIDR, a route per CIDR), so it would collide.
 */
import { type IssuePath, issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

function repeated(values: readonly (string | number)[], path: IssuePath, what: string): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  values.forEach((value, index) => {
    const first = values.indexOf(value);
    if (first !== index) {
      found.push(
        issue([...path, index], `repeats the ${what} at index ${first}`, value, `list each ${what} once`),
      );
    }
  });
  return found;
}

/** The same CIDR in two networks is one destination with two names. */
function sharedNetworkCidrs(profile: Profile): ProfileIssue[] {
  const owner = new Map<string, string>();
  const found: ProfileIssue[] = [];
  profile.addressPlan.networks.forEach((n, i) =>
    new Set(n.cidrs).forEach((c) => {
      const first = owner.get(c);
      if (first === undefined) owner.set(c, n.name);
      else {
        found.push(
          issue(
            ['addressPlan', 'networks', i, 'cidrs', n.cidrs.indexOf(c)],
            `is also a CIDR of network ${first}`,
            c,
            'give each network its own ranges (or merge the two networks)',
          ),
        );
      }
    }),
  );
  return found;
}

export function checkRepeatedValues(profile: Profile): ProfileIssue[] {
  return [
    ...repeated(profile.addressPlan.clientPoolSupernets, ['addressPlan', 'clientPoolSupernets'], 'supernet'),
    ...profile.addressPlan.networks.flatMap((n, i) =>
      repeated(n.cidrs, ['addressPlan', 'networks', i, 'cidrs'], 'CIDR'),
    ),
    ...sharedNetworkCidrs(profile),
    ...profile.dataCentres.flatMap((dc, d) =>
      repeated(dc.prefixes, ['dataCentres', d, 'prefixes'], 'prefix'),
    ),
    ...profile.populations.flatMap((p, i) => repeated(p.reach, ['populations', i, 'reach'], 'network')),
    ...profile.closedMobileNetworks.flatMap((c, i) =>
      repeated(c.reach, ['closedMobileNetworks', i, 'reach'], 'network'),
    ),
    ...repeated(profile.identity.domain.dnsServers, ['identity', 'domain', 'dnsServers'], 'DNS server'),
    // One SNS e-mail subscription per address (lib/aws/remote-access/monitoring.ts).
    ...repeated(
      profile.operations.alarmRecipients.emails,
      ['operations', 'alarmRecipients', 'emails'],
      'address',
    ),
    ...profile.dataCentres.flatMap((dc, d) =>
      repeated(
        dc.vpnDevices.map((v) => v.publicIp),
        ['dataCentres', d, 'vpnDevices'],
        'device public IP',
      ),
    ),
    ...profile.expressRoute.circuits.flatMap((c, i) =>
      c.microsoftPeering
        ? [
            ...repeated(
              c.microsoftPeering.advertisedPublicPrefixes,
              ['expressRoute', 'circuits', i, 'microsoftPeering', 'advertisedPublicPrefixes'],
              'prefix',
            ),
            ...repeated(
              c.microsoftPeering.communities,
              ['expressRoute', 'circuits', i, 'microsoftPeering', 'communities'],
              'community',
            ),
          ]
        : [],
    ),
  ];
}
