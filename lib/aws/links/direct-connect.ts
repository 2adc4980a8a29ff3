/**
 * Direct Connect to one Region's Transit Gateway: a Direct Connect gateway, its association
 * with the Transit Gateway (allowed prefixes: what AWS advertises on premises), and a transit
 * virtual interface on each existing connection the profile names (the connections are
 * ordered from the provider out of band; their IDs come from the profile). All are native
 * CloudFormation types (AWS::DirectConnect::*, LIMITS.md), so no custom resource is needed
 * except the attachment-ID lookup.
 */
import * as dx from 'aws-cdk-lib/aws-directconnect';
import { Construct } from 'constructs';

export interface DirectConnectProps {
  readonly name: string;
  readonly gatewayAsn: number;
  readonly transitGatewayId: string;
  readonly allowedPrefixes: readonly string[];
  readonly interfaces: readonly {
    readonly name: string;
    readonly connectionId: string;
    readonly vlan: number;
    readonly customerAsn: number;
  }[];
}

export class DirectConnectLink extends Construct {
  readonly gateway: dx.CfnDirectConnectGateway;
  readonly association: dx.CfnDirectConnectGatewayAssociation;
  readonly interfaces: dx.CfnTransitVirtualInterface[] = [];

  constructor(scope: Construct, id: string, props: DirectConnectProps) {
    super(scope, id);
    this.gateway = new dx.CfnDirectConnectGateway(this, 'Gateway', {
      directConnectGatewayName: props.name,
      amazonSideAsn: String(props.gatewayAsn),
    });
    this.association = new dx.CfnDirectConnectGatewayAssociation(this, 'TransitGatewayAssociation', {
      directConnectGatewayId: this.gateway.attrDirectConnectGatewayId,
      associatedGatewayId: props.transitGatewayId,
      allowedPrefixesToDirectConnectGateway: [...props.allowedPrefixes],
    });
    for (const vif of props.interfaces) {
      this.interfaces.push(
        new dx.CfnTransitVirtualInterface(this, vif.name, {
          virtualInterfaceName: vif.name,
          connectionId: vif.connectionId,
          vlan: vif.vlan,
          directConnectGatewayId: this.gateway.attrDirectConnectGatewayId,
          bgpPeers: [{ asn: String(vif.customerAsn), addressFamily: 'ipv4' }],
        }),
      );
    }
  }
}
