/** The client-connect handler construct alone: provisioned concurrency is opt-in and validated. */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  ClientConnectHandler,
  recommendedProvisionedConcurrency,
} from '../../lib/aws/remote-access/client-connect-handler';

function aliasOf(provisionedConcurrency?: number) {
  const stack = new Stack(new App(), 'handler', {
    env: { account: '111111111111', region: 'ap-northeast-1' },
  });
  new ClientConnectHandler(stack, 'ClientConnect', {
    namePrefix: 'test-prod-apne1',
    logKey: new kms.Key(stack, 'Key'),
    logRetentionDays: 30,
    deviceTableName: 'test-prod-device-registry',
    provisionedConcurrency,
  });
  const aliases = Template.fromStack(stack).findResources('AWS::Lambda::Alias');
  return Object.values(aliases)[0]!.Properties;
}

describe('ClientConnectHandler provisioned concurrency', () => {
  test('default: none (0)', () => {
    expect(aliasOf().ProvisionedConcurrencyConfig).toBeUndefined();
    expect(aliasOf(0).ProvisionedConcurrencyConfig).toBeUndefined();
  });

  test('a raised quota: the figure the profile sets', () => {
    expect(aliasOf(15).ProvisionedConcurrencyConfig).toEqual({ ProvisionedConcurrentExecutions: 15 });
  });

  test('refuses a negative or fractional figure at construction', () => {
    expect(() => aliasOf(-1)).toThrow(/whole number >= 0 \(got -1\)/);
    expect(() => aliasOf(1.5)).toThrow(/got 1.5/);
  });

  test('recommended sizing: Little’s law over a 30-minute ramp, x2, at least 2 (docs/deploy.md)', () => {
    expect(recommendedProvisionedConcurrency(66_500)).toBe(15);
    expect(recommendedProvisionedConcurrency(7_000)).toBe(2);
    expect(recommendedProvisionedConcurrency(133_000)).toBe(30);
  });
});
