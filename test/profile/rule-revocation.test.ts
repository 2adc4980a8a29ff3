/**
 * The device-revocation rule (lib/profile/rules/revocation.ts): source crl needs a crlFile;
 * source mdm needs none; the exact issue.
 *
 * The rule runs directly on a copy of the hyogo fixture as the schema parses it (the schema
 * is not under mutation; the rule is, and it runs only inside the tests).
 */
import { checkRevocation } from '../../lib/profile/rules/revocation';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');

function revocationIssues(source: string, crlFile: string | undefined) {
  const copy = structuredClone(HYOGO) as MutableProfile;
  copy.identity.deviceRevocation = crlFile === undefined ? { source } : { source, crlFile };
  return checkRevocation(copy as Profile);
}

describe('checkRevocation', () => {
  test('source crl without a crlFile revokes nothing: an error at crlFile', () => {
    expect(revocationIssues('crl', undefined)).toEqual([
      {
        path: ['identity', 'deviceRevocation', 'crlFile'],
        message: 'is required by source: crl; without it no device certificate would ever be revoked',
        got: undefined,
        fix: 'add crlFile (the PEM CRL your CA publishes, relative to the profile), or set source: mdm',
        severity: 'error',
      },
    ]);
    expect(revocationIssues('crl', '')).toHaveLength(1);
  });

  test('source crl with a crlFile, and source mdm with or without one, are fine', () => {
    expect(revocationIssues('crl', 'certs/hyogo-device-ca.crl')).toEqual([]);
    expect(revocationIssues('mdm', undefined)).toEqual([]);
    expect(revocationIssues('mdm', 'certs/hyogo-device-ca.crl')).toEqual([]);
  });
});
