/**
 * Rule: no remote user or carrier device can reach a protected segment (for example the
 * My Number business segment), by name or through a network whose range covers it.
 */
import { overlaps, parseCidr } from '../../net/cidr';
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

export function checkProtectedSegments(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const networks = new Map(profile.addressPlan.networks.map((n) => [n.name, n]));
  const protectedNets = profile.addressPlan.networks.filter((n) => n.protected);

  const checkReach = (reach: readonly string[], pathOf: (r: number) => (string | number)[], who: string) =>
    reach.forEach((name, r) => {
      const target = networks.get(name);
      if (!target) return; // unknown reference, reported by the references rule
      if (target.protected) {
        found.push(
          issue(
            pathOf(r),
            `lets ${who} reach the protected segment ${name}`,
            name,
            `remove ${name}: protected segments are never reachable from remote access`,
          ),
        );
        return;
      }
      for (const guarded of protectedNets) {
        const hit = target.cidrs.find((c) => guarded.cidrs.some((g) => overlaps(parseCidr(c), parseCidr(g))));
        if (hit) {
          found.push(
            issue(
              pathOf(r),
              `lets ${who} reach ${name} (${hit}), whose range covers the protected segment ${guarded.name} (${guarded.cidrs.join(', ')})`,
              name,
              `split ${name} so that its ranges exclude ${guarded.name}`,
            ),
          );
        }
      }
    });

  profile.populations.forEach((p, i) =>
    checkReach(p.reach, (r) => ['populations', i, 'reach', r], `population ${p.name}`),
  );
  profile.closedMobileNetworks.forEach((c, i) =>
    checkReach(c.reach, (r) => ['closedMobileNetworks', i, 'reach', r], `carrier network ${c.name}`),
  );
  return found;
}
