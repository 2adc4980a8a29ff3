/**
 * Identity (optional): Entra Domain Services in a test-only variant of the Hyogo profile.
 * Neither committed profile enables it.
 */
import { loadModel, loadVariant } from '../support/profiles';
import { hasResource, resources, type SynthesizedStack, snapshotOf, synthAzure } from './support';

const DOMAIN_SERVICES = {
  region: 'japaneast',
  virtualNetworkCidr: '10.130.16.0/24',
  subnetPrefix: '10.130.16.0/26',
  sku: 'Enterprise',
};

let identity: SynthesizedStack;

beforeAll(() => {
  const model = loadModel('hyogo', (p) => {
    p.identity.entraDomainServices = DOMAIN_SERVICES;
  });
  const stacks = synthAzure(model);
  identity = stacks.identity!;
});

test('no identity stack unless the profile enables Entra Domain Services', () => {
  expect(synthAzure(loadModel('iwate')).identity).toBeUndefined();
});

test('the managed domain in its subnet, named apart from the on-premises forest, protected', () => {
  expect(identity.name).toBe('hyogo-prod-identity');
  expect(
    hasResource(identity, 'azurerm_active_directory_domain_service', {
      name: 'aadds-hyogo-prod-jpe',
      location: 'japaneast',
      domain_name: 'aadds.ad.pref.hyogo.example',
      sku: 'Enterprise',
      lifecycle: { prevent_destroy: true },
    }),
  ).toBe(true);
  const [domain] = resources(identity, 'azurerm_active_directory_domain_service');
  expect(domain.initial_replica_set.subnet_id).toMatch(/azurerm_subnet\..*\.id/);
  expect(domain.security).toMatchObject({ ntlm_v1_enabled: false, tls_v1_enabled: false });
});

test('network from the profile, NSG with the rules Microsoft requires, on the subnet', () => {
  expect(hasResource(identity, 'azurerm_virtual_network', { address_space: ['10.130.16.0/24'] })).toBe(true);
  expect(hasResource(identity, 'azurerm_subnet', { address_prefixes: ['10.130.16.0/26'] })).toBe(true);
  const [nsg] = resources(identity, 'azurerm_network_security_group');
  expect(
    nsg.security_rule.map((r: { destination_port_range: string; source_address_prefix: string }) => [
      r.destination_port_range,
      r.source_address_prefix,
    ]),
  ).toEqual([
    ['5986', 'AzureActiveDirectoryDomainServices'],
    ['3389', 'CorpNetSaw'],
  ]);
  expect(resources(identity, 'azurerm_subnet_network_security_group_association')).toHaveLength(1);
});

test('connected to the hub of its Region, found by name', () => {
  expect(identity.json.data.azurerm_virtual_hub).toBeDefined();
  expect(Object.values(identity.json.data.azurerm_virtual_hub)).toEqual([
    expect.objectContaining({
      name: 'vhub-hyogo-prod-jpe',
      resource_group_name: 'rg-hyogo-prod-jpe-connectivity',
    }),
  ]);
  expect(resources(identity, 'azurerm_virtual_hub_connection')).toHaveLength(1);
});

test('a virtual network that overlaps another range is refused by validation', () => {
  const result = loadVariant('hyogo', (p) => {
    p.identity.entraDomainServices = {
      ...DOMAIN_SERVICES,
      virtualNetworkCidr: '10.130.0.0/24',
      subnetPrefix: '10.130.0.0/26',
    };
  });
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.issues.map((i) => i.path.join('.'))).toContain(
      'identity.entraDomainServices.virtualNetworkCidr',
    );
  }
});

test('snapshot', () => {
  expect(snapshotOf(identity)).toMatchSnapshot();
});

test('a managed domain outside Japan, or in a Region without a hub, is refused by validation', () => {
  const abroad = loadVariant('iwate', (p) => {
    p.identity.entraDomainServices = {
      ...DOMAIN_SERVICES,
      virtualNetworkCidr: '10.200.32.0/24',
      subnetPrefix: '10.200.32.0/26',
      region: 'eastus',
    };
  });
  expect(abroad.ok).toBe(false);
  if (!abroad.ok)
    expect(abroad.issues.map((i) => i.message).join('\n')).toMatch(/not a Japanese Azure Region/);
  const noHub = loadVariant('iwate', (p) => {
    p.identity.entraDomainServices = {
      ...DOMAIN_SERVICES,
      virtualNetworkCidr: '10.200.32.0/24',
      subnetPrefix: '10.200.32.0/26',
      region: 'japanwest',
    };
  });
  expect(noHub.ok).toBe(false);
  if (!noHub.ok) expect(noHub.issues.map((i) => i.message).join('\n')).toMatch(/has no Virtual WAN hub/);
});
