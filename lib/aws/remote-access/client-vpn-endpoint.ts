/**
 * One planned AWS Client VPN endpoint: the endpoint itself (client CIDR, authentication,
 * split tunnel, connection logging, client-connect handler), one subnet association per
 * planned zone, the split-tunnel routes per association and the authorization rules.
 *
 * The certificate revocation list is NOT in the template: `tsunagi revoke` imports it with
 * the EC2 API (lib/operations/revoke-crl.ts). In a template every revocation would be a
 * stack update, and a large CRL would grow the template toward its size limit.
 *
 * Endpoints are the users' lifeline. `ClientCidrBlock`, `AuthenticationOptions`,
 * `TransportProtocol` and `TagSpecifications` are create-only (shared/reference/LIMITS.md,
 * "AWS Client VPN"): changing one replaces the endpoint and drops every user. So:
 * - the construct id is the planned endpoint name (`<tier>-<index>`), and children are keyed
 *   by zone and CIDR, never by position, so adding endpoint 1 leaves endpoint 0's logical
 *   IDs untouched;
 * - the endpoint has DeletionPolicy/UpdateReplacePolicy Retain;
 * - TagSpecifications are create-only too, so the organisation tags (which may change) are
 *   never applied (stacks/aws/index.ts); the endpoint carries only its constant `Name`
 *   (`<org>-<env>-<region code>-<planned name>`), by which `tsunagi revoke` finds it.
 */

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import type { ClientVpnEndpointPlan } from '../../planner/types';
import { type ClientVpnAccessPolicy, cidrId } from './access-policy';

/** The endpoint's constant Name tag: `<org>-<env>-<region code>-<planned name>`. */
export function clientVpnEndpointName(namePrefix: string, plannedName: string): string {
  return `${namePrefix}-${plannedName}`;
}

export interface ClientVpnEndpointProps {
  readonly plan: ClientVpnEndpointPlan;
  readonly namePrefix: string;
  readonly transportProtocol: 'udp' | 'tcp';
  readonly access: ClientVpnAccessPolicy;
  readonly vpc: ec2.IVpc;
  /** The client-vpn subnet of each planned zone. */
  readonly subnetsByZone: ReadonlyMap<string, ec2.ISubnet>;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly serverCertificateArn: string;
  /** ACM ARN of the client CA (mutual TLS). */
  readonly clientRootCertificateChainArn?: string;
  readonly samlProviderArn?: string;
  readonly activeDirectoryId?: string;
  readonly connectionLogGroup: logs.ILogGroup;
  readonly clientConnectHandlerArn: string;
  /** DNS servers pushed to clients (at most two). */
  readonly dnsServers: readonly string[];
  /** Extra always-authorized destinations, e.g. the VPC resolver for DNS. */
  readonly sharedDestinations: readonly { readonly cidr: string; readonly description: string }[];
}

export class PlannedClientVpnEndpoint extends Construct {
  readonly endpoint: ec2.CfnClientVpnEndpoint;
  readonly associations: ec2.CfnClientVpnTargetNetworkAssociation[] = [];
  readonly authorizationRules: ec2.CfnClientVpnAuthorizationRule[] = [];

  constructor(scope: Construct, id: string, props: ClientVpnEndpointProps) {
    super(scope, id);
    const { plan, access } = props;

    const authenticationOptions: ec2.CfnClientVpnEndpoint.ClientAuthenticationRequestProperty[] = [];
    if (access.mutualTls) {
      if (!props.clientRootCertificateChainArn)
        throw new Error(`internal: ${plan.name} needs a client CA ARN`);
      authenticationOptions.push({
        type: 'certificate-authentication',
        mutualAuthentication: { clientRootCertificateChainArn: props.clientRootCertificateChainArn },
      });
    }
    if (access.userMethod === 'federated-sso') {
      if (!props.samlProviderArn) throw new Error(`internal: ${plan.name} needs a SAML provider`);
      authenticationOptions.push({
        type: 'federated-authentication',
        federatedAuthentication: { samlProviderArn: props.samlProviderArn },
      });
    } else if (access.userMethod === 'directory') {
      if (!props.activeDirectoryId) throw new Error(`internal: ${plan.name} needs a directory`);
      authenticationOptions.push({
        type: 'directory-service-authentication',
        activeDirectory: { directoryId: props.activeDirectoryId },
      });
    }

    const logStream = `${plan.name}-connections`;
    const stream = new logs.LogStream(this, 'ConnectionLogStream', {
      logGroup: props.connectionLogGroup,
      logStreamName: logStream,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.endpoint = new ec2.CfnClientVpnEndpoint(this, 'Endpoint', {
      tagSpecifications: [
        {
          resourceType: 'client-vpn-endpoint',
          tags: [{ key: 'Name', value: clientVpnEndpointName(props.namePrefix, plan.name) }],
        },
      ],
      description: `${props.namePrefix} ${plan.name}: ${plan.maxConnections} connections over ${plan.associatedZones.length} zones (planned)`,
      clientCidrBlock: plan.clientCidr,
      serverCertificateArn: props.serverCertificateArn,
      authenticationOptions,
      transportProtocol: props.transportProtocol,
      // Split tunnel: only the reachable networks enter the tunnel; everything else,
      // including the Microsoft 365 Optimize ranges, leaves by the user's own connection.
      splitTunnel: true,
      clientRouteEnforcementOptions: { enforced: true },
      vpcId: props.vpc.vpcId,
      securityGroupIds: [props.securityGroup.securityGroupId],
      dnsServers: [...props.dnsServers],
      selfServicePortal: 'disabled',
      connectionLogOptions: {
        enabled: true,
        cloudwatchLogGroup: props.connectionLogGroup.logGroupName,
        cloudwatchLogStream: logStream,
      },
      clientConnectOptions: { enabled: true, lambdaFunctionArn: props.clientConnectHandlerArn },
    });
    this.endpoint.node.addDependency(stream);
    this.endpoint.applyRemovalPolicy(RemovalPolicy.RETAIN);

    for (const zone of plan.associatedZones) {
      const subnet = props.subnetsByZone.get(zone);
      if (!subnet) throw new Error(`internal: no client-vpn subnet in ${zone}`);
      const association = new ec2.CfnClientVpnTargetNetworkAssociation(this, `Association-${zone}`, {
        clientVpnEndpointId: this.endpoint.ref,
        subnetId: subnet.subnetId,
      });
      this.associations.push(association);
      for (const route of access.routes) {
        const r = new ec2.CfnClientVpnRoute(this, `Route-${zone}-${cidrId(route.cidr)}`, {
          clientVpnEndpointId: this.endpoint.ref,
          targetVpcSubnetId: subnet.subnetId,
          destinationCidrBlock: route.cidr,
          description: `${route.network} via ${zone}`,
        });
        r.node.addDependency(association);
      }
    }

    for (const rule of access.rules) {
      this.authorizationRules.push(
        new ec2.CfnClientVpnAuthorizationRule(this, `Auth-${rule.id}`, {
          clientVpnEndpointId: this.endpoint.ref,
          targetNetworkCidr: rule.cidr,
          ...(rule.accessGroup ? { accessGroupId: rule.accessGroup } : { authorizeAllGroups: true }),
          description: rule.description,
        }),
      );
    }
    for (const shared of props.sharedDestinations) {
      this.authorizationRules.push(
        new ec2.CfnClientVpnAuthorizationRule(this, `Auth-shared-${cidrId(shared.cidr)}`, {
          clientVpnEndpointId: this.endpoint.ref,
          targetNetworkCidr: shared.cidr,
          authorizeAllGroups: true,
          description: shared.description,
        }),
      );
    }
  }
}
