/**
 * Staged ExpressRoute: with the profile's default (providerProvisioned: false) the first
 * apply creates circuits and their authorizations alone, because a peering, a hub connection
 * or Global Reach fails until the provider has provisioned the circuit. Flipping one circuit
 * adds only that circuit's stage-2 resources; Global Reach waits for both ends.
 */
import { type TerraformStack, Testing } from 'cdktf';
import { addAzureStacks } from '../../stacks/azure';
import { loadModel } from '../support/profiles';
import { withTestingApp } from './support';

// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
type Json = any;

const STAGE_TWO_TYPES = [
  'azurerm_express_route_circuit_peering',
  'azurerm_express_route_connection',
  'azurerm_express_route_circuit_connection',
  'azurerm_route_filter',
];

/** The connectivity stack alone, synthesized once per variant. */
function connectivity(provisioned: readonly string[]): Json {
  const model = loadModel('hyogo', (p) => {
    for (const c of p.expressRoute.circuits) if (provisioned.includes(c.name)) c.providerProvisioned = true;
  });
  return withTestingApp((app) => {
    const stacks = addAzureStacks(app, model, 'prod', 'local');
    return JSON.parse(Testing.synth(stacks.connectivity as TerraformStack));
  });
}

const count = (json: Json, type: string) => Object.keys(json.resource?.[type] ?? {}).length;

let stageOne: Json;
let tokyoOnly: Json;

beforeAll(() => {
  stageOne = connectivity([]);
  tokyoOnly = connectivity(['er-iij-tokyo']);
});

test('stage 1: circuits and authorizations only; no peering, connection, route filter or Global Reach', () => {
  expect(count(stageOne, 'azurerm_express_route_circuit')).toBe(2);
  expect(count(stageOne, 'azurerm_express_route_circuit_authorization')).toBe(2);
  for (const type of STAGE_TWO_TYPES) expect({ type, n: count(stageOne, type) }).toEqual({ type, n: 0 });
  // The hub side is ready: the ExpressRoute gateways need no provisioned circuit.
  expect(count(stageOne, 'azurerm_express_route_gateway')).toBe(2);
});

test('one circuit provisioned: its peerings and hub connection, no Global Reach until both are', () => {
  const peerings = Object.values(tokyoOnly.resource.azurerm_express_route_circuit_peering) as Json[];
  expect(peerings.map((p) => p.peering_type).sort()).toEqual(['AzurePrivatePeering', 'MicrosoftPeering']);
  expect(peerings.every((p) => /er-iij-tokyo/.test(p.express_route_circuit_name))).toBe(true);
  const [connection] = Object.values(tokyoOnly.resource.azurerm_express_route_connection) as Json[];
  expect(connection.name).toBe('ercn-hyogo-prod-jpe-er-iij-tokyo');
  expect(connection.authorization_key).toMatch(
    /azurerm_express_route_circuit_authorization\..*er-iij-tokyo.*\.authorization_key/,
  );
  expect(count(tokyoOnly, 'azurerm_express_route_connection')).toBe(1);
  expect(count(tokyoOnly, 'azurerm_express_route_circuit_connection')).toBe(0);
});

test('stage 1 resources carry prevent_destroy, so no stage flip can destroy a circuit', () => {
  for (const type of ['azurerm_express_route_circuit', 'azurerm_express_route_circuit_authorization']) {
    for (const r of Object.values(stageOne.resource[type]) as Json[])
      expect(r.lifecycle.prevent_destroy).toBe(true);
  }
});
