/**
 * The Microsoft 365 Optimize rule (lib/profile/rules/microsoft365.ts): a named network in an
 * Optimize range (either side of the overlap, any network, any of its CIDRs) and the ranges
 * just beside one, with the exact issue.
 *
 * The rule runs directly on a copy of the hyogo fixture as the schema parses it (the schema
 * is not under mutation; the rule is, and it runs only inside the tests).
 */
import { checkMicrosoft365Ranges } from '../../lib/profile/rules/microsoft365';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture, ruleIssueLines } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');

/** The rule's issues for an edited copy of hyogo, one formatted line each. */
const m365Issues = ruleIssueLines(checkMicrosoft365Ranges, HYOGO);

const hit = (path: string, cidr: string, range: string, network: string) =>
  `${path}: overlaps the Microsoft 365 Optimize range ${range} (lib/quotas/microsoft365-optimize.ts), which the split tunnel sends straight to the internet, so remote users could never reach ${network} through the VPN (got "${cidr}"); use the network's real (private) range; ${range} belongs to Microsoft`;

describe('checkMicrosoft365Ranges', () => {
  test('the fixture uses private ranges only', () => {
    expect(m365Issues()).toEqual([]);
  });

  test('a network inside an Optimize range, one over it, at any network and CIDR index', () => {
    expect(
      m365Issues((p) => {
        p.addressPlan.networks[0].cidrs = ['10.0.0.0/13', '40.97.0.0/16'];
        p.addressPlan.networks[3].cidrs = ['13.107.0.0/16'];
      }),
    ).toEqual([
      hit('addressPlan.networks[0].cidrs[1]', '40.97.0.0/16', '40.96.0.0/13', 'prefectural-lan'),
      hit('addressPlan.networks[3].cidrs[0]', '13.107.0.0/16', '13.107.6.152/31', 'municipal-gateway'),
    ]);
  });

  test('the ranges just beside an Optimize range are not in it', () => {
    expect(
      m365Issues((p) => {
        p.addressPlan.networks[0].cidrs = [
          '40.95.255.0/24',
          '40.106.0.0/24',
          '13.107.6.150/31',
          '13.107.6.154/31',
        ];
      }),
    ).toEqual([]);
  });

  test('the issue is an error at the CIDR', () => {
    const copy = structuredClone(HYOGO) as MutableProfile;
    copy.addressPlan.networks[1].cidrs = ['10.8.0.0/16', '52.96.0.0/14'];
    expect(checkMicrosoft365Ranges(copy as Profile)).toEqual([
      {
        path: ['addressPlan', 'networks', 1, 'cidrs', 1],
        message:
          'overlaps the Microsoft 365 Optimize range 52.96.0.0/14 (lib/quotas/microsoft365-optimize.ts), which the split tunnel sends straight to the internet, so remote users could never reach my-number through the VPN',
        got: '52.96.0.0/14',
        fix: "use the network's real (private) range; 52.96.0.0/14 belongs to Microsoft",
        severity: 'error',
      },
    ]);
  });
});
