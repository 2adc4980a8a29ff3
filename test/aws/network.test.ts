/**
 * The network foundation stack of each access Region: the VPC holds exactly the planned
 * subnets in the profile's zones, nothing reaches the internet, and the Transit Gateway is
 * segmented by default.
 */
import { App } from 'aws-cdk-lib/core';
import { NetworkParameterNames, sharedParameterRoot } from '../../lib/aws/common/network-parameters';
import { readToolContext } from '../../lib/cli/selection';
import { stackName } from '../../lib/naming/stack-names';
import type { DeploymentModel } from '../../lib/profile/load';
import { NetworkStack } from '../../stacks/aws/network-stack';
import { type CachedSynth, cachedSynth, type Json, model, resourcesOf } from './support/synth';

describe.each(['hyogo', 'iwate'] as const)('network stacks of %s', (name) => {
  let m: DeploymentModel;
  let s: CachedSynth;
  beforeAll(() => {
    // The real CLI's templates from jest's global setup: no synthesis here.
    m = model(name);
    s = cachedSynth(name);
  });
  const stackOf = (region: string) =>
    s.json.get(
      stackName(m.profile.organisation.id, m.profile.environments[0]!.name, 'network', region),
    ) as Json;

  it('has one network stack per AWS Region of the plan, termination-protected', () => {
    for (const region of m.plan.awsRegions) {
      const stack = s.stacks.get(
        stackName(m.profile.organisation.id, m.profile.environments[0]!.name, 'network', region.region),
      )!;
      expect(stack.terminationProtection).toBe(true);
      expect(stack.region).toBe(region.region);
    }
  });

  it('creates exactly the planned subnets, in the planned zones', () => {
    for (const region of m.plan.awsRegions) {
      const json = stackOf(region.region);
      const [[, vpc]] = resourcesOf(json, 'AWS::EC2::VPC') as [[string, Json]];
      expect(vpc.Properties.CidrBlock).toBe(region.vpcCidr);
      const subnets = resourcesOf(json, 'AWS::EC2::Subnet')
        .map(([, r]) => [r.Properties.AvailabilityZone, r.Properties.CidrBlock])
        .filter(([, cidr]) => region.subnets.some((p) => p.cidr === cidr));
      expect(new Set(subnets.map(([zone, cidr]) => `${zone} ${cidr}`))).toEqual(
        new Set(region.subnets.map((p) => `${p.zone} ${p.cidr}`)),
      );
      for (const [, r] of resourcesOf(json, 'AWS::EC2::Subnet')) {
        expect(r.Properties.MapPublicIpOnLaunch).not.toBe(true);
      }
    }
  });

  it('gives the VPC no path to the internet', () => {
    for (const region of m.plan.awsRegions) {
      const json = stackOf(region.region);
      expect(resourcesOf(json, 'AWS::EC2::InternetGateway')).toHaveLength(0);
      expect(resourcesOf(json, 'AWS::EC2::NatGateway')).toHaveLength(0);
      for (const [, route] of resourcesOf(json, 'AWS::EC2::Route')) {
        expect(route.Properties.DestinationCidrBlock).not.toBe('0.0.0.0/0');
      }
    }
  });

  it('segments the Transit Gateway explicitly and attaches the VPC through the transit subnets', () => {
    for (const region of m.plan.awsRegions) {
      const json = stackOf(region.region);
      const [[tgwId, tgw]] = resourcesOf(json, 'AWS::EC2::TransitGateway') as [[string, Json]];
      expect(tgw.Properties).toMatchObject({
        AmazonSideAsn: region.transitGatewayAsn,
        DefaultRouteTableAssociation: 'disable',
        DefaultRouteTablePropagation: 'disable',
        AutoAcceptSharedAttachments: 'disable',
      });
      const [[, attachment]] = resourcesOf(json, 'AWS::EC2::TransitGatewayVpcAttachment') as [[string, Json]];
      expect(attachment.Properties.TransitGatewayId).toEqual({ 'Fn::GetAtt': [tgwId, 'Id'] });
      const transitIds = resourcesOf(json, 'AWS::EC2::Subnet')
        .filter(([, r]) =>
          region.subnets.some((p) => p.role === 'transit' && p.cidr === r.Properties.CidrBlock),
        )
        .map(([id]) => ({ Ref: id }));
      expect(attachment.Properties.SubnetIds).toEqual(expect.arrayContaining(transitIds));
      expect(attachment.Properties.SubnetIds).toHaveLength(region.zones.length);
    }
  });

  it('logs all VPC traffic to a KMS-encrypted log group with the profile retention', () => {
    for (const region of m.plan.awsRegions) {
      const json = stackOf(region.region);
      const [[, flowLog]] = resourcesOf(json, 'AWS::EC2::FlowLog') as [[string, Json]];
      expect(flowLog.Properties.TrafficType).toBe('ALL');
      const groups = resourcesOf(json, 'AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThan(0);
      for (const [, group] of groups) {
        expect(group.Properties.KmsKeyId).toBeDefined();
        expect(group.Properties.RetentionInDays).toBe(m.profile.audit.logRetentionDays);
      }
    }
  });

  it('matches the snapshot (change detector)', () => {
    for (const region of m.plan.awsRegions) expect(stackOf(region.region)).toMatchSnapshot(region.region);
  });
});

describe('migration from the exports of earlier versions', () => {
  // The export names earlier versions created (automatic cross-stack references) for the
  // values the Region's other stacks imported, as deployed environments still hold them.
  const EARLIER_EXPORTS = [
    'ExportsOutputFnGetAttFoundationTransitGateway227E86E2IdCC990C66',
    'ExportsOutputFnGetAttFoundationVpcAttachmentD91A1F26Id9A51EFAE',
    'ExportsOutputFnGetAttLogEncryptionKeyA864C340Arn96793A67',
    'ExportsOutputRefFoundationVpcA7F0051F3572C23E',
    'ExportsOutputRefFoundationVpcservicesSubnet1Subnet6037AFA5A29EB5F8',
    'ExportsOutputRefFoundationVpcservicesSubnet2Subnet0B3C50A65AA99263',
    'ExportsOutputRefFoundationVpcservicesSubnet3Subnet95DF054AD270FD89',
    'ExportsOutputRefFoundationVpcclientvpnSubnet1SubnetCB420337141ABA62',
    'ExportsOutputRefFoundationVpcclientvpnSubnet2Subnet092C4FB4805A455E',
  ];
  const exportsWith = (keepExports: boolean): string[] => {
    const m = model('hyogo');
    const region = m.plan.awsRegions.find((r) => r.region === 'ap-northeast-3')!;
    const name = stackName('hyogo', 'prod', 'network', region.region);
    const app = new App({ context: { ...readToolContext('cdk.json') } });
    new NetworkStack(app, name, {
      stackName: name,
      env: { account: '123456789012', region: region.region },
      plan: region,
      namePrefix: 'hyogo-prod-apne3',
      parameters: new NetworkParameterNames(sharedParameterRoot('hyogo', 'prod', region.region)),
      keepExports,
    });
    const template = app.synth().getStackByName(name).template;
    return Object.values<Json>(template.Outputs ?? {})
      .map((o) => o.Export?.Name)
      .filter(Boolean);
  };

  it('keeps every earlier export name, by value, only with tsunagi:keepNetworkExports', () => {
    const kept = exportsWith(true);
    for (const earlier of EARLIER_EXPORTS) expect(kept).toContain(`hyogo-prod-network-apne3:${earlier}`);
    expect(exportsWith(false)).toEqual([]);
  });
});
