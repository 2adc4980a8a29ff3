/**
 * Back-haul: whether the traffic of the users a scenario puts on each tier gets home. From
 * the steering's placement (connections per population per tier) and each population's reach
 * (its traffic split evenly over the networks it reaches, at target.averageMbpsPerUser), the
 * demand on every element between a tier's Region and each data centre: the Region's links
 * (Direct Connect / ExpressRoute preferred, site-to-site VPN otherwise), the prefectural
 * network between data centres, the hub's ExpressRoute and VPN gateways and its Azure
 * Firewall. Closed mobile network devices add their traffic at their landing place. Each
 * element is checked against the capacity the profile declares and the service's limit; a
 * short element comes with the size that would carry the demand.
 */
import type { Profile } from '../model/deployment-model';
import type { BackhaulCheck, Placement } from '../model/plan';
import { DIRECT_CONNECT_PORT_MBPS, SITE_TO_SITE_VPN_TUNNEL_MBPS } from '../quotas/aws-links';
import { AZURE_FIREWALL_TIERS, type AzureFirewallTier, azureFirewallTierFor } from '../quotas/azure-firewall';
import { S2S_MBPS_PER_SCALE_UNIT } from '../quotas/azure-virtual-wan';
import {
  EXPRESSROUTE_BANDWIDTHS_MBPS,
  EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS,
  EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT,
  EXPRESSROUTE_PROVIDER_MAX_MBPS,
} from '../quotas/expressroute';

type Link = Profile['dataCentres'][number]['links'][number];

interface Element {
  readonly name: string;
  readonly kind: BackhaulCheck['kind'];
  readonly from: string;
  readonly to: string;
  readonly capacityMbps: number;
  readonly fix: (demand: number) => string;
}

export interface ScenarioTraffic {
  readonly label: string;
  /** Places (`aws:<region>`, `azure:<region>`) the scenario removes. */
  readonly lostPlaces: ReadonlySet<string>;
  readonly placement: readonly Placement[];
}

const PRIMARY: ReadonlySet<string> = new Set(['direct-connect', 'expressroute']);

function nextStep(steps: readonly number[], demand: number): number | undefined {
  return steps.find((s) => s >= demand);
}

/** What `link` alone must carry for its parallel links to carry `demand`, the others as they are. */
function shortfall(link: Link, links: readonly Link[], demand: number): number {
  const others = links.filter((l) => l !== link).reduce((sum, l) => sum + l.bandwidthMbps, 0);
  return Math.max(0, demand - others);
}

function linkFix(link: Link, links: readonly Link[], demand: number): string {
  const need = shortfall(link, links, demand);
  switch (link.type) {
    case 'expressroute': {
      const size = nextLinkSize(link, need);
      return size
        ? `raise ${link.name} (and its circuit) to ${size} Mbps`
        : `${Math.ceil(need / EXPRESSROUTE_PROVIDER_MAX_MBPS)} circuits of ${EXPRESSROUTE_PROVIDER_MAX_MBPS} Mbps or ExpressRoute Direct for ${Math.ceil(need)} Mbps`;
    }
    case 'direct-connect': {
      const port = nextLinkSize(link, need);
      return `raise ${link.name} to a ${port ?? DIRECT_CONNECT_PORT_MBPS.value.at(-1)} Mbps Direct Connect port (${Math.ceil(need)} Mbps needed)`;
    }
    case 'site-to-site-vpn':
      return `${Math.ceil(need / SITE_TO_SITE_VPN_TUNNEL_MBPS.value)} VPN tunnels of ${SITE_TO_SITE_VPN_TUNNEL_MBPS.value} Mbps with ECMP on ${link.name} (${Math.ceil(need)} Mbps), or a Direct Connect / ExpressRoute link`;
    default:
      return `raise ${link.name} to ${Math.ceil(need / 1000) * 1000} Mbps`;
  }
}

/** The next size of a link's type that carries `need`, or undefined when its type has none that large. */
function nextLinkSize(link: Link, need: number): number | undefined {
  switch (link.type) {
    case 'expressroute':
      return nextStep(
        EXPRESSROUTE_BANDWIDTHS_MBPS.value.filter((b) => b <= EXPRESSROUTE_PROVIDER_MAX_MBPS),
        need,
      );
    case 'direct-connect':
      return nextStep(DIRECT_CONNECT_PORT_MBPS.value, need);
    default:
      return undefined;
  }
}

/**
 * The fix of a short element of parallel links (`link a + b`): raise the link whose next size
 * carries the demand, the others as they are, for the smallest increase (Kobe's 10 Gbps and
 * 1 Gbps circuits carrying 12 Gbps: the second to 2 Gbps, not more circuits beside the
 * first). When no link has a size that large, the first link's way past its type's limit.
 */
function linksFix(links: readonly Link[], demand: number): string {
  let best: { readonly link: Link; readonly increase: number } | undefined;
  for (const link of links) {
    const size = nextLinkSize(link, shortfall(link, links, demand));
    if (size === undefined) continue;
    const increase = size - link.bandwidthMbps;
    if (best === undefined || increase < best.increase) best = { link, increase };
  }
  return linkFix(best?.link ?? links[0]!, links, demand);
}

/** The links between a data centre and a cloud place that carry traffic (primary kinds win). */
function attachment(profile: Profile, dc: string, place: string): Link[] {
  const links = profile.dataCentres.find((d) => d.name === dc)?.links.filter((l) => l.to === place) ?? [];
  const primary = links.filter((l) => PRIMARY.has(l.type));
  return primary.length > 0 ? primary : links;
}

function interDcLinks(profile: Profile, a: string, b: string): Link[] {
  return profile.dataCentres.flatMap((dc) =>
    dc.links.filter(
      (l) =>
        l.type === 'prefectural-network-vpn' &&
        ((dc.name === a && l.to === `dc:${b}`) || (dc.name === b && l.to === `dc:${a}`)),
    ),
  );
}

export interface BackhaulResult {
  readonly checks: BackhaulCheck[];
  /** Azure Firewall tier per hub region: the cheapest that carries the hub's worst scenario. */
  readonly firewallTiers: Map<string, AzureFirewallTier>;
}

export function checkBackhaul(
  profile: Profile,
  tierPlaces: ReadonlyMap<string, string>,
  scenarios: readonly ScenarioTraffic[],
): BackhaulResult {
  const mbps = profile.target.averageMbpsPerUser;
  const networks = new Map(profile.addressPlan.networks.map((n) => [n.name, n]));
  const reachOf = new Map(profile.populations.map((p) => [p.name, p.reach]));
  const perScenario: { label: string; demand: Map<string, { element: Element; mbps: number }> }[] = [];
  const hubWorst = new Map<string, number>();

  for (const scenario of scenarios) {
    const demand = new Map<string, { element: Element; mbps: number }>();
    const add = (element: Element, value: number) => {
      const entry = demand.get(element.name) ?? { element, mbps: 0 };
      entry.mbps += value;
      demand.set(element.name, entry);
    };
    const flows: { place: string; reach: readonly string[]; mbps: number }[] = [];
    for (const p of scenario.placement) {
      const place = tierPlaces.get(p.tierId);
      if (place) flows.push({ place, reach: reachOf.get(p.population) ?? [], mbps: p.connections * mbps });
    }
    for (const carrier of profile.closedMobileNetworks) {
      if (carrier.landing.at.startsWith('dc:') || scenario.lostPlaces.has(carrier.landing.at)) continue;
      flows.push({ place: carrier.landing.at, reach: carrier.reach, mbps: carrier.devices * mbps });
    }
    for (const flow of flows) {
      const share = flow.mbps / Math.max(1, flow.reach.length);
      const [provider, region] = flow.place.split(':') as [string, string];
      if (provider === 'azure') {
        const hubTotal = (hubWorst.get(`${scenario.label}|${region}`) ?? 0) + flow.mbps;
        hubWorst.set(`${scenario.label}|${region}`, hubTotal);
      }
      for (const name of flow.reach) {
        const at = networks.get(name)?.at;
        if (!at?.startsWith('dc:')) continue;
        routeInto(profile, flow.place, at.slice(3), scenario.lostPlaces).forEach((e) => add(e, share));
      }
    }
    perScenario.push({ label: scenario.label, demand });
  }

  // Firewall and gateways of each hub, sized from the hub's worst scenario.
  const firewallTiers = new Map<string, AzureFirewallTier>();
  for (const hub of profile.clouds.azure?.hubs ?? []) {
    let worst = 0;
    for (const s of scenarios) worst = Math.max(worst, hubWorst.get(`${s.label}|${hub.region}`) ?? 0);
    firewallTiers.set(hub.region, azureFirewallTierFor(worst) ?? 'Premium');
  }
  const checks: BackhaulCheck[] = [];
  for (const { label, demand } of perScenario) {
    for (const { element, mbps: value } of demand.values()) {
      if (value <= 0) continue;
      checks.push(toCheck(label, element, value));
    }
    for (const hub of profile.clouds.azure?.hubs ?? []) {
      const value = hubWorst.get(`${label}|${hub.region}`) ?? 0;
      if (value <= 0) continue;
      const tier = firewallTiers.get(hub.region)!;
      const capacity = AZURE_FIREWALL_TIERS[tier].maxThroughputMbps.value;
      checks.push(
        toCheck(
          label,
          {
            name: `Azure Firewall ${hub.region}`,
            kind: 'firewall',
            from: `azure:${hub.region}`,
            to: 'hub',
            capacityMbps: capacity,
            fix: (d) =>
              azureFirewallTierFor(d)
                ? `use Azure Firewall ${azureFirewallTierFor(d)}`
                : `more than one firewall can carry (${Math.ceil(d)} Mbps): spread the users over more hubs`,
          },
          value,
        ),
      );
    }
  }
  return { checks, firewallTiers };
}

function toCheck(scenario: string, element: Element, demand: number): BackhaulCheck {
  const rounded = Math.ceil(demand);
  const short = rounded > element.capacityMbps;
  return {
    scenario,
    element: element.name,
    kind: element.kind,
    from: element.from,
    to: element.to,
    demandMbps: rounded,
    capacityMbps: element.capacityMbps,
    verdict: short ? 'short' : 'sufficient',
    ...(short ? { fix: element.fix(rounded) } : {}),
  };
}

/** The elements traffic crosses from a cloud place to a data centre, or none when unreachable. */
function routeInto(profile: Profile, place: string, dc: string, lost: ReadonlySet<string>): Element[] {
  const starts: string[] = [place];
  if (place.startsWith('azure:')) {
    // Virtual WAN hubs are meshed: traffic may leave through another hub's links.
    for (const hub of profile.clouds.azure?.hubs ?? []) {
      const other = `azure:${hub.region}`;
      if (other !== place && !lost.has(other)) starts.push(other);
    }
  }
  // Own links first, then own links and the prefectural network, then another hub's.
  for (const via of starts) {
    const direct = attachment(profile, dc, via);
    if (direct.length > 0) return [...hopElements(profile, via, dc, direct)];
    for (const attached of profile.dataCentres) {
      const first = attachment(profile, attached.name, via);
      const onward = interDcLinks(profile, attached.name, dc);
      if (first.length > 0 && onward.length > 0) {
        return [
          ...hopElements(profile, via, attached.name, first),
          linkElement(onward, `dc:${attached.name}`, `dc:${dc}`),
        ];
      }
    }
  }
  return [];
}

function linkElement(links: readonly Link[], from: string, to: string): Element {
  return {
    name: `link ${links.map((l) => l.name).join(' + ')}`,
    kind: 'link',
    from,
    to,
    capacityMbps: links.reduce((sum, l) => sum + l.bandwidthMbps, 0),
    fix: (d) => linksFix(links, d),
  };
}

function hopElements(profile: Profile, place: string, dc: string, links: readonly Link[]): Element[] {
  const elements = [linkElement(links, place, `dc:${dc}`)];
  if (!place.startsWith('azure:')) return elements;
  const region = place.slice('azure:'.length);
  if (links.some((l) => l.type === 'expressroute')) {
    const circuits = profile.expressRoute.circuits.filter((c) => c.hubRegion === region);
    const total = circuits.reduce((sum, c) => sum + c.bandwidthMbps, 0);
    const units = Math.min(
      EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS,
      Math.max(1, Math.ceil(total / EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value)),
    );
    elements.push({
      name: `ExpressRoute gateway ${region}`,
      kind: 'gateway',
      from: place,
      to: 'circuits',
      capacityMbps: units * EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value,
      fix: (d) => {
        const need = Math.ceil(d / EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value);
        return need <= EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS
          ? `${need} ExpressRoute gateway scale units (circuits of ${need * EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value} Mbps in total)`
          : `more than one hub gateway carries (${EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS * EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value} Mbps): move users to another hub or Region`;
      },
    });
  } else {
    const units = profile.clouds.azure?.siteToSite.scaleUnit ?? 1;
    elements.push({
      name: `site-to-site VPN gateway ${region}`,
      kind: 'gateway',
      from: place,
      to: 'VPN sites',
      capacityMbps: units * S2S_MBPS_PER_SCALE_UNIT.value,
      fix: (d) => `clouds.azure.siteToSite.scaleUnit: ${Math.ceil(d / S2S_MBPS_PER_SCALE_UNIT.value)}`,
    });
  }
  return elements;
}

/** A short back-haul element across scenarios: its worst scenario and in how many it is short. */
export interface ShortPath {
  /** The check of the scenario with the largest shortfall (the first such in scenario order). */
  readonly worst: BackhaulCheck;
  /** Scenarios in which the element is short (at least 1). */
  readonly scenarios: number;
}

/**
 * One entry per short element, in the order each was first found short: a path short in
 * every scenario is one finding with its worst case and its count, not one per scenario.
 */
export function shortPaths(checks: readonly BackhaulCheck[]): ShortPath[] {
  const byElement = new Map<string, { worst: BackhaulCheck; scenarios: number }>();
  for (const c of checks) {
    if (c.verdict !== 'short') continue;
    const seen = byElement.get(c.element);
    if (!seen) {
      byElement.set(c.element, { worst: c, scenarios: 1 });
      continue;
    }
    seen.scenarios++;
    if (c.demandMbps - c.capacityMbps > seen.worst.demandMbps - seen.worst.capacityMbps) seen.worst = c;
  }
  return [...byElement.values()];
}
