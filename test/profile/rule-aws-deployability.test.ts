/**
 * lib/profile/rules/aws-deployability.ts, check by check: Resolver zones (distinct, one either
 * side of two), the derived AWS names at 64 and 65 characters (the connect handler per
 * Region, the CI deploy role per environment), the device CA and certificate ARNs per
 * Region, the directory mode, alarm topics, and Client VPN authorization rules and routes at
 * and one over their quotas (200 and 100). The rule runs directly on a copy of the fixture's
 * YAML inside each test; every issue is asserted whole.
 */
import { checkAwsDeployability } from '../../lib/profile/rules/aws-deployability';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, profileObject } from '../support/profiles';

const LIMITS = 'https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/limits.html';
const APNE1_ARN = 'arn:aws:acm:ap-northeast-1:111111111111:certificate/00000000-0000-4000-8000-00000000a001';

function check(edit: (p: MutableProfile) => void = () => {}) {
  const profile = profileObject('hyogo');
  profile.operations.alarmRecipients.awsSnsTopicArns ??= {};
  edit(profile);
  return checkAwsDeployability(profile as Profile);
}

const noAwsTiers = (p: MutableProfile) => {
  p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider !== 'aws');
};
const orgOf = (length: number) => 'o'.repeat(length);

test('the fixture is clean', () => {
  expect(check()).toEqual([]);
});

describe('the identity stack needs two distinct zones in each Region', () => {
  test('one zone, or one zone listed twice, in the second Region; two distinct zones are enough', () => {
    const zones = (list: string[]) =>
      check((p) => {
        p.clouds.aws.regions[1].availabilityZones = list;
      });
    const tooFew = (list: string[]) => ({
      path: ['clouds', 'aws', 'regions', 1, 'availabilityZones'],
      message: `lists ${list.length} zone(s); the identity stack's Route 53 Resolver endpoint (and Managed AD) needs 2`,
      got: list,
      fix: 'list at least 2 zones of ap-northeast-3',
      severity: 'error',
    });
    expect(zones(['ap-northeast-3a'])).toEqual([tooFew(['ap-northeast-3a'])]);
    expect(zones(['ap-northeast-3a', 'ap-northeast-3a'])).toEqual([
      tooFew(['ap-northeast-3a', 'ap-northeast-3a']),
    ]);
    expect(zones(['ap-northeast-3a', 'ap-northeast-3b'])).toEqual([]);
  });

  test('no AWS cloud: no Region to check (and no CI role to name)', () => {
    expect(
      check((p) => {
        delete p.clouds.aws;
        noAwsTiers(p);
        p.organisation.id = orgOf(46);
      }),
    ).toEqual([]);
  });
});

describe('names derived from organisation.id and the environment: AWS allows 64 characters', () => {
  const tooLong = (env: string, what: string, name: string, over: number) => ({
    path: ['organisation', 'id'],
    message: `with environment ${env} makes the ${what} name ${name}, ${name.length} characters; AWS allows 64`,
    got: name.includes('github') ? name.split('-')[0] : name.split('-')[1],
    fix: `shorten organisation.id or the environment name by ${over} characters`,
    severity: 'error',
  });
  const handler = 'Client VPN connect handler (Lambda function)';

  test('the connect handler, AWSClientVPN-<org>-<env>-<region>-connect: 64 characters pass, 65 fail', () => {
    expect(check((p) => (p.organisation.id = orgOf(32)))).toEqual([]);
    expect(check((p) => (p.organisation.id = orgOf(33)))).toEqual([
      tooLong('prod', handler, `AWSClientVPN-${orgOf(33)}-prod-apne1-connect`, 1),
    ]);
  });

  test('one issue per environment whose names are too long, by how much', () => {
    const issues = check((p) => {
      p.organisation.id = orgOf(30);
      p.environments.push({ ...p.environments[0], name: 'staging' });
      p.environments.push({ ...p.environments[0], name: 'preproduction' });
    });
    expect(issues).toEqual([
      tooLong('staging', handler, `AWSClientVPN-${orgOf(30)}-staging-apne1-connect`, 1),
      tooLong('preproduction', handler, `AWSClientVPN-${orgOf(30)}-preproduction-apne1-connect`, 7),
    ]);
  });

  test('the CI deploy role, <org>-<env>-github-deploy, without AWS tiers: 64 pass, 65 fail; no CI, no role', () => {
    const role = (length: number, edit: (p: MutableProfile) => void = () => {}) =>
      check((p) => {
        noAwsTiers(p);
        p.organisation.id = orgOf(length);
        edit(p);
      });
    expect(role(45)).toEqual([]);
    expect(role(46)).toEqual([
      tooLong('prod', 'CI deploy role (IAM role)', `${orgOf(46)}-prod-github-deploy`, 1),
    ]);
    expect(role(46, (p) => delete p.ci)).toEqual([]);
  });
});

describe('without AWS access tiers nothing else is checked', () => {
  test('a certificate in the wrong Region, no CA, no recipient: no issue', () => {
    expect(
      check((p) => {
        noAwsTiers(p);
        p.identity.serverCertificateArns['ap-northeast-3'] = APNE1_ARN;
        p.identity.certificateAuthorities[0].awsCertificateArns = {};
        p.operations.alarmRecipients.emails = [];
      }),
    ).toEqual([]);
  });
});

describe('certificates for Client VPN', () => {
  const noCa = {
    path: ['identity', 'certificateAuthorities', 0, 'awsCertificateArns', 'ap-northeast-3'],
    message:
      'is required: populations use certificate authentication and Client VPN in ap-northeast-3 needs the device CA imported into ACM there',
    got: undefined,
    fix: 'import the device CA certificate into ACM in ap-northeast-3 and add its ARN under awsCertificateArns.ap-northeast-3',
    severity: 'error',
  };

  test('no CA imported in a tier Region, while populations use certificates', () => {
    const issues = check(
      (p) => delete p.identity.certificateAuthorities[0].awsCertificateArns['ap-northeast-3'],
    );
    expect(issues).toEqual([noCa]);
    expect(issues[0]).toHaveProperty('got', undefined);
  });

  test('a second CA imported there is enough; no population using certificates needs none', () => {
    const secondCa = (p: MutableProfile) => {
      const [first] = p.identity.certificateAuthorities;
      p.identity.certificateAuthorities.push({
        ...first,
        name: 'second',
        awsCertificateArns: { ...first.awsCertificateArns },
      });
      delete first.awsCertificateArns['ap-northeast-3'];
    };
    expect(check(secondCa)).toEqual([]);
    expect(
      check((p) => {
        delete p.identity.certificateAuthorities[0].awsCertificateArns['ap-northeast-3'];
        for (const population of p.populations) population.authentication = ['federated-sso'];
      }),
    ).toEqual([]);
  });

  test('an ARN of another Region, for the server certificate and for the second CA', () => {
    const issues = check((p) => {
      p.identity.serverCertificateArns['ap-northeast-3'] = APNE1_ARN;
      const [first] = p.identity.certificateAuthorities;
      p.identity.certificateAuthorities.push({
        ...first,
        name: 'second',
        awsCertificateArns: { 'ap-northeast-1': first.awsCertificateArns['ap-northeast-3'] },
      });
    });
    expect(issues).toEqual([
      {
        path: ['identity', 'serverCertificateArns', 'ap-northeast-3'],
        message:
          'is a certificate in ap-northeast-1, not in ap-northeast-3; Client VPN uses a certificate from its own Region',
        got: APNE1_ARN,
        fix: 'import the certificate into ACM in ap-northeast-3 and use that ARN',
        severity: 'error',
      },
      {
        path: ['identity', 'certificateAuthorities', 1, 'awsCertificateArns', 'ap-northeast-1'],
        message:
          'is a certificate in ap-northeast-3, not in ap-northeast-1; Client VPN uses a certificate from its own Region',
        got: 'arn:aws:acm:ap-northeast-3:111111111111:certificate/00000000-0000-4000-8000-00000000c003',
        fix: 'import the CA into ACM in ap-northeast-1 and use that ARN',
        severity: 'error',
      },
    ]);
  });
});

describe('directory authentication needs a Managed AD', () => {
  const directory = (mode: string, method = 'directory') =>
    check((p) => {
      p.populations[1].authentication = [method];
      p.identity.awsDirectory.mode = mode;
    });

  test('an on-premises directory, used by populations[1]', () => {
    expect(directory('on-premises')).toEqual([
      {
        path: ['identity', 'awsDirectory', 'mode'],
        message:
          'is on-premises, but populations[1] uses directory authentication, which Client VPN needs an AWS directory for (an AD Connector has no CloudFormation resource)',
        got: 'on-premises',
        fix: 'set identity.awsDirectory.mode to managed-ad (with a trust to the forest), or authenticate with federated-sso',
        severity: 'error',
      },
    ]);
  });

  test('a Managed AD, or no directory authentication, is fine', () => {
    expect(directory('managed-ad')).toEqual([]);
    expect(directory('on-premises', 'federated-sso')).toEqual([]);
  });
});

describe('alarms in each Client VPN Region need a recipient', () => {
  test('no e-mail and a topic in one tier Region only', () => {
    const issues = check((p) => {
      p.operations.alarmRecipients.emails = [];
      p.operations.alarmRecipients.awsSnsTopicArns = {
        'ap-northeast-1': 'arn:aws:sns:ap-northeast-1:111111111111:noc',
      };
    });
    expect(issues).toEqual([
      {
        path: ['operations', 'alarmRecipients', 'awsSnsTopicArns', 'ap-northeast-3'],
        message:
          'is required: no e-mail recipient is listed, so the Client VPN alarms in ap-northeast-3 need a topic there',
        got: undefined,
        fix: 'add an e-mail address under operations.alarmRecipients.emails, or a topic in ap-northeast-3',
        severity: 'error',
      },
    ]);
  });

  test('one e-mail address covers every Region', () => {
    expect(check((p) => (p.operations.alarmRecipients.emails = ['noc@pref.hyogo.example.lg.jp']))).toEqual(
      [],
    );
  });
});

describe('Client VPN authorization rules (200 per endpoint) and routes (100 per association)', () => {
  const cidrs = (count: number) =>
    Array.from({ length: count }, (_, i) => `10.${20 + Math.floor(i / 256)}.${i % 256}.0/24`);
  /** A network of `count` CIDRs reached by every population; one name reached that is no network. */
  const many =
    (count: number, certificateOnly = false) =>
    (p: MutableProfile) => {
      p.addressPlan.networks.push({ name: 'many', cidrs: cidrs(count), at: 'dc:dc-harima' });
      for (const population of p.populations) {
        population.reach.push('many', 'no-such-network');
        if (certificateOnly) population.authentication = ['certificate'];
      }
    };
  const authorizations = (rules: number) => ({
    path: ['populations'],
    message: `need ${rules} Client VPN authorization rules (one per population and reachable CIDR); an endpoint takes 200 (${LIMITS})`,
    got: rules,
    fix: 'summarise the networks into fewer, larger CIDRs or merge populations',
    severity: 'error',
  });
  const routes = (count: number) => ({
    path: ['addressPlan', 'networks'],
    message: `give remote users ${count} routes; a Client VPN association takes 100 (${LIMITS})`,
    got: count,
    fix: 'summarise the reachable networks into fewer, larger CIDRs',
    severity: 'error',
  });

  test('user authentication: one rule per population and CIDR, 200 pass, 201 fail', () => {
    // 5 from the fixture (2 + 2 + 1) and 3 x 65 = 200; 3 + 65 = 68 routes
    expect(check(many(65))).toEqual([]);
    expect(
      check((p) => {
        many(65)(p);
        p.populations[2].reach.push('municipal-gateway');
      }),
    ).toEqual([authorizations(201)]);
  });

  test('certificates only: one rule per distinct CIDR; routes 100 pass, 101 fail', () => {
    expect(check(many(97, true))).toEqual([]);
    expect(check(many(98, true))).toEqual([routes(101)]);
    expect(check(many(197, true))).toEqual([routes(200)]);
    expect(check(many(198, true))).toEqual([authorizations(201), routes(201)]);
  });
});
