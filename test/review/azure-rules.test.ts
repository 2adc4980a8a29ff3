/**
 * Each Azure rule of the review on small hand-built Terraform JSON pairs: every test fails
 * when its rule is removed.
 */
import { diffAzure } from '../../lib/review/azure-diff';
import type { FindingInput } from '../../lib/review/finding';
import { clone, handTree } from './support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built Terraform JSON
type Json = any;

/** A Terraform interpolation as cdktf writes it: `${azurerm_x.y.id}`. */
const tf = (reference: string) => `\${${reference}}`;

function connectivity(): Json {
  return {
    resource: {
      azurerm_virtual_hub: {
        hub: {
          '//': { metadata: { path: 'org-prod-connectivity/Hub-japaneast', uniqueId: 'hub' } },
          name: 'vhub-jpe',
          location: 'japaneast',
          resource_group_name: 'rg',
          address_prefix: '10.200.0.0/23',
          virtual_wan_id: tf('azurerm_virtual_wan.wan.id'),
          tags: { owner: 'ict' },
          lifecycle: { prevent_destroy: true },
        },
      },
      azurerm_virtual_wan: {
        wan: {
          name: 'vwan',
          location: 'japaneast',
          resource_group_name: 'rg',
          lifecycle: { prevent_destroy: true },
        },
      },
      azurerm_express_route_circuit: {
        circuit: {
          name: 'erc-tokyo',
          location: 'japaneast',
          resource_group_name: 'rg',
          service_provider_name: 'IIJ',
          peering_location: 'Tokyo',
          bandwidth_in_mbps: 1000,
          sku: [{ tier: 'Premium', family: 'MeteredData' }],
          lifecycle: { prevent_destroy: true },
        },
      },
      azurerm_point_to_site_vpn_gateway: {
        gateway: {
          name: 'p2s-jpe',
          location: 'japaneast',
          resource_group_name: 'rg',
          virtual_hub_id: tf('azurerm_virtual_hub.hub.id'),
          vpn_server_configuration_id: '/subscriptions/x/vpnServerConfigurations/vpnsc',
          scale_unit: 100,
          connection_configuration: [
            { name: 'users', vpn_client_address_pool: [{ address_prefixes: ['10.96.0.0/18'] }] },
          ],
        },
      },
    },
  };
}

const STACK = 'org-prod-connectivity';

function findings(base: Json, head: Json): FindingInput[] {
  return diffAzure(handTree({}, { [STACK]: base }), handTree({}, { [STACK]: head })).findings;
}

const only = (found: FindingInput[], rule: string) => found.filter((f) => f.rule === rule);

describe('Azure rules', () => {
  test('no change, no finding', () => {
    expect(findings(connectivity(), clone(connectivity()))).toEqual([]);
  });

  test('a ForceNew attribute of a stateful resource blocks (peering_location)', () => {
    const head = connectivity();
    head.resource.azurerm_express_route_circuit.circuit.peering_location = 'Osaka';
    expect(only(findings(connectivity(), head), 'stateful-replaced')).toMatchObject([
      {
        severity: 'block',
        resource: 'azurerm_express_route_circuit.circuit',
        cause: ['peering_location'],
        action: 'replacement',
      },
    ]);
  });

  test('bandwidth grows in place, shrinking replaces the circuit (conditional ForceNew)', () => {
    const up = connectivity();
    up.resource.azurerm_express_route_circuit.circuit.bandwidth_in_mbps = 2000;
    expect(only(findings(connectivity(), up), 'stateful-replaced')).toEqual([]);
    const down = connectivity();
    down.resource.azurerm_express_route_circuit.circuit.bandwidth_in_mbps = 500;
    expect(only(findings(connectivity(), down), 'stateful-replaced')).toHaveLength(1);
  });

  test('replacement travels along references into ForceNew attributes', () => {
    const head = connectivity();
    head.resource.azurerm_virtual_hub.hub.address_prefix = '10.210.0.0/23';
    const found = only(findings(connectivity(), head), 'stateful-replaced');
    expect(found.map((f) => f.resource).sort()).toEqual([
      'azurerm_point_to_site_vpn_gateway.gateway',
      'azurerm_virtual_hub.hub',
    ]);
    expect(found.find((f) => f.resource.startsWith('azurerm_point'))!.cause[0]).toMatch(
      /virtual_hub_id \(refers to replaced azurerm_virtual_hub\.hub\)/,
    );
  });

  test('scale units update in place with downtime (cited session rule)', () => {
    const head = connectivity();
    head.resource.azurerm_point_to_site_vpn_gateway.gateway.scale_unit = 120;
    const found = findings(connectivity(), head);
    expect(only(found, 'session-p2s-scale-unit')).toMatchObject([
      { category: 'interruption', severity: 'warn' },
    ]);
    expect(found.filter((f) => f.severity === 'block')).toEqual([]);
  });

  test('a changed address is destroy + create unless a moved block covers it', () => {
    const head = connectivity();
    head.resource.azurerm_express_route_circuit.circuit_tokyo =
      head.resource.azurerm_express_route_circuit.circuit;
    delete head.resource.azurerm_express_route_circuit.circuit;
    expect(only(findings(connectivity(), head), 'stateful-renamed')).toMatchObject([
      { severity: 'block', resource: 'azurerm_express_route_circuit.circuit' },
    ]);
    const moved = clone(head);
    moved.moved = [
      { from: 'azurerm_express_route_circuit.circuit', to: 'azurerm_express_route_circuit.circuit_tokyo' },
    ];
    expect(findings(connectivity(), moved)).toEqual([]);
  });

  test('losing prevent_destroy is a finding', () => {
    const head = connectivity();
    delete head.resource.azurerm_virtual_wan.wan.lifecycle;
    expect(only(findings(connectivity(), head), 'prevent-destroy-removed')).toMatchObject([
      { severity: 'warn', resource: 'azurerm_virtual_wan.wan', cause: ['lifecycle.prevent_destroy'] },
    ]);
  });

  test('a destroyed stateful resource blocks; a whole stack removed destroys everything', () => {
    const head = connectivity();
    delete head.resource.azurerm_express_route_circuit;
    expect(only(findings(connectivity(), head), 'stateful-deleted')).toMatchObject([
      { severity: 'block', category: 'deletion', resource: 'azurerm_express_route_circuit.circuit' },
    ]);
    const gone = diffAzure(handTree({}, { [STACK]: connectivity() }), handTree({}, {}));
    expect(gone.changes.map((c) => c.action)).toEqual(['delete', 'delete', 'delete', 'delete']);
  });

  test('tags only: updated in place, nothing blocks', () => {
    const head = connectivity();
    head.resource.azurerm_virtual_hub.hub.tags = { owner: 'ict', costCentre: 'telework' };
    const result = diffAzure(handTree({}, { [STACK]: connectivity() }), handTree({}, { [STACK]: head }));
    expect(result.changes).toMatchObject([{ action: 'update', paths: ['tags.costCentre'] }]);
    expect(result.findings).toEqual([]);
  });
});
