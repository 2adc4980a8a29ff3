/**
 * A carrier routed as is into an AWS Region: its Transit Gateway table learns the data
 * centres' routes, and everything outside closedMobileNetworks[].reach is blackholed, so
 * devices reach exactly their networks.
 */
import { subtractCidrs } from '../../lib/aws/links/reach-filter';
import { contains, overlaps, parseCidr } from '../../lib/net/cidr';
import { type Json, resourcesOf, synthesize, variant } from './support/synth';

describe('subtractCidrs', () => {
  test('the fewest aligned blocks of the universe outside the kept ranges', () => {
    expect(subtractCidrs(['10.0.0.0/12'], ['10.0.0.0/13'])).toEqual(['10.8.0.0/13']);
    expect(subtractCidrs(['10.0.0.0/12'], ['10.4.0.0/14'])).toEqual(['10.0.0.0/14', '10.8.0.0/13']);
    expect(subtractCidrs(['10.0.0.0/12', '10.8.0.0/16'], ['10.0.0.0/13'])).toEqual(['10.8.0.0/13']);
    expect(subtractCidrs(['10.0.0.0/13'], ['10.0.0.0/12'])).toEqual([]);
  });
});

describe('carrier landing by VPN in aws:ap-northeast-1 (iwate variant)', () => {
  const m = variant('iwate', (p) => {
    p.closedMobileNetworks[0].landing = {
      type: 'vpn',
      at: 'aws:ap-northeast-1',
      aws: { bgpAsn: 65300, gatewayIp: '203.0.113.40' },
    };
  });
  let links: Json;
  beforeAll(() => {
    links = synthesize(m).json.get('iwate-prod-links-apne1');
  });

  test('the carrier-mobile table blackholes every known range outside reach, and nothing inside it', () => {
    const [tableId] = resourcesOf(links, 'AWS::EC2::TransitGatewayRouteTable').find(([id]) =>
      id.includes('carriermobile'),
    )!;
    const blackholes = resourcesOf(links, 'AWS::EC2::TransitGatewayRoute')
      .filter(([, r]) => r.Properties.TransitGatewayRouteTableId?.Ref === tableId && r.Properties.Blackhole)
      .map(([, r]) => parseCidr(r.Properties.DestinationCidrBlock));
    const carrier = m.profile.closedMobileNetworks[0]!;
    const reach = m.profile.addressPlan.networks
      .filter((n) => carrier.reach.includes(n.name))
      .flatMap((n) => n.cidrs);
    for (const b of blackholes) for (const r of reach) expect(overlaps(b, parseCidr(r))).toBe(false);
    const outside = m.profile.addressPlan.networks.filter((n) => !carrier.reach.includes(n.name));
    expect(outside.length).toBeGreaterThan(0);
    for (const n of outside) {
      for (const cidr of n.cidrs) expect(blackholes.some((b) => contains(b, parseCidr(cidr)))).toBe(true);
    }
    // Every address of the data-centre prefixes is either in reach or blackholed.
    const blocked = blackholes.map((b) => b.text);
    const prefixes = m.profile.dataCentres.flatMap((d) => d.prefixes);
    expect(subtractCidrs(prefixes, [...reach, ...blocked])).toEqual([]);
  });

  test('two carriers with different reach in one Region are refused with the names and the fix', () => {
    const two = variant('iwate', (p) => {
      const landing = {
        type: 'vpn',
        at: 'aws:ap-northeast-1',
        aws: { bgpAsn: 65300, gatewayIp: '203.0.113.40' },
      };
      p.closedMobileNetworks[0].landing = landing;
      p.addressPlan.networks.push({ name: 'branch-offices', cidrs: ['10.41.0.0/16'], at: 'dc:dc-morioka' });
      p.closedMobileNetworks.push({
        ...p.closedMobileNetworks[0],
        name: 'second-carrier',
        devicePool: '172.28.0.0/19',
        landing: { ...landing, aws: { bgpAsn: 65301, gatewayIp: '203.0.113.41' } },
        reach: ['prefectural-lan', 'branch-offices'],
      });
    });
    expect(() => synthesize(two)).toThrow(
      /softbank-sma, second-carrier land in ap-northeast-1 with different reach/,
    );
  });
});
