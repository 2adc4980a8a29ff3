/**
 * What got wider between base and head, read from the artifacts only:
 * - Client VPN authorization rules: a group (or every group) newly authorized to a network
 *   that base did not cover for it (a population newly able to reach a segment);
 * - security group rules (ingress and egress), NSG rules and firewall policy rules that
 *   base did not have; open to the internet (0.0.0.0/0, ::/0, `*`, `Internet`) blocks;
 * - authentication weakened: an authentication method of a Client VPN endpoint or of an
 *   Azure VPN server configuration removed (mutual TLS + SAML to one, Entra ID removed);
 * - logging or encryption turned off: connection logs disabled, a flow log or diagnostic
 *   setting removed, a KMS key / encryption setting removed from a resource;
 * - new public endpoints: internet gateways, Elastic IPs, public IPs, Lambda URLs, public
 *   S3 access.
 */
import { contains, tryParseCidr } from '../net/cidr';
import type { CfnResource, SynthTree, TfResourceBody } from './artifacts';
import type { FindingInput } from './finding';
import { isPlainObject, jsonEqual } from './json-diff';

const OPEN = new Set(['0.0.0.0/0', '::/0', '*', 'Internet', 'Any', 'any']);

function covered(cidr: string, by: readonly string[]): boolean {
  if (by.includes(cidr)) return true;
  const inner = tryParseCidr(cidr);
  if (typeof inner === 'string') return false;
  return by.some((b) => {
    const outer = tryParseCidr(b);
    return typeof outer !== 'string' && contains(outer, inner);
  });
}

interface AwsResourceRef {
  readonly stack: string;
  readonly logicalId: string;
  readonly resource: CfnResource;
}

function awsResources(tree: SynthTree, type: string): AwsResourceRef[] {
  const out: AwsResourceRef[] = [];
  for (const stack of tree.aws.values()) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type === type) out.push({ stack: stack.name, logicalId, resource });
    }
  }
  return out;
}

function cdkPath(r: CfnResource): string {
  const p = r.Metadata?.['aws:cdk:path'];
  return typeof p === 'string' ? p : '';
}

/** Authorization: per stack, which group reaches which networks. */
function authorizationFindings(base: SynthTree, head: SynthTree): FindingInput[] {
  const grants = (tree: SynthTree) => {
    const map = new Map<string, string[]>();
    for (const r of awsResources(tree, 'AWS::EC2::ClientVpnAuthorizationRule')) {
      const p = r.resource.Properties ?? {};
      const group =
        p.AuthorizeAllGroups === true ? '(every group)' : String(p.AccessGroupId ?? '(every group)');
      const k = `${r.stack}\u0000${group}`;
      map.set(k, [...(map.get(k) ?? []), String(p.TargetNetworkCidr)]);
    }
    return map;
  };
  const before = grants(base);
  const found: FindingInput[] = [];
  for (const r of awsResources(head, 'AWS::EC2::ClientVpnAuthorizationRule')) {
    const p = r.resource.Properties ?? {};
    const all = p.AuthorizeAllGroups === true;
    const group = all ? '(every group)' : String(p.AccessGroupId ?? '(every group)');
    const cidr = String(p.TargetNetworkCidr);
    const had = [
      ...(before.get(`${r.stack}\u0000${group}`) ?? []),
      ...(before.get(`${r.stack}\u0000(every group)`) ?? []),
    ];
    if (covered(cidr, had)) continue;
    found.push({
      cloud: 'aws',
      stack: r.stack,
      resource: r.logicalId,
      type: 'AWS::EC2::ClientVpnAuthorizationRule',
      action: 'add',
      rule: 'authorization-widened',
      severity: 'block',
      category: 'security',
      cause: [
        'Properties.TargetNetworkCidr',
        all ? 'Properties.AuthorizeAllGroups' : 'Properties.AccessGroupId',
      ],
      message:
        `${all ? 'every connected user' : `group ${group}`} is newly authorized to reach ${cidr} (${String(p.Description ?? '')})`.replace(
          / \(\)$/,
          '',
        ),
      userImpact: `${all ? 'every remote user' : `members of ${group}`} can reach ${cidr}, which base did not allow; check that the segment may be reached remotely`,
    });
  }
  return found;
}

interface FlatRule {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly ports: string;
  readonly peer: string;
}

function peerOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? '');
}

function sgRules(r: CfnResource): FlatRule[] {
  const p = r.Properties ?? {};
  const flat = (direction: 'ingress' | 'egress', raw: unknown): FlatRule[] =>
    (Array.isArray(raw) ? raw : []).map((x: Record<string, unknown>) => ({
      direction,
      protocol: String(x.IpProtocol ?? '-1'),
      ports: `${String(x.FromPort ?? '*')}-${String(x.ToPort ?? '*')}`,
      peer: peerOf(
        x.CidrIp ??
          x.CidrIpv6 ??
          x.SourceSecurityGroupId ??
          x.DestinationSecurityGroupId ??
          x.DestinationPrefixListId ??
          x.SourcePrefixListId,
      ),
    }));
  if (r.Type === 'AWS::EC2::SecurityGroup')
    return [...flat('ingress', p.SecurityGroupIngress), ...flat('egress', p.SecurityGroupEgress)];
  if (r.Type === 'AWS::EC2::SecurityGroupIngress') return flat('ingress', [p]);
  if (r.Type === 'AWS::EC2::SecurityGroupEgress') return flat('egress', [p]);
  return [];
}

function securityGroupFindings(base: SynthTree, head: SynthTree): FindingInput[] {
  const types = [
    'AWS::EC2::SecurityGroup',
    'AWS::EC2::SecurityGroupIngress',
    'AWS::EC2::SecurityGroupEgress',
  ];
  const keyOf = (r: AwsResourceRef) => `${r.stack}\u0000${cdkPath(r.resource) || r.logicalId}`;
  const before = new Map<string, FlatRule[]>();
  for (const t of types) for (const r of awsResources(base, t)) before.set(keyOf(r), sgRules(r.resource));
  const found: FindingInput[] = [];
  for (const t of types) {
    for (const r of awsResources(head, t)) {
      const had = before.get(keyOf(r));
      for (const rule of sgRules(r.resource)) {
        const samePorts = (had ?? []).filter(
          (h) =>
            h.direction === rule.direction &&
            (h.protocol === '-1' || (h.protocol === rule.protocol && h.ports === rule.ports)),
        );
        if (
          covered(
            rule.peer,
            samePorts.map((h) => h.peer),
          )
        )
          continue;
        const open = OPEN.has(rule.peer);
        found.push({
          cloud: 'aws',
          stack: r.stack,
          resource: r.logicalId,
          type: t,
          action: had ? 'update' : 'add',
          rule: open ? 'security-rule-open' : 'security-rule-widened',
          severity: open ? 'block' : 'warn',
          category: 'security',
          cause: [
            rule.direction === 'ingress'
              ? 'Properties.SecurityGroupIngress'
              : 'Properties.SecurityGroupEgress',
          ],
          message: `${rule.direction} ${rule.protocol === '-1' ? 'all traffic' : `${rule.protocol} ${rule.ports}`} ${rule.direction === 'ingress' ? 'from' : 'to'} ${rule.peer} is newly allowed on ${r.logicalId}`,
          userImpact: open
            ? 'the resource is open to the internet'
            : `traffic ${rule.direction === 'ingress' ? 'from' : 'to'} ${rule.peer} that base did not allow now passes`,
        });
      }
    }
  }
  return found;
}

function authTypes(r: CfnResource): string[] {
  const options = r.Properties?.AuthenticationOptions;
  return (Array.isArray(options) ? options : []).map((o: Record<string, unknown>) => String(o.Type)).sort();
}

/** Endpoints are matched by construct path so a replaced endpoint (new logical ID) still compares. */
function awsAuthAndLoggingFindings(base: SynthTree, head: SynthTree): FindingInput[] {
  const found: FindingInput[] = [];
  const before = new Map(
    awsResources(base, 'AWS::EC2::ClientVpnEndpoint').map((r) => [
      `${r.stack}\u0000${cdkPath(r.resource) || r.logicalId}`,
      r,
    ]),
  );
  for (const r of awsResources(head, 'AWS::EC2::ClientVpnEndpoint')) {
    const old = before.get(`${r.stack}\u0000${cdkPath(r.resource) || r.logicalId}`);
    if (!old) continue;
    const had = authTypes(old.resource);
    const has = authTypes(r.resource);
    const lost = had.filter((t) => !has.includes(t));
    if (lost.length > 0) {
      found.push({
        cloud: 'aws',
        stack: r.stack,
        resource: r.logicalId,
        type: 'AWS::EC2::ClientVpnEndpoint',
        action: 'update',
        rule: 'authentication-weakened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.AuthenticationOptions'],
        message: `${r.logicalId} drops ${lost.join(' and ')} (was ${had.join(' + ')}, now ${has.join(' + ') || 'none'})`,
        userImpact: `users connect with ${has.length === 0 ? 'no authentication' : `only ${has.join(' + ')}`}: a stolen ${lost.includes('certificate-authentication') ? 'password or session' : 'device certificate'} is enough`,
      });
    }
    const logged = (x: CfnResource) =>
      isPlainObject(x.Properties?.ConnectionLogOptions) && x.Properties.ConnectionLogOptions.Enabled === true;
    if (logged(old.resource) && !logged(r.resource)) {
      found.push({
        cloud: 'aws',
        stack: r.stack,
        resource: r.logicalId,
        type: 'AWS::EC2::ClientVpnEndpoint',
        action: 'update',
        rule: 'logging-disabled',
        severity: 'block',
        category: 'security',
        cause: ['Properties.ConnectionLogOptions.Enabled'],
        message: `connection logging of ${r.logicalId} is turned off`,
        userImpact:
          'who connected when, from where, is no longer recorded: incident investigation and audits lose their evidence',
      });
    }
  }
  return found;
}

/** Properties whose removal turns encryption off (CloudFormation). */
const ENCRYPTION_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::Logs::LogGroup': ['KmsKeyId'],
  'AWS::S3::Bucket': ['BucketEncryption'],
  'AWS::CloudTrail::Trail': ['KMSKeyId'],
  'AWS::DynamoDB::Table': ['SSESpecification'],
  'AWS::SNS::Topic': ['KmsMasterKeyId'],
  'AWS::SecretsManager::Secret': ['KmsKeyId'],
};

/** The four settings of an S3 public access block; each one `true` closes one way in. */
const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
] as const;

const PUBLIC_AWS_TYPES: Readonly<Record<string, string>> = {
  'AWS::EC2::InternetGateway':
    'an internet gateway (the VPC becomes reachable from the internet once routed)',
  'AWS::EC2::EIP': 'an Elastic IP address',
  'AWS::Lambda::Url': 'a public Lambda function URL',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'a load balancer',
  'AWS::ApiGateway::RestApi': 'an API Gateway API',
  'AWS::ApiGatewayV2::Api': 'an API Gateway API',
};

function resourceKey(stack: string, logicalId: string, r: CfnResource): string {
  return `${stack}\u0000${cdkPath(r) || logicalId}`;
}

function awsEncryptionAndPublicFindings(base: SynthTree, head: SynthTree): FindingInput[] {
  const found: FindingInput[] = [];
  const baseByKey = new Map<string, { stack: string; logicalId: string; resource: CfnResource }>();
  for (const stack of base.aws.values())
    for (const [id, r] of Object.entries(stack.template.Resources ?? {}))
      baseByKey.set(resourceKey(stack.name, id, r), { stack: stack.name, logicalId: id, resource: r });
  const headKeys = new Set<string>();
  for (const stack of head.aws.values()) {
    for (const [id, r] of Object.entries(stack.template.Resources ?? {})) {
      const k = resourceKey(stack.name, id, r);
      headKeys.add(k);
      const old = baseByKey.get(k);
      const common = { cloud: 'aws' as const, stack: stack.name, resource: id, type: r.Type };
      if (!old) {
        const what = PUBLIC_AWS_TYPES[r.Type];
        if (what) {
          found.push({
            ...common,
            action: 'add',
            rule: 'public-endpoint-added',
            severity: 'block',
            category: 'security',
            cause: ['Type'],
            message: `${id} adds ${what}`,
            userImpact: 'a new path from the internet into the platform, which is closed by design',
          });
        }
        continue;
      }
      for (const property of ENCRYPTION_PROPERTIES[r.Type] ?? []) {
        if (old.resource.Properties?.[property] !== undefined && r.Properties?.[property] === undefined) {
          found.push({
            ...common,
            action: 'update',
            rule: 'encryption-removed',
            severity: 'block',
            category: 'security',
            cause: [`Properties.${property}`],
            message: `${id} no longer sets ${property}: its data is no longer encrypted with the project's key`,
            userImpact: 'logs or records are stored without customer-managed encryption',
          });
        }
      }
      if (
        r.Type === 'AWS::CloudTrail::Trail' &&
        old.resource.Properties?.IsLogging === true &&
        r.Properties?.IsLogging !== true
      ) {
        found.push({
          ...common,
          action: 'update',
          rule: 'logging-disabled',
          severity: 'block',
          category: 'security',
          cause: ['Properties.IsLogging'],
          message: `CloudTrail trail ${id} stops logging`,
          userImpact: 'API activity is no longer recorded',
        });
      }
      if (r.Type === 'AWS::S3::Bucket') {
        // Only a setting that base turned on and head does not: tightening is not a finding.
        const setting = (x: CfnResource, key: string): unknown => {
          const block = x.Properties?.PublicAccessBlockConfiguration;
          return isPlainObject(block) ? block[key] : undefined;
        };
        const loosened = PUBLIC_ACCESS_BLOCK_SETTINGS.filter(
          (key) => setting(old.resource, key) === true && setting(r, key) !== true,
        );
        if (loosened.length > 0) {
          found.push({
            ...common,
            action: 'update',
            rule: 'public-access-loosened',
            severity: 'block',
            category: 'security',
            cause: loosened.map((key) => `Properties.PublicAccessBlockConfiguration.${key}`),
            message: `the public access block of bucket ${id} no longer sets ${loosened.join(', ')}`,
            userImpact: 'the audit archive may become readable from outside',
          });
        }
      }
    }
  }
  for (const [k, old] of baseByKey) {
    if (headKeys.has(k) || old.resource.Type !== 'AWS::EC2::FlowLog') continue;
    found.push({
      cloud: 'aws',
      stack: old.stack,
      resource: old.logicalId,
      type: old.resource.Type,
      action: 'delete',
      rule: 'logging-disabled',
      severity: 'block',
      category: 'security',
      cause: ['removed from the template'],
      message: `VPC flow log ${old.logicalId} is removed`,
      userImpact: 'network traffic of the VPC is no longer recorded',
    });
  }
  return found;
}

interface TfRef {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly body: TfResourceBody;
}

function tfResources(tree: SynthTree, type?: string): TfRef[] {
  const out: TfRef[] = [];
  for (const stack of tree.azure.values()) {
    for (const [t, byName] of Object.entries(stack.json.resource ?? {})) {
      if (type && t !== type) continue;
      for (const [name, body] of Object.entries(byName))
        out.push({ stack: stack.name, address: `${t}.${name}`, type: t, body });
    }
  }
  return out;
}

function tfKey(r: TfRef): string {
  return `${r.stack}\u0000${r.type}\u0000${String(r.body.name ?? r.address)}`;
}

function nsgRules(r: TfRef): string[] {
  const list =
    r.type === 'azurerm_network_security_rule'
      ? [r.body]
      : Array.isArray(r.body.security_rule)
        ? r.body.security_rule
        : [];
  return (list as Record<string, unknown>[])
    .filter((x) => String(x.access).toLowerCase() === 'allow')
    .flatMap((x) => {
      const sources = [x.source_address_prefix, ...((x.source_address_prefixes as unknown[]) ?? [])].filter(
        (s) => s !== undefined,
      );
      return sources.map(
        (s) =>
          `${String(x.direction)}|${String(x.protocol)}|${String(x.destination_port_range ?? JSON.stringify(x.destination_port_ranges ?? '*'))}|${String(s)}`,
      );
    });
}

/** Built-in grant controls of a Conditional Access policy that prove a managed device. */
const DEVICE_CONTROLS = new Set(['compliantDevice', 'domainJoinedDevice']);

/** Enabled Conditional Access policy that requires a managed device for the apps it lists. */
function deviceControlledApps(body: TfResourceBody): string[] {
  if (body.state !== 'enabled') return [];
  const grant = (Array.isArray(body.grant_controls) ? body.grant_controls[0] : body.grant_controls) as
    | { built_in_controls?: unknown[] }
    | undefined;
  if (!(grant?.built_in_controls ?? []).some((c) => DEVICE_CONTROLS.has(String(c)))) return [];
  const conditions = (Array.isArray(body.conditions) ? body.conditions[0] : body.conditions) as
    | { applications?: { included_applications?: unknown[] } }
    | undefined;
  return (conditions?.applications?.included_applications ?? []).map(String);
}

/** VPN application (Entra ID audience) -> display names of the policies requiring a managed device for it. */
function deviceCheckedVpnApps(tree: SynthTree): Map<string, string[]> {
  const apps = new Map<string, string[]>();
  for (const r of tfResources(tree, 'azuread_conditional_access_policy')) {
    for (const app of deviceControlledApps(r.body))
      apps.set(app, [...(apps.get(app) ?? []), String(r.body.display_name ?? r.address)]);
  }
  return apps;
}

function aadAudience(body: TfResourceBody): string | undefined {
  const aad = body.azure_active_directory_authentication;
  const first = (Array.isArray(aad) ? aad[0] : aad) as { audience?: unknown } | undefined;
  return first?.audience === undefined ? undefined : String(first.audience);
}

/**
 * Conditional Access that stood in for the certificate (a managed device required for the VPN
 * app) and no longer does: the policy is removed, disabled, or stops requiring the device.
 */
function conditionalAccessFindings(base: SynthTree, head: SynthTree): FindingInput[] {
  const after = new Map(tfResources(head, 'azuread_conditional_access_policy').map((r) => [tfKey(r), r]));
  const found: FindingInput[] = [];
  for (const old of tfResources(base, 'azuread_conditional_access_policy')) {
    const apps = deviceControlledApps(old.body);
    if (apps.length === 0) continue;
    const now = after.get(tfKey(old));
    const still = now ? deviceControlledApps(now.body) : [];
    const lost = apps.filter((a) => !still.includes(a));
    if (lost.length === 0) continue;
    const why = !now
      ? 'is removed'
      : now.body.state !== 'enabled'
        ? `is ${String(now.body.state ?? 'not enabled')}`
        : 'no longer requires a compliant or domain-joined device';
    found.push({
      cloud: 'azure',
      stack: (now ?? old).stack,
      resource: (now ?? old).address,
      type: old.type,
      action: now ? 'update' : 'delete',
      rule: 'authentication-weakened',
      severity: 'block',
      category: 'security',
      cause: [
        now ? (now.body.state !== 'enabled' ? 'state' : 'grant_controls') : 'removed from the configuration',
      ],
      message: `Conditional Access policy ${String(old.body.display_name ?? old.address)} ${why} for the VPN application ${lost.join(', ')}`,
      userImpact:
        'point-to-site users of that group are admitted by an Entra ID sign-in from any device: the second factor the profile asks for (the device) is gone',
    });
  }
  return found;
}

function azureFindings(base: SynthTree, head: SynthTree): FindingInput[] {
  const found: FindingInput[] = [...conditionalAccessFindings(base, head)];
  const before = new Map(tfResources(base).map((r) => [tfKey(r), r]));
  const after = tfResources(head);
  const afterKeys = new Set(after.map(tfKey));
  const headDeviceChecks = deviceCheckedVpnApps(head);
  for (const r of after) {
    const old = before.get(tfKey(r));
    const common = { cloud: 'azure' as const, stack: r.stack, resource: r.address, type: r.type };
    if (r.type === 'azurerm_vpn_server_configuration' && old) {
      const list = (b: TfResourceBody) =>
        Array.isArray(b.vpn_authentication_types) ? b.vpn_authentication_types.map(String) : [];
      let lost = list(old.body).filter((t) => !list(r.body).includes(t));
      // Certificate OR Entra ID -> Entra ID with Conditional Access requiring a managed device
      // for this VPN application: the device check moves, it is not dropped (issue 8: Azure
      // point-to-site cannot require both in one handshake).
      const audience = aadAudience(r.body);
      const policies = audience ? headDeviceChecks.get(audience) : undefined;
      if (lost.includes('Certificate') && list(r.body).includes('AAD') && policies) {
        lost = lost.filter((t) => t !== 'Certificate');
        found.push({
          ...common,
          action: 'update',
          rule: 'authentication-substituted',
          severity: 'info',
          category: 'security',
          cause: ['vpn_authentication_types'],
          message: `${r.address} drops Certificate; Conditional Access (${policies.join(', ')}) requires a compliant or domain-joined device for its VPN application ${audience}`,
          userImpact:
            'users connect with an Entra ID sign-in from a managed device; a certificate alone no longer admits, and either-or access (certificate or Entra ID) ends',
        });
      }
      if (lost.length > 0) {
        found.push({
          ...common,
          action: 'update',
          rule: 'authentication-weakened',
          severity: 'block',
          category: 'security',
          cause: ['vpn_authentication_types'],
          message: `${r.address} drops ${lost.join(' and ')} authentication (was ${list(old.body).join(' + ')}, now ${list(r.body).join(' + ') || 'none'})`,
          userImpact: `point-to-site users authenticate with ${list(r.body).join(' + ') || 'nothing'} only`,
        });
      }
    }
    if (r.type === 'azurerm_network_security_group' || r.type === 'azurerm_network_security_rule') {
      const had = old ? nsgRules(old) : [];
      for (const rule of nsgRules(r)) {
        if (had.includes(rule)) continue;
        const [direction, protocol, ports, source] = rule.split('|');
        const open = OPEN.has(source!);
        found.push({
          ...common,
          action: old ? 'update' : 'add',
          rule: open ? 'security-rule-open' : 'security-rule-widened',
          severity: open ? 'block' : 'warn',
          category: 'security',
          cause: [r.type === 'azurerm_network_security_rule' ? 'source_address_prefix' : 'security_rule'],
          message: `${direction} ${protocol} ${ports} from ${source} is newly allowed by ${r.address}`,
          userImpact: open
            ? 'the subnet is open to the internet'
            : `traffic from ${source} that base did not allow now passes`,
        });
      }
    }
    if (r.type === 'azurerm_firewall_policy_rule_collection_group' && old && !jsonEqual(old.body, r.body)) {
      found.push({
        ...common,
        action: 'update',
        rule: 'firewall-rules-changed',
        severity: 'warn',
        category: 'security',
        cause: ['network_rule_collection', 'application_rule_collection'],
        message: `firewall rules of ${r.address} change`,
        userImpact: 'what the hub firewall lets through changes; read the rule diff in the details',
      });
    }
    if (!old && r.type === 'azurerm_public_ip') {
      found.push({
        ...common,
        action: 'add',
        rule: 'public-endpoint-added',
        severity: 'block',
        category: 'security',
        cause: ['type'],
        message: `${r.address} adds a public IP address`,
        userImpact: 'a new path from the internet into the platform, which is closed by design',
      });
    }
  }
  for (const [k, old] of before) {
    if (afterKeys.has(k) || old.type !== 'azurerm_monitor_diagnostic_setting') continue;
    found.push({
      cloud: 'azure',
      stack: old.stack,
      resource: old.address,
      type: old.type,
      action: 'delete',
      rule: 'logging-disabled',
      severity: 'block',
      category: 'security',
      cause: ['removed from the configuration'],
      message: `diagnostic setting ${String(old.body.name ?? old.address)} is removed`,
      userImpact: 'gateway and connection logs of the resource no longer reach Log Analytics',
    });
  }
  return found;
}

/** IAM statements of a resource: a policy document, a role's inline policies. */
function iamStatements(r: CfnResource): unknown[] {
  const p = r.Properties ?? {};
  const docs: unknown[] = [];
  if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') docs.push(p.PolicyDocument);
  if (r.Type === 'AWS::IAM::Role' && Array.isArray(p.Policies))
    for (const policy of p.Policies as Record<string, unknown>[]) docs.push(policy.PolicyDocument);
  return docs.flatMap((d) => {
    const statement = isPlainObject(d) ? d.Statement : undefined;
    return Array.isArray(statement) ? statement : statement ? [statement] : [];
  });
}

/** IAM permissions granted in head that base did not grant (matched per construct path). */
function iamFindings(base: SynthTree, head: SynthTree): FindingInput[] {
  const types = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role'];
  const before = new Map<string, unknown[]>();
  for (const t of types)
    for (const r of awsResources(base, t))
      before.set(resourceKey(r.stack, r.logicalId, r.resource), iamStatements(r.resource));
  const found: FindingInput[] = [];
  for (const t of types) {
    for (const r of awsResources(head, t)) {
      const had = before.get(resourceKey(r.stack, r.logicalId, r.resource)) ?? [];
      const added = iamStatements(r.resource).filter(
        (st) => isPlainObject(st) && st.Effect === 'Allow' && !had.some((h) => jsonEqual(h, st)),
      ) as Record<string, unknown>[];
      if (added.length === 0) continue;
      const actions = added.flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action])).map(String);
      const wildcard = actions.some((a) => a === '*' || a.endsWith(':*'));
      found.push({
        cloud: 'aws',
        stack: r.stack,
        resource: r.logicalId,
        type: t,
        action: 'update',
        rule: 'iam-permissions-added',
        severity: wildcard ? 'block' : 'warn',
        category: 'security',
        cause: added.map((st) => `Statement ${String(st.Sid ?? JSON.stringify(st.Action))}`),
        message: `${r.logicalId} is granted ${actions.slice(0, 6).join(', ')}${actions.length > 6 ? ` (+${actions.length - 6})` : ''} that base did not grant`,
        userImpact: wildcard
          ? 'a wildcard permission: whoever holds the role can do far more than before'
          : 'the role can do more than before; check that each action is needed',
      });
    }
  }
  return found;
}

export function reviewSecurity(base: SynthTree, head: SynthTree): FindingInput[] {
  return [
    ...iamFindings(base, head),
    ...authorizationFindings(base, head),
    ...securityGroupFindings(base, head),
    ...awsAuthAndLoggingFindings(base, head),
    ...awsEncryptionAndPublicFindings(base, head),
    ...azureFindings(base, head),
  ];
}
