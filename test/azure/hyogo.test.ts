/**
 * The Hyogo profile's Azure stacks, one describe per stack: fine-grained assertions on what
 * matters (sizes from the plan, authentication, route filter communities, NAT, protection)
 * and a snapshot per stack as a change detector. Synthesized in stage 2 (both circuits
 * marked providerProvisioned, as after the provider has provisioned them); stage 1 is
 * covered by test/azure/expressroute-stages.test.ts.
 */
import type { AzureP2sTierPlan } from '../../lib/planner/types';
import type { DeploymentModel } from '../../lib/profile/load';
import { P2S_MIN_ADDRESSES_PER_POOL, p2sMinimumPools } from '../../lib/quotas/azure-virtual-wan';
import { EXPRESSROUTE_SERVICE_COMMUNITIES } from '../../lib/quotas/expressroute';
import { addAzureStacks } from '../../stacks/azure';
import { loadModel } from '../support/profiles';
import {
  hasResource,
  resources,
  type SynthesizedStack,
  snapshotOf,
  synthAzure,
  withTestingApp,
} from './support';

let model: DeploymentModel;
let stacks: ReturnType<typeof synthAzure>;
let tiers: AzureP2sTierPlan[];

beforeAll(() => {
  model = loadModel('hyogo', (p) => {
    for (const c of p.expressRoute.circuits) c.providerProvisioned = true;
  });
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
      ['erc-hyogo-prod-jpe-er-iij-tokyo', 'Internet Initiative Japan Inc. - IIJ', 'Tokyo', 10000],
      ['erc-hyogo-prod-jpw-er-iij-osaka', 'Internet Initiative Japan Inc. - IIJ', 'Osaka', 10000],
    ]);
    expect(new Set(circuits.map((c) => c.peering_location)).size).toBe(2);
    // Premium only where Microsoft 365 rides Microsoft peering (Tokyo); Osaka carries private
    // peering only, so Premium would buy nothing there.
    expect(circuits.map((c) => [c.peering_location, c.sku.tier, c.sku.family]).sort()).toEqual([
      ['Osaka', 'Standard', 'MeteredData'],
      ['Tokyo', 'Premium', 'MeteredData'],
    ]);
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

  test('an ExpressRoute gateway per hub sized for its circuits (10 Gbps -> 5 units), connected to the private peering', () => {
    const gateways = resources(stack('connectivity'), 'azurerm_express_route_gateway');
    expect(gateways.map((g) => [g.location, g.scale_units])).toEqual([
      ['japaneast', 5],
      ['japanwest', 5],
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
  test('one point-to-site gateway per Azure tier, one connection configuration per population with its own planned pools', () => {
    const gateways = resources(stack('remoteAccess'), 'azurerm_point_to_site_vpn_gateway');
    expect(gateways).toHaveLength(tiers.length);
    for (const tier of tiers) {
      const g = gateways.find((x) => x.location === tier.region);
      expect(g.scale_unit).toBe(tier.scaleUnits);
      expect(
        g.connection_configuration.map(
          (c: { name: string; vpn_client_address_pool: { address_prefixes: string[] } }) => [
            c.name,
            c.vpn_client_address_pool.address_prefixes,
          ],
        ),
      ).toEqual(tier.populationPools.map((p) => [p.population, [...p.pools]]));
    }
    const east = gateways.find((g) => g.location === 'japaneast');
    expect(east.scale_unit).toBe(16);
    expect(
      Object.fromEntries(
        east.connection_configuration.map(
          (c: { name: string; vpn_client_address_pool: { address_prefixes: string[] } }) => [
            c.name,
            c.vpn_client_address_pool.address_prefixes,
          ],
        ),
      ),
    ).toEqual({
      'prefectural-staff': ['10.96.0.0/18'],
      'municipal-staff': ['10.97.0.0/18'],
      'small-business': ['10.98.0.0/18'],
    });
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
      ).toEqual([false, false, false]);
    }
    const outputs = stack('remoteAccess').json.output;
    expect(outputs.microsoft365_optimize_exclude_routes.value).toContain('52.112.0.0/14');
  });

  test('OpenVPN with Entra ID alone (never certificate or Entra ID), tenant URL without trailing slash', () => {
    const entra = model.profile.identity.federation.entra!;
    const configs = resources(stack('remoteAccess'), 'azurerm_vpn_server_configuration');
    expect(configs).toHaveLength(2);
    for (const config of configs) {
      expect(config.vpn_protocols).toEqual(['OpenVPN']);
      // Azure admits a user when any listed type passes: exactly one type.
      expect(config.vpn_authentication_types).toEqual(['AAD']);
      expect(config.azure_active_directory_authentication).toEqual([
        {
          tenant: `https://login.microsoftonline.com/${entra.tenantId}`,
          audience: entra.audience,
          issuer: entra.issuer,
        },
      ]);
      expect(config.azure_active_directory_authentication[0].tenant).not.toMatch(/\/$/);
      expect(config.client_root_certificate).toBeUndefined();
    }
  });

  test('Conditional Access stands in for the certificate: MFA and a compliant or hybrid-joined device, per population group', () => {
    const entra = model.profile.identity.federation.entra!;
    const policies = resources(stack('remoteAccess'), 'azuread_conditional_access_policy');
    const ids = model.profile.clouds.azure!.entraGroupObjectIds;
    expect(policies).toHaveLength(2 * model.profile.populations.length);
    for (const p of model.profile.populations) {
      const mine = policies.filter((x) => x.conditions.users.included_groups[0] === ids[p.name]);
      expect(mine.map((x) => x.grant_controls).sort((a, b) => a.operator.localeCompare(b.operator))).toEqual([
        { operator: 'AND', built_in_controls: ['mfa'] },
        { operator: 'OR', built_in_controls: ['compliantDevice', 'domainJoinedDevice'] },
      ]);
      for (const x of mine) {
        expect(x.state).toBe('enabled');
        expect(x.conditions.applications.included_applications).toEqual([entra.audience]);
        expect(x.conditions.users.included_groups).toEqual([ids[p.name]]);
      }
    }
  });

  test('one policy group per population matching its Entra group, narrowest reach first; the default matches nobody', () => {
    const groups = resources(stack('remoteAccess'), 'azurerm_vpn_server_configuration_policy_group');
    // (3 populations + the default) x 2 Regions (one server configuration per hub Region).
    expect(groups).toHaveLength(8);
    const east = groups.filter((g) => g.name.includes('-jpe-')).sort((a, b) => a.priority - b.priority);
    expect(east.map((g) => [g.name, g.priority, g.is_default, g.policy])).toEqual([
      [
        'vpnpg-hyogo-prod-jpe-small-business',
        1,
        false,
        [
          {
            name: 'small-business-entra-group',
            type: 'AADGroupId',
            value: '00000000-0000-4000-8000-0000000000a3',
          },
        ],
      ],
      [
        'vpnpg-hyogo-prod-jpe-municipal-staff',
        2,
        false,
        [
          {
            name: 'municipal-staff-entra-group',
            type: 'AADGroupId',
            value: '00000000-0000-4000-8000-0000000000a2',
          },
        ],
      ],
      [
        'vpnpg-hyogo-prod-jpe-prefectural-staff',
        3,
        false,
        [
          {
            name: 'prefectural-staff-entra-group',
            type: 'AADGroupId',
            value: '00000000-0000-4000-8000-0000000000a1',
          },
        ],
      ],
      [
        'vpnpg-hyogo-prod-jpe-unmatched',
        4,
        true,
        [{ name: 'no-entra-group', type: 'AADGroupId', value: '00000000-0000-0000-0000-000000000000' }],
      ],
    ]);
  });

  test('each connection configuration is bound to its population\u2019s policy group (azapi), the default to none', () => {
    const groups = stack('remoteAccess').json.resource.azurerm_vpn_server_configuration_policy_group;
    const bindings = resources(stack('remoteAccess'), 'azapi_update_resource');
    expect(bindings).toHaveLength(tiers.length);
    for (const b of bindings) {
      expect(b.type).toMatch(/^Microsoft\.Network\/p2sVpnGateways@\d{4}-\d{2}-\d{2}$/);
      expect(b.resource_id).toMatch(/^\$\{azurerm_point_to_site_vpn_gateway\.RemoteAccess_Gateway-/);
      expect(b.lifecycle.replace_triggered_by[0]).toMatch(/azurerm_point_to_site_vpn_gateway/);
      for (const c of b.body.properties.p2SConnectionConfigurations) {
        const [ref] = c.properties.configurationPolicyGroupAssociations;
        const key = /policy_group\.([^.]+)\.id/.exec(ref.id)![1]!;
        expect(groups[key].name).toMatch(new RegExp(`-${c.name}$`));
        expect(groups[key].is_default).toBe(false);
      }
    }
    expect(stack('remoteAccess').json.terraform.required_providers.azapi).toEqual({
      source: 'azure/azapi',
      version: '2.5.0',
    });
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

  test('every site-to-site link has an explicit IPsec/IKE policy (no negotiation down to defaults)', () => {
    const connections = resources(stack('links'), 'azurerm_vpn_gateway_connection');
    expect(connections.length).toBeGreaterThan(0);
    for (const c of connections) {
      for (const link of c.vpn_link) {
        expect(link.ipsec_policy).toEqual([
          {
            ike_encryption_algorithm: 'AES256',
            ike_integrity_algorithm: 'SHA384',
            dh_group: 'ECP384',
            encryption_algorithm: 'GCMAES256',
            integrity_algorithm: 'GCMAES256',
            pfs_group: 'ECP384',
            sa_lifetime_sec: 3600,
            sa_data_size_kb: 102400000,
          },
        ]);
      }
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
  test('a Log Analytics workspace without local authentication, kept 7 years: 730 days interactive, 2922 total', () => {
    const [workspace] = resources(stack('monitoring'), 'azurerm_log_analytics_workspace');
    expect(workspace.retention_in_days).toBe(730);
    expect(workspace.local_authentication_enabled).toBe(false);
    const tables = resources(stack('monitoring'), 'azurerm_log_analytics_workspace_table');
    // audit.archiveRetentionDays 2557 (7 years): the smallest accepted total at or above it.
    expect(tables.map((t) => [t.name, t.total_retention_in_days])).toEqual([
      ['AzureDiagnostics', 2922],
      ['AzureMetrics', 2922],
    ]);
    expect(model.profile.audit.archiveRetentionDays).toBe(2557);
  });

  test('every alert notifies the operations action group of operations.alarmRecipients', () => {
    const [group] = resources(stack('monitoring'), 'azurerm_monitor_action_group');
    expect(group.email_receiver.map((r: { email_address: string }) => r.email_address)).toEqual([
      ...model.profile.operations.alarmRecipients.emails,
    ]);
    const alerts = resources(stack('monitoring'), 'azurerm_monitor_metric_alert');
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts)
      expect(a.action[0].action_group_id).toMatch(/azurerm_monitor_action_group\.Monitoring_Operations/);
  });

  test('diagnostic settings on the P2S gateways, VPN gateways, firewalls, circuits and ExpressRoute gateways', () => {
    const targets = resources(stack('monitoring'), 'azurerm_monitor_diagnostic_setting').map((d) =>
      d.target_resource_id.replace(/^.*\/providers\//, ''),
    );
    expect(targets.sort()).toEqual([
      'Microsoft.Network/azureFirewalls/afw-hyogo-prod-jpe',
      'Microsoft.Network/azureFirewalls/afw-hyogo-prod-jpw',
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
    expect(east.nominalConnections).toBe(10_000);
    expect(alerts.map((a) => [a.name, a.criteria[0].threshold])).toEqual([
      ['alert-hyogo-prod-jpe-azure-japaneast-p2s-80pct', 8_000],
      ['alert-hyogo-prod-jpe-azure-japaneast-p2s-95pct', 9_500],
      ['alert-hyogo-prod-jpw-azure-japanwest-p2s-80pct', 64_000],
      ['alert-hyogo-prod-jpw-azure-japanwest-p2s-95pct', 76_000],
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
    const s = withTestingApp((app) => addAzureStacks(app, model, 'prod', 'local'));
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
