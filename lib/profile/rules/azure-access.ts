/**
 * Rule: what Azure point-to-site needs to tell populations apart and to authenticate each
 * the way the profile asks (issue 8).
 *
 * - Azure admits a user when any one configured method passes (vpn_authentication_types is
 *   an either/or). A population that asks for certificate and SSO together is therefore
 *   served by Entra ID alone plus a Conditional Access policy requiring a compliant or
 *   hybrid-joined device and MFA (the device stands in for the certificate). A server
 *   configuration can then not also offer certificates, so a profile that mixes
 *   certificate-only populations with SSO populations on Azure is refused.
 * - Policy groups match what a population presents: its Entra group object ID
 *   (clouds.azure.entraGroupObjectIds) for SSO populations, the domain of the certificate
 *   Common Name (clouds.azure.certificateGroupDomains) for certificate-only populations.
 * Source: https://learn.microsoft.com/azure/virtual-wan/user-groups-about
 */
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

export function checkAzureAccess(profile: Profile): ProfileIssue[] {
  const azure = profile.clouds.azure;
  if (!azure || !profile.accessTiers.some((t) => t.provider === 'azure')) return [];
  const found: ProfileIssue[] = [];
  const sso = profile.populations.filter((p) => p.authentication.includes('federated-sso'));
  const certificateOnly = profile.populations.filter(
    (p) => p.authentication.length > 0 && p.authentication.every((m) => m === 'certificate'),
  );
  if (sso.length > 0 && certificateOnly.length > 0) {
    const i = profile.populations.indexOf(certificateOnly[0]!);
    found.push(
      issue(
        ['populations', i, 'authentication'],
        `asks for certificate alone while ${sso[0]!.name} uses federated-sso: one Azure VPN server configuration would then offer certificate or Entra ID, and Azure admits a user when either passes, so neither population would get what it asked for`,
        profile.populations[i]!.authentication,
        'give every population served by Azure the same kind of authentication (all federated-sso, optionally with certificate, or all certificate), or serve this population from AWS tiers only',
      ),
    );
  }
  if (sso.length > 0 && !profile.identity.federation.entra) {
    found.push(
      issue(
        ['identity', 'federation', 'entra'],
        `is required: ${sso.map((p) => p.name).join(', ')} use federated-sso, which Azure point-to-site authenticates with Entra ID`,
        undefined,
        'add tenantId, audience (the Azure VPN Client application ID) and issuer',
      ),
    );
  }
  for (const p of sso) {
    if (!azure.entraGroupObjectIds[p.name]) {
      found.push(
        issue(
          ['clouds', 'azure', 'entraGroupObjectIds', p.name],
          `is required: population ${p.name} signs in with Entra ID, and its policy group, Conditional Access policy and firewall source pools are keyed by its Entra group`,
          undefined,
          `add the object ID (not the name) of the Entra group of ${p.name}`,
        ),
      );
    }
  }
  if (sso.length === 0) {
    for (const p of certificateOnly) {
      if (!azure.certificateGroupDomains[p.name]) {
        found.push(
          issue(
            ['clouds', 'azure', 'certificateGroupDomains', p.name],
            `is required: Azure assigns a certificate user to a policy group by the domain of the certificate Common Name, so population ${p.name} needs one to get its own pools`,
            undefined,
            'add the domain its client certificates carry in CN=user@<domain>',
          ),
        );
      }
    }
  }
  if (profile.operations.alarmRecipients.emails.length === 0) {
    found.push(
      issue(
        ['operations', 'alarmRecipients', 'emails'],
        'is empty, but Azure alerts reach people only through an action group of e-mail receivers (SNS topics are AWS only), so every Azure alert would go unheard',
        [],
        'add at least one mailbox, for example noc@pref.example.lg.jp',
        'warning',
      ),
    );
  }
  const known = new Set(profile.populations.map((p) => p.name));
  for (const field of ['entraGroupObjectIds', 'certificateGroupDomains'] as const) {
    for (const name of Object.keys(azure[field])) {
      if (!known.has(name)) {
        found.push(
          issue(
            ['clouds', 'azure', field, name],
            'names no population',
            name,
            `use a population name (${[...known].join(', ')})`,
          ),
        );
      }
    }
  }
  return found;
}
