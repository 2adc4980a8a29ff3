/**
 * Each AWS rule of the review on small hand-built template pairs: every test fails when its
 * rule is removed (the finding it asserts disappears or changes severity).
 */
import { diffAws } from '../../lib/review/aws-diff';
import type { FindingInput } from '../../lib/review/finding';
import { clone, handTree } from './support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built CloudFormation JSON
type Json = any;

const STACK = 'org-prod-remote-access-apne1';

function endpointTemplate(): Json {
  return {
    Resources: {
      Endpoint: {
        Type: 'AWS::EC2::ClientVpnEndpoint',
        Properties: {
          ClientCidrBlock: '10.64.0.0/14',
          ServerCertificateArn: 'arn:aws:acm:ap-northeast-1:111111111111:certificate/x',
          AuthenticationOptions: [{ Type: 'certificate-authentication' }],
          ConnectionLogOptions: { Enabled: false },
          DnsServers: ['10.0.0.2'],
        },
        DeletionPolicy: 'Delete',
      },
      Association: {
        Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
        Properties: { ClientVpnEndpointId: { Ref: 'Endpoint' }, SubnetId: 'subnet-1' },
      },
      Route: {
        Type: 'AWS::EC2::ClientVpnRoute',
        Properties: {
          ClientVpnEndpointId: { Ref: 'Endpoint' },
          DestinationCidrBlock: '10.0.0.0/13',
          TargetVpcSubnetId: 'subnet-1',
        },
      },
      Registry: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: 'org-devices',
          KeySchema: [{ AttributeName: 'serial', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'serial', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } },
      Crl: {
        Type: 'Custom::AWS',
        Properties: {
          ServiceToken: 'arn',
          Update:
            '{"service":"EC2","action":"ImportClientVpnClientCertificateRevocationList","parameters":{"CertificateRevocationList":"crl-1"}}',
        },
      },
      Trust: {
        Type: 'Custom::DirectoryTrust',
        Properties: {
          ServiceToken: 'arn',
          RemoteDomainName: 'pref.example',
          TrustDirection: 'One-Way: Incoming',
        },
      },
    },
    Outputs: {
      EndpointId: { Value: { Ref: 'Endpoint' }, Export: { Name: 'org:EndpointId' } },
    },
  };
}

function findings(base: Json, head: Json, others: Record<string, Json> = {}): FindingInput[] {
  return diffAws(handTree({ [STACK]: base, ...others }), handTree({ [STACK]: head, ...others })).findings;
}

function only(found: FindingInput[], rule: string): FindingInput[] {
  return found.filter((f) => f.rule === rule);
}

describe('AWS rules', () => {
  test('no change, no finding', () => {
    expect(findings(endpointTemplate(), clone(endpointTemplate()))).toEqual([]);
  });

  test('a create-only property of a stateful resource blocks (specification: ClientCidrBlock)', () => {
    const head = endpointTemplate();
    head.Resources.Endpoint.Properties.ClientCidrBlock = '10.112.0.0/14';
    const found = findings(endpointTemplate(), head);
    const [replaced] = only(found, 'stateful-replaced');
    expect(replaced).toMatchObject({
      severity: 'block',
      category: 'replacement',
      resource: 'Endpoint',
      action: 'replacement',
      cause: ['Properties.ClientCidrBlock'],
    });
    expect(replaced!.userImpact).toMatch(/every connected user is dropped/);
    // Its dependants are replaced with it, reported once as information.
    expect(only(found, 'replaced-with-parent').map((f) => [f.resource, f.severity])).toEqual([
      ['Association', 'info'],
      ['Route', 'info'],
    ]);
  });

  test('a non-stateful replacement warns', () => {
    const head = endpointTemplate();
    head.Resources.Route.Properties.DestinationCidrBlock = '10.16.0.0/16';
    expect(only(findings(endpointTemplate(), head), 'resource-replaced')).toMatchObject([
      { severity: 'warn', resource: 'Route', cause: ['Properties.DestinationCidrBlock'] },
    ]);
  });

  test('a replaced resource whose name is fixed fails the deployment', () => {
    const head = endpointTemplate();
    head.Resources.Registry.Properties.KeySchema = [{ AttributeName: 'device', KeyType: 'HASH' }];
    head.Resources.Registry.Properties.AttributeDefinitions = [
      { AttributeName: 'device', AttributeType: 'S' },
    ];
    const found = findings(endpointTemplate(), head);
    expect(only(found, 'fixed-name-replacement')).toMatchObject([
      { severity: 'block', resource: 'Registry', cause: expect.arrayContaining(['Properties.TableName']) },
    ]);
    expect(only(found, 'stateful-replaced')[0]?.resource).toBe('Registry');
  });

  test('a deleted stateful resource blocks; a deleted plain one is information', () => {
    const head = endpointTemplate();
    delete head.Resources.Registry;
    delete head.Resources.Route;
    const found = findings(endpointTemplate(), head);
    expect(only(found, 'stateful-deleted')).toMatchObject([
      { severity: 'block', resource: 'Registry', category: 'deletion' },
    ]);
    expect(only(found, 'resource-deleted')).toMatchObject([{ severity: 'info', resource: 'Route' }]);
  });

  test('a retained resource that leaves the template is orphaned, not deleted', () => {
    const base = endpointTemplate();
    base.Resources.Registry.DeletionPolicy = 'Retain';
    const head = clone(base);
    delete head.Resources.Registry;
    const found = findings(base, head);
    expect(only(found, 'stateful-orphaned')).toMatchObject([{ severity: 'warn', action: 'orphan' }]);
    expect(only(found, 'stateful-deleted')).toEqual([]);
  });

  test('a changed logical ID is a delete and a create, reported as a rename', () => {
    const head = endpointTemplate();
    head.Resources.EndpointRenamed = head.Resources.Endpoint;
    delete head.Resources.Endpoint;
    head.Resources.Association.Properties.ClientVpnEndpointId = { Ref: 'EndpointRenamed' };
    head.Resources.Route.Properties.ClientVpnEndpointId = { Ref: 'EndpointRenamed' };
    head.Outputs.EndpointId.Value = { Ref: 'EndpointRenamed' };
    const result = diffAws(handTree({ [STACK]: endpointTemplate() }), handTree({ [STACK]: head }));
    expect(only(result.findings, 'stateful-renamed')).toMatchObject([
      { severity: 'block', resource: 'Endpoint', cause: ['logical ID Endpoint -> EndpointRenamed'] },
    ]);
    expect(result.changes.find((c) => c.resource === 'EndpointRenamed')?.renamedFrom).toBe('Endpoint');
  });

  test('a custom resource update says what its handler does; a CRL re-import drops sessions (cited)', () => {
    const head = endpointTemplate();
    head.Resources.Crl.Properties.Update = head.Resources.Crl.Properties.Update.replace('crl-1', 'crl-2');
    const found = findings(endpointTemplate(), head);
    expect(only(found, 'custom-resource-update')[0]?.message).toMatch(
      /calls EC2 ImportClientVpnClientCertificateRevocationList again/,
    );
    expect(only(found, 'session-client-vpn-crl-import')).toMatchObject([
      { category: 'interruption', severity: 'warn', resource: 'Crl' },
    ]);
  });

  test('a directory trust update re-creates the trust (read from its handler) and blocks', () => {
    const head = endpointTemplate();
    head.Resources.Trust.Properties.TrustDirection = 'Two-Way';
    const [trust] = only(findings(endpointTemplate(), head), 'stateful-replaced');
    expect(trust).toMatchObject({ resource: 'Trust', severity: 'block', action: 'replacement' });
    expect(trust!.message).toMatch(/ad-trust\.ts/);
  });

  test('an in-place update that drops sessions is an interruption (DnsServers)', () => {
    const head = endpointTemplate();
    head.Resources.Endpoint.Properties.DnsServers = ['10.0.0.3'];
    const found = findings(endpointTemplate(), head);
    expect(only(found, 'session-client-vpn-dns-servers')).toMatchObject([
      { category: 'interruption', resource: 'Endpoint', cause: ['Properties.DnsServers.0'] },
    ]);
    expect(only(found, 'stateful-replaced')).toEqual([]);
  });

  test('a changed export that another stack imports blocks; unused, it is information', () => {
    const importer = {
      Resources: {
        User: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Type: 'String', Value: { 'Fn::ImportValue': 'org:EndpointId' } },
        },
      },
    };
    const head = endpointTemplate();
    head.Outputs.EndpointId.Value = { 'Fn::GetAtt': ['Endpoint', 'Id'] };
    expect(only(findings(endpointTemplate(), head, { other: importer }), 'export-changed')).toMatchObject([
      { severity: 'block', stack: STACK, resource: 'EndpointId' },
    ]);
    expect(only(findings(endpointTemplate(), head), 'export-changed')).toMatchObject([{ severity: 'info' }]);
    const removed = endpointTemplate();
    delete removed.Outputs;
    expect(only(findings(endpointTemplate(), removed, { other: importer }), 'export-removed')).toMatchObject([
      { severity: 'block', category: 'deletion' },
    ]);
  });

  test('a stack present in base and absent in head deletes all its resources', () => {
    const result = diffAws(handTree({ [STACK]: endpointTemplate() }), handTree({}));
    expect(result.changes).toHaveLength(Object.keys(endpointTemplate().Resources).length);
    expect(
      only(result.findings, 'stateful-deleted')
        .map((f) => f.resource)
        .sort(),
    ).toEqual(['Association', 'Endpoint', 'Logs', 'Registry', 'Trust']);
  });

  test('a tag or log-retention edit raises nothing that blocks', () => {
    const head = endpointTemplate();
    head.Resources.Logs.Properties.RetentionInDays = 731;
    head.Resources.Route.Properties.Description = 'documented';
    const found = findings(endpointTemplate(), head);
    expect(found.filter((f) => f.severity === 'block')).toEqual([]);
  });
});
