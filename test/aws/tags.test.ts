/**
 * Organisation tags never land on a resource whose tags are create-only (a tag edit would
 * replace it), and the create-only list is the CloudFormation specification's.
 */
import { CREATE_ONLY_TAG_TYPES } from '../../lib/aws/common/create-only-tag-types';
import { loadReplacementSpec } from '../../lib/review/replacement-spec';
import { UNTAGGED_RESOURCE_TYPES } from '../../stacks/aws';
import { type Json, resourcesOf, synthesize, variant } from './support/synth';

describe('create-only tag types', () => {
  test('the committed table equals the installed CloudFormation specification', () => {
    // The same derivation as scripts/derive-create-only-tags.mjs (the tag property, or
    // TagSpecifications, forces replacement), read from the review's replacement table, which
    // test/review/replacement-spec.test.ts proves equal to the installed specification.
    const spec = loadReplacementSpec();
    if (!spec) throw new Error('dist/cfn-replacement-spec.json missing or stale: the global setup builds it');
    const derived = Object.entries(spec.resources)
      .filter(([, r]) =>
        [r.tagPropertyName, 'TagSpecifications'].some(
          (name) => name !== undefined && r.properties[name]?.causesReplacement === 'yes',
        ),
      )
      .map(([type]) => type)
      .sort();
    expect([...CREATE_ONLY_TAG_TYPES]).toEqual(derived);
    expect(CREATE_ONLY_TAG_TYPES).toContain('AWS::EC2::TransitGatewayRouteTable');
    expect(CREATE_ONLY_TAG_TYPES).toContain('AWS::EC2::ClientVpnEndpoint');
  });

  test('every one is excluded from the organisation tags', () => {
    for (const type of CREATE_ONLY_TAG_TYPES) expect(UNTAGGED_RESOURCE_TYPES).toContain(type);
  });
});

describe('organisation tags on the synthesized templates (hyogo with an extra tag)', () => {
  const m = variant('hyogo', (p) => {
    p.organisation.tags.dataClassification = 'internal';
  });
  const tagKeys = [
    'costCentre',
    'owner',
    'dataClassification',
    'tsunagi:organisation',
    'tsunagi:environment',
  ];
  let json: Map<string, Json>;
  beforeAll(() => {
    json = synthesize(m).json as Map<string, Json>;
  });

  function tagsOf(resource: Json): string[] {
    const tags = resource.Properties?.Tags ?? [];
    return Array.isArray(tags) ? tags.map((t: { Key: string }) => t.Key) : Object.keys(tags);
  }

  test('no create-only-tag resource carries an organisation tag (a tag edit never replaces it)', () => {
    let routeTables = 0;
    for (const template of json.values()) {
      for (const type of CREATE_ONLY_TAG_TYPES) {
        for (const [, r] of resourcesOf(template, type)) {
          if (type === 'AWS::EC2::TransitGatewayRouteTable') routeTables++;
          for (const key of tagKeys) expect(tagsOf(r)).not.toContain(key);
        }
      }
    }
    expect(routeTables).toBeGreaterThanOrEqual(4);
  });

  test('updatable resources still get every organisation tag', () => {
    const network = json.get('hyogo-prod-network-apne1');
    const [, vpc] = resourcesOf(network, 'AWS::EC2::VPC')[0]!;
    for (const key of tagKeys) expect(tagsOf(vpc)).toContain(key);
  });
});
