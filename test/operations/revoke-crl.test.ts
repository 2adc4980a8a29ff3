/**
 * tsunagi revoke against a stubbed EC2 client: endpoints found by Name tag in every Region of
 * the plan, dry run by default, the import per endpoint with --apply, and a report that
 * says which endpoints took the CRL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import type { DeploymentModel } from '../../lib/model/deployment-model';
import {
  plannedEndpointNames,
  RevokeRefused,
  renderRevokeReport,
  revokeCertificates,
  revokedEntryCount,
} from '../../lib/operations/revoke-crl';
import { loadModel } from '../support/profiles';

// The real SDK classes, untyped as lib/operations/ec2-client-vpn.ts explains (19 MB of .d.ts).
const {
  DescribeClientVpnEndpointsCommand,
  EC2Client,
  ImportClientVpnClientCertificateRevocationListCommand,
} = require('@aws-sdk/client-ec2');
const ec2 = mockClient(EC2Client);
/** ImportClientVpnClientCertificateRevocationList's answer (the SDK's type is not loaded here). */
const imported = { Return: true } as object;
const THREE = readFileSync(join(__dirname, '..', 'fixtures', 'crl', 'three-revoked.crl'), 'utf8');

let hyogo: DeploymentModel;
let names: Map<string, string[]>;
beforeAll(() => {
  hyogo = loadModel('hyogo');
  names = plannedEndpointNames(hyogo, 'prod');
});
beforeEach(() => ec2.reset());

/** Every planned endpoint exists, with IDs cvpn-endpoint-<n>, plus one foreign endpoint. */
function accountWithAllEndpoints() {
  let n = 0;
  const ids = new Map<string, string>();
  for (const list of names.values())
    for (const name of list) ids.set(name, `cvpn-endpoint-${String(n++).padStart(17, '0')}`);
  ec2.on(DescribeClientVpnEndpointsCommand).callsFake(() => ({
    ClientVpnEndpoints: [
      { ClientVpnEndpointId: 'cvpn-endpoint-foreign', Tags: [{ Key: 'Name', Value: 'someone-else' }] },
      ...[...ids].map(([name, id]) => ({ ClientVpnEndpointId: id, Tags: [{ Key: 'Name', Value: name }] })),
    ],
  }));
  return ids;
}

describe('the endpoints of the profile', () => {
  test('named <org>-<env>-<region code>-<planned endpoint>, in every AWS Region of the plan', () => {
    expect([...names.keys()].sort()).toEqual(['ap-northeast-1', 'ap-northeast-3']);
    for (const [region, list] of names) {
      expect(list.length).toBeGreaterThan(0);
      for (const name of list)
        expect(name).toMatch(region === 'ap-northeast-1' ? /^hyogo-prod-apne1-/ : /^hyogo-prod-apne3-/);
    }
  });
});

describe('tsunagi revoke', () => {
  test('dry run (default): lists every endpoint, imports nothing', async () => {
    accountWithAllEndpoints();
    const report = await revokeCertificates({
      model: hyogo,
      environment: 'prod',
      ec2For: () => new EC2Client({}),
    });
    expect(report.applied).toBe(false);
    expect(report.ok).toBe(true);
    expect(report.results.every((r) => r.outcome === 'would-import')).toBe(true);
    expect(ec2.commandCalls(ImportClientVpnClientCertificateRevocationListCommand)).toHaveLength(0);
    expect(renderRevokeReport(report)).toMatch(
      /dry run: \d+ of \d+ endpoints would take the CRL; run again with --apply/,
    );
  });

  test('--apply imports the profile’s CRL into each planned endpoint (and no other), per Region', async () => {
    const ids = accountWithAllEndpoints();
    ec2.on(ImportClientVpnClientCertificateRevocationListCommand).resolves(imported);
    const regions: string[] = [];
    const report = await revokeCertificates({
      model: hyogo,
      environment: 'prod',
      apply: true,
      ec2For: (region) => {
        regions.push(region);
        return new EC2Client({ region });
      },
    });
    expect(regions.sort()).toEqual(['ap-northeast-1', 'ap-northeast-3']);
    const imports = ec2
      .commandCalls(ImportClientVpnClientCertificateRevocationListCommand)
      .map((c) => c.args[0].input);
    expect(imports.map((i) => i.ClientVpnEndpointId).sort()).toEqual([...ids.values()].sort());
    for (const i of imports) expect(i.CertificateRevocationList).toBe(hyogo.files.crl);
    expect(report.ok).toBe(true);
    expect(renderRevokeReport(report)).toMatch(new RegExp(`imported into all ${ids.size} endpoints`));
  });

  test('reports which endpoints took it: a failed import and a missing endpoint fail the run', async () => {
    const ids = accountWithAllEndpoints();
    const [firstName, firstId] = [...ids][0]!;
    ec2.on(DescribeClientVpnEndpointsCommand).callsFake(() => ({
      ClientVpnEndpoints: [...ids]
        .slice(1)
        .map(([name, id]) => ({ ClientVpnEndpointId: id, Tags: [{ Key: 'Name', Value: name }] })),
    }));
    const secondId = [...ids.values()][1]!;
    ec2
      .on(ImportClientVpnClientCertificateRevocationListCommand)
      .resolves(imported)
      .on(ImportClientVpnClientCertificateRevocationListCommand, { ClientVpnEndpointId: secondId })
      .rejects(
        Object.assign(new Error('Too many concurrent operations'), {
          name: 'ConcurrentMutationLimitExceeded',
        }),
      );
    const report = await revokeCertificates({
      model: hyogo,
      environment: 'prod',
      apply: true,
      ec2For: () => new EC2Client({}),
    });
    expect(report.ok).toBe(false);
    expect(report.results.find((r) => r.name === firstName)).toMatchObject({ outcome: 'missing' });
    expect(report.results.find((r) => r.endpointId === secondId)).toMatchObject({
      outcome: 'failed',
      detail: expect.stringContaining('ConcurrentMutationLimitExceeded'),
    });
    expect(firstId).toBeDefined();
    const text = renderRevokeReport(report);
    expect(text).toMatch(/^missing /m);
    expect(text).toMatch(/still admit revoked certificates/);
  });

  test('refuses a profile without a CRL, naming the field', async () => {
    const model = loadModel('hyogo', (p) => {
      delete p.identity.deviceRevocation.crlFile;
      p.identity.deviceRevocation.source = 'mdm';
    });
    await expect(
      revokeCertificates({ model, environment: 'prod', ec2For: () => new EC2Client({}) }),
    ).rejects.toThrow(RevokeRefused);
  });
});

describe('CRL entry count (Client VPN accepts at most 20,000)', () => {
  test('counts revoked entries from the DER structure', () => {
    expect(revokedEntryCount(THREE)).toBe(3);
    expect(revokedEntryCount(hyogo.files.crl!)).toBe(0);
  });
});
