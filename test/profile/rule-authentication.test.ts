/**
 * lib/profile/rules/authentication.ts, branch by branch: one user-based method per AWS
 * endpoint, a group per population when reaches differ (reach compared as a set), directory
 * authentication on Azure tiers, the point-to-site user-group quota at 90 and 91, and a method
 * listed twice. The rule runs directly on a copy of the fixture's YAML inside each test;
 * every issue is asserted whole.
 */
import { checkAuthentication } from '../../lib/profile/rules/authentication';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, profileObject } from '../support/profiles';

function check(edit: (p: MutableProfile) => void = () => {}) {
  const profile = profileObject('hyogo');
  edit(profile);
  return checkAuthentication(profile as Profile);
}
const onlyTiers = (provider: string) => (p: MutableProfile) => {
  p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider === provider);
};

const MIXED = {
  path: ['populations', 1, 'authentication'],
  message:
    'mixes directory and federated-sso, but one AWS Client VPN endpoint supports one user-based method for every user',
  got: ['certificate', 'directory'],
  fix: 'use the same user-based method (federated-sso or directory) for every population, each optionally with certificate',
  severity: 'error',
};
const DIRECTORY_ON_AZURE = {
  path: ['populations', 1, 'authentication'],
  message:
    'uses directory (AD user and password), which Azure point-to-site supports only through RADIUS, which Tsunagi does not configure',
  got: ['certificate', 'directory'],
  fix: 'use federated-sso (Entra ID federated with AD) and/or certificate for populations served by Azure tiers',
  severity: 'error',
};

test('the fixture is clean', () => {
  expect(check()).toEqual([]);
});

describe('directory next to federated-sso', () => {
  const mixed = (edit: (p: MutableProfile) => void = () => {}) =>
    check((p) => {
      p.populations[1].authentication = ['certificate', 'directory'];
      edit(p);
    });

  test('with AWS and Azure tiers: one AWS endpoint cannot mix them, and Azure cannot do directory', () => {
    expect(mixed()).toEqual([MIXED, DIRECTORY_ON_AZURE]);
  });

  test('with AWS tiers only: only the AWS error', () => {
    expect(mixed(onlyTiers('aws'))).toEqual([MIXED]);
  });

  test('with Azure tiers only: only the Azure error', () => {
    expect(mixed(onlyTiers('azure'))).toEqual([DIRECTORY_ON_AZURE]);
  });

  test('directory for everyone, AWS tiers only: one method, no issue', () => {
    expect(
      check((p) => {
        onlyTiers('aws')(p);
        for (const population of p.populations) population.authentication = ['directory'];
      }),
    ).toEqual([]);
  });
});

describe('populations that reach different networks need a user-based method and a group', () => {
  test('a certificate-only population, and one without an access group', () => {
    const issues = check((p) => {
      p.populations[0].authentication = ['certificate'];
      delete p.populations[2].accessGroup;
    });
    expect(issues).toEqual([
      {
        path: ['populations', 0, 'authentication'],
        message:
          'has no user-based method, so the concentrator cannot tell this population apart to authorize its networks',
        got: ['certificate'],
        fix: 'add federated-sso (or directory) and an accessGroup',
        severity: 'error',
      },
      {
        path: ['populations', 2, 'accessGroup'],
        message: 'is required because populations reach different networks',
        got: undefined,
        fix: 'name the IdP or directory group (its ID) that identifies this population',
        severity: 'error',
      },
    ]);
  });

  test('the same networks in another order are the same reach: no group needed', () => {
    expect(
      check((p) => {
        p.populations[0].reach = ['telework-desktops', 'prefectural-lan'];
        p.populations[1].reach = ['prefectural-lan', 'telework-desktops'];
        p.populations[2].reach = ['telework-desktops', 'prefectural-lan'];
        p.populations[0].authentication = ['certificate'];
        delete p.populations[2].accessGroup;
      }),
    ).toEqual([]);
  });

  test('reach is compared name by name (a + bc is not ab + c)', () => {
    const issues = check((p) => {
      p.populations = p.populations.slice(0, 2);
      p.populations[0].reach = ['a', 'bc'];
      p.populations[1].reach = ['ab', 'c'];
      delete p.populations[1].accessGroup;
    });
    expect(issues).toEqual([
      {
        path: ['populations', 1, 'accessGroup'],
        message: 'is required because populations reach different networks',
        got: undefined,
        fix: 'name the IdP or directory group (its ID) that identifies this population',
        severity: 'error',
      },
    ]);
  });
});

describe('a point-to-site gateway takes at most 90 user groups', () => {
  /** `count` populations reaching the same networks, `grouped` of them with an access group. */
  const populations = (count: number, grouped: number, edit: (p: MutableProfile) => void = () => {}) =>
    check((p) => {
      const [first] = p.populations;
      p.populations = Array.from({ length: count }, (_, i) => {
        const population = { ...first, name: `population-${i}`, accessGroup: `group-${i}` };
        if (i >= grouped) delete population.accessGroup;
        return population;
      });
      edit(p);
    });

  test('90 groups pass; 91 fail; 91 populations of which 90 have a group pass', () => {
    expect(populations(90, 90)).toEqual([]);
    expect(populations(91, 91)).toEqual([
      {
        path: ['populations'],
        message: 'defines 91 access groups; a point-to-site gateway takes at most 90 user groups',
        got: 91,
        fix: 'merge populations that reach the same networks',
        severity: 'error',
      },
    ]);
    expect(populations(91, 90)).toEqual([]);
  });

  test('without an Azure tier there is no gateway to count for', () => {
    expect(populations(91, 91, onlyTiers('aws'))).toEqual([]);
  });
});

test('a method listed twice', () => {
  expect(
    check((p) => (p.populations[2].authentication = ['certificate', 'federated-sso', 'certificate'])),
  ).toEqual([
    {
      path: ['populations', 2, 'authentication'],
      message: 'lists a method twice',
      got: ['certificate', 'federated-sso', 'certificate'],
      fix: 'list each method once',
      severity: 'error',
    },
  ]);
});
