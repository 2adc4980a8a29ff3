/**
 * Rule: no named network lies in Microsoft 365's Optimize ranges. Both clouds' split tunnels
 * send those ranges straight to the internet (Microsoft's advice for remote work, LIMITS.md
 * "ExpressRoute"), and AWS authorization rules refuse them (lib/aws/remote-access/access-policy.ts),
 * so a network there could never be reached through the VPN.
 */
import { overlaps, parseCidr } from '../../net/cidr';
import { MICROSOFT365_OPTIMIZE_IPV4 } from '../../quotas/microsoft365-optimize';
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

export function checkMicrosoft365Ranges(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const optimize = MICROSOFT365_OPTIMIZE_IPV4.value.map((r) => parseCidr(r.cidr));
  profile.addressPlan.networks.forEach((n, i) =>
    n.cidrs.forEach((c, k) => {
      const hit = optimize.find((o) => overlaps(o, parseCidr(c)));
      if (hit) {
        found.push(
          issue(
            ['addressPlan', 'networks', i, 'cidrs', k],
            `overlaps the Microsoft 365 Optimize range ${hit.text} (lib/quotas/microsoft365-optimize.ts), which the split tunnel sends straight to the internet, so remote users could never reach ${n.name} through the VPN`,
            c,
            `use the network's real (private) range; ${hit.text} belongs to Microsoft`,
          ),
        );
      }
    }),
  );
  return found;
}
