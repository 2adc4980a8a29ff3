/**
 * Rule: device revocation says where revocations come from. `source: crl` without a
 * crlFile would deploy with no revocation at all (AWS imports the CRL file into Client VPN,
 * lib/aws/remote-access/client-vpn-endpoint.ts), while the profile claims it revokes.
 */
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

export function checkRevocation(profile: Profile): ProfileIssue[] {
  const revocation = profile.identity.deviceRevocation;
  if (revocation.source !== 'crl' || revocation.crlFile) return [];
  return [
    issue(
      ['identity', 'deviceRevocation', 'crlFile'],
      'is required by source: crl; without it no device certificate would ever be revoked',
      undefined,
      'add crlFile (the PEM CRL your CA publishes, relative to the profile), or set source: mdm',
    ),
  ];
}
