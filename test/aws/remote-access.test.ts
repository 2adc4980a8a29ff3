import {
  connectionsPerResolverAddress,
  inboundResolverAddresses,
} from '../../lib/aws/identity/inbound-resolver';
import { formatAddress, overlaps, parseCidr } from '../../lib/net/cidr';
import type { AwsClientVpnTierPlan } from '../../lib/planner/types';
import type { DeploymentModel } from '../../lib/profile/load';
import { microsoft365OptimizeCidrs } from '../../lib/quotas/microsoft365-optimize';
import { regionShortName } from '../../lib/quotas/regions';
import {
  type CachedSynth,
  cachedSynth,
  type Json,
  model,
  resourcesOf,
  synthesize,
  template,
  variant,
} from './support/synth';

const PROFILES = ['hyogo', 'iwate'] as const;
const synthesized = new Map<string, { model: DeploymentModel; out: CachedSynth }>();

beforeAll(() => {
  // The real CLI's templates from jest's global setup: only variants are synthesized here.
  for (const name of PROFILES) synthesized.set(name, { model: model(name), out: cachedSynth(name) });
});

function awsTiers(m: DeploymentModel): AwsClientVpnTierPlan[] {
  return m.plan.tiers.filter((t): t is AwsClientVpnTierPlan => t.kind === 'aws-client-vpn');
}

function stackFor(m: DeploymentModel, region: string): string {
  return `${m.profile.organisation.id}-${m.profile.environments[0]!.name}-remote-access-${regionShortName(region)}`;
}

describe.each(PROFILES)('remote access (%s)', (name) => {
  const get = () => synthesized.get(name)!;

  test('one stack per Region with Client VPN tiers, termination-protected', () => {
    const { model: m, out } = get();
    const regions = [...new Set(awsTiers(m).map((t) => t.region))];
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) {
      expect(out.stacks.get(stackFor(m, region))?.terminationProtection).toBe(true);
    }
  });

  test('endpoints equal the plan: count, client CIDR, transport, retained', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const endpoints = resourcesOf(json, 'AWS::EC2::ClientVpnEndpoint');
      expect(endpoints.map(([, r]) => r.Properties.ClientCidrBlock).sort()).toEqual(
        tier.endpoints.map((e) => e.clientCidr).sort(),
      );
      for (const [, r] of endpoints) {
        expect(r.DeletionPolicy).toBe('Retain');
        expect(r.UpdateReplacePolicy).toBe('Retain');
        expect(r.Properties.TransportProtocol).toBe(tier.transportProtocol);
        expect(r.Properties.SplitTunnel).toBe(true);
        expect(r.Properties.ConnectionLogOptions.Enabled).toBe(true);
        expect(r.Properties.SelfServicePortal).toBe('disabled');
      }
    }
  });

  test('logical IDs derive from the planned endpoint name', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const ids = resourcesOf(out.json.get(stackFor(m, tier.region)), 'AWS::EC2::ClientVpnEndpoint').map(
        ([id]) => id,
      );
      for (const e of tier.endpoints) {
        expect(ids.some((id) => id.startsWith(`${e.name.replace(/-/g, '')}Endpoint`))).toBe(true);
      }
    }
  });

  test('one subnet association per planned zone of each endpoint, in the client-vpn subnets', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const endpoints = resourcesOf(json, 'AWS::EC2::ClientVpnEndpoint');
      const associations = resourcesOf(json, 'AWS::EC2::ClientVpnTargetNetworkAssociation');
      for (const [id] of endpoints) {
        const mine = associations.filter(([, a]) => a.Properties.ClientVpnEndpointId.Ref === id);
        expect(mine).toHaveLength(tier.associationsPerEndpoint);
        const subnets = new Set(mine.map(([, a]) => JSON.stringify(a.Properties.SubnetId)));
        expect(subnets.size).toBe(tier.associationsPerEndpoint);
        // The network stack's client-vpn subnets, read from its SSM parameters (no exports).
        for (const [, a] of mine) {
          const parameter = json.Parameters[a.Properties.SubnetId.Ref];
          expect(parameter.Type).toBe('AWS::SSM::Parameter::Value<String>');
          expect(parameter.Default).toMatch(/\/network\/subnet\/client-vpn\/ap-northeast-\d[a-d]\/id$/);
        }
      }
    }
  });

  test('authentication matches the populations', () => {
    const { model: m, out } = get();
    const methods = new Set(m.profile.populations.flatMap((p) => p.authentication));
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      for (const [, r] of resourcesOf(json, 'AWS::EC2::ClientVpnEndpoint')) {
        const types = r.Properties.AuthenticationOptions.map((o: Json) => o.Type).sort();
        const expected = [
          ...(methods.has('certificate') ? ['certificate-authentication'] : []),
          ...(methods.has('federated-sso') ? ['federated-authentication'] : []),
          ...(methods.has('directory') ? ['directory-service-authentication'] : []),
        ].sort();
        expect(types).toEqual(expected);
        const mutual = r.Properties.AuthenticationOptions.find(
          (o: Json) => o.Type === 'certificate-authentication',
        );
        expect(mutual.MutualAuthentication.ClientRootCertificateChainArn).toBe(
          m.profile.identity.certificateAuthorities[0]!.awsCertificateArns[tier.region],
        );
        expect(r.Properties.ServerCertificateArn).toBe(m.profile.identity.serverCertificateArns[tier.region]);
      }
      const saml = resourcesOf(json, 'AWS::IAM::SAMLProvider');
      expect(saml).toHaveLength(methods.has('federated-sso') ? 1 : 0);
      if (methods.has('federated-sso')) {
        expect(saml[0]![1].Properties.SamlMetadataDocument).toBe(m.files.samlMetadata);
      }
    }
  });

  test('authorization rules: per population group to exactly its networks, never a protected segment', () => {
    const { model: m, out } = get();
    const networks = m.profile.addressPlan.networks;
    const protectedCidrs = networks.filter((n) => n.protected).flatMap((n) => n.cidrs.map(parseCidr));
    const userBased = m.profile.populations.some((p) => p.authentication.some((a) => a !== 'certificate'));
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const rules = resourcesOf(json, 'AWS::EC2::ClientVpnAuthorizationRule').map(([, r]) => r.Properties);
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        expect(protectedCidrs.some((p) => overlaps(p, parseCidr(rule.TargetNetworkCidr)))).toBe(false);
      }
      for (const [id] of resourcesOf(json, 'AWS::EC2::ClientVpnEndpoint')) {
        const mine = rules.filter((r) => r.ClientVpnEndpointId.Ref === id);
        for (const population of m.profile.populations) {
          const expected = population.reach.flatMap((n) => networks.find((x) => x.name === n)!.cidrs).sort();
          const got = mine
            .filter((r) =>
              userBased ? r.AccessGroupId === population.accessGroup : r.AuthorizeAllGroups === true,
            )
            .map((r) => r.TargetNetworkCidr)
            .filter((c: string) => !c.endsWith('/32'))
            .sort();
          expect(got).toEqual(expected);
        }
      }
    }
  });

  test('split tunnel: routes only to reachable networks; no Microsoft 365 Optimize range enters the tunnel', () => {
    const { model: m, out } = get();
    const optimize = microsoft365OptimizeCidrs().map(parseCidr);
    expect(optimize.length).toBeGreaterThanOrEqual(15);
    const reachable = new Set(
      m.profile.addressPlan.networks
        .filter((n) => !n.protected && m.profile.populations.some((p) => p.reach.includes(n.name)))
        .flatMap((n) => n.cidrs),
    );
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const routes = resourcesOf(json, 'AWS::EC2::ClientVpnRoute').map(
        ([, r]) => r.Properties.DestinationCidrBlock,
      );
      expect(routes.length).toBe(reachable.size * tier.associationsPerEndpoint * tier.endpoints.length);
      for (const cidr of routes) expect(reachable.has(cidr)).toBe(true);
      const rules = resourcesOf(json, 'AWS::EC2::ClientVpnAuthorizationRule').map(
        ([, r]) => r.Properties.TargetNetworkCidr,
      );
      for (const cidr of [...routes, ...rules]) {
        expect(optimize.some((o) => overlaps(o, parseCidr(cidr)))).toBe(false);
      }
    }
  });

  test('client-connect handler: AWSClientVPN- prefix, alias without provisioned concurrency by default (a new account’s quota refuses it), wired to every endpoint', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const t = template(out, stackFor(m, tier.region));
      const fns = resourcesOf(out.json.get(stackFor(m, tier.region)), 'AWS::Lambda::Function').filter(
        ([, f]) => String(f.Properties.FunctionName ?? '').startsWith('AWSClientVPN-'),
      );
      expect(fns).toHaveLength(1);
      const [fnId] = fns[0]!;
      t.hasResourceProperties('AWS::Lambda::Alias', { FunctionName: { Ref: fnId } });
      const alias = resourcesOf(out.json.get(stackFor(m, tier.region)), 'AWS::Lambda::Alias')[0]!;
      expect(m.profile.clouds.aws!.connectHandler.provisionedConcurrency).toBe(0);
      expect(alias[1].Properties.ProvisionedConcurrencyConfig).toBeUndefined();
      for (const [, r] of resourcesOf(
        out.json.get(stackFor(m, tier.region)),
        'AWS::EC2::ClientVpnEndpoint',
      )) {
        expect(r.Properties.ClientConnectOptions).toEqual({
          Enabled: true,
          LambdaFunctionArn: { Ref: alias[0] },
        });
      }
    }
  });

  test('connection logs and every log group: KMS-encrypted, profile retention, retained', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const groups = resourcesOf(json, 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThanOrEqual(2);
      for (const [, g] of groups) {
        expect(g.Properties.KmsKeyId).toBeDefined();
        expect(g.Properties.RetentionInDays).toBe(m.profile.audit.logRetentionDays);
        expect(g.DeletionPolicy).toBe('Retain');
      }
    }
  });

  test('alarms at 80 % and 95 % of each endpoint’s planned connections, and on authentication failures', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const alarms = resourcesOf(json, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
      for (const e of tier.endpoints) {
        const active = alarms
          .filter((a) => a.MetricName === 'ActiveConnectionsCount')
          .map((a) => a.Threshold);
        expect(active).toEqual(
          expect.arrayContaining([Math.floor(e.maxConnections * 0.8), Math.floor(e.maxConnections * 0.95)]),
        );
      }
      expect(alarms.filter((a) => a.MetricName === 'AuthenticationFailures')).toHaveLength(
        tier.endpoints.length,
      );
      expect(resourcesOf(json, 'AWS::CloudWatch::Dashboard')).toHaveLength(1);
    }
  });

  test('device registry: ONE global table with a replica in every Client VPN Region; each handler reads it by name', () => {
    const { model: m, out } = get();
    const regions = [...new Set(awsTiers(m).map((t) => t.region))];
    const tableName = `${m.profile.organisation.id}-prod-device-registry`;
    const globals = regions.flatMap((region) =>
      resourcesOf(out.json.get(stackFor(m, region)), 'AWS::DynamoDB::GlobalTable'),
    );
    expect(globals).toHaveLength(1);
    const [, table] = globals[0]!;
    expect(table.Properties.TableName).toBe(tableName);
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.Replicas.map((r: { Region: string }) => r.Region).sort()).toEqual(regions.sort());
    for (const replica of table.Properties.Replicas) {
      expect(replica.DeletionProtectionEnabled).toBe(true);
      expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
    for (const region of regions) {
      const json = out.json.get(stackFor(m, region));
      expect(resourcesOf(json, 'AWS::DynamoDB::Table')).toHaveLength(0);
      const [, fn] = resourcesOf(json, 'AWS::Lambda::Function').find(([, f]) =>
        String(f.Properties.FunctionName).startsWith('AWSClientVPN-'),
      )!;
      expect(fn.Properties.Environment.Variables).toEqual({
        DEVICE_TABLE_NAME: tableName,
        REGISTRY_UNAVAILABLE_POLICY: m.profile.operations.deviceRegistry.whenUnavailable,
      });
      const statements = resourcesOf(json, 'AWS::IAM::Policy').flatMap(
        ([, p]) => p.Properties.PolicyDocument.Statement,
      );
      const read = statements.find((s: { Action: string }) => s.Action === 'dynamodb:GetItem');
      expect(JSON.stringify(read.Resource)).toContain(`:${region}:`);
      expect(JSON.stringify(read.Resource)).toContain(`:table/${tableName}`);
    }
  });

  test('registry-unavailable alarm on the handler’s metric, naming the policy, to the recipients', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const alarms = resourcesOf(json, 'AWS::CloudWatch::Alarm').filter(
        ([, a]) => a.Properties.MetricName === 'RegistryUnavailable',
      );
      expect(alarms).toHaveLength(1);
      const [, alarm] = alarms[0]!;
      expect(alarm.Properties.Namespace).toBe('Tsunagi/ClientConnect');
      expect(alarm.Properties.Threshold).toBe(1);
      expect(alarm.Properties.AlarmDescription).toMatch(
        m.profile.operations.deviceRegistry.whenUnavailable === 'allow' ? /ADMITTED/ : /REFUSED/,
      );
      expect(alarm.Properties.AlarmActions.length).toBeGreaterThan(0);
    }
  });

  test('DNS: clients get two Resolver inbound addresses, rotated per endpoint; never the VPC resolver', () => {
    const { model: m, out } = get();
    for (const region of m.plan.awsRegions) {
      const tiers = awsTiers(m).filter((t) => t.region === region.region);
      if (tiers.length === 0) continue;
      const inbound = inboundResolverAddresses(region);
      const vpcResolver = formatAddress(parseCidr(region.vpcCidr).first + 2n);
      const endpoints = resourcesOf(out.json.get(stackFor(m, region.region)), 'AWS::EC2::ClientVpnEndpoint');
      const firsts = new Set<string>();
      for (const [, e] of endpoints) {
        expect(e.Properties.DnsServers).toHaveLength(2);
        for (const ip of e.Properties.DnsServers) expect(inbound).toContain(ip);
        expect(e.Properties.DnsServers).not.toContain(vpcResolver);
        firsts.add(e.Properties.DnsServers[0]);
      }
      expect(firsts.size).toBe(Math.min(endpoints.length, inbound.length));
      for (const e of tiers.flatMap((t) => t.endpoints)) {
        expect(e.maxConnections).toBeLessThanOrEqual(connectionsPerResolverAddress());
      }
    }
  });

  test('every alarm publishes to a topic with the profile’s e-mail recipients subscribed', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const topics = resourcesOf(json, 'AWS::SNS::Topic');
      expect(topics).toHaveLength(1);
      const [topicId] = topics[0]!;
      const subscribed = resourcesOf(json, 'AWS::SNS::Subscription')
        .filter(([, s]) => s.Properties.TopicArn?.Ref === topicId && s.Properties.Protocol === 'email')
        .map(([, s]) => s.Properties.Endpoint);
      expect(subscribed.sort()).toEqual([...m.profile.operations.alarmRecipients.emails].sort());
      for (const [, a] of resourcesOf(json, 'AWS::CloudWatch::Alarm')) {
        expect(a.Properties.AlarmActions).toContainEqual({ Ref: topicId });
      }
    }
  });

  test('the CRL is not in the template (tsunagi revoke imports it): no custom resource, no CRL text', () => {
    const { model: m, out } = get();
    expect(m.files.crl).toBeDefined();
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      expect(resourcesOf(json, 'Custom::AWS')).toHaveLength(0);
      const text = JSON.stringify(json);
      expect(text).not.toContain('ImportClientVpnClientCertificateRevocationList');
      expect(text).not.toContain('BEGIN X509 CRL');
    }
  });

  test('each endpoint carries only its constant Name tag (how tsunagi revoke finds it)', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m)) {
      const json = out.json.get(stackFor(m, tier.region));
      const tags = resourcesOf(json, 'AWS::EC2::ClientVpnEndpoint').map(
        ([, r]) => r.Properties.TagSpecifications,
      );
      expect(tags.map((t) => t[0].Tags[0].Value).sort()).toEqual(
        tier.endpoints
          .map((e) => `${m.profile.organisation.id}-prod-${regionShortName(tier.region)}-${e.name}`)
          .sort(),
      );
      for (const t of tags) expect(t[0].Tags).toHaveLength(1);
    }
  });

  test('snapshot (change detector)', () => {
    const { model: m, out } = get();
    for (const tier of awsTiers(m))
      expect(out.json.get(stackFor(m, tier.region))).toMatchSnapshot(tier.region);
  });
});

test('adding an endpoint never changes the existing endpoint’s logical IDs', () => {
  const base = synthesized.get('iwate')!;
  const grown = variant('iwate', (raw) => {
    raw.target.concurrentUsers = 90000;
    raw.populations[0].concurrentUsers = 90000;
  });
  const tier = awsTiers(grown)[0]!;
  expect(tier.endpoints.length).toBeGreaterThan(awsTiers(base.model)[0]!.endpoints.length);
  const grownOut = synthesize(grown);
  const name = stackFor(grown, tier.region);
  const before = Object.entries(base.out.json.get(name).Resources);
  const after = grownOut.json.get(name).Resources;
  for (const [id, r] of before as [string, Json][]) {
    if (!r.Type.startsWith('AWS::EC2::ClientVpn')) continue;
    expect(after[id]?.Type).toBe(r.Type);
    if (r.Type === 'AWS::EC2::ClientVpnEndpoint') {
      expect(after[id].Properties.ClientCidrBlock).toBe(r.Properties.ClientCidrBlock);
      expect(after[id].Properties.AuthenticationOptions).toEqual(r.Properties.AuthenticationOptions);
    }
  }
});
