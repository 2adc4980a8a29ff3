/**
 * Rule: what the Azure stacks need from the profile to build, checked here so that
 * synthesis never throws on a profile the validator accepted (issue 10):
 * - every Azure resource name the stacks will write keeps Azure's length and character
 *   rules (lib/azure/naming.ts; the names follow lib/azure/inventory.ts AzureNames);
 * - the circuits on one hub fit its ExpressRoute gateway (lib/azure/expressroute-sizing.ts);
 * - the point-to-site policy groups fit a gateway (lib/azure/remote-access.ts).
 */

import { AZURE_NAME_RULES, nameRuleViolation } from '../../azure/naming';
import { P2S_USER_GROUPS_PER_GATEWAY } from '../../quotas/azure-virtual-wan';
import {
  EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS,
  EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT,
} from '../../quotas/expressroute';
import { regionShortName } from '../../quotas/regions';
import { formatNumber } from '../../util/format-number';
import { type IssuePath, issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

/** A name the Azure stacks will write, with the profile field that makes it long. */
interface PlannedName {
  readonly abbreviation: string;
  readonly region?: string;
  readonly purpose?: string;
  /** The profile field to shorten when the name is too long. */
  readonly blame: IssuePath;
}

/** Every name shape of lib/azure/inventory.ts, per environment (exported for its tests). */
export function plannedNames(profile: Profile): PlannedName[] {
  const hubs = profile.clouds.azure?.hubs ?? [];
  if (hubs.length === 0) return [];
  const primary = hubs[0]!.region;
  const names: PlannedName[] = [
    { abbreviation: 'rg', region: primary, purpose: 'connectivity', blame: ['organisation', 'id'] },
    { abbreviation: 'rg', region: primary, purpose: 'monitoring', blame: ['organisation', 'id'] },
    { abbreviation: 'vwan', purpose: 'telework', blame: ['organisation', 'id'] },
    { abbreviation: 'log', region: primary, purpose: 'telework', blame: ['organisation', 'id'] },
  ];
  hubs.forEach((h, i) => {
    const blame = ['clouds', 'azure', 'hubs', i, 'region'];
    for (const abbreviation of ['vhub', 'vpng', 'ergw'])
      names.push({ abbreviation, region: h.region, blame });
    names.push({ abbreviation: 'diag', purpose: `${h.region}-vpn`, blame });
    names.push({ abbreviation: 'diag', purpose: `${h.region}-er`, blame });
    // The secured hub (lib/azure/secured-hub.ts).
    names.push({ abbreviation: 'afw', region: h.region, blame });
    names.push({ abbreviation: 'afwp', region: h.region, purpose: 'segmentation', blame });
    names.push({ abbreviation: 'rcg', region: h.region, purpose: 'segmentation', blame });
    names.push({ abbreviation: 'ri', region: h.region, purpose: 'private-via-firewall', blame });
    names.push({ abbreviation: 'diag', purpose: `${h.region}-firewall`, blame });
  });
  names.push({ abbreviation: 'ag', purpose: 'operations', blame: ['organisation', 'id'] });
  profile.expressRoute.circuits.forEach((c, i) => {
    const blame = ['expressRoute', 'circuits', i, 'name'];
    for (const abbreviation of ['erc', 'rf', 'ercn', 'erca'])
      names.push({ abbreviation, region: c.hubRegion, purpose: c.name, blame });
    names.push({ abbreviation: 'alert', region: c.hubRegion, purpose: `${c.name}-bgp-availability`, blame });
    names.push({ abbreviation: 'diag', purpose: c.name, blame });
  });
  profile.expressRoute.globalReach.forEach((g, i) => {
    const a = profile.expressRoute.circuits.find((c) => c.name === g.circuits[0]);
    if (a) {
      names.push({
        abbreviation: 'gr',
        region: a.hubRegion,
        purpose: `${g.circuits[0]}-${g.circuits[1]}`,
        blame: ['expressRoute', 'globalReach', i, 'circuits'],
      });
    }
  });
  profile.accessTiers.forEach((t, i) => {
    if (t.provider !== 'azure') return;
    const blame = ['accessTiers', i, 'id'];
    names.push({ abbreviation: 'p2sgw', region: t.region, purpose: t.id, blame });
    names.push({ abbreviation: 'vpnsc', region: t.region, purpose: 'telework', blame });
    names.push({ abbreviation: 'diag', purpose: `${t.id}-p2s`, blame });
    for (const percent of [80, 95])
      names.push({ abbreviation: 'alert', region: t.region, purpose: `${t.id}-p2s-${percent}pct`, blame });
    profile.populations.forEach((p, j) =>
      names.push({
        abbreviation: 'vpnpg',
        region: t.region,
        purpose: p.name,
        blame: ['populations', j, 'name'],
      }),
    );
    // The default policy group nobody matches (lib/azure/remote-access.ts UNMATCHED_GROUP).
    names.push({ abbreviation: 'vpnpg', region: t.region, purpose: 'unmatched', blame });
  });
  profile.dataCentres.forEach((dc, d) => {
    if (dc.vpnDevices.length === 0) return;
    const blame = ['dataCentres', d, 'name'];
    names.push({ abbreviation: 'vst', region: primary, purpose: dc.name, blame });
    for (const h of hubs) names.push({ abbreviation: 'vcn', region: h.region, purpose: dc.name, blame });
  });
  profile.closedMobileNetworks.forEach((c, i) => {
    if (c.landing.type !== 'vpn' || !c.landing.at.startsWith('azure:')) return;
    const region = c.landing.at.slice('azure:'.length);
    const blame = ['closedMobileNetworks', i, 'name'];
    for (const abbreviation of ['vst', 'vcn', 'natr'])
      names.push({ abbreviation, region, purpose: c.name, blame });
  });
  const eds = profile.identity.entraDomainServices;
  if (eds) {
    const blame = ['identity', 'entraDomainServices', 'region'];
    names.push({ abbreviation: 'rg', region: eds.region, purpose: 'identity', blame });
    names.push({ abbreviation: 'vnet', region: eds.region, purpose: 'identity', blame });
    names.push({ abbreviation: 'hcn', region: eds.region, purpose: 'identity', blame });
    names.push({ abbreviation: 'snet', region: eds.region, purpose: 'aadds', blame });
    names.push({ abbreviation: 'nsg', region: eds.region, purpose: 'aadds', blame });
    names.push({ abbreviation: 'aadds', region: eds.region, blame });
  }
  return names;
}

function checkNames(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const reported = new Set<string>();
  for (const env of profile.environments) {
    for (const planned of plannedNames(profile)) {
      const rule = AZURE_NAME_RULES[planned.abbreviation]!;
      const name = [
        planned.abbreviation,
        profile.organisation.id,
        env.name,
        planned.region ? regionShortName(planned.region) : undefined,
        planned.purpose,
      ]
        .filter(Boolean)
        .join('-');
      const violation = nameRuleViolation(name, rule);
      const key = planned.blame.join('.');
      if (!violation || reported.has(key)) continue;
      reported.add(key);
      found.push(
        issue(
          planned.blame,
          `makes the Azure ${rule.resourceType} name ${name}, which ${violation} (Azure naming rules, lib/azure/naming.ts)`,
          name,
          `shorten this name, organisation.id (${profile.organisation.id}) or the environment name (${env.name})`,
        ),
      );
    }
  }
  return found;
}

function checkExpressRouteGateways(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const maxMbps = EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS * EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value;
  const perHub = new Map<string, number>();
  for (const c of profile.expressRoute.circuits)
    perHub.set(c.hubRegion, (perHub.get(c.hubRegion) ?? 0) + c.bandwidthMbps);
  for (const [hub, mbps] of perHub) {
    if (mbps <= maxMbps) continue;
    const index = profile.expressRoute.circuits.findLastIndex((c) => c.hubRegion === hub);
    found.push(
      issue(
        ['expressRoute', 'circuits', index, 'bandwidthMbps'],
        `brings the circuits on the ${hub} hub to ${formatNumber(mbps)} Mbps; one hub's ExpressRoute gateway carries at most ${formatNumber(maxMbps)} Mbps (${EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS} scale units of ${EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value} Mbps, ${EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.source})`,
        profile.expressRoute.circuits[index]?.bandwidthMbps,
        'connect some circuits to another hub (hubRegion) or lower their bandwidth',
      ),
    );
  }
  return found;
}

function checkPolicyGroups(profile: Profile): ProfileIssue[] {
  if (!profile.accessTiers.some((t) => t.provider === 'azure')) return [];
  // As lib/azure/remote-access.ts policyGroupPlans: one group per population plus the default.
  const groups = profile.populations.length + 1;
  if (groups <= P2S_USER_GROUPS_PER_GATEWAY.value) return [];
  return [
    issue(
      ['populations'],
      `make ${groups} point-to-site policy groups; a gateway takes at most ${P2S_USER_GROUPS_PER_GATEWAY.value} (${P2S_USER_GROUPS_PER_GATEWAY.source})`,
      groups,
      'merge populations that reach the same networks',
    ),
  ];
}

export function checkAzureDeployability(profile: Profile): ProfileIssue[] {
  if (!profile.clouds.azure) return [];
  return [...checkNames(profile), ...checkExpressRouteGateways(profile), ...checkPolicyGroups(profile)];
}
