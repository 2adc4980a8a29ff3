/**
 * Rule: each dataCentres[].links entry is one the stacks build, or the validator says what
 * happens instead. AWS builds a Site-to-Site VPN per link and VPN device, and Direct Connect
 * from directConnect.connections (stacks/aws/links-stack.ts). Azure reads no link: it
 * connects every VPN device of every data centre to every hub and builds ExpressRoute only
 * from expressRoute.circuits (lib/azure/site-links.ts, lib/azure/expressroute.ts).
 */
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

type LinkType = Profile['dataCentres'][number]['links'][number]['type'];

/** Where each link type can go. */
const LINK_PLACES: Record<LinkType, readonly string[]> = {
  'site-to-site-vpn': ['aws', 'azure'],
  'direct-connect': ['aws'],
  expressroute: ['azure'],
  'prefectural-network-vpn': ['aws', 'azure', 'dc'],
};

export function checkDataCentreLinks(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const hubs = (profile.clouds.azure?.hubs ?? []).map((h) => h.region);
  profile.dataCentres.forEach((dc, d) => {
    dc.links.forEach((link, l) => {
      const path = ['dataCentres', d, 'links', l];
      const [kind, where] = link.to.split(':') as [string, string];
      if (!LINK_PLACES[link.type].includes(kind)) {
        found.push(
          issue(
            [...path, 'to'],
            `cannot be the end of a link of type ${link.type} (it goes to ${LINK_PLACES[link.type].map((k) => `${k}:...`).join(' or ')})`,
            link.to,
            'change the link type or its destination so they agree',
          ),
        );
        return;
      }
      if (link.type === 'prefectural-network-vpn') {
        found.push(
          issue(
            path,
            'is documentation only: neither cloud builds a prefectural-network VPN (it is the prefecture\u2019s own network)',
            link.name,
            'keep it as a record, or remove it',
            'warning',
          ),
        );
        return;
      }
      if (link.type === 'site-to-site-vpn' && dc.vpnDevices.length === 0) {
        found.push(
          issue(
            path,
            `builds nothing: a Site-to-Site VPN needs the data centre's VPN devices, and ${dc.name} lists none`,
            link.name,
            `add dataCentres[${d}].vpnDevices (name and public IP of each device), or remove the link`,
            'warning',
          ),
        );
      }
      if (link.type === 'direct-connect') {
        const connections = (profile.directConnect?.connections ?? []).filter(
          (c) => c.dataCentre === dc.name,
        );
        if (connections.length === 0) {
          found.push(
            issue(
              path,
              `builds nothing: Direct Connect is built from directConnect.connections, and none is at ${dc.name}`,
              link.name,
              `add the connection under directConnect.connections with dataCentre ${dc.name}, or remove the link`,
              'warning',
            ),
          );
        }
      }
      if (link.type === 'expressroute') {
        const circuits = profile.expressRoute.circuits.filter(
          (c) => c.dataCentre === dc.name && c.hubRegion === where,
        );
        const built = circuits.reduce((sum, c) => sum + c.bandwidthMbps, 0);
        // The back-haul check trusts the link's bandwidth; it must not exceed what is built.
        if (circuits.length > 0 && link.bandwidthMbps > built) {
          found.push(
            issue(
              [...path, 'bandwidthMbps'],
              `declares more than the circuits from ${dc.name} to the ${where} hub carry (${circuits.map((c) => `${c.name} ${c.bandwidthMbps} Mbps`).join(', ')}: ${built} Mbps in total)`,
              link.bandwidthMbps,
              `lower it to ${built}, or add a circuit with dataCentre ${dc.name} and hubRegion ${where}`,
            ),
          );
        }
        if (circuits.length === 0) {
          found.push(
            issue(
              path,
              `builds nothing: Azure builds ExpressRoute only from expressRoute.circuits, and no circuit connects ${dc.name} to the ${where} hub`,
              link.name,
              `add a circuit with dataCentre ${dc.name} and hubRegion ${where}, or remove the link`,
              'warning',
            ),
          );
        }
      }
    });
    // Azure connects every VPN device to every hub, whatever the links say.
    if (dc.vpnDevices.length > 0) {
      const named = new Set(
        dc.links
          .filter((l) => l.type === 'site-to-site-vpn' && l.to.startsWith('azure:'))
          .map((l) => l.to.slice(6)),
      );
      const unnamed = hubs.filter((h) => !named.has(h));
      if (unnamed.length > 0) {
        found.push(
          issue(
            ['dataCentres', d, 'vpnDevices'],
            `are connected by Azure to every hub, including ${unnamed.join(', ')}, which no site-to-site-vpn link of ${dc.name} names (Azure builds data-centre VPNs from the devices, not from links)`,
            dc.vpnDevices.map((v) => v.name),
            `add site-to-site-vpn links to ${unnamed.map((h) => `azure:${h}`).join(', ')} so the profile says what is built`,
            'warning',
          ),
        );
      }
    }
  });
  const linkedDx = new Set(
    profile.dataCentres
      .filter((dc) => dc.links.some((l) => l.type === 'direct-connect'))
      .map((dc) => dc.name),
  );
  profile.directConnect?.connections.forEach((c, i) => {
    if (!linkedDx.has(c.dataCentre)) {
      found.push(
        issue(
          ['directConnect', 'connections', i, 'dataCentre'],
          `has no direct-connect link in dataCentres (${c.dataCentre}), so no Region builds this connection's interface`,
          c.dataCentre,
          `add a direct-connect link from ${c.dataCentre} to aws:<region>`,
          'warning',
        ),
      );
    }
  });
  return found;
}
