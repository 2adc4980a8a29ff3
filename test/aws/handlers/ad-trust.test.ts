/**
 * The AD trust custom resource handler against a stubbed Directory Service client: Create
 * creates (or adopts a matching trust), Update changes forwarders and selective auth in place
 * and refuses what cannot change, a rollback replay succeeds, Delete removes.
 */
import {
  CreateTrustCommand,
  DeleteTrustCommand,
  DescribeConditionalForwardersCommand,
  DescribeTrustsCommand,
  DirectoryServiceClient,
  UpdateConditionalForwarderCommand,
  UpdateTrustCommand,
} from '@aws-sdk/client-directory-service';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { applyTrustRequest, type TrustProperties } from '../../../lib/aws/identity/handlers/ad-trust';

const ds = mockClient(DirectoryServiceClient);
const secrets = mockClient(SecretsManagerClient);

const PROPS: TrustProperties = {
  DirectoryId: 'd-1234567890',
  RemoteDomainName: 'ad.pref.hyogo.example',
  TrustDirection: 'One-Way: Outgoing',
  ConditionalForwarderIpAddrs: ['10.0.0.10', '10.0.0.11'],
  SecretName: 'tsunagi/hyogo/prod/ad-trust',
  SelectiveAuth: 'Disabled',
};
const EXISTING = {
  TrustId: 't-0123456789',
  DirectoryId: PROPS.DirectoryId,
  RemoteDomainName: PROPS.RemoteDomainName,
  TrustDirection: PROPS.TrustDirection,
  TrustType: 'Forest' as const,
  TrustState: 'Verified' as const,
  SelectiveAuth: 'Disabled' as const,
};
const BASE = {
  ServiceToken: 'arn',
  ResponseURL: 'https://example.invalid/response',
  StackId: 'stack',
  RequestId: 'req',
  LogicalResourceId: 'Trust',
  ResourceType: 'Custom::DirectoryTrust',
};

function create(props: TrustProperties = PROPS): CloudFormationCustomResourceEvent {
  return { ...BASE, RequestType: 'Create', ResourceProperties: { ServiceToken: 'arn', ...props } };
}
function update(props: TrustProperties, old: TrustProperties = PROPS): CloudFormationCustomResourceEvent {
  return {
    ...BASE,
    RequestType: 'Update',
    PhysicalResourceId: EXISTING.TrustId,
    ResourceProperties: { ServiceToken: 'arn', ...props },
    OldResourceProperties: { ServiceToken: 'arn', ...old },
  };
}
function remove(physicalId = EXISTING.TrustId): CloudFormationCustomResourceEvent {
  return {
    ...BASE,
    RequestType: 'Delete',
    PhysicalResourceId: physicalId,
    ResourceProperties: { ServiceToken: 'arn', ...PROPS },
  };
}
const calls = (command: Parameters<typeof ds.commandCalls>[0]) =>
  ds.commandCalls(command).map((c) => c.args[0].input);

beforeEach(() => {
  ds.reset();
  secrets.reset();
  secrets.on(GetSecretValueCommand).resolves({ SecretString: 'trust-password' });
  ds.on(DescribeConditionalForwardersCommand).resolves({
    ConditionalForwarders: [
      { RemoteDomainName: PROPS.RemoteDomainName, DnsIpAddrs: ['10.0.0.10', '10.0.0.11'] },
    ],
  });
});

describe('Create', () => {
  test('creates the forest trust with the password read from the named secret', async () => {
    ds.on(DescribeTrustsCommand).resolves({ Trusts: [] });
    ds.on(CreateTrustCommand).resolves({ TrustId: 't-new0000001' });
    const outcome = await applyTrustRequest(create());
    expect(outcome.physicalId).toBe('t-new0000001');
    expect(secrets.commandCalls(GetSecretValueCommand)[0]!.args[0].input).toEqual({
      SecretId: PROPS.SecretName,
    });
    expect(calls(CreateTrustCommand)).toEqual([
      {
        DirectoryId: PROPS.DirectoryId,
        RemoteDomainName: PROPS.RemoteDomainName,
        TrustPassword: 'trust-password',
        TrustDirection: 'One-Way: Outgoing',
        TrustType: 'Forest',
        ConditionalForwarderIpAddrs: ['10.0.0.10', '10.0.0.11'],
        SelectiveAuth: 'Disabled',
      },
    ]);
  });

  test('a retried Create adopts the matching trust instead of failing on CreateTrust', async () => {
    ds.on(DescribeTrustsCommand).resolves({ Trusts: [EXISTING] });
    const outcome = await applyTrustRequest(create());
    expect(outcome.physicalId).toBe(EXISTING.TrustId);
    expect(calls(CreateTrustCommand)).toHaveLength(0);
  });

  test('refuses to adopt a trust to the same domain with another direction', async () => {
    ds.on(DescribeTrustsCommand).resolves({ Trusts: [{ ...EXISTING, TrustDirection: 'Two-Way' }] });
    await expect(applyTrustRequest(create())).rejects.toThrow(/cannot change its direction in place/);
    expect(calls(CreateTrustCommand)).toHaveLength(0);
  });
});

describe('Update', () => {
  beforeEach(() => {
    ds.on(DescribeTrustsCommand).resolves({ Trusts: [EXISTING] });
  });

  test('new DNS servers: UpdateConditionalForwarder in place, same physical ID, no CreateTrust', async () => {
    const next = { ...PROPS, ConditionalForwarderIpAddrs: ['10.0.0.10', '10.0.0.12'] };
    const outcome = await applyTrustRequest(update(next));
    expect(outcome.physicalId).toBe(EXISTING.TrustId);
    expect(calls(UpdateConditionalForwarderCommand)).toEqual([
      {
        DirectoryId: PROPS.DirectoryId,
        RemoteDomainName: PROPS.RemoteDomainName,
        DnsIpAddrs: ['10.0.0.10', '10.0.0.12'],
      },
    ]);
    expect(calls(CreateTrustCommand)).toHaveLength(0);
    expect(calls(DeleteTrustCommand)).toHaveLength(0);
  });

  test('selective authentication: UpdateTrust in place', async () => {
    const outcome = await applyTrustRequest(update({ ...PROPS, SelectiveAuth: 'Enabled' }));
    expect(outcome.physicalId).toBe(EXISTING.TrustId);
    expect(calls(UpdateTrustCommand)).toEqual([{ TrustId: EXISTING.TrustId, SelectiveAuth: 'Enabled' }]);
    expect(calls(UpdateConditionalForwarderCommand)).toHaveLength(0);
  });

  test('a changed secret name alone changes nothing (the password matters only at creation)', async () => {
    const outcome = await applyTrustRequest(update({ ...PROPS, SecretName: 'other' }));
    expect(outcome).toEqual({ physicalId: EXISTING.TrustId, actions: ['unchanged'] });
    expect(calls(CreateTrustCommand)).toHaveLength(0);
  });

  test('a changed direction is refused with a clear message and nothing is called', async () => {
    await expect(applyTrustRequest(update({ ...PROPS, TrustDirection: 'Two-Way' }))).rejects.toThrow(
      /cannot change its direction in place .*One-Way: Outgoing.*Two-Way.*Nothing was changed/,
    );
    expect(calls(CreateTrustCommand)).toHaveLength(0);
    expect(calls(UpdateTrustCommand)).toHaveLength(0);
    expect(calls(DeleteTrustCommand)).toHaveLength(0);
  });

  test('the rollback after a refusal replays the old properties and succeeds (no UPDATE_ROLLBACK_FAILED)', async () => {
    const rollback = update(PROPS, { ...PROPS, TrustDirection: 'Two-Way' });
    await expect(applyTrustRequest(rollback)).resolves.toEqual({
      physicalId: EXISTING.TrustId,
      actions: ['unchanged'],
    });
  });

  test('a changed remote domain or directory is refused', async () => {
    await expect(applyTrustRequest(update({ ...PROPS, RemoteDomainName: 'other.example' }))).rejects.toThrow(
      /remote domain/,
    );
    await expect(applyTrustRequest(update({ ...PROPS, DirectoryId: 'd-9999999999' }))).rejects.toThrow(
      /cannot move to directory d-9999999999/,
    );
  });
});

describe('Delete', () => {
  test('deletes the trust and its conditional forwarder', async () => {
    ds.on(DescribeTrustsCommand).resolves({ Trusts: [EXISTING] });
    await applyTrustRequest(remove());
    expect(calls(DeleteTrustCommand)).toEqual([
      { TrustId: EXISTING.TrustId, DeleteAssociatedConditionalForwarder: true },
    ]);
  });

  test('a trust already gone, or a Create that never made one, is a success without calls', async () => {
    ds.on(DescribeTrustsCommand).resolves({ Trusts: [] });
    await expect(applyTrustRequest(remove())).resolves.toMatchObject({ actions: ['already deleted'] });
    await expect(applyTrustRequest(remove('not-created'))).resolves.toMatchObject({
      actions: ['nothing to delete'],
    });
    expect(calls(DeleteTrustCommand)).toHaveLength(0);
  });
});
