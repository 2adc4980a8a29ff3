/**
 * The profile options that differ between AWS accounts and operators: alarm recipients,
 * the device-registry policy, the GitHub OIDC provider and the connect handler's
 * provisioned concurrency. Each is validated with a message that names the field and fix.
 */
import { formatIssue, formatPath } from '../../lib/profile/issues';
import { loadModel, loadVariant, type MutableProfile } from '../support/profiles';

function errorsOf(mutate: (p: MutableProfile) => void): string[] {
  const result = loadVariant('hyogo', mutate);
  if (result.ok) return [];
  return result.issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${formatPath(i.path)}: ${formatIssue(i, result.file)}`);
}

describe('operations.alarmRecipients', () => {
  it('the shipped fixtures name recipients', () => {
    for (const name of ['hyogo', 'iwate']) {
      const { profile } = loadModel(name);
      expect(profile.operations.alarmRecipients.emails.length).toBeGreaterThan(0);
    }
  });

  it('is required: a profile without it is refused', () => {
    expect(errorsOf((p) => delete p.operations).join('\n')).toMatch(/^operations: /m);
  });

  it('refuses an empty recipient list (alarms would reach nobody)', () => {
    const errors = errorsOf((p) => {
      p.operations.alarmRecipients = { emails: [] };
    });
    expect(errors.join('\n')).toMatch(
      /operations\.alarmRecipients: .*names no recipient.*add at least one address/,
    );
  });

  it('refuses a malformed e-mail address, naming the entry', () => {
    const errors = errorsOf((p) => {
      p.operations.alarmRecipients.emails = ['noc.example.jp'];
    });
    expect(errors.join('\n')).toMatch(/operations\.alarmRecipients\.emails\[0\]: .*is not an e-mail address/);
  });

  it('accepts existing topics alone (one in each Client VPN Region), and refuses one from another Region', () => {
    expect(
      errorsOf((p) => {
        p.operations.alarmRecipients = {
          awsSnsTopicArns: {
            'ap-northeast-1': 'arn:aws:sns:ap-northeast-1:111111111111:noc-paging',
            'ap-northeast-3': 'arn:aws:sns:ap-northeast-3:111111111111:noc-paging',
          },
        };
      }),
    ).toEqual([]);
    // Without an e-mail address, a Region without its own topic would alert nobody.
    expect(
      errorsOf((p) => {
        p.operations.alarmRecipients = {
          awsSnsTopicArns: { 'ap-northeast-1': 'arn:aws:sns:ap-northeast-1:111111111111:noc-paging' },
        };
      }).join('\n'),
    ).toMatch(/awsSnsTopicArns\.ap-northeast-3: .*is required: no e-mail recipient is listed/);
    const errors = errorsOf((p) => {
      p.operations.alarmRecipients.awsSnsTopicArns = {
        'ap-northeast-3': 'arn:aws:sns:ap-northeast-1:111111111111:noc-paging',
      };
    });
    expect(errors.join('\n')).toMatch(/awsSnsTopicArns\.ap-northeast-3: .*not in ap-northeast-3/);
  });
});

describe('operations.deviceRegistry.whenUnavailable', () => {
  it('defaults to allow (documented in docs/deploy.md), and accepts deny', () => {
    expect(
      loadModel('hyogo', (p) => delete p.operations.deviceRegistry).profile.operations.deviceRegistry
        .whenUnavailable,
    ).toBe('allow');
    expect(
      loadModel('hyogo', (p) => {
        p.operations.deviceRegistry = { whenUnavailable: 'deny' };
      }).profile.operations.deviceRegistry.whenUnavailable,
    ).toBe('deny');
  });
});

describe('environments[].aws.githubOidcProviderArn', () => {
  const arn = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
  it('accepts the provider of the environment’s own account', () => {
    expect(
      errorsOf((p) => {
        p.environments[0].aws.githubOidcProviderArn = arn;
      }),
    ).toEqual([]);
  });
  it('refuses a provider of another account, or of another URL', () => {
    expect(
      errorsOf((p) => {
        p.environments[0].aws.githubOidcProviderArn = arn.replace('111111111111', '222222222222');
      }).join('\n'),
    ).toMatch(/environments\[0\]\.aws\.githubOidcProviderArn: .*account 222222222222/);
    expect(
      errorsOf((p) => {
        p.environments[0].aws.githubOidcProviderArn = arn.replace('token.actions', 'example');
      }).join('\n'),
    ).toMatch(/githubOidcProviderArn: .*not the ARN of a GitHub Actions OIDC provider/);
  });
});

describe('clouds.aws.connectHandler.provisionedConcurrency', () => {
  it('defaults to 0 (a new account’s concurrency quota refuses any)', () => {
    expect(loadModel('hyogo').profile.clouds.aws?.connectHandler.provisionedConcurrency).toBe(0);
  });
  it('refuses a negative or fractional figure', () => {
    expect(
      errorsOf((p) => {
        p.clouds.aws.connectHandler = { provisionedConcurrency: -1 };
      }).join('\n'),
    ).toMatch(/clouds\.aws\.connectHandler\.provisionedConcurrency/);
  });
});
