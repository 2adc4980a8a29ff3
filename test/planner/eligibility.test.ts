/**
 * Which access tiers a population can use (lib/planner/eligibility.ts): the authentication each
 * provider can carry with what the profile configures, and the reach of every network the
 * population lists over the profile's links. Steering never sends a population to a tier that
 * fails; each reason is asserted word for word, on both providers.
 */
import type { Profile } from '../../lib/model/deployment-model';
import { eligibilityMatrix, tierServes } from '../../lib/planner/eligibility';
import type { TierModel } from '../../lib/planner/tier-models';
import { type MutableProfile, parsedFixture } from '../support/profiles';

const TOKYO = { provider: 'aws', region: 'ap-northeast-1' } as TierModel;
const OSAKA = { provider: 'aws', region: 'ap-northeast-3' } as TierModel;
const EAST = { provider: 'azure', region: 'japaneast' } as TierModel;
const WEST = { provider: 'azure', region: 'japanwest' } as TierModel;
const TIERS = [TOKYO, OSAKA, EAST, WEST];

/** Hyogo as the schema parses it, edited; a population with `authentication` and `reach`. */
function setUp(edit: (p: MutableProfile) => void = () => {}) {
  const profile = structuredClone(parsedFixture('hyogo')) as MutableProfile;
  edit(profile);
  const population = (authentication: string[], reach: string[] = ['telework-desktops']) =>
    ({ ...profile.populations[0], authentication, reach }) as Profile['populations'][number];
  /** Each tier's reasons (empty: the tier serves). */
  const reasons = (authentication: string[], reach?: string[]) =>
    TIERS.map((t) => {
      const e = tierServes(profile as Profile, population(authentication, reach), t);
      expect(e.ok).toBe(e.reasons.length === 0);
      return e.reasons;
    });
  return { profile: profile as Profile, reasons };
}

describe('authentication', () => {
  test('Hyogo: certificate and federated SSO on every tier, for every population', () => {
    const { profile } = setUp();
    const matrix = eligibilityMatrix(profile, TIERS);
    expect(matrix).toHaveLength(3);
    for (const row of matrix) expect(row).toEqual(TIERS.map(() => ({ ok: true, reasons: [] })));
  });

  test('certificate on AWS needs a client CA in ACM in the tier’s Region; Azure does not', () => {
    const { reasons } = setUp((p) => {
      delete p.identity.certificateAuthorities[0].awsCertificateArns['ap-northeast-3'];
    });
    expect(reasons(['certificate'])).toEqual([
      [],
      ['no client CA is imported into ACM in ap-northeast-3 (certificate)'],
      [],
      [],
    ]);
    // any one CA with an ARN in the Region is enough
    const second = setUp((p) => {
      p.identity.certificateAuthorities[0].awsCertificateArns = {};
      p.identity.certificateAuthorities.push({
        ...p.identity.certificateAuthorities[0],
        name: 'second-ca',
        awsCertificateArns: { 'ap-northeast-1': 'arn:aws:acm:ap-northeast-1:111111111111:certificate/x' },
      });
    });
    expect(second.reasons(['certificate'])).toEqual([
      [],
      ['no client CA is imported into ACM in ap-northeast-3 (certificate)'],
      [],
      [],
    ]);
  });

  test('federated SSO: SAML on AWS, Entra ID on Azure, each checked on its own provider only', () => {
    expect(setUp((p) => delete p.identity.federation.saml).reasons(['federated-sso'])).toEqual([
      ['no SAML federation (federated-sso)'],
      ['no SAML federation (federated-sso)'],
      [],
      [],
    ]);
    expect(setUp((p) => delete p.identity.federation.entra).reasons(['federated-sso'])).toEqual([
      [],
      [],
      ['no Entra ID federation (federated-sso)'],
      ['no Entra ID federation (federated-sso)'],
    ]);
  });

  test('directory: AWS needs the AWS directory; point-to-site never carries it', () => {
    const withDirectory = setUp();
    const radius = 'point-to-site cannot check AD passwords without RADIUS (directory)';
    expect(withDirectory.reasons(['directory'])).toEqual([[], [], [radius], [radius]]);
    const without = setUp((p) => delete p.identity.awsDirectory);
    expect(without.reasons(['directory'])).toEqual([
      ['no AWS directory (directory)'],
      ['no AWS directory (directory)'],
      [radius],
      [radius],
    ]);
  });

  test('every method the population needs is checked, in its order', () => {
    const { reasons } = setUp((p) => {
      delete p.identity.federation.saml;
      delete p.identity.federation.entra;
      delete p.identity.awsDirectory;
      p.identity.certificateAuthorities[0].awsCertificateArns = {};
    });
    expect(reasons(['directory', 'certificate', 'federated-sso'])[0]).toEqual([
      'no AWS directory (directory)',
      'no client CA is imported into ACM in ap-northeast-1 (certificate)',
      'no SAML federation (federated-sso)',
    ]);
    expect(reasons(['federated-sso', 'directory'])[2]).toEqual([
      'no Entra ID federation (federated-sso)',
      'point-to-site cannot check AD passwords without RADIUS (directory)',
    ]);
    expect(reasons([])).toEqual([[], [], [], []]);
  });
});

describe('reach', () => {
  test('a protected segment is a reason on every tier', () => {
    const { reasons } = setUp();
    const reason = 'my-number is a protected segment';
    expect(reasons(['certificate'], ['my-number'])).toEqual([[reason], [reason], [reason], [reason]]);
  });

  test('without the prefectural network, Osaka reaches only Harima; the Virtual WAN hubs share their links', () => {
    const { reasons } = setUp((p) => {
      p.dataCentres[0].links = p.dataCentres[0].links.filter(
        (l: { name: string }) => l.name !== 'kobe-harima',
      );
    });
    expect(reasons(['certificate'], ['prefectural-lan', 'telework-desktops'])).toEqual([
      // Tokyo: Kobe is attached, Harima is not (and no longer behind Kobe)
      ["telework-desktops (dc:dc-harima) is not reachable from aws:ap-northeast-1 over the profile's links"],
      ["prefectural-lan (dc:dc-kobe) is not reachable from aws:ap-northeast-3 over the profile's links"],
      // Japan East and West: Kobe on East, Harima on West, meshed
      [],
      [],
    ]);
  });

  test('a network in a cloud is reachable from that provider’s tiers only; a name the plan lacks is skipped', () => {
    const { reasons } = setUp((p) => {
      p.addressPlan.networks.push({ name: 'cloud-app', cidrs: ['10.140.0.0/16'], at: 'aws:ap-northeast-1' });
    });
    expect(reasons(['certificate'], ['cloud-app', 'no-such-network'])).toEqual([
      [],
      [],
      ["cloud-app (aws:ap-northeast-1) is not reachable from azure:japaneast over the profile's links"],
      ["cloud-app (aws:ap-northeast-1) is not reachable from azure:japanwest over the profile's links"],
    ]);
  });

  test('authentication reasons come first, then reach, in the order the population lists its networks', () => {
    const { reasons } = setUp((p) => {
      delete p.identity.federation.saml;
      p.dataCentres[0].links = p.dataCentres[0].links.filter(
        (l: { name: string }) => l.name !== 'kobe-harima',
      );
    });
    expect(reasons(['federated-sso'], ['my-number', 'telework-desktops'])[0]).toEqual([
      'no SAML federation (federated-sso)',
      'my-number is a protected segment',
      "telework-desktops (dc:dc-harima) is not reachable from aws:ap-northeast-1 over the profile's links",
    ]);
  });
});
