import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AZURERM_FORCE_NEW,
  azurermForcesNew,
  azurermReplacesOnChange,
  hasFixedPhysicalName,
  isStateful,
  normaliseAttributePath,
  STATEFUL_RESOURCES,
  sessionRulesFor,
  statefulImpact,
} from '../../../lib/review/rules';

const ROOT = join(__dirname, '../../..');

/** azurerm resource types the project's Azure code can emit (its deep-path provider imports). */
function importedAzurermTypes(): string[] {
  const types = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/@cdktf\/provider-azurerm\/lib\/([a-z0-9-]+)/g)) {
          const kebab = m[1] as string;
          if (kebab !== 'provider' && !kebab.startsWith('data-'))
            types.add(`azurerm_${kebab.replaceAll('-', '_')}`);
        }
    }
  };
  walk(join(ROOT, 'lib/azure'));
  walk(join(ROOT, 'stacks/azure'));
  return [...types].sort();
}

describe('azurerm ForceNew table', () => {
  test('records its source: azurerm 4.55.0 at a commit of the provider repository', () => {
    expect(AZURERM_FORCE_NEW.providerVersion).toBe('4.55.0');
    expect(AZURERM_FORCE_NEW.source).toBe('https://github.com/hashicorp/terraform-provider-azurerm');
    expect(AZURERM_FORCE_NEW.tag).toBe('v4.55.0');
    expect(AZURERM_FORCE_NEW.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(AZURERM_FORCE_NEW.derived).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  test('covers every azurerm resource type the project emits', () => {
    const types = importedAzurermTypes();
    expect(types.length).toBeGreaterThan(20);
    const missing = types.filter((t) => azurermForcesNew(t, 'name') === undefined);
    expect(missing).toEqual([]);
  });

  test('every type has documented arguments and name-like identity attributes that force a new resource', () => {
    for (const [type, entry] of Object.entries(AZURERM_FORCE_NEW.resources)) {
      expect({ type, documented: entry.arguments > 0 }).toEqual({ type, documented: true });
    }
    expect(azurermForcesNew('azurerm_virtual_hub', 'name')).toBe(true);
  });

  test('agrees with the replacement table of LIMITS.md', () => {
    const expected: Record<string, string[]> = {
      azurerm_express_route_circuit: [
        'name',
        'location',
        'service_provider_name',
        'peering_location',
        'express_route_port_id',
      ],
      azurerm_express_route_circuit_peering: ['express_route_circuit_name'],
      azurerm_virtual_hub: ['address_prefix', 'virtual_wan_id', 'sku'],
      azurerm_point_to_site_vpn_gateway: [
        'name',
        'virtual_hub_id',
        'vpn_server_configuration_id',
        'routing_preference_internet_enabled',
      ],
      azurerm_vpn_server_configuration: ['name', 'location'],
      azurerm_vpn_gateway: ['virtual_hub_id', 'bgp_settings.asn', 'routing_preference'],
      azurerm_vpn_gateway_connection: [
        'vpn_gateway_id',
        'remote_vpn_site_id',
        'vpn_link.vpn_site_link_id',
        'vpn_link.bgp_enabled',
      ],
      azurerm_express_route_gateway: ['virtual_hub_id'],
      azurerm_express_route_connection: ['express_route_circuit_peering_id', 'express_route_gateway_id'],
      azurerm_active_directory_domain_service: [
        'domain_name',
        'location',
        'name',
        'initial_replica_set.subnet_id',
      ],
    };
    for (const [type, paths] of Object.entries(expected))
      for (const path of paths)
        expect({ type, path, forcesNew: azurermForcesNew(type, path) }).toEqual({
          type,
          path,
          forcesNew: true,
        });
  });

  test('in-place attributes are not replacements', () => {
    expect(azurermForcesNew('azurerm_point_to_site_vpn_gateway', 'scale_unit')).toBe(false);
    expect(azurermForcesNew('azurerm_point_to_site_vpn_gateway', 'tags.owner')).toBe(false);
    expect(
      azurermForcesNew(
        'azurerm_point_to_site_vpn_gateway',
        'connection_configuration[0].vpn_client_address_pool[0].address_prefixes[1]',
      ),
    ).toBe(false);
    expect(azurermForcesNew('azurerm_log_analytics_workspace', 'retention_in_days')).toBe(false);
    expect(azurermForcesNew('azurerm_express_route_circuit', 'bandwidth_in_mbps')).toBe(false);
  });

  test('paths inside, above and in index form of a ForceNew attribute', () => {
    expect(
      azurermForcesNew(
        'azurerm_point_to_site_vpn_gateway',
        'connection_configuration.0.internet_security_enabled',
      ),
    ).toBe(true);
    expect(
      azurermForcesNew('azurerm_point_to_site_vpn_gateway', [
        'connection_configuration',
        0,
        'internet_security_enabled',
      ]),
    ).toBe(true);
    // A whole block that changes contains a ForceNew attribute: assume it changed.
    expect(azurermForcesNew('azurerm_vpn_gateway', 'bgp_settings')).toBe(true);
    expect(
      azurermForcesNew('azurerm_active_directory_domain_service', 'initial_replica_set[0].subnet_id'),
    ).toBe(true);
  });

  test('a circuit bandwidth decrease replaces the circuit, an increase does not (CustomizeDiff)', () => {
    expect(azurermReplacesOnChange('azurerm_express_route_circuit', 'bandwidth_in_mbps', 1000, 2000)).toBe(
      false,
    );
    expect(azurermReplacesOnChange('azurerm_express_route_circuit', 'bandwidth_in_mbps', 2000, 1000)).toBe(
      true,
    );
    expect(
      azurermReplacesOnChange('azurerm_express_route_circuit', 'peering_location', 'Tokyo', 'Osaka'),
    ).toBe(true);
  });

  test('an unknown type is undefined (the engine treats it as a possible replacement)', () => {
    expect(azurermForcesNew('azurerm_linux_virtual_machine', 'size')).toBeUndefined();
    expect(azurermReplacesOnChange('azurerm_linux_virtual_machine', 'size', 'a', 'b')).toBeUndefined();
  });

  test('normalises index forms', () => {
    expect(normaliseAttributePath('a[0].b.1.c')).toBe('a.b.c');
    expect(normaliseAttributePath(['a', 0, 'b'])).toBe('a.b');
  });
});

describe('stateful and connection-bearing types', () => {
  test.each([
    ['aws', 'AWS::EC2::ClientVpnEndpoint'],
    ['aws', 'AWS::EC2::ClientVpnTargetNetworkAssociation'],
    ['aws', 'AWS::DirectoryService::MicrosoftAD'],
    ['aws', 'Custom::DirectoryTrust'],
    ['aws', 'AWS::DirectConnect::DirectConnectGateway'],
    ['aws', 'AWS::DirectConnect::DirectConnectGatewayAssociation'],
    ['aws', 'AWS::DirectConnect::TransitVirtualInterface'],
    ['aws', 'AWS::EC2::TransitGateway'],
    ['aws', 'AWS::EC2::TransitGatewayVpcAttachment'],
    ['aws', 'AWS::KMS::Key'],
    ['aws', 'AWS::S3::Bucket'],
    ['aws', 'AWS::DynamoDB::Table'],
    ['aws', 'AWS::EC2::NatGateway'],
    ['aws', 'AWS::EC2::TransitGatewayRouteTable'],
    ['azure', 'azurerm_express_route_circuit'],
    ['azure', 'azurerm_express_route_circuit_peering'],
    ['azure', 'azurerm_express_route_connection'],
    ['azure', 'azurerm_virtual_hub'],
    ['azure', 'azurerm_point_to_site_vpn_gateway'],
    ['azure', 'azurerm_vpn_gateway'],
    ['azure', 'azurerm_express_route_gateway'],
    ['azure', 'azurerm_vpn_server_configuration'],
    ['azure', 'azurerm_log_analytics_workspace'],
    ['azure', 'azurerm_active_directory_domain_service'],
  ] as const)('%s %s is stateful, with what replacement and deletion mean', (cloud, type) => {
    expect(isStateful(cloud, type)).toBe(true);
    expect(statefulImpact(cloud, type, 'replace')?.length).toBeGreaterThan(20);
    expect(statefulImpact(cloud, type, 'delete')?.length).toBeGreaterThan(20);
  });

  test.each([
    ['aws', 'AWS::EC2::Route'],
    ['aws', 'AWS::CloudWatch::Alarm'],
    ['aws', 'AWS::EC2::ClientVpnAuthorizationRule'],
    ['azure', 'azurerm_monitor_metric_alert'],
    ['azure', 'azurerm_monitor_diagnostic_setting'],
    ['aws', 'azurerm_virtual_hub'],
  ] as const)('%s %s is not', (cloud, type) => {
    expect(isStateful(cloud, type)).toBe(false);
    expect(statefulImpact(cloud, type)).toBeUndefined();
  });

  test('the Client VPN endpoint replacement says users are dropped and the DNS name changes', () => {
    expect(statefulImpact('aws', 'AWS::EC2::ClientVpnEndpoint')).toMatch(/66,500.*DNS name/);
  });

  test('one entry per cloud and type', () => {
    const keys = STATEFUL_RESOURCES.map((r) => `${r.cloud}:${r.type}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('session-dropping updates', () => {
  test('Client VPN DNS server change resets connections (cited)', () => {
    const [rule, ...rest] = sessionRulesFor('aws', 'AWS::EC2::ClientVpnEndpoint', ['Properties.DnsServers']);
    expect(rest).toEqual([]);
    expect(rule?.effect).toBe('drops-sessions');
    expect(rule?.citation.source).toContain('API_ModifyClientVpnEndpoint');
  });

  test('a CRL import custom resource that changes resets connections; other custom resources do not', () => {
    const crl = { Update: '{"action":"ImportClientVpnClientCertificateRevocationList"}' };
    expect(sessionRulesFor('aws', 'Custom::AWS', ['Properties.Update'], crl).map((r) => r.id)).toEqual([
      'client-vpn-crl-import',
    ]);
    const lookup = { Update: '{"action":"DescribeTransitGatewayAttachments"}' };
    expect(sessionRulesFor('aws', 'Custom::AWS', ['Properties.Update'], lookup)).toEqual([]);
  });

  test('description, split tunnel and tags do not drop sessions', () => {
    expect(
      sessionRulesFor('aws', 'AWS::EC2::ClientVpnEndpoint', ['Properties.Description', 'Properties.Tags']),
    ).toEqual([]);
  });

  test('a connect handler change affects new connections only', () => {
    const rules = sessionRulesFor('aws', 'AWS::EC2::ClientVpnEndpoint', [
      'Properties.ClientConnectOptions.LambdaFunctionArn',
    ]);
    expect(rules.map((r) => r.effect)).toEqual(['new-connections']);
  });

  test('point-to-site scale unit and address pool changes cause downtime (LIMITS.md)', () => {
    expect(
      sessionRulesFor('azure', 'azurerm_point_to_site_vpn_gateway', ['scale_unit']).map((r) => r.id),
    ).toEqual(['p2s-scale-unit']);
    expect(
      sessionRulesFor('azure', 'azurerm_point_to_site_vpn_gateway', [
        'connection_configuration.0.vpn_client_address_pool.0.address_prefixes',
      ]).map((r) => r.effect),
    ).toEqual(['downtime']);
    expect(sessionRulesFor('azure', 'azurerm_point_to_site_vpn_gateway', ['tags.owner'])).toEqual([]);
    expect(sessionRulesFor('azure', 'azurerm_vpn_server_configuration', ['revoked_certificate'])).toEqual([]);
  });
});

describe('physical names', () => {
  test('a named bucket has a fixed physical name; an unnamed one does not', () => {
    expect(hasFixedPhysicalName('AWS::S3::Bucket', { BucketName: 'x' })).toBe(true);
    expect(hasFixedPhysicalName('AWS::S3::Bucket', {})).toBe(false);
    expect(hasFixedPhysicalName('AWS::EC2::ClientVpnEndpoint', { Description: 'x' })).toBe(false);
  });
});
