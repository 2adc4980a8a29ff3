/** Rule: names that key resources are unique within their list. */
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
  path: (index: number) => (string | number)[],
  what: string,
): ProfileIssue[] {
  const seen = new Map<string, number>();
  const found: ProfileIssue[] = [];
  items.forEach((item, index) => {
    const name = key(item);
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, index);
      return;
    }
    found.push(
      issue(path(index), `duplicates the ${what} at index ${first}`, name, `give each ${what} a unique name`),
    );
  });
  return found;
}

export function checkUniqueNames(profile: Profile): ProfileIssue[] {
  return [
    ...duplicates(
      profile.environments,
      (e) => e.name,
      (i) => ['environments', i, 'name'],
      'environment',
    ),
    ...duplicates(
      profile.populations,
      (p) => p.name,
      (i) => ['populations', i, 'name'],
      'population',
    ),
    ...duplicates(
      profile.accessTiers,
      (t) => t.id,
      (i) => ['accessTiers', i, 'id'],
      'access tier',
    ),
    ...duplicates(
      profile.accessTiers,
      (t) => `${t.provider}:${t.region}`,
      (i) => ['accessTiers', i, 'region'],
      'access tier Region (one concentrator tier per provider and Region)',
    ),
    ...duplicates(
      profile.addressPlan.networks,
      (n) => n.name,
      (i) => ['addressPlan', 'networks', i, 'name'],
      'network',
    ),
    ...duplicates(
      profile.dataCentres,
      (d) => d.name,
      (i) => ['dataCentres', i, 'name'],
      'data centre',
    ),
    ...profile.dataCentres.flatMap((dc, d) =>
      duplicates(
        dc.links,
        (l) => l.name,
        (i) => ['dataCentres', d, 'links', i, 'name'],
        'link',
      ),
    ),
    ...duplicates(
      profile.expressRoute.circuits,
      (c) => c.name,
      (i) => ['expressRoute', 'circuits', i, 'name'],
      'circuit',
    ),
    ...duplicates(
      profile.closedMobileNetworks,
      (c) => c.name,
      (i) => ['closedMobileNetworks', i, 'name'],
      'closed mobile network',
    ),
    ...duplicates(
      profile.identity.certificateAuthorities,
      (c) => c.name,
      (i) => ['identity', 'certificateAuthorities', i, 'name'],
      'certificate authority',
    ),
    ...duplicates(
      profile.clouds.aws?.regions ?? [],
      (r) => r.region,
      (i) => ['clouds', 'aws', 'regions', i, 'region'],
      'AWS Region',
    ),
    ...duplicates(
      profile.clouds.azure?.hubs ?? [],
      (h) => h.region,
      (i) => ['clouds', 'azure', 'hubs', i, 'region'],
      'Azure hub Region',
    ),
    ...duplicates(
      profile.directConnect?.connections ?? [],
      (c) => c.connectionId,
      (i) => ['directConnect', 'connections', i, 'connectionId'],
      'Direct Connect connection',
    ),
  ];
}
