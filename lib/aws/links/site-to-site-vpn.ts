/**
 * Site-to-Site VPN from a Transit Gateway to one on-premises VPN device: a customer gateway
 * (the device's public IP and the data centre's ASN) and a VPN connection with dynamic (BGP)
 * routing and both tunnels specified alike (IKEv2, AES-GCM, DH group 20), tunnel logs to an
 * encrypted log group. Each device gets its own connection: two devices, four tunnels.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface SiteToSiteVpnProps {
  readonly name: string;
  readonly transitGatewayId: string;
  readonly peerIp: string;
  readonly peerAsn: number;
  readonly logGroup: ILogGroup;
}

export class SiteToSiteVpn extends Construct {
  readonly connection: ec2.CfnVPNConnection;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnProps) {
    super(scope, id);
    const gateway = new ec2.CfnCustomerGateway(this, 'CustomerGateway', {
      type: 'ipsec.1',
      ipAddress: props.peerIp,
      // BgpAsn holds 1-2,147,483,647; larger (4-byte private) ASNs go in BgpAsnExtended.
      ...(props.peerAsn <= 2_147_483_647 ? { bgpAsn: props.peerAsn } : { bgpAsnExtended: props.peerAsn }),
      tags: [{ key: 'Name', value: props.name }],
    });
    const tunnel: ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty = {
      ikeVersions: [{ value: 'ikev2' }],
      phase1EncryptionAlgorithms: [{ value: 'AES256-GCM-16' }],
      phase2EncryptionAlgorithms: [{ value: 'AES256-GCM-16' }],
      phase1IntegrityAlgorithms: [{ value: 'SHA2-384' }],
      phase2IntegrityAlgorithms: [{ value: 'SHA2-384' }],
      phase1DhGroupNumbers: [{ value: 20 }],
      phase2DhGroupNumbers: [{ value: 20 }],
      dpdTimeoutAction: 'restart',
      startupAction: 'start',
      logOptions: {
        cloudwatchLogOptions: {
          logEnabled: true,
          logGroupArn: props.logGroup.logGroupArn,
          logOutputFormat: 'json',
          bgpLogEnabled: true,
          bgpLogGroupArn: props.logGroup.logGroupArn,
          bgpLogOutputFormat: 'json',
        },
      },
    };
    this.connection = new ec2.CfnVPNConnection(this, 'Connection', {
      type: 'ipsec.1',
      customerGatewayId: gateway.ref,
      transitGatewayId: props.transitGatewayId,
      staticRoutesOnly: false,
      vpnTunnelOptionsSpecifications: [tunnel, tunnel],
      tags: [{ key: 'Name', value: props.name }],
    });
  }
}
