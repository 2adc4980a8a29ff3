/**
 * Closed-network and data-centre links of one AWS Region: Transit Gateway segmentation,
 * Site-to-Site VPN to each data centre's devices, Direct Connect, and the carrier closed
 * mobile network's landing (with translation where the profile puts it in AWS).
 * Stateful (links carry the data centres' traffic): termination-protected.
 */

import type * as logs from 'aws-cdk-lib/aws-logs';
import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { encryptedLogGroup } from '../../lib/aws/common/log-encryption-key';
import { AWS_CUSTOM_RESOURCE_SINGLETON_ID, acknowledge } from '../../lib/aws/common/nag';
import { type NetworkParameterNames, NetworkReference } from '../../lib/aws/common/network-parameters';
import { TransitGatewayAttachmentLookup } from '../../lib/aws/links/attachment-lookup';
import { CarrierTranslation } from '../../lib/aws/links/carrier-translation';
import { DirectConnectLink } from '../../lib/aws/links/direct-connect';
import { subtractCidrs } from '../../lib/aws/links/reach-filter';
import { type Segment, TransitGatewaySegmentation } from '../../lib/aws/links/segmentation';
import { SiteToSiteVpn } from '../../lib/aws/links/site-to-site-vpn';
import type { DeploymentModel } from '../../lib/profile/load';
import type { ClosedMobileNetwork } from '../../lib/profile/schema';

export interface LinksStackProps extends StackProps {
  readonly model: DeploymentModel;
  readonly region: string;
  readonly namePrefix: string;
  /** The Region's network stack's parameters (read at deploy time; no exports). */
  readonly network: NetworkParameterNames;
}

export class LinksStack extends Stack {
  readonly segmentation: TransitGatewaySegmentation;
  readonly vpns: SiteToSiteVpn[] = [];
  readonly directConnect?: DirectConnectLink;
  readonly carrierTranslations: CarrierTranslation[] = [];
  private linkLogs?: logs.ILogGroup;
  private readonly shared: NetworkReference;

  constructor(scope: Construct, id: string, props: LinksStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { model, region, namePrefix } = props;
    const { profile, plan } = model;
    const place = `aws:${region}`;
    const network = plan.awsRegions.find((r) => r.region === region);
    if (!network) throw new Error(`internal: no network plan for ${region}`);
    this.shared = new NetworkReference(this, 'Network', { names: props.network, plan: network });
    const transitGatewayId = this.shared.transitGatewayId;
    const networks = profile.addressPlan.networks;
    const protectedCidrs = networks.filter((n) => n.protected).flatMap((n) => n.cidrs);
    const cidrsOf = (names: readonly string[]) =>
      networks.filter((n) => names.includes(n.name) && !n.protected).flatMap((n) => n.cidrs);

    const carriers = profile.closedMobileNetworks.filter(
      (c) =>
        c.landing.at === place && (c.landing.type === 'vpn' || c.landing.type === 'direct-connect-hosted'),
    );
    const segments: Segment[] = [
      'remote-access',
      'data-centres',
      ...(carriers.length > 0 ? ['carrier-mobile' as const] : []),
    ];
    this.segmentation = new TransitGatewaySegmentation(this, 'Segmentation', {
      namePrefix,
      transitGatewayId,
      segments,
      protectedCidrs,
    });
    const logGroup = encryptedLogGroup(this, 'LinkLogs', {
      key: this.shared.logKey,
      retentionDays: profile.audit.logRetentionDays,
      logGroupName: `/tsunagi/${namePrefix}/links`,
    });
    this.linkLogs = logGroup;
    // A Direct Connect gateway's attachment exists once its association does: look it up after.
    const lookup = (
      lookupId: string,
      resourceId: string,
      resourceType: 'vpn' | 'direct-connect-gateway',
      after?: Construct,
    ) => {
      const found = new TransitGatewayAttachmentLookup(this, lookupId, {
        transitGatewayId,
        resourceId,
        resourceType,
        logGroup,
      });
      if (after) found.node.addDependency(after);
      return found.attachmentId;
    };

    // The access VPC (Client VPN and shared services): remote-access table; data centres learn it.
    this.segmentation.associate('AccessVpc', this.shared.vpcAttachmentId, 'remote-access');
    this.segmentation.propagate('AccessVpc', this.shared.vpcAttachmentId, ['data-centres']);

    const translatedHere = carriers.filter((c) => c.translation?.at === 'aws');
    const dcInto: Segment[] = [
      'remote-access',
      ...(carriers.length > translatedHere.length ? ['carrier-mobile' as const] : []),
    ];

    for (const dc of profile.dataCentres) {
      for (const link of dc.links.filter((l) => l.type === 'site-to-site-vpn' && l.to === place)) {
        for (const device of dc.vpnDevices) {
          const id = `${link.name}-${device.name}`;
          const vpn = new SiteToSiteVpn(this, id, {
            name: `${namePrefix}-${id}`,
            transitGatewayId,
            peerIp: device.publicIp,
            peerAsn: dc.bgpAsn,
            logGroup,
          });
          this.vpns.push(vpn);
          const attachment = lookup(`${id}-attachment`, vpn.connection.ref, 'vpn');
          this.segmentation.associate(id, attachment, 'data-centres');
          this.segmentation.propagate(id, attachment, dcInto);
        }
      }
    }

    const dxDataCentres = new Set(
      profile.dataCentres
        .filter((dc) => dc.links.some((l) => l.type === 'direct-connect' && l.to === place))
        .map((dc) => dc.name),
    );
    const dxConnections = (profile.directConnect?.connections ?? []).filter((c) =>
      dxDataCentres.has(c.dataCentre),
    );
    if (profile.directConnect && dxConnections.length > 0) {
      this.directConnect = new DirectConnectLink(this, 'DirectConnect', {
        name: `${namePrefix}-dxgw`,
        gatewayAsn: profile.directConnect.gatewayAsn,
        transitGatewayId,
        allowedPrefixes: [network.vpcCidr, ...translatedHere.map((c) => c.translation!.translatedRange)],
        interfaces: dxConnections.map((c) => ({
          name: `${namePrefix}-${c.name}`,
          connectionId: c.connectionId,
          vlan: c.vlan,
          customerAsn: c.customerAsn,
        })),
      });
      const attachment = lookup(
        'DirectConnectAttachment',
        this.directConnect.gateway.attrDirectConnectGatewayId,
        'direct-connect-gateway',
        this.directConnect.association,
      );
      this.segmentation.associate('DirectConnect', attachment, 'data-centres');
      this.segmentation.propagate('DirectConnect', attachment, dcInto);
    }

    for (const carrier of carriers) this.landCarrier(carrier, props, cidrsOf(carrier.reach), lookup);
    this.limitCarrierReach(carriers, profile);

    const provider = this.node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON_ID);
    if (provider) {
      acknowledge(
        provider,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK’s AwsCustomResource provider (attachment-ID lookups) gets only CloudWatch Logs write access from this managed policy; its EC2 read permission is a separate statement.',
      );
    }
  }

  /**
   * The carrier-mobile table learns every data-centre route (propagation keeps the links'
   * redundancy); everything the design knows outside the carriers' `reach` is blackholed in
   * it, so devices reach exactly their networks. One table serves the Region's carriers, so
   * they must share one reach.
   */
  private limitCarrierReach(
    carriers: readonly ClosedMobileNetwork[],
    profile: DeploymentModel['profile'],
  ): void {
    if (carriers.length === 0) return;
    const reachOf = (c: ClosedMobileNetwork) => [...c.reach].sort().join(',');
    const distinct = new Set(carriers.map(reachOf));
    if (distinct.size > 1) {
      throw new Error(
        `closedMobileNetworks ${carriers.map((c) => c.name).join(', ')} land in ${this.region} with different reach (${[...distinct].join(' / ')}); one Transit Gateway segment enforces one reach: give them the same reach or land them in different Regions`,
      );
    }
    const reach = profile.addressPlan.networks
      .filter((n) => carriers[0]!.reach.includes(n.name) && !n.protected)
      .flatMap((n) => n.cidrs);
    const known = [
      ...profile.dataCentres.flatMap((dc) => dc.prefixes),
      ...profile.addressPlan.networks.flatMap((n) => n.cidrs),
    ];
    for (const cidr of subtractCidrs(known, reach)) this.segmentation.blackhole('carrier-mobile', cidr);
  }

  private landCarrier(
    carrier: ClosedMobileNetwork,
    props: LinksStackProps,
    reach: readonly string[],
    lookup: (
      id: string,
      resourceId: string,
      type: 'vpn' | 'direct-connect-gateway',
      after?: Construct,
    ) => string,
  ): void {
    const { model, namePrefix } = props;
    const transitGatewayId = this.shared.transitGatewayId;
    const peer = carrier.landing.aws;
    if (!peer) {
      throw new Error(
        `closedMobileNetworks ${carrier.name}: landing.aws is required when the carrier lands at ${carrier.landing.at}; add its bgpAsn and gatewayIp (vpn) or connectionId and vlan (direct-connect-hosted)`,
      );
    }
    let attachment: string;
    if (carrier.landing.type === 'vpn') {
      if (!peer.gatewayIp) {
        throw new Error(
          `closedMobileNetworks ${carrier.name}: landing.aws.gatewayIp is required for a vpn landing`,
        );
      }
      const vpn = new SiteToSiteVpn(this, `carrier-${carrier.name}`, {
        name: `${namePrefix}-${carrier.name}`,
        transitGatewayId,
        peerIp: peer.gatewayIp,
        peerAsn: peer.bgpAsn,
        logGroup: this.linkLogs!,
      });
      this.vpns.push(vpn);
      attachment = lookup(`carrier-${carrier.name}-attachment`, vpn.connection.ref, 'vpn');
    } else {
      const gatewayAsn = model.profile.directConnect?.gatewayAsn;
      if (!peer.connectionId || peer.vlan === undefined || gatewayAsn === undefined) {
        throw new Error(
          `closedMobileNetworks ${carrier.name}: a direct-connect-hosted landing needs landing.aws.connectionId, landing.aws.vlan and directConnect.gatewayAsn`,
        );
      }
      // Its own Direct Connect gateway, so the carrier's attachment sits in its own segment.
      const link = new DirectConnectLink(this, `carrier-${carrier.name}`, {
        name: `${namePrefix}-${carrier.name}-dxgw`,
        gatewayAsn,
        transitGatewayId,
        allowedPrefixes: reach,
        interfaces: [
          {
            name: `${namePrefix}-${carrier.name}`,
            connectionId: peer.connectionId,
            vlan: peer.vlan,
            customerAsn: peer.bgpAsn,
          },
        ],
      });
      attachment = lookup(
        `carrier-${carrier.name}-attachment`,
        link.gateway.attrDirectConnectGatewayId,
        'direct-connect-gateway',
        link.association,
      );
    }
    this.segmentation.associate(`carrier-${carrier.name}`, attachment, 'carrier-mobile');
    if (carrier.translation?.at === 'aws') {
      const network = model.plan.awsRegions.find((r) => r.region === props.region)!;
      this.carrierTranslations.push(
        new CarrierTranslation(this, `carrier-${carrier.name}-translation`, {
          name: `${namePrefix}-${carrier.name}`,
          vpc: this.shared.vpc,
          zones: network.zones,
          translatedRange: carrier.translation.translatedRange,
          devicePool: carrier.devicePool,
          transitGatewayId,
          destinations: reach,
          transitSubnets: new Map(
            this.shared.subnets('transit', { withRouteTables: true }).map((s) => [s.availabilityZone, s]),
          ),
        }),
      );
      // Devices reach their networks only through the translation in the access VPC.
      for (const cidr of reach) this.segmentation.route('carrier-mobile', cidr, this.shared.vpcAttachmentId);
      // Return traffic from the NAT gateways to the devices.
      this.segmentation.route('remote-access', carrier.devicePool, attachment);
    } else {
      // Routed as is: data centres learn the device pool; devices learn the data centres.
      this.segmentation.propagate(`carrier-${carrier.name}`, attachment, ['data-centres']);
    }
  }
}
