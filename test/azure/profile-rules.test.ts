/**
 * The profile rules Azure depends on refuse bad input with the field path, the value and the
 * fix: ExpressRoute provider / peering location / bandwidth against what the provider offers
 * (lib/quotas/expressroute-providers.ts); either/or authentication; policy-group identifiers;
 * alarm recipients Azure can notify; and a Premium circuit that buys nothing is flagged.
 */
import { formatPath, type ProfileIssue } from '../../lib/profile/issues';
import { loadVariant, type MutableProfile } from '../support/profiles';

function issuesOf(base: string, mutate: (p: MutableProfile) => void): ProfileIssue[] {
  const result = loadVariant(base, mutate);
  return result.ok ? [...result.model.warnings] : [...result.issues];
}

const at = (issues: ProfileIssue[], path: string) => issues.filter((i) => formatPath(i.path) === path);

test('Iwate’s SoftBank circuit at Tokyo2 is offered (LIMITS.md) and validates', () => {
  const result = loadVariant('iwate', () => {});
  expect(result.ok).toBe(true);
});

test('a peering location the provider does not serve is refused, naming the locations it does', () => {
  const issues = issuesOf('iwate', (p) => {
    p.expressRoute.circuits[0].peeringLocation = 'Tokyo3';
  });
  const [issue] = at(issues, 'expressRoute.circuits[0].peeringLocation');
  expect(issue?.severity).toBe('error');
  expect(issue?.message).toMatch(/not offered by SoftBank, which connects at Osaka, Tokyo, Tokyo2/);
  expect(issue?.got).toBe('Tokyo3');
});

test('an unknown provider is refused', () => {
  const issues = issuesOf('hyogo', (p) => {
    p.expressRoute.circuits[1].serviceProvider = 'Example Carrier';
  });
  expect(at(issues, 'expressRoute.circuits[1].serviceProvider')[0]?.fix).toMatch(
    /Internet Initiative Japan Inc\. - IIJ, SoftBank/,
  );
});

test('mixing certificate-only and SSO populations on Azure is refused (Azure would admit either)', () => {
  const issues = issuesOf('hyogo', (p) => {
    p.populations[2].authentication = ['certificate'];
  });
  expect(
    at(issues, 'populations[2].authentication').some((i) =>
      /Azure admits a user when either passes/.test(i.message),
    ),
  ).toBe(true);
});

test('an SSO population without its Entra group object ID is refused', () => {
  const issues = issuesOf('hyogo', (p) => {
    delete p.clouds.azure.entraGroupObjectIds['small-business'];
  });
  expect(at(issues, 'clouds.azure.entraGroupObjectIds.small-business')).toHaveLength(1);
});

test('a certificate-only population without its certificate CN domain is refused', () => {
  const issues = issuesOf('iwate', (p) => {
    p.clouds.azure.certificateGroupDomains = {};
  });
  expect(at(issues, 'clouds.azure.certificateGroupDomains.prefectural-staff')).toHaveLength(1);
});

test('a certificate domain that is not a domain name is refused by the schema', () => {
  const issues = issuesOf('iwate', (p) => {
    p.clouds.azure.certificateGroupDomains['prefectural-staff'] = 'tw-prefectural-staff';
  });
  expect(at(issues, 'clouds.azure.certificateGroupDomains.prefectural-staff')[0]?.message).toMatch(
    /is not a domain name/,
  );
});

test('Azure alerts need an e-mail recipient (SNS topics reach AWS only)', () => {
  const issues = issuesOf('hyogo', (p) => {
    p.operations.alarmRecipients = {
      emails: [],
      awsSnsTopicArns: { 'ap-northeast-1': 'arn:aws:sns:ap-northeast-1:111111111111:noc' },
    };
  });
  // A warning, not an error: an SNS topic alone is a valid recipient for the AWS half.
  expect(at(issues, 'operations.alarmRecipients.emails').map((i) => i.severity)).toEqual(['warning']);
});

test('Premium on a circuit that carries no Microsoft 365 is flagged (Tsunagi deploys Standard)', () => {
  const warnings = issuesOf('hyogo', (p) => {
    p.expressRoute.circuits[1].sku.tier = 'Premium';
  });
  const [w] = at(warnings, 'expressRoute.circuits[1].sku.tier');
  expect(w?.severity).toBe('warning');
});
