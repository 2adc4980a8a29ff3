/** The client-connect handler construct alone: provisioned concurrency is opt-in and validated. */

import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { App, Stack } from 'aws-cdk-lib/core';
import {
  connectionsPerResolverAddress,
  dnsServersForEndpoint,
} from '../../lib/aws/identity/inbound-resolver';
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

describe('DNS servers per Client VPN endpoint', () => {
  const addresses = ['10.128.1.10', '10.128.2.10', '10.128.3.10'];
  test('two addresses, the first rotated by endpoint index', () => {
    expect(dnsServersForEndpoint(addresses, 0, 66_500)).toEqual(['10.128.1.10', '10.128.2.10']);
    expect(dnsServersForEndpoint(addresses, 1, 66_500)).toEqual(['10.128.2.10', '10.128.3.10']);
    expect(dnsServersForEndpoint(addresses, 3, 66_500)).toEqual(['10.128.1.10', '10.128.2.10']);
  });
  test('one address serves 80,000 connections as primary (10,000 q/s x 0.8 / 0.1 q/s per user)', () => {
    expect(connectionsPerResolverAddress()).toBe(80_000);
  });
  test('refuses an endpoint whose clients would overload its first DNS server', () => {
    expect(() => dnsServersForEndpoint(addresses, 0, 126_000)).toThrow(/12600 DNS queries per second/);
  });
});
