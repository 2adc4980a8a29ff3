/**
 * Rule: the populations' authentication methods fit what each concentrator supports.
 *
 * AWS Client VPN: mutual TLS may be combined with one user-based method (Active Directory
 * or SAML), and one endpoint has one configuration for every user (LIMITS.md).
 * Azure point-to-site: Entra ID needs OpenVPN; certificate and Entra ID combine.
 */
import { P2S_USER_GROUPS_PER_GATEWAY } from '../../quotas/azure-virtual-wan';
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

export function checkAuthentication(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const hasAwsTier = profile.accessTiers.some((t) => t.provider === 'aws');
  const userMethods = new Set(
    profile.populations.flatMap((p) => p.authentication.filter((m) => m !== 'certificate')),
  );
  if (hasAwsTier && userMethods.size > 1) {
    const index = profile.populations.findIndex((p) => p.authentication.includes('directory'));
    found.push(
      issue(
        ['populations', index, 'authentication'],
        'mixes directory and federated-sso, but one AWS Client VPN endpoint supports one user-based method for every user',
        profile.populations[index]?.authentication,
        'use the same user-based method (federated-sso or directory) for every population, each optionally with certificate',
      ),
    );
  }
  // Separate reach per population needs a group to authorize on, which needs a user-based method.
  const reaches = new Set(profile.populations.map((p) => [...p.reach].sort().join(',')));
  if (reaches.size > 1) {
    profile.populations.forEach((p, i) => {
      if (!p.authentication.some((m) => m !== 'certificate')) {
        found.push(
          issue(
            ['populations', i, 'authentication'],
            'has no user-based method, so the concentrator cannot tell this population apart to authorize its networks',
            p.authentication,
            'add federated-sso (or directory) and an accessGroup',
          ),
        );
      } else if (!p.accessGroup) {
        found.push(
          issue(
            ['populations', i, 'accessGroup'],
            'is required because populations reach different networks',
            undefined,
            'name the IdP or directory group (its ID) that identifies this population',
          ),
        );
      }
    });
  }
  const hasAzureTier = profile.accessTiers.some((t) => t.provider === 'azure');
  if (hasAzureTier) {
    profile.populations.forEach((p, i) => {
      if (p.authentication.includes('directory')) {
        found.push(
          issue(
            ['populations', i, 'authentication'],
            'uses directory (AD user and password), which Azure point-to-site supports only through RADIUS, which Tsunagi does not configure',
            p.authentication,
            'use federated-sso (Entra ID federated with AD) and/or certificate for populations served by Azure tiers',
          ),
        );
      }
    });
    const groups = profile.populations.filter((p) => p.accessGroup).length;
    if (groups > P2S_USER_GROUPS_PER_GATEWAY.value) {
      found.push(
        issue(
          ['populations'],
          `defines ${groups} access groups; a point-to-site gateway takes at most ${P2S_USER_GROUPS_PER_GATEWAY.value} user groups`,
          groups,
          'merge populations that reach the same networks',
        ),
      );
    }
  }
  profile.populations.forEach((p, i) => {
    if (new Set(p.authentication).size !== p.authentication.length) {
      found.push(
        issue(
          ['populations', i, 'authentication'],
          'lists a method twice',
          p.authentication,
          'list each method once',
        ),
      );
    }
  });
  return found;
}
