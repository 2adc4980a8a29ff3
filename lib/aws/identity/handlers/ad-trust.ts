/**
 * Custom resource: a forest trust from an AWS Managed Microsoft AD to the on-premises forest.
 * CloudFormation has no type for it (shared/reference/LIMITS.md). The trust password is
 * read from Secrets Manager at run time: the template carries only the secret's name.
 * Invoked directly by CloudFormation (no provider framework): it answers on the pre-signed
 * ResponseURL itself.
 *
 * Idempotent, and every request is decided against the trust as it exists in Directory
 * Service, not against the previous properties (so a rollback, which replays the old
 * properties, always succeeds):
 * - Create: creates the trust; if a trust to the same domain already exists (a retried
 *   Create), adopts it when its direction matches, refuses otherwise.
 * - Update: changes in place what Directory Service can change (the conditional forwarder's
 *   DNS servers: UpdateConditionalForwarder; selective authentication: UpdateTrust) and
 *   keeps the physical ID, so CloudFormation never deletes the trust. What cannot change in
 *   place (directory, remote domain, direction, trust type) is refused with a message that
 *   says how to do it; the stack rolls back cleanly because nothing was changed.
 * - Delete: deletes the trust (and its conditional forwarder) if it still exists.
 */
import { request } from 'node:https';
import {
  CreateTrustCommand,
  DeleteTrustCommand,
  DescribeConditionalForwardersCommand,
  DescribeTrustsCommand,
  DirectoryServiceClient,
  type SelectiveAuth,
  type Trust,
  type TrustDirection,
  UpdateConditionalForwarderCommand,
  UpdateTrustCommand,
} from '@aws-sdk/client-directory-service';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

export interface TrustProperties {
  readonly DirectoryId: string;
  readonly RemoteDomainName: string;
  readonly TrustDirection: TrustDirection;
  readonly ConditionalForwarderIpAddrs: string[];
  readonly SecretName: string;
  /** Enabled | Disabled. Absent in templates written before it existed: Disabled. */
  readonly SelectiveAuth?: SelectiveAuth;
}

export interface TrustOutcome {
  readonly physicalId: string;
  /** What was done, for the log and the test. */
  readonly actions: readonly string[];
}

const ds = new DirectoryServiceClient({});
const secrets = new SecretsManagerClient({});

/** An Update that Directory Service cannot apply in place. */
export class TrustChangeRefused extends Error {}

async function findTrust(directoryId: string, remoteDomain: string): Promise<Trust | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await ds.send(new DescribeTrustsCommand({ DirectoryId: directoryId, NextToken: nextToken }));
    const found = (page.Trusts ?? []).find(
      (t) => t.RemoteDomainName?.toLowerCase() === remoteDomain.toLowerCase() && t.TrustState !== 'Deleted',
    );
    if (found) return found;
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}

async function trustById(directoryId: string, trustId: string): Promise<Trust | undefined> {
  try {
    const result = await ds.send(
      new DescribeTrustsCommand({ DirectoryId: directoryId, TrustIds: [trustId] }),
    );
    return (result.Trusts ?? []).find((t) => t.TrustId === trustId && t.TrustState !== 'Deleted');
  } catch (error) {
    if ((error as { name?: string }).name === 'EntityDoesNotExistException') return undefined;
    throw error;
  }
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
      SelectiveAuth: p.SelectiveAuth ?? 'Disabled',
    }),
  );
  if (!result.TrustId) throw new Error('CreateTrust returned no trust ID');
  return result.TrustId;
}

/** Brings an existing trust to the requested forwarders and selective auth; refuses the rest. */
async function reconcile(trust: Trust, p: TrustProperties, actions: string[]): Promise<void> {
  const refuse = (what: string, have: unknown, want: unknown) => {
    throw new TrustChangeRefused(
      `the forest trust ${trust.TrustId} to ${trust.RemoteDomainName} cannot change its ${what} in place (it is ${String(have)}, the template asks for ${String(want)}). ` +
        'Directory Service has no API for it: revert the profile change, or delete the trust (remove identity.awsDirectory.trust and deploy) and add it again with the new value (deploy again). Nothing was changed.',
    );
  };
  if (trust.RemoteDomainName?.toLowerCase() !== p.RemoteDomainName.toLowerCase()) {
    refuse('remote domain', trust.RemoteDomainName, p.RemoteDomainName);
  }
  if (trust.TrustDirection !== p.TrustDirection) refuse('direction', trust.TrustDirection, p.TrustDirection);
  if (trust.TrustType !== undefined && trust.TrustType !== 'Forest')
    refuse('type', trust.TrustType, 'Forest');

  const wantedAuth = p.SelectiveAuth ?? 'Disabled';
  if ((trust.SelectiveAuth ?? 'Disabled') !== wantedAuth) {
    await ds.send(new UpdateTrustCommand({ TrustId: trust.TrustId, SelectiveAuth: wantedAuth }));
    actions.push(`UpdateTrust SelectiveAuth=${wantedAuth}`);
  }
  const forwarders = await ds.send(
    new DescribeConditionalForwardersCommand({
      DirectoryId: p.DirectoryId,
      RemoteDomainNames: [p.RemoteDomainName],
    }),
  );
  const have = [...(forwarders.ConditionalForwarders?.[0]?.DnsIpAddrs ?? [])].sort();
  const want = [...p.ConditionalForwarderIpAddrs].sort();
  if (have.join(',') !== want.join(',')) {
    await ds.send(
      new UpdateConditionalForwarderCommand({
        DirectoryId: p.DirectoryId,
        RemoteDomainName: p.RemoteDomainName,
        DnsIpAddrs: p.ConditionalForwarderIpAddrs,
      }),
    );
    actions.push(`UpdateConditionalForwarder ${want.join(',')}`);
  }
}

/** Decides and applies one CloudFormation request; throws with the reason on failure. */
export async function applyTrustRequest(event: CloudFormationCustomResourceEvent): Promise<TrustOutcome> {
  const p = event.ResourceProperties as unknown as TrustProperties;
  const actions: string[] = [];
  if (event.RequestType === 'Create') {
    const existing = await findTrust(p.DirectoryId, p.RemoteDomainName);
    if (existing?.TrustId) {
      // A retried Create (or a trust made by hand): adopt it only if it is the one asked for.
      await reconcile(existing, p, actions);
      return { physicalId: existing.TrustId, actions: [`adopted ${existing.TrustId}`, ...actions] };
    }
    const trustId = await createTrust(p);
    return { physicalId: trustId, actions: [`CreateTrust ${trustId}`] };
  }
  if (event.RequestType === 'Update') {
    const current = event.PhysicalResourceId;
    const old = event.OldResourceProperties as unknown as Partial<TrustProperties>;
    if (old.DirectoryId !== undefined && old.DirectoryId !== p.DirectoryId) {
      throw new TrustChangeRefused(
        `the trust belongs to directory ${old.DirectoryId}; a trust cannot move to directory ${p.DirectoryId}. A directory replacement needs the trust removed first (remove identity.awsDirectory.trust, deploy, then change the directory). Nothing was changed.`,
      );
    }
    const trust = current.startsWith('t-') ? await trustById(p.DirectoryId, current) : undefined;
    if (!trust) {
      throw new TrustChangeRefused(
        `trust ${current} no longer exists in directory ${p.DirectoryId} (deleted outside CloudFormation?). Recreate it by removing identity.awsDirectory.trust, deploying, and adding it back. Nothing was changed.`,
      );
    }
    await reconcile(trust, p, actions);
    return { physicalId: current, actions: actions.length > 0 ? actions : ['unchanged'] };
  }
  const current = event.PhysicalResourceId;
  if (!current.startsWith('t-')) return { physicalId: current, actions: ['nothing to delete'] };
  const trust = await trustById(p.DirectoryId, current);
  if (!trust) return { physicalId: current, actions: ['already deleted'] };
  await ds.send(new DeleteTrustCommand({ TrustId: current, DeleteAssociatedConditionalForwarder: true }));
  return { physicalId: current, actions: [`DeleteTrust ${current}`] };
}

function send(
  event: CloudFormationCustomResourceEvent,
  status: 'SUCCESS' | 'FAILED',
  physicalId: string,
  reason?: string,
): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: (reason ?? 'see the handler log').slice(0, 3500),
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

export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  // A failed Create has no trust: answer with a non-trust ID so Delete knows there is nothing.
  const current = 'PhysicalResourceId' in event ? event.PhysicalResourceId : 'not-created';
  try {
    const outcome = await applyTrustRequest(event);
    console.log(JSON.stringify({ request: event.RequestType, ...outcome }));
    await send(event, 'SUCCESS', outcome.physicalId);
  } catch (error) {
    console.error(error);
    await send(event, 'FAILED', current, error instanceof Error ? error.message : String(error));
  }
}
