/**
 * First-deploy rehearsal without an account: reads every synthesized CloudFormation template
 * of a cloud assembly (cdk.out) and checks, generically, the failures a first `cdk deploy`
 * into fresh accounts meets that cdk-nag and the template validator do not see:
 *
 * - kms-key-policy: every service that uses a customer-managed key is allowed by the key's
 *   policy (CloudTrail needs GenerateDataKey* and DescribeKey, CloudWatch Logs
 *   `logs.<region>.amazonaws.com`, CloudWatch alarms publishing to an encrypted topic
 *   `cloudwatch.amazonaws.com`), following keys across stacks through exports and through
 *   SSM parameters (a consumer's `AWS::SSM::Parameter::Value<String>` parameter whose name
 *   another stack writes with an `AWS::SSM::Parameter`).
 * - physical-name: no two resources of the assembly claim the same physical name in the
 *   same scope (account for global names such as IAM roles, S3 buckets, dashboards and
 *   directory DNS names; Region for the rest).
 * - once-per-account: a resource an account (or Region) can hold only once (a GitHub OIDC
 *   provider per URL, a GuardDuty detector, ...) appears at most once and only where the
 *   template says why it is created (metadata `tsunagi:oncePerAccount`, set when a profile
 *   option asks for it).
 * - import-order: every Fn::ImportValue names an export of a stack in the same account and
 *   Region that is deployed before the importing stack (a dependency in the manifest), and
 *   every SSM parameter a template reads under `/tsunagi/` is written by such a stack, which
 *   (or another earlier one) lets the CDK bootstrap deploy role read it: CreateChangeSet
 *   evaluates SSM parameters with the caller's credentials.
 * - hard-import: no Fn::ImportValue at all. While a stack imports an export, CloudFormation
 *   refuses every update of the exporting stack that changes or removes the value, so a
 *   replacement of the exported resource (VPC, subnet, Transit Gateway, key) blocks.
 *
 * It reads only the artifact, never the profile: what is verified is what will be deployed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation template JSON is untyped data
type Json = any;

export type FirstDeployCheck =
  | 'kms-key-policy'
  | 'physical-name'
  | 'once-per-account'
  | 'import-order'
  | 'hard-import';

/** Prefix of the SSM parameters Tsunagi's stacks write for each other. */
export const SHARED_PARAMETER_PREFIX = '/tsunagi/';

export interface FirstDeployFinding {
  readonly check: FirstDeployCheck;
  readonly stack: string;
  readonly resource: string;
  readonly message: string;
}

/** One synthesized stack: name, where it deploys, its template and what it depends on. */
export interface AssemblyStack {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly template: Json;
  /** Stacks deployed before this one (direct dependencies, by name). */
  readonly dependencies: readonly string[];
}

/** Metadata that marks a deliberately created once-per-account resource. */
export const ONCE_PER_ACCOUNT_METADATA = 'tsunagi:oncePerAccount';

/** Types an account holds only once (per key below); `scope` says where the limit applies. */
const ONCE_PER_ACCOUNT: Readonly<Record<string, { scope: 'account' | 'region'; key: (p: Json) => string }>> =
  {
    'AWS::IAM::OIDCProvider': { scope: 'account', key: (p) => String(p?.Url ?? '') },
    'AWS::GuardDuty::Detector': { scope: 'region', key: () => 'detector' },
    'AWS::SecurityHub::Hub': { scope: 'region', key: () => 'hub' },
    'AWS::Config::ConfigurationRecorder': { scope: 'region', key: () => 'recorder' },
    'AWS::Config::DeliveryChannel': { scope: 'region', key: () => 'channel' },
    'AWS::ApiGateway::Account': { scope: 'region', key: () => 'account' },
    'AWS::Macie::Session': { scope: 'region', key: () => 'session' },
    'AWS::AccessAnalyzer::Analyzer': { scope: 'region', key: (p) => String(p?.Type ?? 'ACCOUNT') },
  };

/**
 * Name properties and their scope. Global: unique in the account (IAM, S3 across all
 * accounts, CloudWatch dashboards, directory DNS names, whose forest trust and DNS
 * forwarding would collide). Regional: unique per account and Region.
 */
const NAMES: Readonly<Record<string, { property: string; scope: 'account' | 'region' }>> = {
  'AWS::IAM::Role': { property: 'RoleName', scope: 'account' },
  'AWS::IAM::ManagedPolicy': { property: 'ManagedPolicyName', scope: 'account' },
  'AWS::IAM::SAMLProvider': { property: 'Name', scope: 'account' },
  'AWS::S3::Bucket': { property: 'BucketName', scope: 'account' },
  'AWS::CloudWatch::Dashboard': { property: 'DashboardName', scope: 'account' },
  'AWS::DirectoryService::MicrosoftAD': { property: 'Name', scope: 'account' },
  'AWS::Lambda::Function': { property: 'FunctionName', scope: 'region' },
  'AWS::Logs::LogGroup': { property: 'LogGroupName', scope: 'region' },
  'AWS::DynamoDB::Table': { property: 'TableName', scope: 'region' },
  'AWS::DynamoDB::GlobalTable': { property: 'TableName', scope: 'region' },
  'AWS::KMS::Alias': { property: 'AliasName', scope: 'region' },
  'AWS::SNS::Topic': { property: 'TopicName', scope: 'region' },
  'AWS::SQS::Queue': { property: 'QueueName', scope: 'region' },
  'AWS::SecretsManager::Secret': { property: 'Name', scope: 'region' },
  'AWS::CloudTrail::Trail': { property: 'TrailName', scope: 'region' },
  'AWS::CloudWatch::Alarm': { property: 'AlarmName', scope: 'region' },
  'AWS::Route53Resolver::ResolverEndpoint': { property: 'Name', scope: 'region' },
  'AWS::Route53Resolver::ResolverRule': { property: 'Name', scope: 'region' },
  'AWS::SSM::Parameter': { property: 'Name', scope: 'region' },
};

/** Reads a cloud assembly directory (cdk.out): every stack with its template and dependencies. */
export function readAssembly(cdkOut: string): AssemblyStack[] {
  const manifest = JSON.parse(readFileSync(join(cdkOut, 'manifest.json'), 'utf8'));
  const artifacts: Record<string, Json> = manifest.artifacts ?? {};
  const stackIds = new Set(
    Object.entries(artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id]) => id),
  );
  return [...stackIds].map((id) => {
    const artifact = artifacts[id];
    const [, account, region] = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '') ?? [];
    return {
      name: artifact.properties?.stackName ?? id,
      account: account ?? 'unknown-account',
      region: region ?? 'unknown-region',
      template: JSON.parse(readFileSync(join(cdkOut, artifact.properties.templateFile), 'utf8')),
      dependencies: (artifact.dependencies ?? [])
        .filter((d: string) => stackIds.has(d))
        .map((d: string) => artifacts[d].properties?.stackName ?? d),
    };
  });
}

function resources(stack: AssemblyStack): [string, Json][] {
  return Object.entries(stack.template?.Resources ?? {});
}

/** The logical ID a value refers to in its own template (Ref or Fn::GetAtt), if any. */
function localTarget(value: Json): string | undefined {
  if (value && typeof value === 'object') {
    if (typeof value.Ref === 'string') return value.Ref;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  return undefined;
}

interface KeyRef {
  readonly stack: AssemblyStack;
  readonly logicalId: string;
}

/** Exports of the assembly by name: the stack and the output's value. */
function exportsOf(stacks: readonly AssemblyStack[]): Map<string, { stack: AssemblyStack; value: Json }> {
  const out = new Map<string, { stack: AssemblyStack; value: Json }>();
  for (const stack of stacks) {
    for (const output of Object.values<Json>(stack.template?.Outputs ?? {})) {
      const name = output?.Export?.Name;
      if (typeof name === 'string') out.set(name, { stack, value: output.Value });
    }
  }
  return out;
}

/** SSM parameters written by the assembly, by account, Region and name: the stack and value. */
function writtenParameters(
  stacks: readonly AssemblyStack[],
): Map<string, { stack: AssemblyStack; value: Json }> {
  const out = new Map<string, { stack: AssemblyStack; value: Json }>();
  for (const stack of stacks) {
    for (const [, r] of resources(stack)) {
      const name = r.Properties?.Name;
      if (r.Type === 'AWS::SSM::Parameter' && typeof name === 'string')
        out.set(`${stack.account}/${stack.region}/${name}`, { stack, value: r.Properties.Value });
    }
  }
  return out;
}

/** The SSM parameter names a template reads through parameters typed `AWS::SSM::Parameter::Value<...>`. */
function ssmParametersRead(stack: AssemblyStack): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, p] of Object.entries<Json>(stack.template?.Parameters ?? {})) {
    if (String(p?.Type ?? '').startsWith('AWS::SSM::Parameter::Value<') && typeof p.Default === 'string')
      out.set(id, p.Default);
  }
  return out;
}

/**
 * Follows a key reference: local Ref/GetAtt, an import of another stack's export, or a
 * template parameter that reads an SSM parameter another stack writes.
 */
function resolveKey(
  value: Json,
  stack: AssemblyStack,
  exported: Map<string, { stack: AssemblyStack; value: Json }>,
  written: Map<string, { stack: AssemblyStack; value: Json }> = new Map(),
): KeyRef | undefined {
  const local = localTarget(value);
  const parameterName = local === undefined ? undefined : ssmParametersRead(stack).get(local);
  if (parameterName !== undefined) {
    const source = written.get(`${stack.account}/${stack.region}/${parameterName}`);
    const target = source && localTarget(source.value);
    return source && target ? { stack: source.stack, logicalId: target } : undefined;
  }
  if (local) return { stack, logicalId: local };
  const importName = value?.['Fn::ImportValue'];
  if (typeof importName === 'string') {
    const source = exported.get(importName);
    const target = source && localTarget(source.value);
    if (source && target) return { stack: source.stack, logicalId: target };
  }
  return undefined;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** True when the key policy allows `principal` every one of `actions` (wildcards honoured). */
function keyPolicyAllows(key: Json, principal: string, actions: readonly string[]): boolean {
  const statements = asArray<Json>(key?.Properties?.KeyPolicy?.Statement);
  const granted = statements
    .filter((s) => s.Effect === 'Allow')
    .filter((s) => asArray<string>(s.Principal?.Service).includes(principal))
    .flatMap((s) => asArray<string>(s.Action));
  const matches = (want: string) =>
    granted.some((g) => g === want || g === 'kms:*' || (g.endsWith('*') && want.startsWith(g.slice(0, -1))));
  return actions.every(matches);
}

interface KeyUse {
  readonly key: KeyRef;
  readonly principal: string;
  readonly actions: readonly string[];
  readonly user: { stack: string; resource: string; why: string };
}

function keyUses(stacks: readonly AssemblyStack[]): KeyUse[] {
  const exported = exportsOf(stacks);
  const written = writtenParameters(stacks);
  const uses: KeyUse[] = [];
  for (const stack of stacks) {
    const all = resources(stack);
    const add = (value: Json, principal: string, actions: string[], resource: string, why: string) => {
      const key = resolveKey(value, stack, exported, written);
      if (key) uses.push({ key, principal, actions, user: { stack: stack.name, resource, why } });
    };
    for (const [id, r] of all) {
      const p = r.Properties ?? {};
      switch (r.Type) {
        case 'AWS::Logs::LogGroup':
          if (p.KmsKeyId)
            add(
              p.KmsKeyId,
              `logs.${stack.region}.amazonaws.com`,
              ['kms:Encrypt', 'kms:GenerateDataKey'],
              id,
              'encrypted log group',
            );
          break;
        case 'AWS::CloudTrail::Trail':
          if (p.KMSKeyId)
            add(
              p.KMSKeyId,
              'cloudtrail.amazonaws.com',
              ['kms:GenerateDataKey', 'kms:DescribeKey'],
              id,
              'trail log files',
            );
          break;
        case 'AWS::SNS::Topic': {
          if (!p.KmsMasterKeyId) break;
          const published = all.some(
            ([, a]) =>
              a.Type === 'AWS::CloudWatch::Alarm' &&
              asArray<Json>(a.Properties?.AlarmActions).some((action) => localTarget(action) === id),
          );
          if (published)
            add(
              p.KmsMasterKeyId,
              'cloudwatch.amazonaws.com',
              ['kms:GenerateDataKey', 'kms:Decrypt'],
              id,
              'alarms publish to the encrypted topic',
            );
          break;
        }
        default:
          break;
      }
    }
  }
  return uses;
}

function checkKeyPolicies(stacks: readonly AssemblyStack[]): FirstDeployFinding[] {
  const findings: FirstDeployFinding[] = [];
  for (const use of keyUses(stacks)) {
    const key = use.key.stack.template?.Resources?.[use.key.logicalId];
    if (key?.Type !== 'AWS::KMS::Key') continue; // an AWS-managed or imported key: not ours to check
    if (!keyPolicyAllows(key, use.principal, use.actions)) {
      findings.push({
        check: 'kms-key-policy',
        stack: use.key.stack.name,
        resource: use.key.logicalId,
        message: `the key policy does not allow ${use.principal} ${use.actions.join(' and ')}, which ${use.user.stack}/${use.user.resource} needs (${use.user.why}); the first deploy would fail`,
      });
    }
  }
  return findings;
}

function checkPhysicalNames(stacks: readonly AssemblyStack[]): FirstDeployFinding[] {
  const seen = new Map<string, { stack: string; resource: string }>();
  const findings: FirstDeployFinding[] = [];
  for (const stack of stacks) {
    for (const [id, r] of resources(stack)) {
      const rule = NAMES[r.Type];
      if (!rule) continue;
      const name = r.Properties?.[rule.property];
      if (typeof name !== 'string') continue; // generated or a token: cannot collide by construction
      const regions =
        r.Type === 'AWS::DynamoDB::GlobalTable'
          ? [stack.region, ...asArray<Json>(r.Properties?.Replicas).map((x) => x.Region)]
          : [stack.region];
      for (const region of new Set(regions)) {
        const scope = rule.scope === 'account' ? stack.account : `${stack.account}/${region}`;
        const key = `${r.Type}|${scope}|${rule.scope === 'account' || r.Type.startsWith('AWS::DirectoryService') ? name.toLowerCase() : name}`;
        const previous = seen.get(key);
        if (previous) {
          findings.push({
            check: 'physical-name',
            stack: stack.name,
            resource: id,
            message: `${r.Type} ${rule.property} "${name}" is also claimed by ${previous.stack}/${previous.resource} in ${scope}; the second create fails ("already exists")`,
          });
        } else {
          seen.set(key, { stack: stack.name, resource: id });
        }
      }
    }
  }
  return findings;
}

function checkOncePerAccount(stacks: readonly AssemblyStack[]): FirstDeployFinding[] {
  const seen = new Map<string, string>();
  const findings: FirstDeployFinding[] = [];
  for (const stack of stacks) {
    for (const [id, r] of resources(stack)) {
      const rule = ONCE_PER_ACCOUNT[r.Type];
      if (!rule) continue;
      if (typeof r.Metadata?.[ONCE_PER_ACCOUNT_METADATA] !== 'string') {
        findings.push({
          check: 'once-per-account',
          stack: stack.name,
          resource: id,
          message: `${r.Type} can exist only once per ${rule.scope} and is created unconditionally: an account that already has one fails the deploy; create it only on a profile option and say so in metadata ${ONCE_PER_ACCOUNT_METADATA}`,
        });
      }
      const scope = rule.scope === 'account' ? stack.account : `${stack.account}/${stack.region}`;
      const key = `${r.Type}|${scope}|${rule.key(r.Properties)}`;
      const previous = seen.get(key);
      if (previous) {
        findings.push({
          check: 'once-per-account',
          stack: stack.name,
          resource: id,
          message: `${r.Type} is created twice in ${scope} (also ${previous})`,
        });
      } else {
        seen.set(key, `${stack.name}/${id}`);
      }
    }
  }
  return findings;
}

function importsOf(value: Json, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) importsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'Fn::ImportValue' && typeof v === 'string') out.push(v);
      else importsOf(v, out);
    }
  }
  return out;
}

function checkImports(stacks: readonly AssemblyStack[]): FirstDeployFinding[] {
  const exported = exportsOf(stacks);
  const written = writtenParameters(stacks);
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const before = (stack: AssemblyStack, seen = new Set<string>()): Set<string> => {
    for (const d of stack.dependencies) {
      if (seen.has(d)) continue;
      seen.add(d);
      const dep = byName.get(d);
      if (dep) before(dep, seen);
    }
    return seen;
  };
  const findings: FirstDeployFinding[] = [];
  for (const stack of stacks) {
    const earlier = before(stack);
    if (earlier.has(stack.name)) {
      findings.push({
        check: 'import-order',
        stack: stack.name,
        resource: '',
        message: 'the stack depends on itself (a dependency cycle): no deploy order exists',
      });
    }
    for (const name of new Set(importsOf(stack.template))) {
      const source = exported.get(name);
      if (!source) {
        findings.push({
          check: 'import-order',
          stack: stack.name,
          resource: name,
          message: `imports ${name}, which no stack of the assembly exports`,
        });
      } else if (source.stack.account !== stack.account || source.stack.region !== stack.region) {
        findings.push({
          check: 'import-order',
          stack: stack.name,
          resource: name,
          message: `imports ${name} from ${source.stack.name} in another account or Region (exports are regional)`,
        });
      } else if (!earlier.has(source.stack.name)) {
        findings.push({
          check: 'import-order',
          stack: stack.name,
          resource: name,
          message: `imports ${name} from ${source.stack.name}, which is not deployed before it (no dependency)`,
        });
      }
    }
    for (const name of new Set(ssmParametersRead(stack).values())) {
      if (!name.startsWith(SHARED_PARAMETER_PREFIX)) continue; // written outside the assembly (CDK bootstrap)
      const source = written.get(`${stack.account}/${stack.region}/${name}`);
      const elsewhere = [...written.entries()].find(([key]) => key.endsWith(`/${name}`))?.[1];
      if (!source) {
        findings.push({
          check: 'import-order',
          stack: stack.name,
          resource: name,
          message: elsewhere
            ? `reads SSM parameter ${name}, which ${elsewhere.stack.name} writes in another account or Region (parameters are regional)`
            : `reads SSM parameter ${name}, which no stack of the assembly writes: the deploy fails ("parameter not found")`,
        });
      } else if (!earlier.has(source.stack.name)) {
        findings.push({
          check: 'import-order',
          stack: stack.name,
          resource: name,
          message: `reads SSM parameter ${name}, which ${source.stack.name} writes but is not deployed before it (no dependency): the first deploy fails ("parameter not found")`,
        });
      } else if (![...earlier].some((s) => byName.get(s) && deployRoleMayRead(byName.get(s)!, stack, name))) {
        findings.push({
          check: 'import-order',
          stack: stack.name,
          resource: name,
          message: `reads SSM parameter ${name}, which no earlier stack lets the CDK deploy role read: CreateChangeSet evaluates SSM parameters with the caller's credentials, and the bootstrap template lets the deploy role read only its version parameter, so the deploy fails with AccessDenied on ssm:GetParameters`,
        });
      }
    }
  }
  return findings;
}

/**
 * True when `granting` attaches a policy to the CDK bootstrap deploy role of the reader's
 * account and Region that allows ssm:GetParameters on the parameter `name`.
 */
function deployRoleMayRead(granting: AssemblyStack, reader: AssemblyStack, name: string): boolean {
  if (granting.account !== reader.account || granting.region !== reader.region) return false;
  const role = new RegExp(`^cdk-[a-z0-9]+-deploy-role-${reader.account}-${reader.region}$`);
  const arn = `arn:aws:ssm:${reader.region}:${reader.account}:parameter${name}`;
  const matches = (pattern: string, text: string) =>
    new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(text);
  return resources(granting).some(([, r]) => {
    if (r.Type !== 'AWS::IAM::Policy') return false;
    if (!asArray<Json>(r.Properties?.Roles).some((x) => typeof x === 'string' && role.test(x))) return false;
    return asArray<Json>(r.Properties?.PolicyDocument?.Statement).some(
      (st) =>
        st.Effect === 'Allow' &&
        asArray<string>(st.Action).some((action) => matches(action, 'ssm:GetParameters')) &&
        asArray<Json>(st.Resource).some((res) => typeof res === 'string' && matches(res, arn)),
    );
  });
}

/**
 * Every Fn::ImportValue is a hard coupling: while it exists, the exporting stack cannot
 * change or remove the value, so replacing the exported resource blocks that stack's update.
 */
function checkHardImports(stacks: readonly AssemblyStack[]): FirstDeployFinding[] {
  return stacks.flatMap((stack) =>
    [...new Set(importsOf(stack.template))].map((name) => ({
      check: 'hard-import' as const,
      stack: stack.name,
      resource: name,
      message: `imports ${name}: while it does, CloudFormation refuses any update of the exporting stack that changes or removes the value, so a replacement of the exported resource blocks; read an SSM parameter the producer writes (lib/aws/common/network-parameters.ts) or pass a value the plan decides`,
    })),
  );
}

/** Every first-deploy finding of the assembly's stacks (empty: nothing known would fail). */
export function verifyFirstDeploy(stacks: readonly AssemblyStack[]): FirstDeployFinding[] {
  return [
    ...checkKeyPolicies(stacks),
    ...checkPhysicalNames(stacks),
    ...checkOncePerAccount(stacks),
    ...checkImports(stacks),
    ...checkHardImports(stacks),
  ];
}
