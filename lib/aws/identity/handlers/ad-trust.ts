/**
 * Custom resource: a trust from an AWS Managed Microsoft AD to the on-premises forest.
 * CloudFormation has no type for it (shared/reference/LIMITS.md). The trust password is
 * read from Secrets Manager at run time: the template carries only the secret's name.
 * Invoked directly by CloudFormation (no provider framework): it answers on the pre-signed
 * ResponseURL itself.
 */
import { request } from 'node:https';
import {
  CreateTrustCommand,
  DeleteTrustCommand,
  DescribeTrustsCommand,
  DirectoryServiceClient,
  type TrustDirection,
} from '@aws-sdk/client-directory-service';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

interface TrustProperties {
  readonly DirectoryId: string;
  readonly RemoteDomainName: string;
  readonly TrustDirection: TrustDirection;
  readonly ConditionalForwarderIpAddrs: string[];
  readonly SecretName: string;
}

const ds = new DirectoryServiceClient({});
const secrets = new SecretsManagerClient({});

function send(
  event: CloudFormationCustomResourceEvent,
  status: 'SUCCESS' | 'FAILED',
  physicalId: string,
  reason?: string,
): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason ?? 'see the handler log',
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: { TrustId: physicalId },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      event.ResponseURL,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function createTrust(p: TrustProperties): Promise<string> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: p.SecretName }));
  if (!secret.SecretString) throw new Error(`secret ${p.SecretName} has no string value`);
  const result = await ds.send(
    new CreateTrustCommand({
      DirectoryId: p.DirectoryId,
      RemoteDomainName: p.RemoteDomainName,
      TrustPassword: secret.SecretString,
      TrustDirection: p.TrustDirection,
      TrustType: 'Forest',
      ConditionalForwarderIpAddrs: p.ConditionalForwarderIpAddrs,
      SelectiveAuth: 'Disabled',
    }),
  );
  if (!result.TrustId) throw new Error('CreateTrust returned no trust ID');
  return result.TrustId;
}

async function deleteTrust(p: TrustProperties, trustId: string): Promise<void> {
  const existing = await ds.send(
    new DescribeTrustsCommand({ DirectoryId: p.DirectoryId, TrustIds: [trustId] }),
  );
  if ((existing.Trusts ?? []).length === 0) return;
  await ds.send(new DeleteTrustCommand({ TrustId: trustId, DeleteAssociatedConditionalForwarder: true }));
}

export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const props = event.ResourceProperties as unknown as TrustProperties;
  const current = 'PhysicalResourceId' in event ? event.PhysicalResourceId : 'not-created';
  try {
    if (event.RequestType === 'Create') {
      await send(event, 'SUCCESS', await createTrust(props));
    } else if (event.RequestType === 'Update') {
      // A changed trust is a new trust: CloudFormation then deletes the old one.
      await send(event, 'SUCCESS', await createTrust(props));
    } else {
      if (current.startsWith('t-')) await deleteTrust(props, current);
      await send(event, 'SUCCESS', current);
    }
  } catch (error) {
    console.error(error);
    await send(event, 'FAILED', current, error instanceof Error ? error.message : String(error));
  }
}
