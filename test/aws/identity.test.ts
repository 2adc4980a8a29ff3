import type { DeploymentModel } from '../../lib/profile/load';
import { regionShortName } from '../../lib/quotas/regions';
import { type Json, model, resourcesOf, type Synthesized, synthesize } from './support/synth';

const PROFILES = ['hyogo', 'iwate'] as const;
const out = new Map<string, { m: DeploymentModel; s: Synthesized }>();
beforeAll(() => {
  for (const name of PROFILES) {
    const m = model(name);
    out.set(name, { m, s: synthesize(m) });
  }
});
const stackOf = (m: DeploymentModel, region: string) =>
  `${m.profile.organisation.id}-prod-identity-${regionShortName(region)}`;

describe.each(PROFILES)('identity (%s)', (name) => {
  test('Resolver outbound endpoint in two zones and a forwarding rule for the AD domain to on-prem DNS', () => {
    const { m, s } = out.get(name)!;
    for (const region of m.plan.awsRegions) {
      const json = s.json.get(stackOf(m, region.region));
      const [[, endpoint]] = resourcesOf(json, 'AWS::Route53Resolver::ResolverEndpoint') as [[string, Json]];
      expect(endpoint.Properties.Direction).toBe('OUTBOUND');
      expect(endpoint.Properties.IpAddresses.length).toBeGreaterThanOrEqual(2);
      const [[, rule]] = resourcesOf(json, 'AWS::Route53Resolver::ResolverRule') as [[string, Json]];
      expect(rule.Properties.DomainName).toBe(m.profile.identity.domain.name);
      expect(rule.Properties.TargetIps.map((t: { Ip: string }) => t.Ip)).toEqual(
        m.profile.identity.domain.dnsServers,
      );
      expect(resourcesOf(json, 'AWS::Route53Resolver::ResolverRuleAssociation')).toHaveLength(1);
      expect(s.stacks.identity.get(region.region)!.terminationProtection).toBe(true);
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
