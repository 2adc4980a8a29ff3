/**
 * The Iwate profile's Azure stacks: one hub, one SoftBank circuit without Microsoft peering,
 * certificate-only access, a carrier network that lands in the data centre (no Azure site).
 */
import type { AzureP2sTierPlan } from '../../lib/planner/types';
import type { DeploymentModel } from '../../lib/profile/load';
import { loadModel } from '../support/profiles';
import { hasResource, resources, type SynthesizedStack, snapshotOf, synthAzure } from './support';

let model: DeploymentModel;
let stacks: ReturnType<typeof synthAzure>;

beforeAll(() => {
  model = loadModel('iwate');
  stacks = synthAzure(model);
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
        bandwidth_in_mbps: 500,
        sku: { tier: 'Standard', family: 'MeteredData' },
      }),
    ).toBe(true);
    const peerings = resources(stack('connectivity'), 'azurerm_express_route_circuit_peering');
    expect(peerings.map((p) => p.peering_type)).toEqual(['AzurePrivatePeering']);
    expect(resources(stack('connectivity'), 'azurerm_route_filter')).toEqual([]);
    expect(resources(stack('connectivity'), 'azurerm_express_route_circuit_connection')).toEqual([]);
    expect(hasResource(stack('connectivity'), 'azurerm_express_route_gateway', { scale_units: 1 })).toBe(
      true,
    );
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('connectivity'))).toMatchSnapshot();
  });
});

describe('remote-access', () => {
  test('the planned 40 scale units and two /18 pools; certificate authentication only', () => {
    const [tier] = model.plan.tiers.filter((t): t is AzureP2sTierPlan => t.kind === 'azure-p2s');
    expect(
      hasResource(stack('remoteAccess'), 'azurerm_point_to_site_vpn_gateway', {
        scale_unit: tier!.scaleUnits,
        connection_configuration: [
          {
            vpn_client_address_pool: { address_prefixes: [...tier!.addressPools] },
            internet_security_enabled: false,
          },
        ],
        dns_servers: ['10.32.0.10', '10.32.0.11'],
      }),
    ).toBe(true);
    expect(tier!.scaleUnits).toBe(40);
    expect(tier!.addressPools).toEqual(['10.232.0.0/18', '10.232.64.0/18']);
    const [config] = resources(stack('remoteAccess'), 'azurerm_vpn_server_configuration');
    expect(config.vpn_authentication_types).toEqual(['Certificate']);
    expect(config.azure_active_directory_authentication).toBeUndefined();
    expect(config.client_root_certificate[0].name).toBe('iwate-device-ca');
  });

  test('no policy group: the population has no group to identify it by', () => {
    expect(resources(stack('remoteAccess'), 'azurerm_vpn_server_configuration_policy_group')).toEqual([]);
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
  test('400-day retention in the workspace, alerts at 16,000 and 19,000 connections, one BGP alert', () => {
    expect(
      hasResource(stack('monitoring'), 'azurerm_log_analytics_workspace', { retention_in_days: 400 }),
    ).toBe(true);
    expect(resources(stack('monitoring'), 'azurerm_log_analytics_workspace_table')).toEqual([]);
    const thresholds = resources(stack('monitoring'), 'azurerm_monitor_metric_alert').map((a) => [
      a.criteria[0].metric_name,
      a.criteria[0].threshold,
    ]);
    expect(thresholds).toEqual(
      expect.arrayContaining([
        ['P2SConnectionCount', 16_000],
        ['P2SConnectionCount', 19_000],
        ['BgpAvailability', 100],
      ]),
    );
    expect(thresholds).toHaveLength(3);
  });

  test('snapshot', () => {
    expect(snapshotOf(stack('monitoring'))).toMatchSnapshot();
  });
});
