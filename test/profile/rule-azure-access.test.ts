/**
 * The Azure point-to-site access rule (lib/profile/rules/azure-access.ts): certificate-only
 * and SSO populations cannot share Azure's either/or server configuration, SSO needs Entra
 * federation and each SSO population its Entra group, certificate-only populations the
 * domain of their certificates' Common Name, Azure alerts need a mailbox, and the two maps
 * name only populations. hyogo (three certificate + SSO populations) and iwate (one
 * certificate population) are edited schema-parsed copies; each case asserts the exact issues.
 */

import { checkAzureAccess } from '../../lib/profile/rules/azure-access';
import { profileSchema } from '../../lib/profile/schema';
import { type MutableProfile, profileObject } from '../support/profiles';

function check(base: string, edit: (p: MutableProfile) => void = () => {}) {
  const raw = profileObject(base);
  edit(raw);
  return checkAzureAccess(profileSchema.parse(raw));
}

/** Alarms to an SNS topic only (the schema wants some recipient): no mailbox for Azure. */
const noMailbox = (p: MutableProfile) => {
  p.operations.alarmRecipients.emails = [];
  p.operations.alarmRecipients.awsSnsTopicArns = {
    'ap-northeast-1': 'arn:aws:sns:ap-northeast-1:111111111111:telework-paging',
  };
};

const withoutAzureTiers = (p: MutableProfile) => {
  p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider !== 'azure');
};

describe('azure access', () => {
  test('hyogo and iwate are clean', () => {
    expect(check('hyogo')).toEqual([]);
    expect(check('iwate')).toEqual([]);
  });

  test('certificate alone next to federated-sso: the first certificate-only population, naming the first SSO one', () => {
    expect(
      check('hyogo', (p) => {
        p.populations[1].authentication = ['certificate'];
        p.populations[2].authentication = ['certificate'];
      }),
    ).toEqual([
      {
        path: ['populations', 1, 'authentication'],
        message:
          'asks for certificate alone while prefectural-staff uses federated-sso: one Azure VPN server configuration would then offer certificate or Entra ID, and Azure admits a user when either passes, so neither population would get what it asked for',
        got: ['certificate'],
        fix: 'give every population served by Azure the same kind of authentication (all federated-sso, optionally with certificate, or all certificate), or serve this population from AWS tiers only',
        severity: 'error',
      },
    ]);
    // Certificate with directory is not certificate alone.
    expect(
      check('hyogo', (p) => {
        p.populations[1].authentication = ['certificate', 'directory'];
      }),
    ).toEqual([]);
  });

  test('nothing is checked without an Azure tier, or without Azure', () => {
    const mixedWithoutEntra = (p: MutableProfile) => {
      p.populations[1].authentication = ['certificate'];
      delete p.identity.federation.entra;
      noMailbox(p);
    };
    expect(check('hyogo', mixedWithoutEntra)).toHaveLength(3);
    expect(
      check('hyogo', (p) => {
        mixedWithoutEntra(p);
        withoutAzureTiers(p);
      }),
    ).toEqual([]);
    expect(
      check('hyogo', (p) => {
        mixedWithoutEntra(p);
        delete p.clouds.azure;
      }),
    ).toEqual([]);
  });

  test('federated-sso without identity.federation.entra names every SSO population', () => {
    expect(
      check('hyogo', (p) => {
        delete p.identity.federation.entra;
      }),
    ).toEqual([
      {
        path: ['identity', 'federation', 'entra'],
        message:
          'is required: prefectural-staff, municipal-staff, small-business use federated-sso, which Azure point-to-site authenticates with Entra ID',
        got: undefined,
        fix: 'add tenantId, audience (the Azure VPN Client application ID) and issuer',
        severity: 'error',
      },
    ]);
    // Certificate-only populations need no Entra federation.
    expect(
      check('iwate', (p) => {
        delete p.identity.federation.entra;
      }),
    ).toEqual([]);
  });

  test('an SSO population without its Entra group object ID', () => {
    expect(
      check('hyogo', (p) => {
        delete p.clouds.azure.entraGroupObjectIds['municipal-staff'];
      }),
    ).toEqual([
      {
        path: ['clouds', 'azure', 'entraGroupObjectIds', 'municipal-staff'],
        message:
          'is required: population municipal-staff signs in with Entra ID, and its policy group, Conditional Access policy and firewall source pools are keyed by its Entra group',
        got: undefined,
        fix: 'add the object ID (not the name) of the Entra group of municipal-staff',
        severity: 'error',
      },
    ]);
  });

  test('a certificate-only population without its certificate domain; none asked while SSO populations exist', () => {
    expect(
      check('iwate', (p) => {
        p.clouds.azure.certificateGroupDomains = {};
      }),
    ).toEqual([
      {
        path: ['clouds', 'azure', 'certificateGroupDomains', 'prefectural-staff'],
        message:
          'is required: Azure assigns a certificate user to a policy group by the domain of the certificate Common Name, so population prefectural-staff needs one to get its own pools',
        got: undefined,
        fix: 'add the domain its client certificates carry in CN=user@<domain>',
        severity: 'error',
      },
    ]);
    // With an SSO population beside it, only the mix is reported (the pools follow Entra groups).
    expect(
      check('hyogo', (p) => {
        p.populations[2].authentication = ['certificate'];
      }).map((i) => i.path),
    ).toEqual([['populations', 2, 'authentication']]);
  });

  test('no alarm mailbox: a warning; one mailbox is enough', () => {
    expect(check('iwate', noMailbox)).toEqual([
      {
        path: ['operations', 'alarmRecipients', 'emails'],
        message:
          'is empty, but Azure alerts reach people only through an action group of e-mail receivers (SNS topics are AWS only), so every Azure alert would go unheard',
        got: [],
        fix: 'add at least one mailbox, for example noc@pref.example.lg.jp',
        severity: 'warning',
      },
    ]);
    expect(
      check('iwate', (p) => {
        p.operations.alarmRecipients.emails = ['noc@pref.iwate.example.lg.jp'];
      }),
    ).toEqual([]);
  });

  test('an Entra group or certificate domain keyed by a name that is no population', () => {
    expect(
      check('hyogo', (p) => {
        p.clouds.azure.entraGroupObjectIds.contractors = '00000000-0000-4000-8000-0000000000a9';
        p.clouds.azure.certificateGroupDomains = {
          'small-business': 'sb.example.jp',
          guests: 'g.example.jp',
        };
      }),
    ).toEqual(
      [
        ['entraGroupObjectIds', 'contractors'],
        ['certificateGroupDomains', 'guests'],
      ].map(([field, name]) => ({
        path: ['clouds', 'azure', field, name],
        message: 'names no population',
        got: name,
        fix: 'use a population name (prefectural-staff, municipal-staff, small-business)',
        severity: 'error',
      })),
    );
  });
});
