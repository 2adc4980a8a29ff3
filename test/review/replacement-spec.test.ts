/**
 * The review's derived CloudFormation replacement table (dist/cfn-replacement-spec.json, built
 * by scripts/derive-replacement-spec.mjs) against the full specification it comes from: every
 * resource type and property the diff can ask about, with the same replacement and scrutiny
 * answers, so a review through the table classifies every change as the full specification
 * would. Loads the full specification once (about 1.4 s).
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
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

test('derived from the installed specification version', () => {
  const { version } = require('@aws-cdk/aws-service-spec/package.json') as { version: string };
  expect(table.source).toEqual({ package: '@aws-cdk/aws-service-spec', version });
});

test('every resource type and property, with the same causesReplacement and scrutinizable', () => {
  // The full specification's answers, projected onto the table's shape; one comparison, so
  // a missing type, a missing property or one different answer fails with its path.
  const expected: Record<string, unknown> = {};
  for (const resource of loadAwsServiceSpecSync().all('resource')) {
    const properties: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(resource.properties ?? {})) {
      properties[name] = {
        ...(property.causesReplacement ? { causesReplacement: property.causesReplacement } : {}),
        ...(property.scrutinizable ? { scrutinizable: property.scrutinizable } : {}),
      };
    }
    expected[resource.cloudFormationType] = {
      properties,
      ...(resource.scrutinizable ? { scrutinizable: resource.scrutinizable } : {}),
      ...(resource.tagInformation?.tagPropertyName
        ? { tagPropertyName: resource.tagInformation.tagPropertyName }
        : {}),
    };
  }
  expect(Object.keys(expected).length).toBeGreaterThan(1000);
  expect(table.resources).toEqual(expected);
  // Spot checks that the projection keeps what the review depends on.
  expect(table.resources['AWS::EC2::ClientVpnEndpoint']!.properties.ClientCidrBlock).toEqual({
    causesReplacement: 'yes',
  });
  expect(table.resources['AWS::EC2::TransitGatewayRouteTable']!.properties.Tags).toEqual({
    causesReplacement: 'yes',
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
