import { overlaps, parseCidr } from '../../lib/net/cidr';
import type { DeploymentModel } from '../../lib/profile/load';
import { regionShortName } from '../../lib/quotas/regions';
import {
  type CachedSynth,
  cachedSynth,
  model,
  resourcesOf,
  type Synthesized,
  synthesize,
  variant,
} from './support/synth';

const PROFILES = ['hyogo', 'iwate'] as const;
const out = new Map<string, { m: DeploymentModel; s: CachedSynth }>();
let carrierVariant: { m: DeploymentModel; s: Synthesized };

beforeAll(() => {
  // The real CLI's templates from jest's global setup: only the variant is synthesized here.
  for (const name of PROFILES) out.set(name, { m: model(name), s: cachedSynth(name) });
  // Test-only: Hyogo's carrier lands in AWS Tokyo over VPN, translated in AWS.
  const m = variant('hyogo', (raw) => {
    raw.closedMobileNetworks[0].landing = {
      type: 'vpn',
      at: 'aws:ap-northeast-1',
      aws: { bgpAsn: 65300, gatewayIp: '198.51.100.77' },
    };
    raw.closedMobileNetworks[0].translation.at = 'aws';
  });
  carrierVariant = { m, s: synthesize(m) };
});

const linksStack = (m: DeploymentModel, region: string) =>
  `${m.profile.organisation.id}-prod-links-${regionShortName(region)}`;

describe.each(PROFILES)('links (%s)', (name) => {
  test('segment route tables; the access VPC sits in remote-access and propagates only to data centres', () => {
    const { m, s } = out.get(name)!;
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(linksStack(m, region.region));
      const tables = resourcesOf(json, 'AWS::EC2::TransitGatewayRouteTable').map(
        ([, t]) => t.Properties.Tags.find((x: { Key: string }) => x.Key === 'Name').Value,
      );
      expect(tables.some((n: string) => n.endsWith('-remote-access'))).toBe(true);
      expect(tables.some((n: string) => n.endsWith('-data-centres'))).toBe(true);
      expect(s.stacks.get(linksStack(m, region.region))!.terminationProtection).toBe(true);
    }
  });

  test('protected segments are blackholed in the remote-access table and never routed there', () => {
    const { m, s } = out.get(name)!;
    const protectedCidrs = m.profile.addressPlan.networks.filter((n) => n.protected).flatMap((n) => n.cidrs);
    expect(protectedCidrs.length).toBeGreaterThan(0);
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(linksStack(m, region.region));
      const routes = resourcesOf(json, 'AWS::EC2::TransitGatewayRoute').map(([, r]) => r.Properties);
      for (const cidr of protectedCidrs) {
        const blackholes = routes.filter((r) => r.DestinationCidrBlock === cidr && r.Blackhole === true);
        expect(blackholes.length).toBeGreaterThanOrEqual(1);
      }
      for (const r of routes.filter((x) => !x.Blackhole)) {
        expect(protectedCidrs.some((p) => overlaps(parseCidr(p), parseCidr(r.DestinationCidrBlock)))).toBe(
          false,
        );
      }
    }
  });

  test('Site-to-Site VPN: one BGP connection per data-centre device, both tunnels specified', () => {
    const { m, s } = out.get(name)!;
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(linksStack(m, region.region));
      const expected = m.profile.dataCentres.flatMap((dc) =>
        dc.links
          .filter((l) => l.type === 'site-to-site-vpn' && l.to === `aws:${region.region}`)
          .flatMap(() => dc.vpnDevices.map((d) => ({ ip: d.publicIp, asn: dc.bgpAsn }))),
      );
      const gateways = resourcesOf(json, 'AWS::EC2::CustomerGateway').map(([, g]) => g.Properties);
      expect(gateways.map((g) => g.IpAddress).sort()).toEqual(expected.map((e) => e.ip).sort());
      for (const g of gateways) expect(expected.find((e) => e.ip === g.IpAddress)!.asn).toBe(g.BgpAsn);
      const vpns = resourcesOf(json, 'AWS::EC2::VPNConnection').map(([, v]) => v.Properties);
      expect(vpns).toHaveLength(expected.length);
      for (const v of vpns) {
        expect(v.StaticRoutesOnly).toBe(false);
        expect(v.VpnTunnelOptionsSpecifications).toHaveLength(2);
      }
      const associations = resourcesOf(json, 'AWS::EC2::TransitGatewayRouteTableAssociation');
      expect(associations.length).toBe(
        1 + vpns.length + resourcesOf(json, 'AWS::DirectConnect::DirectConnectGatewayAssociation').length,
      );
    }
  });

  test('Direct Connect: gateway, association with allowed prefixes, transit VIF per named connection', () => {
    const { m, s } = out.get(name)!;
    const connections = m.profile.directConnect?.connections ?? [];
    const all = m.plan.awsRegions.flatMap((r) =>
      resourcesOf(s.json.get(linksStack(m, r.region)), 'AWS::DirectConnect::TransitVirtualInterface'),
    );
    expect(all.map(([, v]) => v.Properties.ConnectionId).sort()).toEqual(
      connections.map((c) => c.connectionId).sort(),
    );
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(linksStack(m, region.region));
      for (const [, a] of resourcesOf(json, 'AWS::DirectConnect::DirectConnectGatewayAssociation')) {
        expect(a.Properties.AllowedPrefixesToDirectConnectGateway).toContain(region.vpcCidr);
      }
    }
  });

  test('snapshot (change detector)', () => {
    const { m, s } = out.get(name)!;
    for (const region of m.plan.awsRegions) {
      expect(s.json.get(linksStack(m, region.region))).toMatchSnapshot(region.region);
    }
  });
});

test('a carrier landing in AWS with translation in AWS: own segment, VPN, private NAT in the translated range', () => {
  const { m, s } = carrierVariant;
  const carrier = m.profile.closedMobileNetworks[0]!;
  const json = s.json.get(linksStack(m, 'ap-northeast-1'));
  const tables = resourcesOf(json, 'AWS::EC2::TransitGatewayRouteTable');
  expect(tables).toHaveLength(3);
  expect(resourcesOf(json, 'AWS::EC2::CustomerGateway').map(([, g]) => g.Properties.IpAddress)).toContain(
    '198.51.100.77',
  );
  const secondary = resourcesOf(json, 'AWS::EC2::VPCCidrBlock');
  expect(secondary.map(([, c]) => c.Properties.CidrBlock)).toEqual([carrier.translation!.translatedRange]);
  const nats = resourcesOf(json, 'AWS::EC2::NatGateway');
  expect(nats).toHaveLength(3);
  for (const [, n] of nats) expect(n.Properties.ConnectivityType).toBe('private');
  for (const [, sub] of resourcesOf(json, 'AWS::EC2::Subnet')) {
    expect(
      overlaps(parseCidr(sub.Properties.CidrBlock), parseCidr(carrier.translation!.translatedRange)),
    ).toBe(true);
  }
  // Data centres learn the translated range from the VPC, never the raw device pool.
  const propagatedFromCarrier = resourcesOf(json, 'AWS::EC2::TransitGatewayRouteTablePropagation').filter(
    ([id]) => id.includes('carrier'),
  );
  expect(propagatedFromCarrier).toHaveLength(0);
  const allowed = resourcesOf(json, 'AWS::DirectConnect::DirectConnectGatewayAssociation')[0]![1].Properties
    .AllowedPrefixesToDirectConnectGateway;
  expect(allowed).toContain(carrier.translation!.translatedRange);
});
