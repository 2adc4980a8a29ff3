/**
 * Revocation outside CloudFormation: imports the profile's certificate revocation list into
 * every Client VPN endpoint of the profile with the EC2 API
 * (ImportClientVpnClientCertificateRevocationList), so a lost device is refused without a
 * stack update. Endpoints are found by their constant Name tag
 * (`<org>-<env>-<region code>-<planned name>`, lib/aws/remote-access/client-vpn-endpoint.ts)
 * through DescribeClientVpnEndpoints in each Region of the plan.
 *
 * Dry run by default: it lists what it would import into. With `apply` it imports and
 * reports, per endpoint, whether the import was accepted. An endpoint the plan expects but
 * the account lacks is reported as missing (the operator must know a tier is unprotected).
 * Importing a CRL resets the endpoint's existing client connections whose certificates the
 * CRL revokes; other connections stay up (Client VPN administrator guide, "Client
 * certificate revocation lists").
 */
import { clientVpnEndpointName } from '../aws/remote-access/client-vpn-endpoint';
import type { DeploymentModel } from '../model/deployment-model';
import type { AwsClientVpnTierPlan } from '../model/plan';
import { CLIENT_VPN_CRL_ENTRIES } from '../quotas/aws-client-vpn';
import { regionShortName } from '../quotas/regions';
import {
  type ClientVpnEndpointSummary,
  describeClientVpnEndpoints,
  type Ec2Client,
  ec2Client,
  importClientVpnCrl,
} from './ec2-client-vpn';

/** Client VPN accepts at most this many entries in one CRL (not adjustable). */
const CLIENT_VPN_CRL_MAX_ENTRIES = CLIENT_VPN_CRL_ENTRIES.value;

export type EndpointOutcome = 'would-import' | 'imported' | 'failed' | 'missing'; // planned, but no endpoint with its Name tag exists in the account

export interface EndpointResult {
  readonly region: string;
  /** The endpoint's Name tag. */
  readonly name: string;
  readonly endpointId?: string;
  readonly outcome: EndpointOutcome;
  readonly detail?: string;
}

export interface RevokeReport {
  readonly applied: boolean;
  readonly results: readonly EndpointResult[];
  /** True when every planned endpoint took (or, in a dry run, would take) the CRL. */
  readonly ok: boolean;
}

export interface RevokeOptions {
  readonly model: DeploymentModel;
  /** Environment name (environments[].name). */
  readonly environment: string;
  /** Import for real. Default false: a dry run. */
  readonly apply?: boolean;
  /** Makes the EC2 client of a Region (tests stub it). Default: the SDK's default credentials. */
  readonly ec2For?: (region: string) => Ec2Client;
}

/** The endpoints the plan puts in the account, by Region: their Name tags. */
export function plannedEndpointNames(model: DeploymentModel, environment: string): Map<string, string[]> {
  const org = model.profile.organisation.id;
  const byRegion = new Map<string, string[]>();
  for (const tier of model.plan.tiers) {
    if (tier.kind !== 'aws-client-vpn') continue;
    const t = tier as AwsClientVpnTierPlan;
    const prefix = `${org}-${environment}-${regionShortName(t.region)}`;
    const names = byRegion.get(t.region) ?? [];
    for (const e of t.endpoints) names.push(clientVpnEndpointName(prefix, e.name));
    byRegion.set(t.region, names);
  }
  return byRegion;
}

async function listEndpoints(ec2: Ec2Client): Promise<ClientVpnEndpointSummary[]> {
  const all: ClientVpnEndpointSummary[] = [];
  let NextToken: string | undefined;
  do {
    const page = await describeClientVpnEndpoints(ec2, { NextToken, MaxResults: 50 });
    all.push(...(page.ClientVpnEndpoints ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

/** Number of PEM CRL blocks in the text (exactly one is importable). */
export function pemBlocks(crl: string): number {
  return (crl.match(/-----BEGIN X509 CRL-----/g) ?? []).length;
}

/** One DER element: tag, content start and end offsets. */
function derElement(der: Uint8Array, at: number): { tag: number; start: number; end: number } {
  const tag = der[at]!;
  let length = der[at + 1]!;
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i]!;
    start += bytes;
  }
  if (start + length > der.length) throw new RevokeRefused('the CRL is not valid DER (truncated element)');
  return { tag, start, end: start + length };
}

/**
 * Revoked entries in a PEM CRL (RFC 5280 section 5.1: TBSCertList's revokedCertificates),
 * checked against Client VPN's 20,000-entry limit before anything is imported.
 */
export function revokedEntryCount(pem: string): number {
  const body = pem.replace(/-----(BEGIN|END) X509 CRL-----/g, '').replace(/\s+/g, '');
  const der = Uint8Array.from(Buffer.from(body, 'base64'));
  const certList = derElement(der, 0);
  const tbs = derElement(der, certList.start);
  let at = tbs.start;
  const fields: { tag: number; start: number; end: number }[] = [];
  while (at < tbs.end) {
    const element = derElement(der, at);
    fields.push(element);
    at = element.end;
  }
  // version (INTEGER, optional), signature, issuer, thisUpdate, nextUpdate (optional), revoked...
  let i = fields[0]?.tag === 0x02 ? 1 : 0;
  i += 3; // signature, issuer, thisUpdate
  if (fields[i] && (fields[i]!.tag === 0x17 || fields[i]!.tag === 0x18)) i++; // nextUpdate
  const revoked = fields[i];
  if (revoked?.tag !== 0x30) return 0; // no revokedCertificates (or only extensions)
  let count = 0;
  for (let p = revoked.start; p < revoked.end; p = derElement(der, p).end) count++;
  return count;
}

export async function revokeCertificates(options: RevokeOptions): Promise<RevokeReport> {
  const { model, environment } = options;
  const apply = options.apply ?? false;
  const crl = model.files.crl;
  if (!crl) {
    throw new RevokeRefused(
      'the profile has no CRL (identity.deviceRevocation.crlFile); set it to the PEM file your CA publishes, then run tsunagi revoke again',
    );
  }
  if (pemBlocks(crl) !== 1) {
    throw new RevokeRefused(
      `identity.deviceRevocation.crlFile must hold exactly one PEM CRL (-----BEGIN X509 CRL-----), found ${pemBlocks(crl)}`,
    );
  }
  const entries = revokedEntryCount(crl);
  if (entries > CLIENT_VPN_CRL_MAX_ENTRIES) {
    throw new RevokeRefused(
      `the CRL revokes ${entries} certificates; Client VPN accepts at most ${CLIENT_VPN_CRL_MAX_ENTRIES} entries (not adjustable): issue devices from a new CA or prune expired certificates from the CRL`,
    );
  }
  const ec2For = options.ec2For ?? ec2Client;
  const results: EndpointResult[] = [];
  for (const [region, names] of plannedEndpointNames(model, environment)) {
    const ec2 = ec2For(region);
    const existing = await listEndpoints(ec2);
    for (const name of names) {
      const endpoint = existing.find((e) => e.Tags?.some((t) => t.Key === 'Name' && t.Value === name));
      if (!endpoint?.ClientVpnEndpointId) {
        results.push({
          region,
          name,
          outcome: 'missing',
          detail: 'no Client VPN endpoint with this Name tag',
        });
        continue;
      }
      const endpointId = endpoint.ClientVpnEndpointId;
      if (!apply) {
        results.push({ region, name, endpointId, outcome: 'would-import' });
        continue;
      }
      try {
        const answer = await importClientVpnCrl(ec2, {
          ClientVpnEndpointId: endpointId,
          CertificateRevocationList: crl,
        });
        results.push(
          answer.Return === false
            ? { region, name, endpointId, outcome: 'failed', detail: 'EC2 answered Return=false' }
            : { region, name, endpointId, outcome: 'imported' },
        );
      } catch (error) {
        const e = error as { name?: string; message?: string };
        results.push({ region, name, endpointId, outcome: 'failed', detail: `${e.name}: ${e.message}` });
      }
    }
  }
  const ok = results.length > 0 && results.every((r) => r.outcome === (apply ? 'imported' : 'would-import'));
  return { applied: apply, results, ok };
}

/** A revocation that cannot start (no CRL, malformed file): the message says what to fix. */
export class RevokeRefused extends Error {}

/** The report as the operator reads it: one line per endpoint, then a verdict. */
export function renderRevokeReport(report: RevokeReport): string {
  const lines = report.results.map(
    (r) =>
      `${r.outcome.padEnd(12)} ${r.region.padEnd(15)} ${r.name}${r.endpointId ? ` (${r.endpointId})` : ''}${r.detail ? `: ${r.detail}` : ''}`,
  );
  const took = report.results.filter((r) => r.outcome === 'imported').length;
  const verdict = !report.applied
    ? `dry run: ${report.results.filter((r) => r.outcome === 'would-import').length} of ${report.results.length} endpoints would take the CRL; run again with --apply to import`
    : report.ok
      ? `the CRL was imported into all ${took} endpoints`
      : `the CRL was imported into ${took} of ${report.results.length} endpoints; the others still admit revoked certificates: fix and run again`;
  return `${lines.join('\n')}\n${verdict}\n`;
}
