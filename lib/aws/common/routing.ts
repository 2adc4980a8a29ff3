/** What the access VPC routes to the Transit Gateway, from the profile alone. */
import { contains, parseCidr } from '../../net/cidr';
import type { Profile } from '../../profile/schema';
import { reachableCidrs } from '../remote-access/access-policy';

/** Reachable networks, plus each on-premises DNS server not already inside one (as a /32). */
export function routedCidrs(profile: Profile): string[] {
  const reach = reachableCidrs(profile);
  const dns = profile.identity.domain.dnsServers
    .map((ip) => `${ip}/32`)
    .filter((host) => !reach.some((cidr) => contains(parseCidr(cidr), parseCidr(host))));
  return [...new Set([...reach, ...dns])];
}
