/**
 * Small planner functions on hand-written inputs, every figure written out: the VPC subnet
 * layout (carved by index, so a zone added never moves a subnet), the Virtual WAN population
 * slots and pool counts (rounding, headroom, the gateway cap, Microsoft's minimum pools), and
 * which data centres a cloud place reaches over the prefectural network.
 */
import type { Profile } from '../../lib/model/deployment-model';
import { parseCidr } from '../../lib/net/cidr';
import {
  carvePopulationPools,
  P2S_POOL_PREFIX,
  populationPoolCount,
  populationSlotPrefix,
} from '../../lib/planner/azure-pools';
import { dataCentresReachableFrom } from '../../lib/planner/eligibility';
import { layoutVpcSubnets } from '../../lib/planner/network-layout';

describe('layoutVpcSubnets', () => {
  test('per zone: client-vpn /24 number z, services /24 number 4 + z, transit /28 z of /24 number 8', () => {
    expect(layoutVpcSubnets('10.1.0.0/20', ['apne1-az1', 'apne1-az2', 'apne1-az4'])).toEqual([
      { role: 'client-vpn', zone: 'apne1-az1', cidr: '10.1.0.0/24' },
      { role: 'services', zone: 'apne1-az1', cidr: '10.1.4.0/24' },
      { role: 'transit', zone: 'apne1-az1', cidr: '10.1.8.0/28' },
      { role: 'client-vpn', zone: 'apne1-az2', cidr: '10.1.1.0/24' },
      { role: 'services', zone: 'apne1-az2', cidr: '10.1.5.0/24' },
      { role: 'transit', zone: 'apne1-az2', cidr: '10.1.8.16/28' },
      { role: 'client-vpn', zone: 'apne1-az4', cidr: '10.1.2.0/24' },
      { role: 'services', zone: 'apne1-az4', cidr: '10.1.6.0/24' },
      { role: 'transit', zone: 'apne1-az4', cidr: '10.1.8.32/28' },
    ]);
  });

  test('a fourth zone appends and moves nothing; a /20 holds four zones', () => {
    const three = layoutVpcSubnets('10.1.0.0/20', ['a', 'b', 'c']);
    const four = layoutVpcSubnets('10.1.0.0/20', ['a', 'b', 'c', 'd']);
    expect(four.slice(0, 9)).toEqual(three);
    expect(four.slice(9)).toEqual([
      { role: 'client-vpn', zone: 'd', cidr: '10.1.3.0/24' },
      { role: 'services', zone: 'd', cidr: '10.1.7.0/24' },
      { role: 'transit', zone: 'd', cidr: '10.1.8.48/28' },
    ]);
    expect(layoutVpcSubnets('10.1.0.0/20', [])).toEqual([]);
  });

  test('a VPC too small for the layout is an internal error naming the VPC and the zone', () => {
    // a /21 has /24 blocks 0-7: no transit block (number 8)
    expect(() => layoutVpcSubnets('10.1.0.0/21', ['a'])).toThrow('internal: 10.1.0.0/21 cannot hold zone a');
    // a /22 has /24 blocks 0-3: no services subnet (number 4)
    expect(() => layoutVpcSubnets('10.1.0.0/22', ['a'])).toThrow('internal: 10.1.0.0/22 cannot hold zone a');
    // a larger VPC uses the same numbers from its start
    expect(layoutVpcSubnets('172.16.0.0/16', ['x'])).toEqual([
      { role: 'client-vpn', zone: 'x', cidr: '172.16.0.0/24' },
      { role: 'services', zone: 'x', cidr: '172.16.4.0/24' },
      { role: 'transit', zone: 'x', cidr: '172.16.8.0/28' },
    ]);
  });
});

describe('Virtual WAN population pools', () => {
  test('one pool is a /18 (16,384 addresses: the smallest block of at least 10,000)', () => {
    expect(P2S_POOL_PREFIX).toBe(18);
  });

  test('slots: the population count rounded up to a power of two splits the block', () => {
    const block = parseCidr('10.64.0.0/14');
    expect(populationSlotPrefix(block, 0)).toBe(14);
    expect(populationSlotPrefix(block, 1)).toBe(14);
    expect(populationSlotPrefix(block, 2)).toBe(15);
    expect(populationSlotPrefix(block, 3)).toBe(16);
    expect(populationSlotPrefix(block, 4)).toBe(16);
    expect(populationSlotPrefix(block, 5)).toBe(17);
    expect(populationSlotPrefix(parseCidr('10.0.0.0/12'), 8)).toBe(15);
  });

  const pools = (users: number, populations: number, headroom: number, scaleUnits: number, gateway: number) =>
    populationPoolCount({ name: 'p', concurrentUsers: users }, populations, headroom, scaleUnits, gateway);

  test('need rounds up to whole pools of 16,384 addresses', () => {
    expect(pools(16_384, 1, 0, 20, 100_000)).toBe(1);
    expect(pools(16_385, 1, 0, 20, 100_000)).toBe(2);
    expect(pools(32_768, 1, 0, 20, 100_000)).toBe(2);
    expect(pools(32_769, 1, 0, 20, 100_000)).toBe(3);
    expect(pools(1, 1, 0, 20, 100_000)).toBe(1);
    expect(pools(0, 1, 0, 1, 100_000)).toBe(1);
  });

  test('headroom is added before rounding: 15,000 users need 16,500 at 10 % and 16,350 at 9 %', () => {
    expect(pools(15_000, 1, 10, 20, 100_000)).toBe(2);
    expect(pools(15_000, 1, 9, 20, 100_000)).toBe(1);
    // 14,895 x 1.1 = 16,384.5, rounded up to 16,385: one address over a pool
    expect(pools(14_895, 1, 10, 20, 100_000)).toBe(2);
    expect(pools(14_894, 1, 10, 20, 100_000)).toBe(1);
  });

  test('never more than the gateway carries', () => {
    expect(pools(40_000, 1, 0, 20, 16_384)).toBe(1);
    expect(pools(40_000, 1, 0, 20, 16_385)).toBe(2);
    expect(pools(40_000, 1, 0, 20, 40_000)).toBe(3);
  });

  test("Microsoft's minimum (scale units / 20 pools) is shared among the populations, rounded up", () => {
    expect(pools(100, 1, 0, 180, 100_000)).toBe(9);
    expect(pools(100, 3, 0, 180, 100_000)).toBe(3);
    expect(pools(100, 3, 0, 181, 100_000)).toBe(4);
    expect(pools(100, 4, 0, 180, 100_000)).toBe(3);
    expect(pools(100, 9, 0, 180, 100_000)).toBe(1);
    expect(pools(100, 0, 0, 40, 100_000)).toBe(2);
    // the larger of the two terms wins
    expect(pools(50_000, 3, 0, 180, 100_000)).toBe(4);
  });
});

describe('carvePopulationPools', () => {
  const block = parseCidr('10.96.0.0/16');
  const people = (...users: number[]) =>
    users.map((concurrentUsers, i) => ({ name: `p${i}`, concurrentUsers }));

  test('four populations in a /16: one /18 slot each, pool k = block k of the slot', () => {
    expect(carvePopulationPools(block, people(100, 100, 100, 100), 10, 20, 100_000)).toEqual({
      fits: true,
      populations: [
        { population: 'p0', slot: '10.96.0.0/18', pools: ['10.96.0.0/18'] },
        { population: 'p1', slot: '10.96.64.0/18', pools: ['10.96.64.0/18'] },
        { population: 'p2', slot: '10.96.128.0/18', pools: ['10.96.128.0/18'] },
        { population: 'p3', slot: '10.96.192.0/18', pools: ['10.96.192.0/18'] },
      ],
    });
    expect(carvePopulationPools(block, people(20_000), 0, 20, 100_000)).toEqual({
      fits: true,
      populations: [{ population: 'p0', slot: '10.96.0.0/16', pools: ['10.96.0.0/18', '10.96.64.0/18'] }],
    });
  });

  test('five populations split a /16 into eight /19 slots, smaller than a pool: refused with the figures', () => {
    expect(carvePopulationPools(block, people(1, 1, 1, 1, 1), 10, 20, 100_000)).toEqual({
      fits: false,
      reason:
        'its client block 10.96.0.0/16 split into 8 population slots gives /19 slots, smaller than one /18 pool',
    });
    expect(carvePopulationPools(parseCidr('10.96.0.0/17'), people(1, 1, 1), 10, 20, 100_000)).toEqual({
      fits: false,
      reason:
        'its client block 10.96.0.0/17 split into 4 population slots gives /19 slots, smaller than one /18 pool',
    });
    // two populations in a /17: one /18 slot each, exactly one pool
    expect(carvePopulationPools(parseCidr('10.96.0.0/17'), people(1, 1), 10, 20, 100_000)).toMatchObject({
      fits: true,
    });
  });

  test('a population needing more pools than its slot holds: refused, naming it, the count and the room', () => {
    expect(carvePopulationPools(block, people(100, 16_385, 100, 100), 0, 20, 100_000)).toEqual({
      fits: false,
      reason: 'population p1 needs 2 pool(s) of /18 at 20 scale units, its /18 slot of 10.96.0.0/16 holds 1',
    });
    // exactly the room: two populations, two /18 pools each in a /17 slot
    const two = carvePopulationPools(block, people(32_768, 32_768), 0, 20, 100_000);
    expect(two).toEqual({
      fits: true,
      populations: [
        { population: 'p0', slot: '10.96.0.0/17', pools: ['10.96.0.0/18', '10.96.64.0/18'] },
        { population: 'p1', slot: '10.96.128.0/17', pools: ['10.96.128.0/18', '10.96.192.0/18'] },
      ],
    });
  });
});

describe('dataCentresReachableFrom', () => {
  // a -- attached to Tokyo, prefectural network to b; b to c; f names c from its side;
  // e reaches a by a site-to-site VPN only (not the prefectural network); d is on Azure West.
  const profile = {
    dataCentres: [
      {
        name: 'a',
        links: [
          { name: 'a-tokyo', type: 'site-to-site-vpn', to: 'aws:ap-northeast-1' },
          { name: 'a-b', type: 'prefectural-network-vpn', to: 'dc:b' },
        ],
      },
      { name: 'b', links: [{ name: 'b-c', type: 'prefectural-network-vpn', to: 'dc:c' }] },
      { name: 'c', links: [] },
      { name: 'd', links: [{ name: 'd-west', type: 'expressroute', to: 'azure:japanwest' }] },
      { name: 'e', links: [{ name: 'e-a', type: 'site-to-site-vpn', to: 'dc:a' }] },
      { name: 'f', links: [{ name: 'f-c', type: 'prefectural-network-vpn', to: 'dc:c' }] },
    ],
    clouds: { azure: { hubs: [{ region: 'japaneast' }, { region: 'japanwest' }] } },
  } as unknown as Profile;

  test('the attached data centre, then the prefectural network in both directions, in hop order', () => {
    expect(dataCentresReachableFrom(profile, 'aws:ap-northeast-1')).toEqual(['a', 'b', 'c', 'f']);
  });

  test('only prefectural-network links are followed between data centres', () => {
    expect(dataCentresReachableFrom(profile, 'aws:ap-northeast-1')).not.toContain('e');
  });

  test('a place nothing is attached to reaches nothing', () => {
    expect(dataCentresReachableFrom(profile, 'aws:ap-northeast-3')).toEqual([]);
  });

  test('an Azure hub reaches what every hub of the Virtual WAN reaches; an AWS Region does not', () => {
    expect(dataCentresReachableFrom(profile, 'azure:japaneast')).toEqual(['d']);
    expect(dataCentresReachableFrom(profile, 'azure:japanwest')).toEqual(['d']);
    const noAzure = { ...profile, clouds: {} } as unknown as Profile;
    expect(dataCentresReachableFrom(noAzure, 'azure:japaneast')).toEqual([]);
    expect(dataCentresReachableFrom(noAzure, 'azure:japanwest')).toEqual(['d']);
  });
});
