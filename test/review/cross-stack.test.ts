/**
 * Cross-stack references in the review: moving a reader from an export to an SSM parameter
 * that the producer writes with the same value changes no resource of the reader; an SSM
 * parameter of a different value still replaces what depends on it.
 */
import { diffAws } from '../../lib/review/aws-diff';
import { handTree } from './support';

const NAME = '/tsunagi/org/prod/apne1/network/vpc-id';
const group = (vpcId: object) => ({
  Type: 'AWS::EC2::SecurityGroup',
  Properties: { GroupDescription: 'g', VpcId: vpcId },
});
const vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } };
const otherVpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } };

const withExport = handTree({
  network: {
    Resources: { Vpc: vpc },
    Outputs: { V: { Value: { Ref: 'Vpc' }, Export: { Name: 'network:Vpc' } } },
  },
  links: { Resources: { Group: group({ 'Fn::ImportValue': 'network:Vpc' }) } },
});
const withParameter = (written: string) =>
  handTree({
    network: {
      Resources: {
        Vpc: vpc,
        Other: otherVpc,
        VpcId: {
          Type: 'AWS::SSM::Parameter',
          Properties: { Name: NAME, Type: 'String', Value: { Ref: written } },
        },
      },
      Outputs: { V: { Value: { Ref: 'Vpc' }, Export: { Name: 'network:Vpc' } } },
    },
    links: {
      Parameters: { P: { Type: 'AWS::SSM::Parameter::Value<String>', Default: NAME } },
      Resources: { Group: group({ Ref: 'P' }) },
    },
  });

test('an export replaced by an SSM parameter of the same value changes no resource of the reader', () => {
  const diff = diffAws(withExport, withParameter('Vpc'));
  expect(diff.changes.map((c) => `${c.action} ${c.stack}/${c.resource}`)).toEqual([
    'add network/Other',
    'add network/VpcId',
  ]);
  expect(diff.findings.filter((f) => f.severity === 'block')).toEqual([]);
});

test('an SSM parameter of another value replaces the reader resource that depends on it', () => {
  const diff = diffAws(withExport, withParameter('Other'));
  expect(diff.changes.filter((c) => c.stack === 'links')).toEqual([
    expect.objectContaining({ resource: 'Group', action: 'replacement' }),
  ]);
});
