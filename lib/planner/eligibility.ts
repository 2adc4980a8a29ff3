/**
 * What an access tier can do for a population: the steering never sends a population to a
 * tier that fails any of these.
 *
 * - Authentication: every method the population needs is one the product supports and the
 *   profile configures for it (Client VPN: certificate with a CA in ACM in the tier's Region,
 *   SAML federation, a directory; point-to-site: certificate, Entra ID; never a directory,
 *   LIMITS.md).
 * - Reach: every network the population reaches is reachable from the tier's place over the
 *   profile's links (a data centre attached to the tier's Region, or one behind it over the
 *   prefectural network; Azure hubs of one Virtual WAN also reach what the other hubs reach).
 * - Protected segments: a population that lists one can use no tier (the profile rules refuse it
 *   already; checked here again so that steering can never depend on that rule).
 */
import type { Profile } from '../model/deployment-model';
import type { TierModel } from './tier-models';

type Population = Profile['populations'][number];

export interface Eligibility {
  readonly ok: boolean;
  /** Why not, when `ok` is false. */
  readonly reasons: readonly string[];
}

/** Data centres reachable from a cloud place (`aws:<region>` / `azure:<region>`), in hop order. */
export function dataCentresReachableFrom(profile: Profile, place: string): string[] {
  const attached = (p: string) =>
    profile.dataCentres.filter((dc) => dc.links.some((l) => l.to === p)).map((dc) => dc.name);
  const start = new Set(attached(place));
  if (place.startsWith('azure:')) {
    // Virtual WAN hubs are meshed: a user on one hub reaches what every other hub reaches.
    for (const hub of profile.clouds.azure?.hubs ?? [])
      for (const dc of attached(`azure:${hub.region}`)) start.add(dc);
  }
  const seen = new Set(start);
  const queue = [...start];
  while (queue.length > 0) {
    const name = queue.shift()!;
    const neighbours = profile.dataCentres.flatMap((dc) =>
      dc.links
        .filter((l) => l.type === 'prefectural-network-vpn')
        .flatMap((l) =>
          dc.name === name && l.to.startsWith('dc:')
            ? [l.to.slice(3)]
            : l.to === `dc:${name}`
              ? [dc.name]
              : [],
        ),
    );
    for (const next of neighbours) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return [...seen];
}

export function tierServes(profile: Profile, population: Population, model: TierModel): Eligibility {
  const reasons: string[] = [];
  const { identity } = profile;
  for (const method of population.authentication) {
    if (model.provider === 'aws') {
      if (
        method === 'certificate' &&
        !identity.certificateAuthorities.some((ca) => ca.awsCertificateArns[model.region])
      ) {
        reasons.push(`no client CA is imported into ACM in ${model.region} (certificate)`);
      }
      if (method === 'federated-sso' && !identity.federation.saml)
        reasons.push('no SAML federation (federated-sso)');
      if (method === 'directory' && !identity.awsDirectory) reasons.push('no AWS directory (directory)');
    } else {
      if (method === 'directory')
        reasons.push('point-to-site cannot check AD passwords without RADIUS (directory)');
      if (method === 'federated-sso' && !identity.federation.entra)
        reasons.push('no Entra ID federation (federated-sso)');
    }
  }
  const place = `${model.provider}:${model.region}`;
  const reachable = new Set(dataCentresReachableFrom(profile, place));
  for (const name of population.reach) {
    const network = profile.addressPlan.networks.find((n) => n.name === name);
    if (!network) continue;
    if (network.protected) reasons.push(`${name} is a protected segment`);
    const at = network.at;
    const ok = at.startsWith('dc:') ? reachable.has(at.slice(3)) : at.split(':')[0] === model.provider;
    if (!ok) reasons.push(`${name} (${at}) is not reachable from ${place} over the profile's links`);
  }
  return { ok: reasons.length === 0, reasons };
}

/** eligibility[p][t] for every population p and tier t. */
export function eligibilityMatrix(profile: Profile, models: readonly TierModel[]): Eligibility[][] {
  return profile.populations.map((p) => models.map((m) => tierServes(profile, p, m)));
}
