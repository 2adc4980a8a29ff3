/**
 * The review's derived CloudFormation replacement table (dist/cfn-replacement-spec.json, built
 * by scripts/derive-replacement-spec.mjs from @aws-cdk/aws-service-spec): derived by the current
 * derivation from the installed specification, complete, with the answers the review depends
 * on, and read by the diff. The table is the derivation's projection of the specification, so
 * comparing it with the full specification here repeated the derivation itself (1.2 s of CPU to
 * load the specification again in every `npm test`); the build derives it again whenever the
 * specification's version or the derivation changes, which the first test holds it to.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadReplacementSpec,
  type ReplacementSpec,
  useReplacementSpec,
} from '../../lib/review/replacement-spec';

let table: ReplacementSpec;
beforeAll(() => {
  const loaded = loadReplacementSpec();
  if (!loaded) throw new Error('dist/cfn-replacement-spec.json missing or stale: the global setup builds it');
  table = loaded;
});

test('derived by the current derivation from the installed specification version', () => {
  const { version } = require('@aws-cdk/aws-service-spec/package.json') as { version: string };
  const derivation = readFileSync(join(__dirname, '..', '..', 'scripts', 'derive-replacement-spec.mjs'));
  expect(table.source).toEqual({
    package: '@aws-cdk/aws-service-spec',
    version,
    deriver: createHash('sha256').update(derivation).digest('hex').slice(0, 16),
  });
});

test('every resource type, with the replacement, scrutiny and tag answers the review depends on', () => {
  expect(Object.keys(table.resources).length).toBeGreaterThan(1000);
  expect(table.resources['AWS::EC2::ClientVpnEndpoint']!.properties.ClientCidrBlock).toEqual({
    causesReplacement: 'yes',
  });
  expect(table.resources['AWS::EC2::ClientVpnEndpoint']!.properties.Description).toEqual({});
  expect(table.resources['AWS::EC2::TransitGatewayRouteTable']!.properties.Tags).toEqual({
    causesReplacement: 'yes',
  });
  expect(table.resources['AWS::EC2::VPC']!.tagPropertyName).toBe('Tags');
  // What the review's security checks read: policies and ingress rules.
  expect(table.resources['AWS::IAM::Policy']!.scrutinizable).toBe('IdentityPolicyResource');
  expect(table.resources['AWS::EC2::SecurityGroupIngress']!.scrutinizable).toBe('IngressRuleResource');
  expect(table.resources['AWS::IAM::Role']!.properties.AssumeRolePolicyDocument).toEqual({
    scrutinizable: 'InlineResourcePolicy',
  });
  expect(table.resources['AWS::EC2::SecurityGroup']!.properties.SecurityGroupIngress).toEqual({
    scrutinizable: 'IngressRules',
  });
});

test('the diff reads it: a new client CIDR replaces the endpoint, a new description updates in place', () => {
  expect(useReplacementSpec(table)).toBe(true);
  const { diffTemplate, ResourceImpact } =
    require('@aws-cdk/cloudformation-diff') as typeof import('@aws-cdk/cloudformation-diff');
  const endpoint = (cidr: string, description: string) => ({
    Resources: {
      Endpoint: {
        Type: 'AWS::EC2::ClientVpnEndpoint',
        Properties: { ClientCidrBlock: cidr, Description: description, ServerCertificateArn: 'arn' },
      },
    },
  });
  const impact = (before: object, after: object) =>
    diffTemplate(before, after).resources.get('Endpoint')!.changeImpact;
  expect(impact(endpoint('10.96.0.0/12', 'a'), endpoint('10.112.0.0/12', 'a'))).toBe(
    ResourceImpact.WILL_REPLACE,
  );
  expect(impact(endpoint('10.96.0.0/12', 'a'), endpoint('10.96.0.0/12', 'b'))).toBe(
    ResourceImpact.WILL_UPDATE,
  );
});
