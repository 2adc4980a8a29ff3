import { inboundResolverAddresses } from '../../lib/aws/identity/inbound-resolver';
import { contains, parseCidr } from '../../lib/net/cidr';
import type { DeploymentModel } from '../../lib/profile/load';
import { regionShortName } from '../../lib/quotas/regions';
import { type CachedSynth, cachedSynth, type Json, model, resourcesOf } from './support/synth';

const PROFILES = ['hyogo', 'iwate'] as const;
const out = new Map<string, { m: DeploymentModel; s: CachedSynth }>();
beforeAll(() => {
  // The real CLI's templates from jest's global setup: no synthesis here.
  for (const name of PROFILES) out.set(name, { m: model(name), s: cachedSynth(name) });
});
const stackOf = (m: DeploymentModel, region: string) =>
  `${m.profile.organisation.id}-prod-identity-${regionShortName(region)}`;

describe.each(PROFILES)('identity (%s)', (name) => {
  test('Resolver outbound endpoint in two zones and a forwarding rule for the AD domain to on-prem DNS', () => {
    const { m, s } = out.get(name)!;
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(stackOf(m, region.region));
      const outbound = resourcesOf(json, 'AWS::Route53Resolver::ResolverEndpoint').filter(
        ([, e]) => e.Properties.Direction === 'OUTBOUND',
      );
      expect(outbound).toHaveLength(1);
      const [, endpoint] = outbound[0]!;
      expect(endpoint.Properties.IpAddresses.length).toBeGreaterThanOrEqual(2);
      const [[, rule]] = resourcesOf(json, 'AWS::Route53Resolver::ResolverRule') as [[string, Json]];
      expect(rule.Properties.DomainName).toBe(m.profile.identity.domain.name);
      expect(rule.Properties.TargetIps.map((t: { Ip: string }) => t.Ip)).toEqual(
        m.profile.identity.domain.dnsServers,
      );
      expect(resourcesOf(json, 'AWS::Route53Resolver::ResolverRuleAssociation')).toHaveLength(1);
      expect(s.stacks.get(stackOf(m, region.region))!.terminationProtection).toBe(true);
    }
  });

  test('Resolver inbound endpoint: a fixed address in every planned zone’s services subnet, DNS from Client VPN subnets only', () => {
    const { m, s } = out.get(name)!;
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(stackOf(m, region.region));
      const inbound = resourcesOf(json, 'AWS::Route53Resolver::ResolverEndpoint').filter(
        ([, e]) => e.Properties.Direction === 'INBOUND',
      );
      expect(inbound).toHaveLength(1);
      const [, endpoint] = inbound[0]!;
      const ips = endpoint.Properties.IpAddresses.map((a: { Ip: string }) => a.Ip);
      expect(ips).toEqual(inboundResolverAddresses(region));
      expect(ips).toHaveLength(region.zones.length);
      region.zones.forEach((zone, i) => {
        const subnet = region.subnets.find((x) => x.role === 'services' && x.zone === zone)!;
        expect(contains(parseCidr(subnet.cidr), parseCidr(`${ips[i]}/32`))).toBe(true);
      });
      const groups = resourcesOf(json, 'AWS::EC2::SecurityGroup').filter(([, g]) =>
        String(g.Properties.GroupDescription).includes('inbound'),
      );
      const ingress = groups.flatMap(([, g]) => g.Properties.SecurityGroupIngress ?? []);
      expect(new Set(ingress.map((r: { CidrIp: string }) => r.CidrIp))).toEqual(
        new Set(region.subnets.filter((x) => x.role === 'client-vpn').map((x) => x.cidr)),
      );
    }
  });

  test('Managed AD only where the profile chooses it, with its edition, retained; trust by custom resource', () => {
    const { m, s } = out.get(name)!;
    const directory = m.profile.identity.awsDirectory;
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(stackOf(m, region.region));
      const ads = resourcesOf(json, 'AWS::DirectoryService::MicrosoftAD');
      expect(ads).toHaveLength(directory.mode === 'managed-ad' ? 1 : 0);
      for (const [, ad] of ads) {
        expect(ad.Properties.Edition).toBe(directory.edition);
        expect(ad.DeletionPolicy).toBe('Retain');
        expect(JSON.stringify(ad.Properties.Password)).toContain('{{resolve:secretsmanager:');
      }
      const trusts = resourcesOf(json, 'Custom::DirectoryTrust');
      expect(trusts).toHaveLength(directory.mode === 'managed-ad' && directory.trust ? 1 : 0);
      for (const [, t] of trusts) {
        expect(t.Properties.SecretName).toBe(directory.trust!.secretName);
        expect(t.Properties.RemoteDomainName).toBe(m.profile.identity.domain.name);
        expect(Object.keys(t.Properties).some((k) => /password/i.test(k))).toBe(false);
      }
    }
  });

  test('each Region’s Managed AD has its own DNS and NetBIOS name (no collision across Regions)', () => {
    const { m, s } = out.get(name)!;
    const ads = m.plan.awsRegions.flatMap((region) =>
      resourcesOf(s.json.get(stackOf(m, region.region)), 'AWS::DirectoryService::MicrosoftAD').map(
        ([, ad]) => ad.Properties,
      ),
    );
    if (m.profile.identity.awsDirectory.mode !== 'managed-ad') return expect(ads).toHaveLength(0);
    expect(ads).toHaveLength(m.plan.awsRegions.length);
    expect(new Set(ads.map((a) => a.Name)).size).toBe(ads.length);
    expect(new Set(ads.map((a) => a.ShortName)).size).toBe(ads.length);
    for (const a of ads) expect(a.ShortName.length).toBeLessThanOrEqual(15);
  });

  test('no secret value in any template', () => {
    const { s } = out.get(name)!;
    for (const json of s.json.values()) {
      const text = JSON.stringify(json);
      expect(text).not.toMatch(/TrustPassword|"SecretString":/);
      for (const [, secret] of resourcesOf(json, 'AWS::SecretsManager::Secret')) {
        expect(secret.Properties.SecretString).toBeUndefined();
        expect(secret.Properties.GenerateSecretString).toBeDefined();
      }
    }
  });

  test('snapshot (change detector)', () => {
    const { m, s } = out.get(name)!;
    for (const region of m.plan.awsRegions)
      expect(s.json.get(stackOf(m, region.region))).toMatchSnapshot(region.region);
  });
});
