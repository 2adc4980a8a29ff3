/**
 * The corpus of bad profiles: each case changes a valid profile in one way and names the
 * field path and the words the error must carry. Every reported line must also follow the
 * `file:line: path: what is wrong (got X); how to fix` form.
 */

import type { LoadResult } from '../../lib/model/deployment-model';
import { formatIssue, formatPath } from '../../lib/profile/issues';
import { loadProfileText } from '../../lib/profile/load';
import { perMutant } from '../support/per-mutant';
import { CONFIG_DIR, loadVariant, type MutableProfile } from '../support/profiles';

interface BadCase {
  readonly name: string;
  readonly base?: 'hyogo' | 'iwate';
  readonly mutate: (p: MutableProfile) => void;
  readonly path: string;
  readonly says: RegExp;
}

const CASES: readonly BadCase[] = [
  // Schema errors
  {
    name: 'missing required field',
    mutate: (p) => delete p.target.concurrentUsers,
    path: 'target.concurrentUsers',
    says: /is required/,
  },
  {
    name: 'wrong type',
    mutate: (p) => (p.target.concurrentUsers = 'lots'),
    path: 'target.concurrentUsers',
    says: /must be a number/,
  },
  {
    name: 'unknown field',
    mutate: (p) => (p.accessTiers[0].colour = 'red'),
    path: 'accessTiers[0]',
    says: /unknown field colour/,
  },
  {
    name: 'unknown provider',
    mutate: (p) => (p.accessTiers[1].provider = 'gcp'),
    path: 'accessTiers[1].provider',
    says: /not one of the allowed values/,
  },
  {
    name: 'CIDR with host bits',
    mutate: (p) => (p.clouds.aws.regions[0].vpcCidr = '10.128.0.1/20'),
    path: 'clouds.aws.regions[0].vpcCidr',
    says: /host bits set/,
  },
  {
    name: 'not a CIDR',
    mutate: (p) => (p.addressPlan.clientPoolSupernets[0] = 'ten-dot'),
    path: 'addressPlan.clientPoolSupernets[0]',
    says: /not an IPv4 CIDR/,
  },
  {
    name: 'log retention CloudWatch refuses',
    mutate: (p) => (p.audit.logRetentionDays = 42),
    path: 'audit.logRetentionDays',
    says: /retention period CloudWatch Logs accepts/,
  },
  {
    name: 'bad account ID',
    mutate: (p) => (p.environments[0].aws.accountId = '1234'),
    path: 'environments[0].aws.accountId',
    says: /12-digit/,
  },
  // Overlapping ranges
  {
    name: 'VPC overlaps a data centre',
    mutate: (p) => (p.clouds.aws.regions[1].vpcCidr = '10.16.0.0/20'),
    path: 'dataCentres[1].prefixes[0]',
    says: /overlaps clouds\.aws\.regions\[1\]\.vpcCidr \(10\.16\.0\.0\/20, vpc\)/,
  },
  {
    name: 'tier blocks overlap',
    mutate: (p) => (p.accessTiers[1].clientAddressBlock = '10.64.0.0/12'),
    path: 'accessTiers[1].clientAddressBlock',
    says: /overlaps accessTiers\[0\]\.clientAddressBlock/,
  },
  {
    name: 'carrier pool collides with on-premises without translation',
    mutate: (p) => {
      p.closedMobileNetworks[0].devicePool = '10.4.0.0/20';
      delete p.closedMobileNetworks[0].translation;
    },
    path: 'closedMobileNetworks[0].devicePool',
    says: /overlaps dataCentres\[0\]\.prefixes\[0\] \(10\.0\.0\.0\/12, on-premises\)/,
  },
  {
    name: 'client supernet overlaps a hub',
    mutate: (p) => (p.clouds.azure.hubs[0].hubAddressPrefix = '10.100.0.0/23'),
    path: 'clouds.azure.hubs[0].hubAddressPrefix',
    says: /overlaps addressPlan\.clientPoolSupernets\[0\]/,
  },
  // Client pools too small
  {
    name: 'AWS tier block too small for one endpoint',
    mutate: (p) => (p.accessTiers[0].clientAddressBlock = '10.64.0.0/16'),
    path: 'accessTiers[0].clientAddressBlock',
    says: /too small for one Client VPN endpoint.*a \/14/,
  },
  {
    name: 'Azure tier block too small for one pool',
    mutate: (p) => (p.accessTiers[2].clientAddressBlock = '10.96.0.0/20'),
    path: 'accessTiers[2].clientAddressBlock',
    says: /too small for one Virtual WAN client address pool of \/18/,
  },
  {
    name: 'tier block outside the supernets',
    mutate: (p) => (p.accessTiers[3].clientAddressBlock = '172.16.0.0/14'),
    path: 'accessTiers[3].clientAddressBlock',
    says: /outside every addressPlan\.clientPoolSupernets/,
  },
  // Target no permitted design can carry
  {
    name: 'target beyond quotas',
    mutate: (p) => {
      p.target.concurrentUsers = 900_000;
      p.populations[1].concurrentUsers = 862_400;
    },
    path: 'target.concurrentUsers',
    says: /cannot be carried within quotas: after .* top out at/,
  },
  {
    name: 'pinned minimum beyond the block',
    mutate: (p) => (p.accessTiers[0].minimumEndpoints = 5),
    path: 'accessTiers[0].minimumEndpoints',
    says: /more than the tier can hold/,
  },
  // Regions
  {
    name: 'AWS Region outside Japan',
    mutate: (p) => {
      p.clouds.aws.regions[1].region = 'us-east-1';
      p.clouds.aws.regions[1].availabilityZones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
      p.accessTiers[1].region = 'us-east-1';
    },
    path: 'clouds.aws.regions[1].region',
    says: /not a Japanese AWS Region/,
  },
  {
    name: 'Azure hub outside Japan',
    mutate: (p) => (p.clouds.azure.hubs[1].region = 'eastus'),
    path: 'clouds.azure.hubs[1].region',
    says: /not a Japanese Azure Region/,
  },
  {
    name: 'zone of another Region',
    mutate: (p) => (p.clouds.aws.regions[0].availabilityZones[2] = 'ap-northeast-3c'),
    path: 'clouds.aws.regions[0].availabilityZones[2]',
    says: /not an Availability Zone of ap-northeast-1/,
  },
  // Duplicate names
  {
    name: 'duplicate population',
    mutate: (p) => (p.populations[2].name = 'municipal-staff'),
    path: 'populations[2].name',
    says: /duplicates the population at index 1/,
  },
  {
    name: 'duplicate network',
    mutate: (p) => (p.addressPlan.networks[3].name = 'telework-desktops'),
    path: 'addressPlan.networks[3].name',
    says: /duplicates the network/,
  },
  {
    name: 'two tiers in one provider Region',
    mutate: (p) => (p.accessTiers[1].region = 'ap-northeast-1'),
    path: 'accessTiers[1].region',
    says: /one concentrator tier per provider and Region/,
  },
  // Unknown references
  {
    name: 'population reaches an unknown network',
    mutate: (p) => p.populations[0].reach.push('nowhere'),
    path: 'populations[0].reach[2]',
    says: /names a network that addressPlan\.networks does not declare/,
  },
  {
    name: 'link to an unknown place',
    mutate: (p) => (p.dataCentres[0].links[1].to = 'aws:ap-southeast-2'),
    path: 'dataCentres[0].links[1].to',
    says: /names a place that the profile does not declare/,
  },
  {
    name: 'circuit to an undeclared hub',
    mutate: (p) => (p.expressRoute.circuits[1].hubRegion = 'japaneast2'),
    path: 'expressRoute.circuits[1].hubRegion',
    says: /has no Virtual WAN hub declared/,
  },
  {
    name: 'global reach to an unknown circuit',
    mutate: (p) => (p.expressRoute.globalReach[0].circuits[1] = 'er-none'),
    path: 'expressRoute.globalReach[0].circuits[1]',
    says: /names an unknown circuit/,
  },
  // Protected segments
  {
    name: 'population reaches the My Number segment',
    mutate: (p) => p.populations[0].reach.push('my-number'),
    path: 'populations[0].reach[2]',
    says: /reach the protected segment my-number/,
  },
  {
    name: 'reachable network covers the protected segment',
    mutate: (p) => (p.addressPlan.networks[0].cidrs = ['10.0.0.0/12']),
    path: 'populations[0].reach[0]',
    says: /whose range covers the protected segment my-number/,
  },
  {
    name: 'carrier devices reach a protected segment',
    mutate: (p) => p.closedMobileNetworks[0].reach.push('my-number'),
    path: 'closedMobileNetworks[0].reach[1]',
    says: /carrier network iij-private-gateway reach the protected segment/,
  },
  // Other cross-field rules
  {
    name: 'populations add up to less than the target',
    mutate: (p) => (p.populations[2].concurrentUsers = 100),
    path: 'target.concurrentUsers',
    says: /more than the populations' peaks add up to/,
  },
  {
    name: 'mixed user-based methods on Client VPN',
    mutate: (p) => (p.populations[2].authentication = ['certificate', 'directory']),
    path: 'populations[2].authentication',
    says: /one user-based method/,
  },
  {
    name: 'Microsoft 365 peering without Premium',
    mutate: (p) => (p.expressRoute.circuits[0].sku.tier = 'Standard'),
    path: 'expressRoute.circuits[0].sku.tier',
    says: /must be Premium/,
  },
  {
    name: 'Global Reach at one location',
    mutate: (p) => (p.expressRoute.circuits[1].peeringLocation = 'Tokyo'),
    path: 'expressRoute.globalReach[0].circuits',
    says: /same peering location/,
  },
  {
    name: 'peering prefix not a /30',
    mutate: (p) => (p.expressRoute.circuits[0].privatePeering.primaryPeerAddressPrefix = '192.168.100.0/29'),
    path: 'expressRoute.circuits[0].privatePeering.primaryPeerAddressPrefix',
    says: /must be a \/30/,
  },
  {
    name: 'translation of unequal size',
    mutate: (p) => (p.closedMobileNetworks[0].translation.translatedRange = '10.15.224.0/19'),
    path: 'closedMobileNetworks[0].translation.translatedRange',
    says: /static 1:1 translation needs equal sizes/,
  },
  {
    name: 'device pool smaller than the devices',
    mutate: (p) => (p.closedMobileNetworks[0].devicePool = '172.20.0.0/22'),
    path: 'closedMobileNetworks[0].devicePool',
    says: /fewer than the 2030 devices/,
  },
  {
    name: 'VPC too small for the layout',
    mutate: (p) => (p.clouds.aws.regions[0].vpcCidr = '10.128.0.0/22'),
    path: 'clouds.aws.regions[0].vpcCidr',
    says: /smaller than the \/20/,
  },
  {
    name: 'target below the largest population',
    mutate: (p) => (p.target.concurrentUsers = 10_000),
    path: 'target.concurrentUsers',
    says: /less than the largest population's peak \(52400\)/,
  },
  {
    name: 'resilience kind listed twice',
    mutate: (p) => p.resilience.push({ failure: 'region', keepPercent: 50 }),
    path: 'resilience[3].failure',
    says: /is listed twice/,
  },
  {
    name: 'populations with different reach and no user-based method',
    mutate: (p) => (p.populations[1].authentication = ['certificate']),
    path: 'populations[1].authentication',
    says: /cannot tell this population apart/,
  },
  {
    name: 'populations with different reach and no access group',
    mutate: (p) => delete p.populations[2].accessGroup,
    path: 'populations[2].accessGroup',
    says: /is required because populations reach different networks/,
  },
  {
    name: 'network outside its data centre',
    mutate: (p) => (p.addressPlan.networks[2].cidrs = ['10.40.0.0/16']),
    path: 'addressPlan.networks[2].cidrs[0]',
    says: /is not inside the ranges of dc:dc-harima/,
  },
  {
    name: 'public client supernet',
    mutate: (p) => {
      p.addressPlan.clientPoolSupernets = ['10.64.0.0/10', '8.0.0.0/8'];
    },
    path: 'addressPlan.clientPoolSupernets[1]',
    says: /is public address space/,
  },
  {
    name: 'hub prefix smaller than /24',
    mutate: (p) => (p.clouds.azure.hubs[1].hubAddressPrefix = '10.130.2.0/25'),
    path: 'clouds.azure.hubs[1].hubAddressPrefix',
    says: /smaller than the \/24/,
  },
  {
    name: 'secondary peering prefix equals the primary',
    mutate: (p) =>
      (p.expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix = '192.168.100.8/30'),
    path: 'expressRoute.circuits[1].privatePeering.secondaryPeerAddressPrefix',
    says: /overlaps the primary peer prefix/,
  },
  {
    name: 'more circuits on a hub than Virtual WAN allows',
    mutate: (p) => {
      const base = p.expressRoute.circuits[1];
      p.expressRoute.circuits = [
        p.expressRoute.circuits[0],
        ...Array.from({ length: 8 }, (_, i) => ({ ...base, name: `er-extra-${i}`, hubRegion: 'japaneast' })),
      ];
      p.expressRoute.globalReach = [];
    },
    path: 'expressRoute.circuits',
    says: /connects 9 circuits to the japaneast hub \(limit 8\)/,
  },
  {
    name: 'duplicate Direct Connect connection',
    mutate: (p) => p.directConnect.connections.push({ ...p.directConnect.connections[0], name: 'dx-copy' }),
    path: 'directConnect.connections[1].connectionId',
    says: /duplicates the Direct Connect connection/,
  },
  {
    name: 'tier in an undeclared Region',
    mutate: (p) => {
      p.clouds.azure.hubs = [p.clouds.azure.hubs[0]];
      p.expressRoute.circuits[1].hubRegion = 'japaneast';
    },
    path: 'accessTiers[3].region',
    says: /is not declared under clouds\.azure/,
  },
  {
    name: 'missing certificate file',
    mutate: (p) => (p.identity.certificateAuthorities[0].certificateFile = 'certs/missing.pem'),
    path: 'identity.certificateAuthorities[0].certificateFile',
    says: /does not exist/,
  },
  {
    name: 'Azure hub without an Azure subscription',
    mutate: (p) => delete p.environments[0].azure,
    path: 'environments[0].azure',
    says: /is required because the profile declares Azure hubs/,
  },
  {
    name: 'federated SSO on AWS without SAML metadata',
    mutate: (p) => delete p.identity.federation.saml,
    path: 'identity.federation.saml',
    says: /is required/,
  },
  {
    name: 'Client VPN Region without a server certificate',
    mutate: (p) => delete p.identity.serverCertificateArns['ap-northeast-3'],
    path: 'identity.serverCertificateArns.ap-northeast-3',
    says: /needs a server certificate in ACM/,
  },
];

const LINE_FORM = /^[\w./-]+\.yaml(:\d+)?: (warning: )?\S.*: .+ \(got .+\); .+$/;

describe.each(CASES)('bad profile: $name', ({ base = 'hyogo', mutate, path, says }) => {
  // Loaded in a beforeEach (once per file in npm test): in a mutation run each test loads it
  // under its own mutant, so Stryker sees these 165 cases cover the rules (test/support/per-mutant.ts).
  const load = perMutant(() => loadVariant(base, mutate));
  let result: LoadResult;
  beforeEach(() => {
    result = load();
  });

  it('is refused', () => {
    expect(result.ok).toBe(false);
  });

  it(`reports ${path} with the rule`, () => {
    if (result.ok) throw new Error('expected the profile to be refused');
    const errors = result.issues.filter((i) => i.severity === 'error');
    const match = errors.find((i) => formatPath(i.path) === path && says.test(i.message));
    expect({ path, found: match ? 'yes' : errors.map((i) => `${formatPath(i.path)}: ${i.message}`) }).toEqual(
      { path, found: 'yes' },
    );
  });

  it('formats every issue as path, value, rule and fix, with a line number', () => {
    if (result.ok) throw new Error('expected the profile to be refused');
    for (const item of result.issues) {
      const line = formatIssue(item, result.file);
      expect(line).toMatch(LINE_FORM);
      expect(item.line).toEqual(expect.any(Number));
      expect(item.fix.length).toBeGreaterThan(5);
    }
  });
});

describe('profile errors beyond single fields', () => {
  it('lists every problem, not only the first', () => {
    const result = loadVariant('hyogo', (p) => {
      p.populations[2].name = 'municipal-staff';
      p.clouds.azure.hubs[1].region = 'eastus';
      p.populations[0].reach.push('my-number');
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.filter((i) => i.severity === 'error').map((i) => formatPath(i.path));
    expect(paths).toEqual(
      expect.arrayContaining([
        'populations[2].name',
        'clouds.azure.hubs[1].region',
        'populations[0].reach[2]',
      ]),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const result = loadProfileText(
      'organisation:\n  id: hyogo\n  name: [unclosed\n',
      'broken.yaml',
      CONFIG_DIR,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.message).toMatch(/is not valid YAML/);
    expect(result.issues[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses duplicate YAML keys instead of keeping the last', () => {
    const result = loadProfileText('organisation:\n  id: a1\n  id: b2\n', 'dup.yaml', CONFIG_DIR);
    expect(result.ok).toBe(false);
  });

  it('refuses a certificate file that holds a private key', () => {
    const result = loadVariant(
      'iwate',
      (p) =>
        (p.identity.certificateAuthorities[0].certificateFile = '../../profile/fixtures/ca-with-key.pem'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message).join('\n')).toMatch(/private key/);
  });

  it('warns, without refusing, when an Azure client block is not RFC 1918 space', () => {
    const result = loadVariant('hyogo', (p) => {
      p.addressPlan.clientPoolSupernets.push('100.64.0.0/10');
      p.accessTiers[3].clientAddressBlock = '100.64.0.0/14';
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.warnings.map((w) => formatPath(w.path))).toContain(
      'accessTiers[3].clientAddressBlock',
    );
  });

  it('warns, without refusing, about Microsoft 365 over Microsoft peering on Premium', () => {
    const result = loadVariant('hyogo', () => {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const warning = result.model.warnings.find(
      (w) => formatPath(w.path) === 'expressRoute.circuits[0].microsoftPeering',
    );
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(/advises against except in rare cases/);
  });
});
