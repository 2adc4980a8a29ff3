/**
 * Stateful and connection-bearing resource types: the ones whose replacement or deletion
 * loses data, drops connected users, or needs weeks of work outside the cloud (a carrier
 * re-provisioning a circuit). The review and the deploy gates block when one of these is
 * replaced or deleted, unless a person acknowledges the finding (lib/review/acks.ts).
 *
 * Each entry says, in words a change reviewer can act on, what replacement and deletion
 * mean for the people who use the platform. Figures come from LIMITS.md.
 */
import type { Cloud } from './cloud';

/**
 * - `connection`: carries users' or sites' connections; replacing it drops them.
 * - `data`: holds data (directory objects, device registrations, logs) that a new resource
 *   does not have.
 * - `long-lead`: re-creating needs work outside the cloud (a carrier, a partner, a DNS
 *   change at every client) that takes days or weeks.
 */
export type StatefulKind = 'connection' | 'data' | 'long-lead';

export interface StatefulResource {
  readonly cloud: Cloud;
  /** CloudFormation resource type or Terraform resource type. */
  readonly type: string;
  readonly kinds: readonly StatefulKind[];
  /** What the resource is in this platform. */
  readonly what: string;
  /** What replacing it (a new resource, a new ID, the old one deleted) means for users. */
  readonly onReplace: string;
  /** What deleting it means for users. */
  readonly onDelete: string;
}

const CLIENT_VPN_SOURCE = 'LIMITS.md "AWS Client VPN"';
const VWAN_SOURCE = 'LIMITS.md "Azure Virtual WAN point-to-site"';

const AWS: readonly Omit<StatefulResource, 'cloud'>[] = [
  {
    type: 'AWS::EC2::ClientVpnEndpoint',
    kinds: ['connection', 'long-lead'],
    what: 'Client VPN endpoint (remote-access concentrator)',
    onReplace: `every connected user is dropped (up to 66,500 per endpoint, ${CLIENT_VPN_SOURCE}) and the new endpoint has a new DNS name: every client configuration must be redistributed before users can reconnect`,
    onDelete:
      'every user of the endpoint loses remote access until the tier is rebuilt and new client configurations are distributed',
  },
  {
    type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
    kinds: ['connection'],
    what: 'Client VPN subnet association (one per Availability Zone)',
    onReplace: `users connected through this association are dropped and the endpoint's capacity falls to the figure for one association fewer while it is re-created (${CLIENT_VPN_SOURCE}: 3 associations 66,500, 2 associations 36,500)`,
    onDelete: `the endpoint loses an Availability Zone and its capacity falls to the figure for one association fewer (${CLIENT_VPN_SOURCE})`,
  },
  {
    type: 'AWS::DirectoryService::MicrosoftAD',
    kinds: ['data', 'long-lead'],
    what: 'AWS Managed Microsoft AD',
    onReplace:
      'a new, empty directory: users, groups, the forest trust and every domain join are lost; authentication that depends on the directory fails until it is rebuilt',
    onDelete: 'the directory and everything in it are deleted; authentication that depends on it fails',
  },
  {
    type: 'Custom::DirectoryTrust',
    kinds: ['connection'],
    what: 'forest trust between the managed directory and the on-premises forest (custom resource)',
    onReplace:
      'the trust is deleted and re-created: users of the on-premises forest cannot sign in to resources in the managed directory meanwhile, and the on-premises side must accept the new trust',
    onDelete: 'users of the on-premises forest can no longer sign in to resources in the managed directory',
  },
  {
    type: 'AWS::DirectConnect::DirectConnectGateway',
    kinds: ['connection', 'long-lead'],
    what: 'Direct Connect gateway',
    onReplace:
      'every virtual interface and association on the gateway is re-created: data-centre traffic over Direct Connect stops, and hosted virtual interfaces must be re-provisioned by the carrier',
    onDelete: 'data-centre traffic over Direct Connect stops',
  },
  {
    type: 'AWS::DirectConnect::DirectConnectGatewayAssociation',
    kinds: ['connection'],
    what: 'Direct Connect gateway association with the Transit Gateway',
    onReplace:
      'data-centre routes over Direct Connect are withdrawn until the association is re-created (re-association takes minutes to tens of minutes)',
    onDelete: 'data-centre traffic over Direct Connect stops',
  },
  ...[
    'AWS::DirectConnect::TransitVirtualInterface',
    'AWS::DirectConnect::PrivateVirtualInterface',
    'AWS::DirectConnect::PublicVirtualInterface',
  ].map((type) => ({
    type,
    kinds: ['connection', 'long-lead'] as StatefulKind[],
    what: 'Direct Connect virtual interface',
    onReplace:
      'the BGP session with the data centre goes down and a new VLAN/peer must be configured on the carrier and on-premises routers',
    onDelete: 'the BGP session with the data centre goes down and its routes are withdrawn',
  })),
  ...['AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag'].map((type) => ({
    type,
    kinds: ['connection', 'long-lead'] as StatefulKind[],
    what: 'Direct Connect connection',
    onReplace: 'the physical connection is released and must be ordered and cross-connected again (weeks)',
    onDelete: 'the physical connection is released; every virtual interface on it goes down',
  })),
  {
    type: 'AWS::EC2::TransitGateway',
    kinds: ['connection'],
    what: 'Transit Gateway (segmentation hub)',
    onReplace:
      'every attachment, route table, Site-to-Site VPN and Direct Connect association is re-created: all traffic between VPCs, data centres and carriers stops meanwhile',
    onDelete: 'all traffic between VPCs, data centres and carriers stops',
  },
  ...[
    'AWS::EC2::TransitGatewayAttachment',
    'AWS::EC2::TransitGatewayVpcAttachment',
    'AWS::EC2::TransitGatewayPeeringAttachment',
    'AWS::EC2::TransitGatewayConnect',
  ].map((type) => ({
    type,
    kinds: ['connection'] as StatefulKind[],
    what: 'Transit Gateway attachment',
    onReplace:
      'traffic through the attachment stops until the new attachment is associated and propagated; Client VPN users lose the networks behind it',
    onDelete: 'traffic through the attachment stops',
  })),
  {
    type: 'AWS::EC2::VPNConnection',
    kinds: ['connection', 'long-lead'],
    what: 'Site-to-Site VPN connection',
    onReplace:
      'the tunnels go down and the new connection has new outside IP addresses and pre-shared keys: the on-premises routers must be reconfigured',
    onDelete: 'the tunnels to the site go down',
  },
  {
    type: 'AWS::EC2::CustomerGateway',
    kinds: ['connection'],
    what: 'customer gateway (on-premises VPN peer)',
    onReplace:
      'every Site-to-Site VPN connection that uses it is replaced too (new tunnel addresses and keys)',
    onDelete: 'the Site-to-Site VPN connections that use it are deleted',
  },
  {
    type: 'AWS::EC2::TransitGatewayRouteTable',
    kinds: ['connection'],
    what: 'Transit Gateway route table (one segment)',
    onReplace:
      'every association, propagation and route of the segment is re-created: traffic of the segment stops until they are back',
    onDelete: 'the segment loses its routes; its attachments stop forwarding',
  },
  {
    type: 'AWS::EC2::NatGateway',
    kinds: ['connection'],
    what: 'private NAT gateway (carrier address translation)',
    onReplace:
      'carrier devices lose their translated addresses and their sessions until the new gateway is up; its private address changes',
    onDelete: 'carrier devices can no longer reach the prefectural network',
  },
  {
    type: 'AWS::EC2::VPC',
    kinds: ['connection'],
    what: 'VPC',
    onReplace:
      'everything inside the VPC (Client VPN associations, directories, resolver endpoints, attachments) is re-created',
    onDelete: 'everything inside the VPC is deleted',
  },
  {
    type: 'AWS::Route53Resolver::ResolverEndpoint',
    kinds: ['connection'],
    what: 'Route 53 Resolver endpoint (DNS forwarding to on-premises)',
    onReplace:
      'on-premises names stop resolving for connected users until the new endpoint is up; its IP addresses may change',
    onDelete: 'on-premises names stop resolving for connected users',
  },
  {
    type: 'AWS::KMS::Key',
    kinds: ['data'],
    what: 'KMS key (encrypts logs and the audit archive)',
    onReplace:
      'the old key is scheduled for deletion: logs and archive objects encrypted with it become unreadable when the waiting period ends',
    onDelete:
      'the key is scheduled for deletion: everything encrypted with it becomes unreadable when the waiting period ends',
  },
  {
    type: 'AWS::S3::Bucket',
    kinds: ['data'],
    what: 'S3 bucket (audit and log archive)',
    onReplace:
      'a new, empty bucket: the audit trail continues elsewhere and the archive history stays in (or is lost with) the old bucket',
    onDelete: 'the audit archive is deleted or orphaned; the evidence trail breaks',
  },
  {
    type: 'AWS::DynamoDB::Table',
    kinds: ['data'],
    what: 'DynamoDB table (the device registry the connect handler reads)',
    onReplace:
      'a new, empty registry: the connect handler denies every device until devices are registered again',
    onDelete: 'the device registry is lost: the connect handler denies every device',
  },
  {
    type: 'AWS::Logs::LogGroup',
    kinds: ['data'],
    what: 'CloudWatch Logs log group (connection logs, flow logs, handler logs)',
    onReplace: 'the log history is deleted with the old group (unless retained); audits lose the record',
    onDelete: 'the log history is deleted (unless retained); audits lose the record',
  },
  {
    type: 'AWS::CloudTrail::Trail',
    kinds: ['data'],
    what: 'CloudTrail trail',
    onReplace: 'API activity is not recorded between deletion and re-creation: a gap in the audit trail',
    onDelete: 'API activity is no longer recorded',
  },
  {
    type: 'AWS::SecretsManager::Secret',
    kinds: ['data'],
    what: 'Secrets Manager secret (the forest-trust password)',
    onReplace: 'a new secret without the value: the trust handler fails until the secret is set again',
    onDelete: 'the value is scheduled for deletion; the trust handler fails',
  },
];

const AZURE: readonly Omit<StatefulResource, 'cloud'>[] = [
  {
    type: 'azurerm_express_route_circuit',
    kinds: ['connection', 'long-lead'],
    what: 'ExpressRoute circuit',
    onReplace:
      'a new service key: the provider (e.g. IIJ) must provision the circuit again (days to weeks); private and Microsoft peering traffic stops meanwhile and billing starts again',
    onDelete: 'the provisioned circuit is released; private and Microsoft peering traffic stops',
  },
  {
    type: 'azurerm_express_route_circuit_peering',
    kinds: ['connection'],
    what: 'ExpressRoute circuit peering (BGP)',
    onReplace: 'the BGP session goes down and routes are withdrawn until the peering is re-created',
    onDelete: 'the BGP session goes down; data-centre or Microsoft 365 routes are withdrawn',
  },
  {
    type: 'azurerm_express_route_circuit_connection',
    kinds: ['connection'],
    what: 'Global Reach connection between two circuits',
    onReplace: 'data-centre to data-centre traffic over the Microsoft backbone stops until it is re-created',
    onDelete: 'data-centre to data-centre traffic over the Microsoft backbone stops',
  },
  {
    type: 'azurerm_express_route_connection',
    kinds: ['connection'],
    what: 'connection between the hub ExpressRoute gateway and a circuit',
    onReplace: "the hub loses the circuit's routes until the connection is re-created",
    onDelete: "the hub loses the circuit's routes",
  },
  {
    type: 'azurerm_express_route_gateway',
    kinds: ['connection'],
    what: 'Virtual WAN ExpressRoute gateway',
    onReplace:
      'every circuit connection of the hub is re-created; data-centre traffic stops for the duration (gateway creation takes tens of minutes)',
    onDelete: 'every circuit connection of the hub is lost',
  },
  {
    type: 'azurerm_virtual_hub',
    kinds: ['connection', 'long-lead'],
    what: 'Virtual WAN hub',
    onReplace:
      'every gateway, connection and point-to-site user of the hub is dropped and re-created (hours)',
    onDelete: 'every gateway, connection and point-to-site user of the hub is lost',
  },
  {
    type: 'azurerm_virtual_wan',
    kinds: ['connection', 'long-lead'],
    what: 'Virtual WAN',
    onReplace: 'every hub, gateway and connection of the WAN is re-created (hours)',
    onDelete: 'every hub, gateway and connection of the WAN is lost',
  },
  {
    type: 'azurerm_point_to_site_vpn_gateway',
    kinds: ['connection'],
    what: 'point-to-site (User VPN) gateway',
    onReplace: `every connected user of the hub is dropped (up to 100,000 per hub, ${VWAN_SOURCE}) and cannot reconnect until the new gateway is up (tens of minutes)`,
    onDelete: 'every user of the hub loses remote access',
  },
  {
    type: 'azurerm_vpn_server_configuration',
    kinds: ['connection', 'long-lead'],
    what: 'VPN server configuration (point-to-site authentication)',
    onReplace:
      'the point-to-site gateways that use it are replaced too (vpn_server_configuration_id forces a new gateway): every user is dropped and needs a new client profile',
    onDelete: 'point-to-site users cannot authenticate',
  },
  {
    type: 'azurerm_vpn_server_configuration_policy_group',
    kinds: ['connection'],
    what: 'point-to-site policy group (user group to pool)',
    onReplace:
      'users of the group are re-evaluated and may land in the default group (different pool, different reach) until it is re-created',
    onDelete: 'users of the group fall back to the default policy group',
  },
  {
    type: 'azurerm_vpn_gateway',
    kinds: ['connection', 'long-lead'],
    what: 'Virtual WAN site-to-site VPN gateway',
    onReplace:
      'every site tunnel goes down and the gateway gets new public addresses: on-premises routers must be reconfigured',
    onDelete: 'every site tunnel goes down',
  },
  {
    type: 'azurerm_vpn_gateway_connection',
    kinds: ['connection'],
    what: 'site-to-site VPN connection',
    onReplace: 'the tunnel to the site goes down until it is re-created',
    onDelete: 'the tunnel to the site goes down',
  },
  {
    type: 'azurerm_vpn_site',
    kinds: ['connection'],
    what: 'VPN site (on-premises peer)',
    onReplace: 'the connections to the site are replaced too',
    onDelete: 'the connections to the site are deleted',
  },
  {
    type: 'azurerm_vpn_gateway_nat_rule',
    kinds: ['connection'],
    what: 'VPN gateway NAT rule (carrier address translation)',
    onReplace: 'carrier devices lose their translated addresses until the rule is re-created',
    onDelete: 'carrier devices can no longer reach the prefectural network',
  },
  {
    type: 'azurerm_firewall',
    kinds: ['connection'],
    what: 'Azure Firewall of the secured hub',
    onReplace: 'traffic that routing intent sends through the firewall stops until the new firewall is up',
    onDelete: 'traffic that routing intent sends through the firewall stops',
  },
  {
    type: 'azurerm_virtual_hub_routing_intent',
    kinds: ['connection'],
    what: 'routing intent of the secured hub',
    onReplace: 'hub routing is re-programmed; traffic may bypass or be dropped by the firewall meanwhile',
    onDelete: 'traffic no longer passes the firewall',
  },
  {
    type: 'azurerm_log_analytics_workspace',
    kinds: ['data'],
    what: 'Log Analytics workspace (connection and diagnostic logs)',
    onReplace:
      'a new workspace with a new ID: the log history stays in the deleted workspace (soft-deleted, then lost) and alerts and diagnostics point at the new one',
    onDelete: 'the log history is lost after the soft-delete period',
  },
  {
    type: 'azurerm_active_directory_domain_service',
    kinds: ['data', 'long-lead'],
    what: 'Entra Domain Services managed domain',
    onReplace:
      'a new managed domain: domain joins, LDAP and Kerberos trust break; provisioning takes about an hour',
    onDelete: 'the managed domain and its joins are lost',
  },
  {
    type: 'azurerm_resource_group',
    kinds: ['data'],
    what: 'resource group',
    onReplace: 'every resource in the group is deleted with it',
    onDelete: 'every resource in the group is deleted with it',
  },
];

const BY_KEY: ReadonlyMap<string, StatefulResource> = new Map(
  [
    ...AWS.map((r) => ({ ...r, cloud: 'aws' as const })),
    ...AZURE.map((r) => ({ ...r, cloud: 'azure' as const })),
  ].map((r) => [`${r.cloud}\u0000${r.type}`, r]),
);

/** Every stateful or connection-bearing resource type, both clouds. */
export const STATEFUL_RESOURCES: readonly StatefulResource[] = [...BY_KEY.values()];

export function statefulResource(cloud: Cloud, type: string): StatefulResource | undefined {
  return BY_KEY.get(`${cloud}\u0000${type}`);
}

/** True when replacing or deleting a resource of this type blocks the review and the gates. */
export function isStateful(cloud: Cloud, type: string): boolean {
  return BY_KEY.has(`${cloud}\u0000${type}`);
}

/**
 * What replacing (default) or deleting a resource of this type means for users, or
 * undefined when the type is not stateful.
 */
export function statefulImpact(
  cloud: Cloud,
  type: string,
  action: 'replace' | 'delete' = 'replace',
): string | undefined {
  const entry = BY_KEY.get(`${cloud}\u0000${type}`);
  if (!entry) return undefined;
  return action === 'delete' ? entry.onDelete : entry.onReplace;
}

/**
 * How a deploy gate classifies a replaced resource: a stateful or connection-bearing one
 * blocks with its documented impact; any other replacement warns with `otherImpact`.
 */
export function replacementClass(
  cloud: Cloud,
  type: string,
  otherImpact: string,
): {
  readonly severity: 'block' | 'warn';
  readonly category: 'replacement';
  readonly rule: 'stateful-replaced' | 'resource-replaced';
  readonly userImpact: string;
} {
  const stateful = isStateful(cloud, type);
  return {
    severity: stateful ? 'block' : 'warn',
    category: 'replacement',
    rule: stateful ? 'stateful-replaced' : 'resource-replaced',
    userImpact: stateful ? (statefulImpact(cloud, type, 'replace') ?? '') : otherImpact,
  };
}
