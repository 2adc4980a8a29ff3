/** Rule: data residency. Only Japanese Regions unless the profile explicitly extends the list. */
import { JAPAN_REGIONS } from '../../quotas/regions';
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

export function checkRegions(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const extra = new Set(profile.regionPolicy.additionalRegions);
  const allowed = (provider: 'aws' | 'azure', region: string) =>
    (JAPAN_REGIONS[provider] as readonly string[]).includes(region) || extra.has(region);
  const check = (provider: 'aws' | 'azure', region: string, path: (string | number)[]) => {
    if (allowed(provider, region)) return;
    found.push(
      issue(
        path,
        `is not a Japanese ${provider === 'aws' ? 'AWS' : 'Azure'} Region (allowed: ${JAPAN_REGIONS[provider].join(', ')})`,
        region,
        `use ${JAPAN_REGIONS[provider].join(' or ')}; a Region outside Japan must be listed in regionPolicy.additionalRegions with the approval for it`,
      ),
    );
  };
  profile.clouds.aws?.regions.forEach((r, i) => {
    check('aws', r.region, ['clouds', 'aws', 'regions', i, 'region']);
    r.availabilityZones.forEach((zone, z) => {
      if (!zone.startsWith(r.region)) {
        found.push(
          issue(
            ['clouds', 'aws', 'regions', i, 'availabilityZones', z],
            `is not an Availability Zone of ${r.region}`,
            zone,
            `use zones named ${r.region}a, ${r.region}c, ...`,
          ),
        );
      }
    });
    const unique = new Set(r.availabilityZones);
    if (unique.size !== r.availabilityZones.length) {
      found.push(
        issue(
          ['clouds', 'aws', 'regions', i, 'availabilityZones'],
          'lists a zone twice',
          r.availabilityZones,
          'list each zone once',
        ),
      );
    }
  });
  profile.clouds.azure?.hubs.forEach((h, i) =>
    check('azure', h.region, ['clouds', 'azure', 'hubs', i, 'region']),
  );
  profile.accessTiers.forEach((t, i) => check(t.provider, t.region, ['accessTiers', i, 'region']));
  profile.expressRoute.circuits.forEach((c, i) =>
    check('azure', c.hubRegion, ['expressRoute', 'circuits', i, 'hubRegion']),
  );
  const eds = profile.identity.entraDomainServices;
  if (eds) {
    const path = ['identity', 'entraDomainServices', 'region'];
    check('azure', eds.region, path);
    if (!profile.clouds.azure?.hubs.some((h) => h.region === eds.region)) {
      found.push(
        issue(
          path,
          'has no Virtual WAN hub (clouds.azure.hubs), so the managed domain could not be reached',
          eds.region,
          `use a hub Region (${(profile.clouds.azure?.hubs ?? []).map((h) => h.region).join(', ') || 'none declared'}) or add a hub there`,
        ),
      );
    }
  }
  return found;
}
