/**
 * The Iwate profile's Azure stacks: one hub, one SoftBank circuit without Microsoft peering,
 * certificate-only access, a carrier network that lands in the data centre (no Azure site).
 */
import type { AzureP2sTierPlan } from '../../lib/planner/types';
import type { DeploymentModel } from '../../lib/profile/load';
import { loadModel } from '../support/profiles';
import { cachedAzure, hasResource, resources, type SynthesizedStack, snapshotOf } from './support';

let model: DeploymentModel;
let stacks: ReturnType<typeof cachedAzure>;

beforeAll(() => {
  model = loadModel('iwate');
  stacks = cachedAzure('iwate');
});

const stack = (key: keyof typeof stacks): SynthesizedStack => {
  const s = stacks[key];
  if (!s) throw new Error(`no ${key} stack`);
  return s;
};

describe('connectivity', () => {
  test('one hub in Japan East and the SoftBank circuit at Tokyo2, private peering only', () => {
    expect(resources(stack('connectivity'), 'azurerm_virtual_hub').map((h) => h.location)).toEqual([
      'japaneast',
    ]);
    expect(
      hasResource(stack('connectivity'), 'azurerm_express_route_circuit', {
        name: 'erc-iwate-prod-jpe-er-softbank-tokyo',
        service_provider_name: 'SoftBank',
        peering_location: 'Tokyo2',
        bandwidth_in_mbps: 10000,
        sku: { tier: 'Standard', family: 'MeteredData' },
      }),
    ).toBe(true);
    // Stage 1 (providerProvisioned defaults to false): the circuit and its authorization only.
    expect(resources(stack('connectivity'), 'azurerm_express_route_circuit_authorization')).toHaveLength(1);
    expect(resources(stack('connectivity'), 'azurerm_express_route_circuit_peering')).toEqual([]);
    expect(resources(stack('connectivity'), 'azurerm_express_route_connection')).toEqual([]);
    expect(resources(stack('connectivity'), 'azurerm_route_filter')).toEqual([]);
    expect(resources(stack('connectivity'), 'azurerm_express_route_circuit_connection')).toEqual([]);
    expect(hasResource(stack('connectivity'), 'azurerm_express_route_gateway', { scale_units: 5 })).toBe(
      true,
    );
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('connectivity'))).toMatchSnapshot();
  });
});

describe('remote-access', () => {
  test('the planned 12 scale units and one /18 pool; certificate authentication only', () => {
    const [tier] = model.plan.tiers.filter((t): t is AzureP2sTierPlan => t.kind === 'azure-p2s');
    expect(
      hasResource(stack('remoteAccess'), 'azurerm_point_to_site_vpn_gateway', {
        scale_unit: tier!.scaleUnits,
        connection_configuration: [
          {
            name: 'prefectural-staff',
            vpn_client_address_pool: { address_prefixes: [...tier!.addressPools] },
            internet_security_enabled: false,
          },
        ],
        dns_servers: ['10.32.0.10', '10.32.0.11'],
      }),
    ).toBe(true);
    expect(tier!.scaleUnits).toBe(12);
    expect(tier!.addressPools).toEqual(['10.232.0.0/18']);
    const [config] = resources(stack('remoteAccess'), 'azurerm_vpn_server_configuration');
    expect(config.vpn_authentication_types).toEqual(['Certificate']);
    expect(config.azure_active_directory_authentication).toBeUndefined();
    expect(config.client_root_certificate[0].name).toBe('iwate-device-ca');
  });

  test('the population\u2019s policy group matches its certificate CN domain; the default matches nobody', () => {
    const groups = resources(stack('remoteAccess'), 'azurerm_vpn_server_configuration_policy_group');
    expect(groups.map((g) => [g.name, g.is_default, g.policy[0].type, g.policy[0].value]).sort()).toEqual([
      ['vpnpg-iwate-prod-jpe-prefectural-staff', false, 'CertificateGroupId', 'staff.pref.iwate.example'],
      ['vpnpg-iwate-prod-jpe-unmatched', true, 'CertificateGroupId', 'unmatched.invalid'],
    ]);
    // Certificate alone was asked for: no Conditional Access, no Entra ID.
    expect(resources(stack('remoteAccess'), 'azuread_conditional_access_policy')).toEqual([]);
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('remoteAccess'))).toMatchSnapshot();
  });
});

describe('links', () => {
  test('the data centre site with static routing (no BGP addresses in the profile), no carrier site or NAT', () => {
    expect(
      hasResource(stack('links'), 'azurerm_vpn_site', {
        name: 'vst-iwate-prod-jpe-dc-morioka',
        address_cidrs: ['10.32.0.0/12'],
      }),
    ).toBe(true);
    expect(resources(stack('links'), 'azurerm_vpn_site')).toHaveLength(1);
    expect(resources(stack('links'), 'azurerm_vpn_gateway_nat_rule')).toEqual([]);
    const [connection] = resources(stack('links'), 'azurerm_vpn_gateway_connection');
    expect(connection.vpn_link.map((l: { bgp_enabled: boolean }) => l.bgp_enabled)).toEqual([false, false]);
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('links'))).toMatchSnapshot();
  });
});

describe('monitoring', () => {
  test('400-day interactive retention, 5 years total, alerts at 4,800 and 5,700 connections, one BGP alert', () => {
    expect(
      hasResource(stack('monitoring'), 'azurerm_log_analytics_workspace', { retention_in_days: 400 }),
    ).toBe(true);
    const thresholds = resources(stack('monitoring'), 'azurerm_monitor_metric_alert').map((a) => [
      a.criteria[0].metric_name,
      a.criteria[0].threshold,
    ]);
    expect(thresholds).toEqual(
      expect.arrayContaining([
        ['P2SConnectionCount', 4_800],
        ['P2SConnectionCount', 5_700],
        ['BgpAvailability', 100],
      ]),
    );
    expect(thresholds).toHaveLength(3);
    // 400 days interactive; total retention covers audit.archiveRetentionDays (1827 -> 2191).
    expect(
      resources(stack('monitoring'), 'azurerm_log_analytics_workspace_table').map(
        (t) => t.total_retention_in_days,
      ),
    ).toEqual([2191, 2191]);
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('monitoring'))).toMatchSnapshot();
  });
});
