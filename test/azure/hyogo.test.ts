/**
 * The Hyogo profile's Azure stacks, one describe per stack: fine-grained assertions on what
 * matters (sizes from the plan, authentication, route filter communities, NAT, protection)
 * and a snapshot per stack as a change detector.
 */
import { Testing } from 'cdktf';
import type { AzureP2sTierPlan } from '../../lib/planner/types';
import type { DeploymentModel } from '../../lib/profile/load';
import { P2S_MIN_ADDRESSES_PER_POOL, p2sMinimumPools } from '../../lib/quotas/azure-virtual-wan';
import { EXPRESSROUTE_SERVICE_COMMUNITIES } from '../../lib/quotas/expressroute';
import { addAzureStacks } from '../../stacks/azure';
import { loadModel } from '../support/profiles';
import { hasResource, resources, type SynthesizedStack, snapshotOf, synthAzure } from './support';

let model: DeploymentModel;
let stacks: ReturnType<typeof synthAzure>;
let tiers: AzureP2sTierPlan[];

beforeAll(() => {
  model = loadModel('hyogo');
  stacks = synthAzure(model);
  tiers = model.plan.tiers.filter((t): t is AzureP2sTierPlan => t.kind === 'azure-p2s');
});

const stack = (key: keyof typeof stacks): SynthesizedStack => {
  const s = stacks[key];
  if (!s) throw new Error(`no ${key} stack`);
  return s;
};

test('synthesizes the five stacks except identity (not enabled in hyogo.yaml)', () => {
  expect(Object.values(stacks).map((s) => s.name)).toEqual([
    'hyogo-prod-connectivity',
    'hyogo-prod-remote-access',
    'hyogo-prod-links',
    'hyogo-prod-monitoring',
  ]);
});

describe('connectivity', () => {
  test('a Standard Virtual WAN with one Standard hub per planned Region, prefixes from the profile', () => {
    expect(hasResource(stack('connectivity'), 'azurerm_virtual_wan', { type: 'Standard' })).toBe(true);
    const hubs = resources(stack('connectivity'), 'azurerm_virtual_hub');
    expect(hubs.map((h) => [h.location, h.address_prefix, h.sku])).toEqual([
      ['japaneast', '10.130.0.0/23', 'Standard'],
      ['japanwest', '10.130.2.0/23', 'Standard'],
    ]);
  });

  test('circuits through IIJ at Tokyo and Osaka, so one peering location can fail', () => {
    const circuits = resources(stack('connectivity'), 'azurerm_express_route_circuit');
    expect(
      circuits.map((c) => [c.name, c.service_provider_name, c.peering_location, c.bandwidth_in_mbps]).sort(),
    ).toEqual([
      ['erc-hyogo-prod-jpe-er-iij-tokyo', 'Internet Initiative Japan Inc. - IIJ', 'Tokyo', 1000],
      ['erc-hyogo-prod-jpw-er-iij-osaka', 'Internet Initiative Japan Inc. - IIJ', 'Osaka', 1000],
    ]);
    expect(new Set(circuits.map((c) => c.peering_location)).size).toBe(2);
    expect(circuits.every((c) => c.sku.tier === 'Premium' && c.sku.family === 'MeteredData')).toBe(true);
  });

  test('private peering with VLAN, /30 peer prefixes and peer ASN on each circuit', () => {
    expect(
      hasResource(stack('connectivity'), 'azurerm_express_route_circuit_peering', {
        peering_type: 'AzurePrivatePeering',
        vlan_id: 100,
        primary_peer_address_prefix: '192.168.100.0/30',
        secondary_peer_address_prefix: '192.168.100.4/30',
        peer_asn: 65010,
      }),
    ).toBe(true);
    expect(
      hasResource(stack('connectivity'), 'azurerm_express_route_circuit_peering', {
        peering_type: 'AzurePrivatePeering',
        vlan_id: 101,
        peer_asn: 65020,
      }),
    ).toBe(true);
  });

  test('Microsoft peering only on the circuit that asks for it, with a route filter holding its communities', () => {
    const peerings = resources(stack('connectivity'), 'azurerm_express_route_circuit_peering');
    const microsoft = peerings.filter((p) => p.peering_type === 'MicrosoftPeering');
    expect(microsoft).toHaveLength(1);
    expect(microsoft[0].express_route_circuit_name).toContain('ExpressRoute_Circuit-er-iij-tokyo');
    expect(microsoft[0].route_filter_id).toMatch(/azurerm_route_filter\..*\.id/);
    expect(microsoft[0].microsoft_peering_config).toEqual({
      advertised_public_prefixes: ['198.51.100.128/27'],
      customer_asn: 65010,
      routing_registry_name: 'APNIC',
    });
    const filters = resources(stack('connectivity'), 'azurerm_route_filter');
    expect(filters).toHaveLength(1);
    const c = EXPRESSROUTE_SERVICE_COMMUNITIES.value;
    expect(filters[0].rule).toEqual([
      {
        name: 'allow-requested-services',
        access: 'Allow',
        rule_type: 'Community',
        communities: [
          c['exchange-online'],
          c['sharepoint-online'],
          c['skype-teams'],
          c['entra-id'],
          c['japan-east'],
        ],
      },
    ]);
    expect(filters[0].rule[0].communities).toEqual([
      '12076:5010',
      '12076:5020',
      '12076:5030',
      '12076:5060',
      '12076:51012',
    ]);
  });

  test('an ExpressRoute gateway per hub sized for its circuits (1 Gbps -> 1 unit), connected to the private peering', () => {
    const gateways = resources(stack('connectivity'), 'azurerm_express_route_gateway');
    expect(gateways.map((g) => [g.location, g.scale_units])).toEqual([
      ['japaneast', 1],
      ['japanwest', 1],
    ]);
    const connections = resources(stack('connectivity'), 'azurerm_express_route_connection');
    expect(connections).toHaveLength(2);
    for (const c of connections) {
      expect(c.express_route_circuit_peering_id).toMatch(/PrivatePeering/);
      expect(c.enable_internet_security).toBe(false);
    }
  });

  test('Global Reach between the two circuits over the profile /29', () => {
    expect(
      hasResource(stack('connectivity'), 'azurerm_express_route_circuit_connection', {
        name: 'gr-hyogo-prod-jpe-er-iij-tokyo-er-iij-osaka',
        address_prefix_ipv4: '192.168.100.32/29',
      }),
    ).toBe(true);
    const [gr] = resources(stack('connectivity'), 'azurerm_express_route_circuit_connection');
    expect(gr.peering_id).toMatch(/PrivatePeering-er-iij-tokyo/);
    expect(gr.peer_peering_id).toMatch(/PrivatePeering-er-iij-osaka/);
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('connectivity'))).toMatchSnapshot();
  });
});

describe('remote-access', () => {
  test('one point-to-site gateway per Azure tier with exactly the planned scale units and pools', () => {
    const gateways = resources(stack('remoteAccess'), 'azurerm_point_to_site_vpn_gateway');
    expect(gateways).toHaveLength(tiers.length);
    for (const tier of tiers) {
      expect(
        hasResource(stack('remoteAccess'), 'azurerm_point_to_site_vpn_gateway', {
          location: tier.region,
          scale_unit: tier.scaleUnits,
          connection_configuration: [
            { vpn_client_address_pool: { address_prefixes: [...tier.addressPools] } },
          ],
        }),
      ).toBe(true);
    }
    const east = gateways.find((g) => g.location === 'japaneast');
    expect(east.scale_unit).toBe(100);
    expect(east.connection_configuration[0].vpn_client_address_pool.address_prefixes).toEqual([
      '10.96.0.0/18',
      '10.96.64.0/18',
      '10.97.0.0/18',
      '10.97.64.0/18',
      '10.97.128.0/18',
      '10.97.192.0/18',
      '10.98.0.0/18',
      '10.98.64.0/18',
    ]);
  });

  test('pool count and pool sizes meet the vendor rule', () => {
    for (const g of resources(stack('remoteAccess'), 'azurerm_point_to_site_vpn_gateway')) {
      const pools: string[] = g.connection_configuration.flatMap(
        (c: { vpn_client_address_pool: { address_prefixes: string[] } }) =>
          c.vpn_client_address_pool.address_prefixes,
      );
      expect(pools.length).toBeGreaterThanOrEqual(p2sMinimumPools(g.scale_unit));
      for (const pool of pools)
        expect(2 ** (32 - Number(pool.split('/')[1]))).toBeGreaterThanOrEqual(
          P2S_MIN_ADDRESSES_PER_POOL.value,
        );
    }
  });

  test('on-premises AD DNS, no default route to clients (Microsoft 365 Optimize breaks out locally)', () => {
    for (const g of resources(stack('remoteAccess'), 'azurerm_point_to_site_vpn_gateway')) {
      expect(g.dns_servers).toEqual(['10.0.0.10', '10.0.0.11']);
      expect(
        g.connection_configuration.map(
          (c: { internet_security_enabled: boolean }) => c.internet_security_enabled,
        ),
      ).toEqual([false]);
    }
    const outputs = stack('remoteAccess').json.output;
    expect(outputs.microsoft365_optimize_exclude_routes.value).toContain('52.112.0.0/14');
  });

  test('OpenVPN with Entra ID (tenant, audience, issuer from the profile) and certificate authentication', () => {
    const entra = model.profile.identity.federation.entra!;
    const [config] = resources(stack('remoteAccess'), 'azurerm_vpn_server_configuration');
    expect(config.vpn_protocols).toEqual(['OpenVPN']);
    expect(config.vpn_authentication_types).toEqual(['Certificate', 'AAD']);
    expect(config.azure_active_directory_authentication).toEqual([
      {
        tenant: `https://login.microsoftonline.com/${entra.tenantId}/`,
        audience: entra.audience,
        issuer: entra.issuer,
      },
    ]);
    const pem = model.files.certificateAuthorities.get('hyogo-device-ca')!;
    const body = pem
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join('');
    expect(config.client_root_certificate).toEqual([{ name: 'hyogo-device-ca', public_cert_data: body }]);
    expect(config.client_root_certificate[0].public_cert_data).not.toMatch(/BEGIN|\s/);
    expect(config.client_revoked_certificate).toEqual([]);
  });

  test('one policy group per population with its Entra group and certificate group, the first the default', () => {
    const groups = resources(stack('remoteAccess'), 'azurerm_vpn_server_configuration_policy_group');
    // 3 populations x 2 Regions (one server configuration per hub Region).
    expect(groups).toHaveLength(6);
    expect(
      hasResource(stack('remoteAccess'), 'azurerm_vpn_server_configuration_policy_group', {
        name: 'vpnpg-hyogo-prod-jpe-prefectural-staff',
        is_default: true,
        priority: 0,
        policy: [
          {
            name: 'prefectural-staff-entra',
            type: 'AADGroupId',
            value: '00000000-0000-4000-8000-0000000000a1',
          },
          {
            name: 'prefectural-staff-certificate',
            type: 'CertificateGroupId',
            value: 'tw-prefectural-staff',
          },
        ],
      }),
    ).toBe(true);
    expect(groups.filter((g) => g.is_default)).toHaveLength(2);
  });

  test('hubs found by name through data sources, not cross-stack references', () => {
    const data = stack('remoteAccess').json.data.azurerm_virtual_hub;
    expect(Object.values(data).map((d) => (d as { name: string }).name)).toEqual([
      'vhub-hyogo-prod-jpe',
      'vhub-hyogo-prod-jpw',
    ]);
    expect(stack('remoteAccess').text).not.toMatch(/terraform_remote_state/);
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('remoteAccess'))).toMatchSnapshot();
  });
});

describe('links', () => {
  test('a site-to-site VPN gateway per hub', () => {
    const gateways = resources(stack('links'), 'azurerm_vpn_gateway');
    expect(gateways.map((g) => [g.location, g.scale_unit])).toEqual([
      ['japaneast', 1],
      ['japanwest', 1],
    ]);
  });

  test('a VPN site per data centre with a BGP link per device, connected to every hub', () => {
    expect(
      hasResource(stack('links'), 'azurerm_vpn_site', {
        name: 'vst-hyogo-prod-jpe-dc-kobe',
        link: [
          {
            name: 'kobe-vpn-a',
            ip_address: '203.0.113.10',
            bgp: { asn: 65010, peering_address: '10.0.255.1' },
          },
          {
            name: 'kobe-vpn-b',
            ip_address: '203.0.113.11',
            bgp: { asn: 65010, peering_address: '10.0.255.2' },
          },
        ],
      }),
    ).toBe(true);
    const connections = resources(stack('links'), 'azurerm_vpn_gateway_connection');
    const kobe = connections.filter((c) => c.remote_vpn_site_id.includes('Site-dc-kobe'));
    expect(kobe).toHaveLength(2);
    for (const c of kobe) expect(c.vpn_link.every((l: { bgp_enabled: boolean }) => l.bgp_enabled)).toBe(true);
  });

  test('the carrier closed mobile network: a VPN site for the device pool and a static 1:1 NAT to the local range', () => {
    expect(
      hasResource(stack('links'), 'azurerm_vpn_site', {
        name: 'vst-hyogo-prod-jpe-iij-private-gateway',
        address_cidrs: ['172.20.0.0/20'],
        link: [
          { name: 'iij-pgw-a', ip_address: '203.0.113.30' },
          { name: 'iij-pgw-b', ip_address: '203.0.113.31' },
        ],
      }),
    ).toBe(true);
    const nats = resources(stack('links'), 'azurerm_vpn_gateway_nat_rule');
    expect(nats).toHaveLength(1);
    expect(nats[0]).toMatchObject({
      mode: 'IngressSnat',
      type: 'Static',
      internal_mapping: [{ address_space: '172.20.0.0/20' }],
      external_mapping: [{ address_space: '10.15.240.0/20' }],
    });
    expect(nats[0].vpn_gateway_id).toMatch(/Gateway-japaneast/);
    const carrier = resources(stack('links'), 'azurerm_vpn_gateway_connection').find((c) =>
      c.remote_vpn_site_id.includes('Site-iij-private-gateway'),
    );
    expect(carrier.vpn_link).toHaveLength(2);
    for (const link of carrier.vpn_link) {
      expect(link.ingress_nat_rule_ids).toEqual([
        expect.stringMatching(
          /^\$\{azurerm_vpn_gateway_nat_rule\.Links_Nat-iij-private-gateway_[A-F0-9]+\.id\}$/,
        ),
      ]);
    }
  });

  test('every VPN site carries the Virtual WAN Office 365 local breakout for Optimize endpoints', () => {
    for (const site of resources(stack('links'), 'azurerm_vpn_site')) {
      expect(site.o365_policy.traffic_category.optimize_endpoint_enabled).toBe(true);
    }
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('links'))).toMatchSnapshot();
  });
});

describe('monitoring', () => {
  test('a Log Analytics workspace with the profile retention (731 days: 730 interactive, tables kept 1095)', () => {
    expect(
      hasResource(stack('monitoring'), 'azurerm_log_analytics_workspace', { retention_in_days: 730 }),
    ).toBe(true);
    const tables = resources(stack('monitoring'), 'azurerm_log_analytics_workspace_table');
    expect(tables.map((t) => [t.name, t.total_retention_in_days])).toEqual([
      ['AzureDiagnostics', 1095],
      ['AzureMetrics', 1095],
    ]);
  });

  test('diagnostic settings on the P2S gateways, VPN gateways, circuits and ExpressRoute gateways', () => {
    const targets = resources(stack('monitoring'), 'azurerm_monitor_diagnostic_setting').map((d) =>
      d.target_resource_id.replace(/^.*\/providers\//, ''),
    );
    expect(targets.sort()).toEqual([
      'Microsoft.Network/expressRouteCircuits/erc-hyogo-prod-jpe-er-iij-tokyo',
      'Microsoft.Network/expressRouteCircuits/erc-hyogo-prod-jpw-er-iij-osaka',
      'Microsoft.Network/expressRouteGateways/ergw-hyogo-prod-jpe',
      'Microsoft.Network/expressRouteGateways/ergw-hyogo-prod-jpw',
      'Microsoft.Network/p2sVpnGateways/p2sgw-hyogo-prod-jpe-azure-japaneast',
      'Microsoft.Network/p2sVpnGateways/p2sgw-hyogo-prod-jpw-azure-japanwest',
      'Microsoft.Network/vpnGateways/vpng-hyogo-prod-jpe',
      'Microsoft.Network/vpnGateways/vpng-hyogo-prod-jpw',
    ]);
    const first = resources(stack('monitoring'), 'azurerm_monitor_diagnostic_setting').find((d) =>
      d.target_resource_id.endsWith('p2sgw-hyogo-prod-jpe-azure-japaneast'),
    );
    expect(first.target_resource_id).toBe(
      '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-hyogo-prod-jpe-connectivity/providers/Microsoft.Network/p2sVpnGateways/p2sgw-hyogo-prod-jpe-azure-japaneast',
    );
    expect(first.enabled_log).toEqual([{ category_group: 'allLogs' }]);
    expect(first.enabled_metric).toEqual([{ category: 'AllMetrics' }]);
  });

  test('connection alerts at 80 % and 95 % of each tier\u2019s planned nominal connections', () => {
    const alerts = resources(stack('monitoring'), 'azurerm_monitor_metric_alert').filter(
      (a) => a.criteria[0].metric_name === 'P2SConnectionCount',
    );
    const east = tiers.find((t) => t.region === 'japaneast')!;
    expect(east.nominalConnections).toBe(50_000);
    expect(alerts.map((a) => [a.name, a.criteria[0].threshold])).toEqual([
      ['alert-hyogo-prod-jpe-azure-japaneast-p2s-80pct', 40_000],
      ['alert-hyogo-prod-jpe-azure-japaneast-p2s-95pct', 47_500],
      ['alert-hyogo-prod-jpw-azure-japanwest-p2s-80pct', 400],
      ['alert-hyogo-prod-jpw-azure-japanwest-p2s-95pct', 475],
    ]);
    for (const a of alerts) {
      expect(a.criteria[0]).toMatchObject({
        metric_namespace: 'Microsoft.Network/p2sVpnGateways',
        operator: 'GreaterThan',
        aggregation: 'Total',
      });
    }
  });

  test('a BGP availability alert per circuit', () => {
    const bgp = resources(stack('monitoring'), 'azurerm_monitor_metric_alert').filter(
      (a) => a.criteria[0].metric_name === 'BgpAvailability',
    );
    expect(bgp).toHaveLength(2);
    for (const a of bgp) {
      expect(a.criteria[0]).toMatchObject({
        metric_namespace: 'Microsoft.Network/expressRouteCircuits',
        operator: 'LessThan',
        threshold: 100,
      });
      expect(a.scopes[0]).toMatch(/expressRouteCircuits\/erc-hyogo-prod-/);
    }
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('monitoring'))).toMatchSnapshot();
  });
});

describe('backend', () => {
  test('local state by default (no credentials), one file per stack', () => {
    for (const s of Object.values(stacks)) {
      expect(s.json.terraform.backend).toEqual({ local: { path: `terraform.${s.name}.tfstate` } });
    }
  });

  test('azurerm backend per environment when asked, one state key per stack, OIDC', () => {
    const remote = synthAzure(model, 'azurerm');
    for (const s of Object.values(remote)) {
      expect(s.json.terraform.backend.azurerm).toMatchObject({
        resource_group_name: 'rg-hyogo-prod-tfstate',
        storage_account_name: 'sthyogoprodtfstate',
        container_name: 'tfstate',
        key: `${s.name}.tfstate`,
        use_oidc: true,
      });
    }
  });
});

describe('apply order', () => {
  test('recorded as stack dependencies for the deploy workflow (manifest), without references', () => {
    const app = Testing.app();
    const s = addAzureStacks(app, model, 'prod', 'local');
    const deps = (stack: { dependencies: { node: { id: string } }[] } | undefined) =>
      (stack?.dependencies ?? []).map((d) => d.node.id);
    expect(deps(s.connectivity)).toEqual([]);
    expect(deps(s.remoteAccess)).toEqual(['hyogo-prod-connectivity']);
    expect(deps(s.links)).toEqual(['hyogo-prod-connectivity']);
    expect(deps(s.monitoring)).toEqual([
      'hyogo-prod-connectivity',
      'hyogo-prod-remote-access',
      'hyogo-prod-links',
    ]);
  });
});
