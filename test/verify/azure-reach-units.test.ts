/**
 * The Azure reach checker (lib/verify/azure-reach.ts) on small hand-written cdktf JSON: the
 * address-set arithmetic at every edge (touching, one address apart, one address overlapping),
 * first-match firewall semantics (a Deny decides only when it covers the whole source, an Allow
 * when it overlaps it), which hub a source enters, when a hub filters, and which segment each
 * pool and carrier site reaches, written out as exact CIDRs.
 */
import {
  type AddressSet,
  addressSetOf,
  addressSetOfCidrs,
  azureReach,
  cidrsOf,
  intersect,
  isEmpty,
  type ReachSource,
  reachesAny,
  reachesExactly,
  reachThrough,
  sameSet,
  subtract,
  union,
} from '../../lib/verify/azure-reach';

// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
type Json = any;

const TOP = 4_294_967_295n; // 255.255.255.255
/** 10.0.0.0 as a number, and one address of the 10.0.0.0/24 block. */
const TEN = 167_772_160n;
const ip = (last: number) => TEN + BigInt(last);

describe('address sets', () => {
  test('*, Any and 0.0.0.0/0 are every address; what does not parse is no address', () => {
    for (const any of ['*', 'Any', '0.0.0.0/0']) expect(addressSetOf([any])).toEqual([[0n, TOP]]);
    expect(addressSetOf(['AzureCloud'])).toEqual([]);
    expect(addressSetOf(['10.0.0.1/24'])).toEqual([]);
    expect(addressSetOf(['any'])).toEqual([]);
    expect(addressSetOf([])).toEqual([]);
    expect(addressSetOf(['VirtualNetwork', '10.0.0.4/30'])).toEqual([[ip(4), ip(7)]]);
  });

  test('intervals come out sorted, whatever the input order', () => {
    const expected = [
      [ip(0), ip(0)],
      [ip(2), ip(2)],
      [ip(4), ip(4)],
    ];
    expect(addressSetOf(['10.0.0.0/32', '10.0.0.2/32', '10.0.0.4/32'])).toEqual(expected);
    expect(addressSetOf(['10.0.0.4/32', '10.0.0.2/32', '10.0.0.0/32'])).toEqual(expected);
    expect(addressSetOf(['10.0.0.2/32', '10.0.0.4/32', '10.0.0.0/32'])).toEqual(expected);
  });

  test('adjacent blocks merge, blocks one address apart do not, contained blocks vanish', () => {
    expect(addressSetOf(['10.0.0.1/32', '10.0.0.0/32'])).toEqual([[ip(0), ip(1)]]);
    expect(addressSetOf(['10.0.0.0/32', '10.0.0.2/32'])).toEqual([
      [ip(0), ip(0)],
      [ip(2), ip(2)],
    ]);
    expect(addressSetOf(['10.0.1.0/24', '10.0.0.0/24', '10.0.2.0/24'])).toEqual([[ip(0), ip(767)]]);
    expect(addressSetOf(['10.0.0.0/24', '10.0.0.4/30'])).toEqual([[ip(0), ip(255)]]);
    expect(addressSetOf(['10.0.0.4/30', '10.0.0.0/24'])).toEqual([[ip(0), ip(255)]]);
    expect(addressSetOf(['10.0.0.0/30', '10.0.0.0/24', '10.0.0.0/31'])).toEqual([[ip(0), ip(255)]]);
  });

  test('union', () => {
    expect(union([[ip(0), ip(3)]], [[ip(4), ip(9)]])).toEqual([[ip(0), ip(9)]]);
    expect(union([[ip(5), ip(9)]], [[ip(0), ip(3)]])).toEqual([
      [ip(0), ip(3)],
      [ip(5), ip(9)],
    ]);
  });

  test('intersect keeps a single shared address and nothing of touching blocks', () => {
    expect(intersect([[ip(0), ip(5)]], [[ip(5), ip(9)]])).toEqual([[ip(5), ip(5)]]);
    expect(intersect([[ip(5), ip(9)]], [[ip(0), ip(5)]])).toEqual([[ip(5), ip(5)]]);
    expect(intersect([[ip(0), ip(4)]], [[ip(5), ip(9)]])).toEqual([]);
    expect(
      intersect(
        [
          [ip(0), ip(3)],
          [ip(8), ip(20)],
        ],
        [
          [ip(2), ip(9)],
          [ip(15), ip(30)],
        ],
      ),
    ).toEqual([
      [ip(2), ip(3)],
      [ip(8), ip(9)],
      [ip(15), ip(20)],
    ]);
  });

  test('subtract at every edge: first address, last address, middle, touching, covering', () => {
    const a: AddressSet = [[ip(10), ip(20)]];
    expect(subtract(a, [[ip(10), ip(10)]])).toEqual([[ip(11), ip(20)]]);
    expect(subtract(a, [[ip(20), ip(20)]])).toEqual([[ip(10), ip(19)]]);
    expect(subtract(a, [[ip(5), ip(10)]])).toEqual([[ip(11), ip(20)]]);
    expect(subtract(a, [[ip(20), ip(25)]])).toEqual([[ip(10), ip(19)]]);
    expect(subtract(a, [[ip(11), ip(19)]])).toEqual([
      [ip(10), ip(10)],
      [ip(20), ip(20)],
    ]);
    expect(subtract(a, [[ip(9), ip(9)]])).toEqual([[ip(10), ip(20)]]);
    expect(subtract(a, [[ip(21), ip(21)]])).toEqual([[ip(10), ip(20)]]);
    expect(subtract(a, [[ip(10), ip(20)]])).toEqual([]);
    expect(subtract(a, [[ip(0), ip(30)]])).toEqual([]);
    expect(
      subtract(a, [
        [ip(12), ip(12)],
        [ip(15), ip(16)],
      ]),
    ).toEqual([
      [ip(10), ip(11)],
      [ip(13), ip(14)],
      [ip(17), ip(20)],
    ]);
  });

  test('isEmpty and sameSet: lengths, starts and ends all count', () => {
    expect(isEmpty([])).toBe(true);
    expect(isEmpty([[ip(0), ip(0)]])).toBe(false);
    const two: AddressSet = [
      [ip(0), ip(3)],
      [ip(8), ip(9)],
    ];
    expect(
      sameSet(two, [
        [ip(0), ip(3)],
        [ip(8), ip(9)],
      ]),
    ).toBe(true);
    expect(sameSet([], [])).toBe(true);
    expect(sameSet([[ip(0), ip(3)]], two)).toBe(false);
    expect(sameSet(two, [[ip(0), ip(3)]])).toBe(false);
    expect(sameSet([], [[ip(0), ip(3)]])).toBe(false);
    expect(
      sameSet(two, [
        [ip(0), ip(3)],
        [ip(8), ip(10)],
      ]),
    ).toBe(false);
    expect(
      sameSet(two, [
        [ip(0), ip(3)],
        [ip(7), ip(9)],
      ]),
    ).toBe(false);
    expect(sameSet([[ip(0), ip(3)]], [[ip(1), ip(3)]])).toBe(false);
    expect(sameSet([[ip(0), ip(3)]], [[ip(0), ip(2)]])).toBe(false);
    expect(sameSet([[ip(0), ip(3)]], [[ip(1), ip(2)]])).toBe(false);
  });

  test('cidrsOf: the fewest blocks covering exactly the set', () => {
    expect(cidrsOf([])).toEqual([]);
    expect(cidrsOf([[0n, TOP]])).toEqual(['0.0.0.0/0']);
    expect(cidrsOf([[ip(7), ip(7)]])).toEqual(['10.0.0.7/32']);
    expect(cidrsOf([[ip(0), ip(255)]])).toEqual(['10.0.0.0/24']);
    expect(cidrsOf([[ip(0), ip(254)]])).toEqual([
      '10.0.0.0/25',
      '10.0.0.128/26',
      '10.0.0.192/27',
      '10.0.0.224/28',
      '10.0.0.240/29',
      '10.0.0.248/30',
      '10.0.0.252/31',
      '10.0.0.254/32',
    ]);
    expect(cidrsOf([[ip(1), ip(6)]])).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(
      cidrsOf([
        [ip(0), ip(511)],
        [ip(1024), ip(1027)],
      ]),
    ).toEqual(['10.0.0.0/23', '10.0.4.0/30']);
  });

  test('addressSetOfCidrs parses profile CIDRs and throws on anything else', () => {
    expect(addressSetOfCidrs(['10.0.0.4/30', '10.0.0.0/30'])).toEqual([[ip(0), ip(7)]]);
    expect(addressSetOfCidrs([])).toEqual([]);
    expect(() => addressSetOfCidrs(['*'])).toThrow(
      'internal: * is not an IPv4 CIDR block of the form a.b.c.d/n',
    );
  });
});

describe('reachThrough: the first rule that matches decides', () => {
  const rule = (action: 'Allow' | 'Deny', sources: string[], destinations: string[]) => ({
    action,
    sources: addressSetOf(sources),
    destinations: addressSetOf(destinations),
  });
  const pool = addressSetOf(['10.96.0.0/24']);
  const reach = (...rules: ReturnType<typeof rule>[]) => cidrsOf(reachThrough(rules, pool));

  test('nothing allowed is nothing reached', () => {
    expect(reach()).toEqual([]);
    expect(reach(rule('Deny', ['*'], ['10.0.0.0/8']))).toEqual([]);
  });

  test('a Deny first carves the protected segment out of a later Allow', () => {
    expect(
      reach(rule('Deny', ['*'], ['10.8.0.0/16']), rule('Allow', ['10.96.0.0/24'], ['10.0.0.0/12'])),
    ).toEqual(['10.0.0.0/13', '10.9.0.0/16', '10.10.0.0/15', '10.12.0.0/14']);
    // The other way round the Allow decides first.
    expect(
      reach(rule('Allow', ['10.96.0.0/24'], ['10.0.0.0/12']), rule('Deny', ['*'], ['10.8.0.0/16'])),
    ).toEqual(['10.0.0.0/12']);
  });

  test('a Deny decides only when its sources cover the whole source (exactly, or one address short)', () => {
    const allow = rule('Allow', ['10.96.0.0/16'], ['10.16.0.0/16']);
    expect(reach(rule('Deny', ['10.96.0.0/24'], ['10.16.0.0/16']), allow)).toEqual([]);
    expect(
      reach(rule('Deny', ['10.96.0.0/25', '10.96.0.128/26', '10.96.0.192/26'], ['10.16.0.0/16']), allow),
    ).toEqual([]);
    const oneShort = ['10.96.0.0/25', '10.96.0.128/26', '10.96.0.192/27', '10.96.0.224/28', '10.96.0.240/29'];
    oneShort.push('10.96.0.248/30', '10.96.0.252/31', '10.96.0.254/32');
    expect(reach(rule('Deny', oneShort, ['10.16.0.0/16']), allow)).toEqual(['10.16.0.0/16']);
    expect(reach(rule('Deny', ['10.97.0.0/24'], ['10.16.0.0/16']), allow)).toEqual(['10.16.0.0/16']);
  });

  test('an Allow decides when it overlaps the source by one address, and not when it misses it', () => {
    expect(reach(rule('Allow', ['10.96.0.255/32'], ['10.16.0.0/16']))).toEqual(['10.16.0.0/16']);
    expect(reach(rule('Allow', ['10.96.1.0/32'], ['10.16.0.0/16']))).toEqual([]);
    // An Allow for another pool does not decide this pool's traffic: a later Deny still can.
    expect(
      reach(
        rule('Allow', ['10.97.0.0/24'], ['10.16.0.0/16']),
        rule('Deny', ['*'], ['10.16.0.0/24']),
        rule('Allow', ['10.96.0.0/24'], ['10.16.0.0/16']),
      ),
    ).toEqual([
      '10.16.1.0/24',
      '10.16.2.0/23',
      '10.16.4.0/22',
      '10.16.8.0/21',
      '10.16.16.0/20',
      '10.16.32.0/19',
      '10.16.64.0/18',
      '10.16.128.0/17',
    ]);
  });

  test('a later Allow adds only what earlier rules left undecided', () => {
    expect(
      reach(
        rule('Allow', ['10.96.0.0/24'], ['10.16.0.0/16']),
        rule('Deny', ['*'], ['10.17.0.0/16']),
        rule('Allow', ['10.96.0.0/24'], ['10.16.0.0/15', '10.18.0.0/16']),
      ),
    ).toEqual(['10.16.0.0/16', '10.18.0.0/16']);
  });
});

// --- hand-written cdktf stacks ------------------------------------------------------------

const ref = (type: string, key: string, attr = 'id') => `\${${type}.${key}.${attr}}`;
const HUB_EAST = ref('azurerm_virtual_hub', 'HubEast');
const HUB_WEST = ref('azurerm_virtual_hub', 'HubWest');
const networkRule = (
  action: 'Allow' | 'Deny',
  priority: number,
  sources: string[],
  destinations: string[],
) => ({
  action,
  name: `${action.toLowerCase()}-${priority}`,
  priority,
  rule: [{ name: 'r', source_addresses: sources, destination_addresses: destinations }],
});
const DENY_PROTECTED = networkRule('Deny', 100, ['*'], ['10.8.0.0/16']);
const ALLOW_STAFF = networkRule('Allow', 1000, ['10.96.0.0/18'], ['10.0.0.0/12']);
const ALLOW_MUNICIPAL = networkRule('Allow', 1001, ['10.97.0.0/18'], ['10.16.0.0/16', '10.17.0.0/16']);
const ALLOW_CARRIER = networkRule('Allow', 1002, ['100.64.0.0/24'], ['10.16.0.0/16']);
/** Reach of the staff pool through the segmentation group: 10.0.0.0/12 without 10.8.0.0/16. */
const STAFF_REACH = ['10.0.0.0/13', '10.9.0.0/16', '10.10.0.0/15', '10.12.0.0/14'];

/**
 * Two hubs: hub-jpe sends private traffic through a firewall whose policy denies the protected
 * 10.8.0.0/16 first; hub-jpw has no routing intent. Collections and groups are listed out of
 * priority order; a decoy group belongs to another policy.
 */
function stacks(): Json[] {
  return [
    {
      resource: {
        azurerm_virtual_hub: { HubEast: { name: 'hub-jpe' }, HubWest: { name: 'hub-jpw' } },
        azurerm_virtual_hub_routing_intent: {
          Intent: {
            virtual_hub_id: HUB_EAST,
            routing_policy: [
              { destinations: ['Internet'], next_hop: ref('azurerm_firewall', 'Other') },
              { destinations: ['PrivateTraffic'], next_hop: ref('azurerm_firewall', 'Fw') },
            ],
          },
        },
        azurerm_firewall: {
          Fw: { firewall_policy_id: ref('azurerm_firewall_policy', 'Policy') },
          Other: { firewall_policy_id: ref('azurerm_firewall_policy', 'OtherPolicy') },
        },
        azurerm_firewall_policy_rule_collection_group: {
          Populations: {
            firewall_policy_id: ref('azurerm_firewall_policy', 'Policy'),
            priority: 500,
            network_rule_collection: [ALLOW_CARRIER, ALLOW_MUNICIPAL, ALLOW_STAFF],
          },
          Segmentation: {
            firewall_policy_id: ref('azurerm_firewall_policy', 'Policy'),
            priority: 200,
            network_rule_collection: [DENY_PROTECTED],
          },
          Decoy: {
            firewall_policy_id: ref('azurerm_firewall_policy', 'OtherPolicy'),
            priority: 100,
            network_rule_collection: [networkRule('Allow', 100, ['*'], ['0.0.0.0/0'])],
          },
        },
      },
    },
    {
      resource: {
        azurerm_point_to_site_vpn_gateway: {
          P2sEast: {
            name: 'p2s-jpe',
            virtual_hub_id: HUB_EAST,
            connection_configuration: [
              { name: 'prefectural-staff', vpn_client_address_pool: { address_prefixes: ['10.96.0.0/18'] } },
              {
                name: 'municipal-staff',
                vpn_client_address_pool: [
                  { address_prefixes: ['10.97.0.0/19'] },
                  { address_prefixes: '10.97.32.0/19' },
                ],
              },
            ],
          },
          P2sWest: {
            name: 'p2s-jpw',
            virtual_hub_id: HUB_WEST,
            connection_configuration: {
              name: 'prefectural-staff',
              vpn_client_address_pool: { address_prefixes: ['10.100.0.0/18'] },
            },
          },
        },
        azurerm_vpn_site: {
          Docomo: { name: 'site-docomo', address_cidrs: ['192.168.0.0/24'] },
          Bgp: { name: 'site-bgp' },
        },
        azurerm_vpn_gateway: { S2sEast: { virtual_hub_id: HUB_EAST } },
        azurerm_vpn_gateway_nat_rule: {
          DocomoIn: { external_mapping: [{ address_space: '100.64.0.0/24' }] },
        },
        azurerm_vpn_gateway_connection: {
          DocomoConnection: {
            remote_vpn_site_id: ref('azurerm_vpn_site', 'Docomo'),
            vpn_gateway_id: ref('azurerm_vpn_gateway', 'S2sEast'),
            vpn_link: [
              { ingress_nat_rule_ids: [ref('azurerm_vpn_gateway_nat_rule', 'DocomoIn')] },
              { ingress_nat_rule_ids: ref('azurerm_vpn_gateway_nat_rule', 'DocomoIn') },
            ],
          },
          BgpConnection: {
            remote_vpn_site_id: ref('azurerm_vpn_site', 'Bgp'),
            vpn_gateway_id: ref('azurerm_vpn_gateway', 'S2sEast'),
          },
        },
      },
    },
  ];
}

const summary = (r: ReachSource) => ({ id: r.id, hub: r.hub, filtered: r.filtered, reachable: r.reachable });
const reachOf = (edit: (s: Json[]) => void = () => {}) => {
  const s = stacks();
  edit(s);
  return azureReach(s);
};
const firstResources = (s: Json[]) => s[0].resource;
const secondResources = (s: Json[]) => s[1].resource;

describe('azureReach on two hand-written hubs', () => {
  test('each pool and carrier reaches exactly its segments; the unsecured hub reaches everything', () => {
    const reach = reachOf();
    expect(reach).toEqual([
      {
        id: 'p2s:p2s-jpe/prefectural-staff',
        kind: 'p2s-connection',
        name: 'prefectural-staff',
        hub: 'hub-jpe',
        sourceCidrs: ['10.96.0.0/18'],
        filtered: true,
        reachable: STAFF_REACH,
        reachableSet: addressSetOf(STAFF_REACH),
      },
      {
        id: 'p2s:p2s-jpe/municipal-staff',
        kind: 'p2s-connection',
        name: 'municipal-staff',
        hub: 'hub-jpe',
        sourceCidrs: ['10.97.0.0/19', '10.97.32.0/19'],
        filtered: true,
        reachable: ['10.16.0.0/15'],
        reachableSet: [[168_820_736n, 168_951_807n]],
      },
      {
        id: 'p2s:p2s-jpw/prefectural-staff',
        kind: 'p2s-connection',
        name: 'prefectural-staff',
        hub: 'hub-jpw',
        sourceCidrs: ['10.100.0.0/18'],
        filtered: false,
        reachable: ['0.0.0.0/0'],
        reachableSet: [[0n, TOP]],
      },
      {
        id: 'site:site-docomo@hub-jpe',
        kind: 'vpn-site',
        name: 'site-docomo',
        hub: 'hub-jpe',
        sourceCidrs: ['100.64.0.0/24'],
        filtered: true,
        reachable: ['10.16.0.0/16'],
        reachableSet: [[168_820_736n, 168_886_271n]],
      },
    ]);
  });

  test('reachesAny and reachesExactly: the protected segment, its neighbours, one address past', () => {
    const [staff, municipal, west] = reachOf();
    expect(reachesAny(staff!, ['10.8.0.0/16'])).toBe(false);
    expect(reachesAny(staff!, ['10.7.255.255/32'])).toBe(true);
    expect(reachesAny(staff!, ['10.9.0.0/32'])).toBe(true);
    expect(reachesAny(staff!, ['10.8.0.0/16', '10.16.0.0/32'])).toBe(false);
    expect(reachesAny(staff!, [])).toBe(false);
    expect(reachesAny(west!, ['10.8.0.0/16'])).toBe(true);
    expect(reachesExactly(staff!, STAFF_REACH)).toBe(true);
    expect(reachesExactly(staff!, ['10.0.0.0/12'])).toBe(false);
    expect(reachesExactly(municipal!, ['10.17.0.0/16', '10.16.0.0/16'])).toBe(true);
    expect(reachesExactly(municipal!, ['10.16.0.0/16'])).toBe(false);
    expect(reachesExactly(municipal!, ['10.16.0.0/15', '10.18.0.0/32'])).toBe(false);
    expect(reachesExactly(west!, ['*'])).toBe(true);
  });

  test('groups and collections apply by priority, not in the order the JSON lists them', () => {
    // Raise the Deny below the Allow: now the staff pool reaches the protected segment.
    const reach = reachOf((s) => {
      firstResources(s).azurerm_firewall_policy_rule_collection_group.Segmentation.priority = 600;
    });
    expect(reach.map(summary)[0]).toEqual({
      id: 'p2s:p2s-jpe/prefectural-staff',
      hub: 'hub-jpe',
      filtered: true,
      reachable: ['10.0.0.0/12'],
    });
    // In one group: the Deny collection listed last but prioritised first still decides first.
    const oneGroup = reachOf((s) => {
      const groups = firstResources(s).azurerm_firewall_policy_rule_collection_group;
      groups.Populations.network_rule_collection.push(DENY_PROTECTED);
      delete groups.Segmentation;
    });
    expect(oneGroup[0]!.reachable).toEqual(STAFF_REACH);
    const denyLast = reachOf((s) => {
      const groups = firstResources(s).azurerm_firewall_policy_rule_collection_group;
      groups.Populations.network_rule_collection.push({ ...DENY_PROTECTED, priority: 2000 });
      delete groups.Segmentation;
    });
    expect(denyLast[0]!.reachable).toEqual(['10.0.0.0/12']);
  });

  test('a group of another policy, or of none, does not apply', () => {
    const reach = reachOf((s) => {
      const groups = firstResources(s).azurerm_firewall_policy_rule_collection_group;
      groups.Stray = {
        priority: 50,
        network_rule_collection: [networkRule('Allow', 50, ['*'], ['0.0.0.0/0'])],
      };
      groups.Unreferenced = {
        firewall_policy_id: 'Policy',
        priority: 60,
        network_rule_collection: [networkRule('Allow', 60, ['*'], ['0.0.0.0/0'])],
      };
    });
    expect(reach.map((r) => r.reachable)).toEqual([
      STAFF_REACH,
      ['10.16.0.0/15'],
      ['0.0.0.0/0'],
      ['10.16.0.0/16'],
    ]);
  });

  test('a group without rule collections allows nothing', () => {
    const reach = reachOf((s) => {
      const groups = firstResources(s).azurerm_firewall_policy_rule_collection_group;
      delete groups.Populations.network_rule_collection;
    });
    expect(reach.map(summary)).toEqual([
      { id: 'p2s:p2s-jpe/prefectural-staff', hub: 'hub-jpe', filtered: true, reachable: [] },
      { id: 'p2s:p2s-jpe/municipal-staff', hub: 'hub-jpe', filtered: true, reachable: [] },
      { id: 'p2s:p2s-jpw/prefectural-staff', hub: 'hub-jpw', filtered: false, reachable: ['0.0.0.0/0'] },
      { id: 'site:site-docomo@hub-jpe', hub: 'hub-jpe', filtered: true, reachable: [] },
    ]);
  });

  describe('when a hub filters private traffic', () => {
    const east = (edit: (intent: Json, s: Json[]) => void) =>
      reachOf((s) => edit(firstResources(s).azurerm_virtual_hub_routing_intent.Intent, s))
        .filter((r) => r.hub === 'hub-jpe')
        .map((r) => ({ filtered: r.filtered, reachable: r.reachable }));
    const unfiltered = { filtered: false, reachable: ['0.0.0.0/0'] };
    const blocked = { filtered: true, reachable: [] };

    test('only a PrivateTraffic policy counts; a list or a single destination', () => {
      expect(
        east((intent) => {
          intent.routing_policy = [intent.routing_policy[0]];
        }),
      ).toEqual([unfiltered, unfiltered, unfiltered]);
      expect(
        east((intent) => {
          intent.routing_policy = { destinations: 'PrivateTraffic', next_hop: ref('azurerm_firewall', 'Fw') };
        }).map((r) => r.reachable),
      ).toEqual([STAFF_REACH, ['10.16.0.0/15'], ['10.16.0.0/16']]);
      expect(
        east((intent) => {
          delete intent.routing_policy;
        }),
      ).toEqual([unfiltered, unfiltered, unfiltered]);
    });

    test('the next hop must be a firewall reference', () => {
      expect(
        east((intent) => {
          intent.routing_policy[1].next_hop = ref('azurerm_vpn_gateway', 'Fw');
        }),
      ).toEqual([unfiltered, unfiltered, unfiltered]);
      expect(
        east((intent) => {
          intent.routing_policy[1].next_hop = 'afw-hyogo-prod-jpe';
        }),
      ).toEqual([unfiltered, unfiltered, unfiltered]);
    });

    test('a firewall missing from the stacks, or without a policy, allows nothing', () => {
      expect(
        east((intent) => {
          intent.routing_policy[1].next_hop = ref('azurerm_firewall', 'Missing');
        }),
      ).toEqual([blocked, blocked, blocked]);
      expect(
        east((_, s) => {
          delete firstResources(s).azurerm_firewall.Fw.firewall_policy_id;
        }),
      ).toEqual([blocked, blocked, blocked]);
    });

    test('the routing intent of another hub does not filter this one', () => {
      const reach = reachOf((s) => {
        firstResources(s).azurerm_virtual_hub_routing_intent.Intent.virtual_hub_id = HUB_WEST;
      });
      expect(reach.map(summary)).toEqual([
        { id: 'p2s:p2s-jpe/prefectural-staff', hub: 'hub-jpe', filtered: false, reachable: ['0.0.0.0/0'] },
        { id: 'p2s:p2s-jpe/municipal-staff', hub: 'hub-jpe', filtered: false, reachable: ['0.0.0.0/0'] },
        // The West pool 10.100.0.0/18 is in no Allow rule of the firewall.
        { id: 'p2s:p2s-jpw/prefectural-staff', hub: 'hub-jpw', filtered: true, reachable: [] },
        { id: 'site:site-docomo@hub-jpe', hub: 'hub-jpe', filtered: false, reachable: ['0.0.0.0/0'] },
      ]);
    });
  });

  describe('which hub a source enters', () => {
    const hubs = (edit: (s: Json[]) => void) => reachOf(edit).map((r) => `${r.id} ${r.hub} ${r.filtered}`);

    test('a hub given as a data source is named from the data block; a missing stack is skipped', () => {
      expect(
        hubs((s) => {
          secondResources(s).azurerm_point_to_site_vpn_gateway.P2sWest.virtual_hub_id = ref(
            'data.azurerm_virtual_hub',
            'HubWest',
          );
          s.unshift(null);
          s.push({ data: { azurerm_virtual_hub: { HubWest: { name: 'hub-jpw-existing' } } } });
        }),
      ).toEqual([
        'p2s:p2s-jpe/prefectural-staff hub-jpe true',
        'p2s:p2s-jpe/municipal-staff hub-jpe true',
        'p2s:p2s-jpw/prefectural-staff hub-jpw-existing false',
        'site:site-docomo@hub-jpe hub-jpe true',
      ]);
    });

    test('an id that is not a reference to an existing hub is an unknown, unfiltered hub', () => {
      const westHub = (id: unknown) =>
        hubs((s) => {
          s.push(null);
          secondResources(s).azurerm_point_to_site_vpn_gateway.P2sWest.virtual_hub_id = id;
          secondResources(s).azurerm_vpn_gateway.S2sEast.virtual_hub_id = id;
        }).filter((line) => !line.startsWith('p2s:p2s-jpe'));
      const unknown = [
        'p2s:p2s-jpw/prefectural-staff (unknown hub) false',
        'site:site-docomo@(unknown hub) (unknown hub) false',
      ];
      expect(westHub(undefined)).toEqual(unknown);
      expect(westHub(ref('azurerm_virtual_hub', 'Missing'))).toEqual(unknown);
      expect(westHub(ref('data.azurerm_virtual_hub', 'HubEast'))).toEqual(unknown);
      expect(westHub(ref('azurerm_firewall', 'HubEast'))).toEqual(unknown);
      expect(westHub(`x${HUB_EAST}`)).toEqual(unknown);
      expect(westHub(`${HUB_EAST}x`)).toEqual(unknown);
      expect(westHub([HUB_EAST])).toEqual(unknown);
      expect(westHub(HUB_EAST)).toEqual([
        'p2s:p2s-jpw/prefectural-staff hub-jpe true',
        'site:site-docomo@hub-jpe hub-jpe true',
      ]);
    });
  });

  describe('sources', () => {
    const sources = (edit: (r: Json) => void) =>
      reachOf((s) => edit(secondResources(s))).map((r) => [r.id, r.sourceCidrs]);

    test('a gateway without connection configurations, or a configuration without pools, adds no range', () => {
      expect(
        sources((r) => {
          delete r.azurerm_point_to_site_vpn_gateway.P2sEast.connection_configuration;
          delete r.azurerm_point_to_site_vpn_gateway.P2sWest.connection_configuration.vpn_client_address_pool;
        }),
      ).toEqual([
        ['p2s:p2s-jpw/prefectural-staff', []],
        ['site:site-docomo@hub-jpe', ['100.64.0.0/24']],
      ]);
    });

    test('a site without an ingress NAT rule enters with its own address ranges', () => {
      expect(
        sources((r) => {
          delete r.azurerm_vpn_gateway_connection.DocomoConnection.vpn_link;
        }).at(-1),
      ).toEqual(['site:site-docomo@hub-jpe', ['192.168.0.0/24']]);
      expect(
        sources((r) => {
          r.azurerm_vpn_gateway_connection.DocomoConnection.vpn_link = [
            { ingress_nat_rule_ids: ['DocomoIn', ref('azurerm_vpn_gateway_nat_rule', 'Missing')] },
          ];
        }).at(-1),
      ).toEqual(['site:site-docomo@hub-jpe', ['192.168.0.0/24']]);
    });

    test('a site without ranges (BGP), or whose site or gateway is missing, is no source', () => {
      const siteIds = (edit: (r: Json) => void) =>
        sources(edit)
          .map(([id]) => id)
          .filter((id) => String(id).startsWith('site:'));
      expect(
        siteIds((r) => {
          r.azurerm_vpn_site.Bgp.address_cidrs = ['192.168.9.0/24'];
          r.azurerm_vpn_site.Bgp.name = 'site-kddi';
        }),
      ).toEqual(['site:site-docomo@hub-jpe', 'site:site-kddi@hub-jpe']);
      expect(
        siteIds((r) => {
          r.azurerm_vpn_gateway_connection.DocomoConnection.remote_vpn_site_id = ref(
            'azurerm_vpn_site',
            'Missing',
          );
        }),
      ).toEqual([]);
      expect(
        siteIds((r) => {
          r.azurerm_vpn_gateway_connection.DocomoConnection.vpn_gateway_id = ref(
            'azurerm_vpn_gateway',
            'Missing',
          );
        }),
      ).toEqual([]);
      expect(
        siteIds((r) => {
          r.azurerm_vpn_gateway_connection.DocomoConnection.remote_vpn_site_id = undefined;
          r.azurerm_vpn_gateway_connection.DocomoConnection.vpn_gateway_id = 'S2sEast';
        }),
      ).toEqual([]);
    });
  });
});
