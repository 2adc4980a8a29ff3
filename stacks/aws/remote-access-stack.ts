/**
 * Remote access in one AWS Region: the Client VPN endpoints the plan sized for this Region,
 * their device registry and client-connect handler, connection logs, dashboard and alarms.
 * Stateful (endpoints carry every connected user): termination-protected, endpoints retained.
 */

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { encryptedLogGroup } from '../../lib/aws/common/log-encryption-key';
import { type NetworkParameterNames, NetworkReference } from '../../lib/aws/common/network-parameters';
import { dnsServersForEndpoint, inboundResolverAddresses } from '../../lib/aws/identity/inbound-resolver';
import { clientVpnAccessPolicy } from '../../lib/aws/remote-access/access-policy';
import { ClientConnectHandler } from '../../lib/aws/remote-access/client-connect-handler';
import { PlannedClientVpnEndpoint } from '../../lib/aws/remote-access/client-vpn-endpoint';
import { DeviceRegistry } from '../../lib/aws/remote-access/device-registry';
import { RemoteAccessMonitoring } from '../../lib/aws/remote-access/monitoring';
import type { AwsClientVpnTierPlan } from '../../lib/planner/types';
import type { DeploymentModel } from '../../lib/profile/load';

export interface RemoteAccessStackProps extends StackProps {
  readonly model: DeploymentModel;
  readonly region: string;
  readonly namePrefix: string;
  /** The Region's network stack's parameters (read at deploy time; no exports). */
  readonly network: NetworkParameterNames;
  /**
   * True when the Region's identity stack has a Managed AD (and publishes its ID, read here
   * at deploy time when a population authenticates with `directory`).
   */
  readonly hasManagedAd: boolean;
  /**
   * The device registry (one global table). `regions` set: this stack creates it with a
   * replica in each; otherwise another Region's stack does and this one reads its replica.
   */
  readonly deviceRegistry: { readonly tableName: string; readonly regions?: readonly string[] };
}

export class RemoteAccessStack extends Stack {
  readonly endpoints: PlannedClientVpnEndpoint[] = [];

  constructor(scope: Construct, id: string, props: RemoteAccessStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { model, region, namePrefix } = props;
    const { profile, plan } = model;
    const tiers = plan.tiers.filter(
      (t): t is AwsClientVpnTierPlan => t.kind === 'aws-client-vpn' && t.region === region,
    );
    const network = plan.awsRegions.find((r) => r.region === region);
    if (!network) throw new Error(`internal: no network plan for ${region}`);
    const shared = new NetworkReference(this, 'Network', { names: props.network, plan: network });
    const access = clientVpnAccessPolicy(profile);

    const serverCertificateArn = profile.identity.serverCertificateArns[region];
    if (!serverCertificateArn) {
      throw new Error(
        `identity.serverCertificateArns has no certificate for ${region}; add the ACM ARN of the Client VPN server certificate for ${region}`,
      );
    }
    const ca = profile.identity.certificateAuthorities.find((c) => c.awsCertificateArns[region]);
    if (access.mutualTls && !ca) {
      throw new Error(
        `identity.certificateAuthorities has no awsCertificateArns entry for ${region}; import the device CA into ACM in ${region} and add its ARN`,
      );
    }
    let samlProviderArn: string | undefined;
    if (access.userMethod === 'federated-sso') {
      if (!model.files.samlMetadata) {
        throw new Error('identity.federation.saml.metadataFile is required: populations use federated-sso');
      }
      samlProviderArn = new iam.SamlProvider(this, 'SamlProvider', {
        metadataDocument: iam.SamlMetadataDocument.fromXml(model.files.samlMetadata),
      }).samlProviderArn;
    }
    const activeDirectoryId =
      access.userMethod === 'directory' && props.hasManagedAd
        ? ssm.StringParameter.valueForStringParameter(this, props.network.directoryId)
        : undefined;
    if (access.userMethod === 'directory' && !activeDirectoryId) {
      throw new Error(
        'populations use directory authentication but identity.awsDirectory.mode is on-premises: an AD Connector has no CloudFormation resource; use managed-ad or federated-sso',
      );
    }

    // Clients resolve through the Region's Route 53 Resolver inbound endpoint (identity
    // stack; fixed addresses from the plan), never the VPC resolver (1,024 packets/s per ENI).
    const dnsAddresses = inboundResolverAddresses(network);
    const securityGroup = new ec2.SecurityGroup(this, 'ClientVpnSecurityGroup', {
      vpc: shared.vpc,
      description: 'Client VPN ENIs: egress only to the networks remote users may reach, and DNS',
      allowAllOutbound: false,
    });
    for (const route of access.routes) {
      securityGroup.addEgressRule(ec2.Peer.ipv4(route.cidr), ec2.Port.allTraffic(), `to ${route.network}`);
    }
    for (const address of dnsAddresses) {
      securityGroup.addEgressRule(
        ec2.Peer.ipv4(`${address}/32`),
        ec2.Port.udp(53),
        'DNS (Resolver inbound endpoint)',
      );
      securityGroup.addEgressRule(
        ec2.Peer.ipv4(`${address}/32`),
        ec2.Port.tcp(53),
        'DNS (Resolver inbound endpoint)',
      );
    }

    const connectionLogs = encryptedLogGroup(this, 'ConnectionLogs', {
      key: shared.logKey,
      retentionDays: profile.audit.logRetentionDays,
      logGroupName: `/tsunagi/${namePrefix}/client-vpn-connections`,
    });
    if (props.deviceRegistry.regions) {
      new DeviceRegistry(this, 'DeviceRegistry', {
        tableName: props.deviceRegistry.tableName,
        regions: props.deviceRegistry.regions,
      });
    }
    const handler = new ClientConnectHandler(this, 'ClientConnect', {
      deviceTableName: props.deviceRegistry.tableName,
      whenRegistryUnavailable: profile.operations.deviceRegistry.whenUnavailable,
      namePrefix,
      logKey: shared.logKey,
      logRetentionDays: profile.audit.logRetentionDays,
      provisionedConcurrency: profile.clouds.aws?.connectHandler.provisionedConcurrency ?? 0,
    });

    // Only the zones the endpoints associate with: each read is a template parameter.
    const associatedZones = new Set(tiers.flatMap((t) => t.endpoints.flatMap((e) => e.associatedZones)));
    const subnetsByZone = new Map(
      [...associatedZones].map((zone) => [zone, shared.subnet('client-vpn', zone)]),
    );
    let endpointIndex = 0;
    for (const tier of tiers) {
      for (const endpointPlan of tier.endpoints) {
        const dnsServers = dnsServersForEndpoint(dnsAddresses, endpointIndex++, endpointPlan.maxConnections);
        // Construct id = planned name (`<tier>-<index>`): logical IDs never shift.
        this.endpoints.push(
          new PlannedClientVpnEndpoint(this, endpointPlan.name, {
            plan: endpointPlan,
            namePrefix,
            transportProtocol: tier.transportProtocol,
            access,
            vpc: shared.vpc,
            subnetsByZone,
            securityGroup,
            serverCertificateArn,
            clientRootCertificateChainArn: ca?.awsCertificateArns[region],
            samlProviderArn,
            activeDirectoryId,
            connectionLogGroup: connectionLogs,
            clientConnectHandlerArn: handler.alias.functionArn,
            dnsServers,
            sharedDestinations: dnsAddresses.map((address) => ({
              cidr: `${address}/32`,
              description: 'DNS: Route 53 Resolver inbound endpoint',
            })),
          }),
        );
      }
    }

    new RemoteAccessMonitoring(this, 'Monitoring', {
      namePrefix,
      key: shared.logKey,
      recipients: {
        emails: profile.operations.alarmRecipients.emails,
        existingTopicArn: profile.operations.alarmRecipients.awsSnsTopicArns[region],
      },
      endpoints: this.endpoints.map((e, i) => ({
        plan: tiers.flatMap((t) => t.endpoints)[i]!,
        endpointId: e.endpoint.ref,
      })),
      handler: handler.function,
      registryUnavailablePolicy: profile.operations.deviceRegistry.whenUnavailable,
    });
  }
}
