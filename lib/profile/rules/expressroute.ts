/**
 * Rule: ExpressRoute circuits follow Microsoft's constraints (LIMITS.md, "ExpressRoute").
 * Microsoft 365 over Microsoft peering needs Premium and Microsoft's authorization, and
 * Microsoft recommends against it except in rare cases: refused without Premium, warned
 * with it. Global Reach needs circuits at different peering locations and a /29 for the link.
 */
import { parseCidr } from '../../net/cidr';
import { EXPRESSROUTE_CIRCUITS_PER_HUB } from '../../quotas/expressroute';
import { EXPRESSROUTE_PROVIDERS_JAPAN, expressRouteProviderOffer } from '../../quotas/expressroute-providers';
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

const M365_COMMUNITIES = new Set(['exchange-online', 'sharepoint-online', 'skype-teams', 'other-office365']);

export function checkExpressRoute(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const circuits = profile.expressRoute.circuits;
  // Provider offers (lib/quotas/expressroute-providers.ts): a circuit the provider cannot
  // provision at that location or speed would sit unprovisioned after stage 1.
  circuits.forEach((c, i) => {
    const offer = expressRouteProviderOffer(c.serviceProvider);
    const path = ['expressRoute', 'circuits', i];
    if (!offer) {
      found.push(
        issue(
          [...path, 'serviceProvider'],
          `is not an ExpressRoute provider Tsunagi knows in Japan (${EXPRESSROUTE_PROVIDERS_JAPAN.source})`,
          c.serviceProvider,
          `use one of ${EXPRESSROUTE_PROVIDERS_JAPAN.value.map((p) => p.serviceProviderName).join(', ')}, or add the provider's offer to lib/quotas/expressroute-providers.ts with its source`,
        ),
      );
      return;
    }
    if (!offer.peeringLocations.includes(c.peeringLocation)) {
      found.push(
        issue(
          [...path, 'peeringLocation'],
          `is not offered by ${offer.serviceProviderName}, which connects at ${offer.peeringLocations.join(', ')} (${EXPRESSROUTE_PROVIDERS_JAPAN.source})`,
          c.peeringLocation,
          `choose one of ${offer.peeringLocations.join(', ')} or another provider`,
        ),
      );
    }
    if (!offer.bandwidthsMbps.includes(c.bandwidthMbps)) {
      found.push(
        issue(
          [...path, 'bandwidthMbps'],
          `is not a bandwidth ${offer.serviceProviderName} sells`,
          c.bandwidthMbps,
          `choose one of ${offer.bandwidthsMbps.join(', ')} Mbps`,
        ),
      );
    }
  });
  circuits.forEach((c, i) => {
    const m365 =
      c.microsoftPeering?.communities.some((community) => M365_COMMUNITIES.has(community)) ?? false;
    if (c.sku.tier === 'Premium' && !m365) {
      found.push(
        issue(
          ['expressRoute', 'circuits', i, 'sku', 'tier'],
          'is Premium, but the circuit carries nothing that needs Premium (no Microsoft 365 over Microsoft peering; both hubs are in Japan), so Tsunagi deploys it as Standard',
          c.sku.tier,
          'set sku.tier to Standard',
          'warning',
        ),
      );
    }
  });
  circuits.forEach((c, i) => {
    const ms = c.microsoftPeering;
    if (!ms) return;
    const m365 = ms.communities.some((community) => M365_COMMUNITIES.has(community));
    if (!m365) return;
    if (c.sku.tier !== 'Premium') {
      found.push(
        issue(
          ['expressRoute', 'circuits', i, 'sku', 'tier'],
          'must be Premium: Microsoft 365 over Microsoft peering needs the Premium add-on',
          c.sku.tier,
          'set sku.tier to Premium (after Microsoft authorizes the subscription) or drop the Microsoft 365 communities',
        ),
      );
    } else {
      found.push(
        issue(
          ['expressRoute', 'circuits', i, 'microsoftPeering'],
          'routes Microsoft 365 over ExpressRoute, which Microsoft advises against except in rare cases and which needs the Premium add-on (present) and Microsoft\u2019s authorization',
          ms.communities,
          'prefer internet breakout of the Microsoft 365 Optimize ranges; keep this only with Microsoft\u2019s written authorization',
          'warning',
        ),
      );
    }
  });
  profile.expressRoute.globalReach.forEach((g, i) => {
    if (g.addressPrefix === undefined) {
      found.push(
        issue(
          ['expressRoute', 'globalReach', i, 'addressPrefix'],
          'is required: Azure links the two circuits over a /29 of your choosing (Global Reach address_prefix_ipv4)',
          undefined,
          'add an unused /29, for example 192.168.100.32/29, that overlaps no other range',
        ),
      );
    } else if (parseCidr(g.addressPrefix).prefixLength !== 29) {
      found.push(
        issue(
          ['expressRoute', 'globalReach', i, 'addressPrefix'],
          'must be a /29 (Global Reach)',
          g.addressPrefix,
          'use a /29 such as 192.168.100.32/29',
        ),
      );
    }
    const [a, b] = g.circuits.map((name) => circuits.find((c) => c.name === name));
    if (a && b && a.peeringLocation === b.peeringLocation) {
      found.push(
        issue(
          ['expressRoute', 'globalReach', i, 'circuits'],
          `links two circuits at the same peering location (${a.peeringLocation}); Global Reach needs different locations`,
          g.circuits,
          'pair circuits at different peering locations',
        ),
      );
    }
  });
  const perHub = new Map<string, number>();
  circuits.forEach((c) => perHub.set(c.hubRegion, (perHub.get(c.hubRegion) ?? 0) + 1));
  for (const [hub, count] of perHub) {
    if (count > EXPRESSROUTE_CIRCUITS_PER_HUB.value) {
      found.push(
        issue(
          ['expressRoute', 'circuits'],
          `connects ${count} circuits to the ${hub} hub (limit ${EXPRESSROUTE_CIRCUITS_PER_HUB.value})`,
          count,
          'spread circuits over more hubs',
        ),
      );
    }
  }
  return found;
}
