/**
 * Microsoft Entra Domain Services for applications in Azure that need LDAP or Kerberos: its
 * resource group, a virtual network and subnet from the profile, the network security group
 * Microsoft requires on that subnet, the managed domain itself, and a connection of the
 * network to the Region's hub so that on-premises and remote users reach it.
 *
 * The managed domain is stateful and its domain name, location, name and subnet are ForceNew
 * (LIMITS.md, azurerm ForceNew table): prevent_destroy. Prerequisite outside Terraform: the
 * "Domain Controller Services" service principal (app ID 2565bd9d-da50-47d4-8b85-4c97f669dc36)
 * must exist in the tenant (docs/azure.md).
 *
 * NSG rules: https://learn.microsoft.com/entra/identity/domain-services/network-considerations
 * (inbound 5986 from AzureActiveDirectoryDomainServices for management; 3389 from CorpNetSaw
 * for Microsoft support).
 */
import { ActiveDirectoryDomainService } from '@cdktf/provider-azurerm/lib/active-directory-domain-service';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { SubnetNetworkSecurityGroupAssociation } from '@cdktf/provider-azurerm/lib/subnet-network-security-group-association';
import { VirtualHubConnection } from '@cdktf/provider-azurerm/lib/virtual-hub-connection';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
import { Construct } from 'constructs';
import type { Profile } from '../profile/schema';
import type { AzureNames } from './inventory';

export interface DomainServicesProps {
  readonly profile: Profile;
  readonly names: AzureNames;
  /** Resource ID of the hub in the managed domain's Region. */
  readonly hubId: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The managed domain's DNS name: the profile's, or aadds.<on-premises domain>. */
export function domainServicesDomainName(profile: Profile): string {
  const eds = profile.identity.entraDomainServices;
  return eds?.domainName ?? `aadds.${profile.identity.domain.name}`;
}

export class DomainServices extends Construct {
  readonly domain: ActiveDirectoryDomainService;

  constructor(scope: Construct, id: string, props: DomainServicesProps) {
    super(scope, id);
    const { profile, names } = props;
    const eds = profile.identity.entraDomainServices;
    if (!eds) throw new Error('internal: identity.entraDomainServices is not set');
    const region = eds.region;
    const tags = { ...props.tags };
    const group = new ResourceGroup(this, 'ResourceGroup', {
      name: names.identityResourceGroup(region),
      location: region,
      tags,
      lifecycle: { preventDestroy: true },
    });
    const network = new VirtualNetwork(this, 'Network', {
      name: names.virtualNetwork(region, 'identity'),
      resourceGroupName: group.name,
      location: region,
      addressSpace: [eds.virtualNetworkCidr],
      tags,
      // The domain controllers live in this network: replacing it replaces the domain.
      lifecycle: { preventDestroy: true },
    });
    const subnet = new Subnet(this, 'Subnet', {
      name: names.subnet(region, 'aadds'),
      resourceGroupName: group.name,
      virtualNetworkName: network.name,
      addressPrefixes: [eds.subnetPrefix],
      // initial_replica_set.subnet_id is ForceNew on the domain (LIMITS.md).
      lifecycle: { preventDestroy: true },
    });
    const nsg = new NetworkSecurityGroup(this, 'SecurityGroup', {
      name: names.networkSecurityGroup(region, 'aadds'),
      resourceGroupName: group.name,
      location: region,
      securityRule: [
        {
          name: 'AllowPSRemoting',
          priority: 301,
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourcePortRange: '*',
          destinationPortRange: '5986',
          sourceAddressPrefix: 'AzureActiveDirectoryDomainServices',
          destinationAddressPrefix: '*',
        },
        {
          name: 'AllowRD',
          priority: 201,
          direction: 'Inbound',
          access: 'Allow',
          protocol: 'Tcp',
          sourcePortRange: '*',
          destinationPortRange: '3389',
          sourceAddressPrefix: 'CorpNetSaw',
          destinationAddressPrefix: '*',
        },
      ],
      tags,
    });
    new SubnetNetworkSecurityGroupAssociation(this, 'SubnetSecurityGroup', {
      subnetId: subnet.id,
      networkSecurityGroupId: nsg.id,
    });
    this.domain = new ActiveDirectoryDomainService(this, 'Domain', {
      name: names.domainServices(region),
      resourceGroupName: group.name,
      location: region,
      domainName: domainServicesDomainName(profile),
      sku: eds.sku,
      filteredSyncEnabled: false,
      initialReplicaSet: { subnetId: subnet.id },
      security: { ntlmV1Enabled: false, tlsV1Enabled: false, syncNtlmPasswords: false },
      tags,
      lifecycle: { preventDestroy: true },
      // The NSG must be on the subnet before the domain controllers start.
      dependsOn: [nsg],
    });
    new VirtualHubConnection(this, 'HubConnection', {
      name: names.hubConnection(region, 'identity'),
      virtualHubId: props.hubId,
      remoteVirtualNetworkId: network.id,
      internetSecurityEnabled: false,
      lifecycle: { preventDestroy: true },
    });
  }
}
