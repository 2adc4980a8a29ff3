/**
 * Across every Azure stack of both profiles (and the identity variant): every resource name
 * follows the convention and Azure's rules, long-lead and stateful resources carry
 * prevent_destroy, and every stack is a standalone root module.
 */
import {
  AZURE_FIXED_NAME_TYPES,
  AZURE_NAME_RULES,
  nameRuleForResourceType,
  nameRuleViolation,
} from '../../lib/azure/naming';
import { STATEFUL_RESOURCES } from '../../lib/review/rules/stateful';
import { loadModel } from '../support/profiles';
import { cachedAzure, type SynthesizedStack, synthAzure } from './support';

const PROFILES = ['hyogo', 'iwate', 'hyogo+identity'] as const;
let synthesized: Record<(typeof PROFILES)[number], SynthesizedStack[]>;

beforeAll(() => {
  const variant = loadModel('hyogo', (p) => {
    p.identity.entraDomainServices = {
      region: 'japanwest',
      virtualNetworkCidr: '10.130.16.0/24',
      subnetPrefix: '10.130.16.0/26',
    };
  });
  synthesized = {
    hyogo: Object.values(cachedAzure('hyogo')),
    iwate: Object.values(cachedAzure('iwate')),
    'hyogo+identity': Object.values(synthAzure(variant)),
  };
});

// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
function allResources(stacks: SynthesizedStack[]): { stack: string; type: string; id: string; body: any }[] {
  return stacks.flatMap((s) =>
    Object.entries(s.json.resource ?? {}).flatMap(([type, byId]) =>
      Object.entries(byId as object).map(([id, body]) => ({ stack: s.name, type, id, body })),
    ),
  );
}

/**
 * Every stateful or connection-bearing Azure type (the review rules' list, lib/review/rules/
 * stateful.ts) plus the ones this design adds whose replacement drops sessions or opens a
 * hole: the firewall policy and its rules, the circuit authorization the hub connection
 * redeems, Conditional Access policies and the domain's network.
 */
const PROTECTED = [
  ...STATEFUL_RESOURCES.filter((r) => r.cloud === 'azure').map((r) => r.type),
  'azurerm_firewall_policy',
  'azurerm_firewall_policy_rule_collection_group',
  'azurerm_express_route_circuit_authorization',
  'azuread_conditional_access_policy',
  'azurerm_virtual_network',
  'azurerm_subnet',
  'azurerm_virtual_hub_connection',
];

describe.each(PROFILES)('%s', (profile) => {
  test('every named resource follows <abbr>-<org>-<env>[-<region>][-<purpose>] and Azure’s rules', () => {
    const org = profile.startsWith('hyogo') ? 'hyogo' : 'iwate';
    const checked = allResources(synthesized[profile]).filter((r) => typeof r.body.name === 'string');
    expect(checked.length).toBeGreaterThanOrEqual(20);
    const problems: string[] = [];
    for (const r of checked) {
      if (AZURE_FIXED_NAME_TYPES.has(r.type)) continue;
      const rule = nameRuleForResourceType(r.type);
      if (!rule) {
        problems.push(`${r.type} has no naming rule in lib/azure/naming.ts`);
        continue;
      }
      const abbreviation = Object.entries(AZURE_NAME_RULES).find(([, v]) => v === rule)![0];
      const violation = nameRuleViolation(r.body.name, rule);
      if (violation) problems.push(`${r.type} ${r.body.name} ${violation}`);
      if (!r.body.name.startsWith(`${abbreviation}-${org}-prod`))
        problems.push(`${r.type} ${r.body.name} does not start with ${abbreviation}-${org}-prod`);
    }
    expect(problems).toEqual([]);
  });

  test('names are unique per resource type', () => {
    const seen = new Map<string, number>();
    for (const r of allResources(synthesized[profile])) {
      if (typeof r.body.name !== 'string' || AZURE_FIXED_NAME_TYPES.has(r.type)) continue;
      const key = `${r.type}/${r.body.name}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
  });

  test('long-lead and stateful resources carry lifecycle.prevent_destroy', () => {
    const all = allResources(synthesized[profile]);
    const protectedOnes = all.filter((r) => PROTECTED.includes(r.type));
    expect(protectedOnes.map((r) => r.type)).toEqual(
      expect.arrayContaining([
        'azurerm_virtual_wan',
        'azurerm_virtual_hub',
        'azurerm_express_route_circuit',
        'azurerm_vpn_server_configuration',
        'azurerm_point_to_site_vpn_gateway',
      ]),
    );
    const unprotected = protectedOnes.filter((r) => r.body.lifecycle?.prevent_destroy !== true);
    expect(unprotected.map((r) => `${r.type}.${r.id}`)).toEqual([]);
  });

  test('each stack is a standalone root module: references only to its own resources and data sources', () => {
    for (const s of synthesized[profile]) {
      expect(s.text).not.toMatch(/terraform_remote_state|cross-stack-output/);
      const own = new Set<string>([
        ...Object.entries(s.json.resource ?? {}).flatMap(([t, ids]) =>
          Object.keys(ids as object).map((i) => `${t}.${i}`),
        ),
        ...Object.entries(s.json.data ?? {}).flatMap(([t, ids]) =>
          Object.keys(ids as object).map((i) => `data.${t}.${i}`),
        ),
      ]);
      const refs = [...s.text.matchAll(/\$\{((?:data\.)?azurerm_[a-z_]+\.[A-Za-z0-9_-]+)/g)].map(
        (m) => m[1]!,
      );
      expect(refs.filter((r) => !own.has(r))).toEqual([]);
      // azurerm in every stack; azapi (policy-group binding) and azuread (Conditional Access)
      // only where used, each pinned to one version.
      expect(Object.keys(s.json.provider)).toContain('azurerm');
      for (const [name, req] of Object.entries(s.json.terraform.required_providers) as [
        string,
        { version: string },
      ][]) {
        expect(['azurerm', 'azapi', 'azuread']).toContain(name);
        expect(req.version).toMatch(/^\d+\.\d+\.\d+$/);
      }
    }
  });

  test('only Japan East and Japan West', () => {
    const locations = new Set(
      allResources(synthesized[profile])
        .map((r) => r.body.location)
        .filter((l): l is string => typeof l === 'string'),
    );
    expect([...locations].every((l) => ['japaneast', 'japanwest'].includes(l))).toBe(true);
  });
});
