/**
 * Capacity implied by the synthesized Terraform JSON (scale units per the quota table) meets
 * the profile's Azure share, and the verifier catches gateways that break the vendor rules.
 */
import type { AzureP2sTierPlan } from '../../lib/planner/types';
import { p2sGatewayCapacities, verifyAzureP2sCapacity } from '../../lib/verify/azure-capacity';
import { loadModel } from '../support/profiles';
import { terraformStacks } from '../support/synthesized';

// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
const synthesized: Record<string, { json: any[]; azureNominal: number }> = {};

beforeAll(() => {
  for (const name of ['hyogo', 'iwate'] as const) {
    const model = loadModel(name);
    const tiers = model.plan.tiers.filter((t): t is AzureP2sTierPlan => t.kind === 'azure-p2s');
    synthesized[name] = {
      // The Terraform JSON `tsunagi synth` wrote (cdktf.out), synthesized once per jest run.
      json: [...terraformStacks(name).values()],
      azureNominal: tiers.reduce((sum, t) => sum + t.nominalConnections, 0),
    };
  }
});

describe.each(['hyogo', 'iwate'])('%s', (name) => {
  test('the synthesized gateways carry at least the planned Azure share, with no rule broken', () => {
    const { json, azureNominal } = synthesized[name]!;
    const result = verifyAzureP2sCapacity(json);
    expect(result.problems).toEqual([]);
    expect(result.gateways.length).toBeGreaterThan(0);
    expect(result.connections).toBeGreaterThanOrEqual(azureNominal);
  });
});

test('hyogo: 16 + 160 scale units carry 90,000 connections, the whole normal-operation load', () => {
  const result = verifyAzureP2sCapacity(synthesized.hyogo!.json);
  expect(result.gateways.map((g) => [g.location, g.scaleUnits, g.pools.length, g.connections])).toEqual([
    // One pool set per population: 1 + 1 + 1 in the east, 3 + 4 + 3 in the west.
    ['japaneast', 16, 3, 10_000],
    ['japanwest', 160, 10, 80_000],
  ]);
  expect(result.connections).toBe(90_000);
});

function gatewayJson(scaleUnit: number, pools: string[]) {
  return {
    resource: {
      azurerm_point_to_site_vpn_gateway: {
        gw: {
          name: 'p2sgw-test',
          location: 'japaneast',
          scale_unit: scaleUnit,
          connection_configuration: [{ name: 'c', vpn_client_address_pool: { address_prefixes: pools } }],
        },
      },
    },
  };
}

describe('the verifier fails what breaks the vendor rules', () => {
  test('too few pools for the scale units', () => {
    const [g] = p2sGatewayCapacities(gatewayJson(100, ['10.96.0.0/18', '10.96.64.0/18']));
    expect(g!.problems).toEqual([
      expect.stringMatching(/2 client address pool\(s\); 100 scale units need at least 5/),
      'pools hold 32768 addresses, fewer than the 50000 connections',
    ]);
  });

  test('a pool under 10,000 addresses, and overlapping pools', () => {
    const [g] = p2sGatewayCapacities(gatewayJson(20, ['10.96.0.0/19', '10.96.0.0/18']));
    expect(g!.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/10\.96\.0\.0\/19 holds 8192 addresses/),
        expect.stringMatching(/overlap/),
      ]),
    );
  });

  test('an invalid scale unit count carries nothing', () => {
    const [g] = p2sGatewayCapacities(gatewayJson(25, ['10.96.0.0/18', '10.96.64.0/18']));
    expect(g!.connections).toBe(0);
    expect(g!.problems[0]).toMatch(/not a valid point-to-site scale unit count/);
  });

  test('a smaller synthesized gateway falls short of the plan', () => {
    const result = verifyAzureP2sCapacity([gatewayJson(40, ['10.96.0.0/18', '10.96.64.0/18'])]);
    expect(result.connections).toBe(20_000);
    expect(result.connections).toBeLessThan(synthesized.hyogo!.azureNominal);
  });
});
