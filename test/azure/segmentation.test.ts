/**
 * Segmentation read back from the synthesized Terraform only (lib/verify/azure-reach.ts):
 * per population, the destinations its pools can reach through routing intent and the hub
 * firewall equal its reach networks' CIDRs; every carrier range that enters Azure reaches
 * exactly its networks after translation; no source reaches a protected network. Checked
 * for Hyogo, Iwate and a held-out variant, and the checker is shown to fail on broken JSON.
 */
import type { DeploymentModel } from '../../lib/model/deployment-model';
import type { Profile } from '../../lib/profile/schema';
import { addressSetOf, azureReach, cidrsOf, reachesAny, reachesExactly } from '../../lib/verify/azure-reach';
import { loadModel } from '../support/profiles';
import { cachedAzure, synthAzure } from './support';

// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
type Json = any;

const cases: Record<string, { model: DeploymentModel; stacks: Json[] }> = {};

beforeAll(() => {
  const models: Record<string, DeploymentModel> = {
    hyogo: loadModel('hyogo'),
    iwate: loadModel('iwate'),
    // Held out: a fourth population with a narrow reach, a second protected network inside a
    // data centre's advertised prefixes, and a carrier that reaches two networks.
    'hyogo-variant': loadModel('hyogo', (p) => {
      p.addressPlan.networks.push({
        name: 'tax-system',
        cidrs: ['10.18.0.0/16'],
        at: 'dc:dc-harima',
        protected: true,
      });
      p.populations.push({
        name: 'contractors',
        concurrentUsers: 500,
        authentication: ['certificate', 'federated-sso'],
        accessGroup: 'tw-contractors',
        reach: ['municipal-gateway'],
      });
      p.clouds.azure.entraGroupObjectIds.contractors = '00000000-0000-4000-8000-0000000000a4';
      p.closedMobileNetworks[0].reach = ['prefectural-lan', 'telework-desktops'];
    }),
  };
  for (const [name, model] of Object.entries(models)) {
    // The fixtures as the real CLI synthesized them (global setup); the variant in-process.
    const stacks = name === 'hyogo' || name === 'iwate' ? cachedAzure(name) : synthAzure(model);
    cases[name] = { model, stacks: Object.values(stacks).map((s) => s!.json) };
  }
});

function networkCidrs(profile: Profile, names: readonly string[]): string[] {
  return names.flatMap((n) => profile.addressPlan.networks.find((x) => x.name === n)!.cidrs);
}

describe.each(['hyogo', 'iwate', 'hyogo-variant'])('%s', (name) => {
  test('every population reaches exactly its reach networks from its own pools, through a firewall', () => {
    const { model, stacks } = cases[name]!;
    const reach = azureReach(stacks);
    for (const population of model.profile.populations) {
      const mine = reach.filter((r) => r.kind === 'p2s-connection' && r.name === population.name);
      // One connection configuration per population on every Azure tier.
      expect(mine).toHaveLength(model.plan.tiers.filter((t) => t.kind === 'azure-p2s').length);
      const expected = networkCidrs(model.profile, population.reach);
      for (const r of mine) {
        expect(r.filtered).toBe(true);
        expect({ population: population.name, reachable: r.reachable }).toEqual({
          population: population.name,
          reachable: cidrsOf(addressSetOf(expected)),
        });
        expect(reachesExactly(r, expected)).toBe(true);
      }
    }
  });

  test('every carrier range that enters Azure reaches exactly its networks, after translation', () => {
    const { model, stacks } = cases[name]!;
    const reach = azureReach(stacks);
    const carriers = model.profile.closedMobileNetworks.filter((n) => n.landing.at.startsWith('azure:'));
    for (const carrier of carriers) {
      const [r] = reach.filter((x) => x.kind === 'vpn-site' && x.name.endsWith(`-${carrier.name}`));
      expect(r).toBeDefined();
      expect(r!.sourceCidrs).toEqual([carrier.translation?.translatedRange ?? carrier.devicePool]);
      expect(r!.filtered).toBe(true);
      expect(reachesExactly(r!, networkCidrs(model.profile, carrier.reach))).toBe(true);
    }
  });

  test('no source reaches a protected network, although a data centre advertises a covering prefix', () => {
    const { model, stacks } = cases[name]!;
    const protectedCidrs = model.profile.addressPlan.networks
      .filter((n) => n.protected)
      .flatMap((n) => n.cidrs);
    expect(protectedCidrs.length).toBeGreaterThan(0);
    const reach = azureReach(stacks);
    expect(reach.length).toBeGreaterThan(0);
    expect(reach.filter((r) => reachesAny(r, protectedCidrs)).map((r) => r.id)).toEqual([]);
    expect(reach.every((r) => r.filtered)).toBe(true);
  });
});

test('Hyogo: the protected My Number segment lies inside dc-kobe’s advertised 10.0.0.0/12', () => {
  const { model } = cases.hyogo!;
  expect(model.profile.dataCentres.find((d) => d.name === 'dc-kobe')!.prefixes).toEqual(['10.0.0.0/12']);
  expect(model.profile.addressPlan.networks.find((n) => n.protected)!.cidrs).toEqual(['10.8.0.0/16']);
});

describe('the checker fails on a broken artifact', () => {
  const broken = (mutate: (stacks: Json[]) => void) => {
    const stacks = structuredClone(cases.hyogo!.stacks);
    mutate(stacks);
    return azureReach(stacks);
  };

  test('without routing intent a hub routes any-to-any: the protected segment becomes reachable', () => {
    const reach = broken((stacks) => {
      for (const s of stacks) delete s.resource?.azurerm_virtual_hub_routing_intent;
    });
    expect(reach.some((r) => !r.filtered && reachesAny(r, ['10.8.0.0/16']))).toBe(true);
  });

  test('an allow rule to a data centre’s advertised prefix widens reach into the protected segment unless denied first', () => {
    const widen = (keepDeny: boolean) =>
      broken((stacks) => {
        for (const s of stacks) {
          for (const g of Object.values(
            s.resource?.azurerm_firewall_policy_rule_collection_group ?? {},
          ) as Json[]) {
            for (const c of g.network_rule_collection) {
              if (c.action === 'Allow') c.rule[0].destination_addresses = ['10.0.0.0/12'];
            }
            if (!keepDeny)
              g.network_rule_collection = g.network_rule_collection.filter((c: Json) => c.action === 'Allow');
          }
        }
      });
    expect(widen(false).some((r) => reachesAny(r, ['10.8.0.0/16']))).toBe(true);
    expect(widen(true).some((r) => reachesAny(r, ['10.8.0.0/16']))).toBe(false);
  });

  test('a population whose pool is not in its rule reaches nothing', () => {
    const reach = broken((stacks) => {
      for (const s of stacks) {
        for (const g of Object.values(
          s.resource?.azurerm_firewall_policy_rule_collection_group ?? {},
        ) as Json[]) {
          g.network_rule_collection = g.network_rule_collection.filter(
            (c: Json) => c.name !== 'allow-population-small-business',
          );
        }
      }
    });
    const small = reach.filter((r) => r.name === 'small-business');
    expect(small.length).toBeGreaterThan(0);
    expect(small.every((r) => r.reachable.length === 0)).toBe(true);
  });
});
