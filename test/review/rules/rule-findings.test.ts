/**
 * Rule findings pinned whole: for the project's own review rules (lib/review/rules: stateful
 * and connection-bearing types, session-dropping updates, fixed physical names, the azurerm
 * ForceNew lookup) and for acknowledgements (lib/review/acks.ts, lib/review/finding.ts),
 * every test compares complete results (every field of a finding, every issue of a bad
 * acknowledgements file, every line of the ack report) with literal expectations. Older tests
 * checked a rule name or a count; these fail when a word, a branch, a comparison or a table
 * entry of the rules changes, which is what mutation testing asks of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  type Acknowledgement,
  acksJsonSchema,
  applyAcks,
  isExpired,
  loadAcks,
  parseAcks,
  todayUtc,
  verdictOf,
} from '../../../lib/review/acks';
import { diffAws } from '../../../lib/review/aws-diff';
import { diffAzure } from '../../../lib/review/azure-diff';
import { ReviewInputError } from '../../../lib/review/errors';
import { type FindingInput, fingerprint, makeFinding } from '../../../lib/review/finding';
import {
  azurermForceNewTypes,
  azurermForcesNew,
  azurermReplacesOnChange,
  type Cloud,
  hasFixedPhysicalName,
  isStateful,
  normaliseAttributePath,
  PHYSICAL_NAME_PROPERTIES,
  physicalNameProperty,
  replacementClass,
  SESSION_RULES,
  STATEFUL_RESOURCES,
  type StatefulKind,
  type StatefulResource,
  sessionRulesFor,
  statefulImpact,
  statefulResource,
} from '../../../lib/review/rules';
import type { Finding } from '../../../lib/review/types';
import { handTree } from '../support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built CloudFormation and Terraform JSON
type Json = any;

const STACK = 'org-prod-remote-access-apne1';
const AZ_STACK = 'org-prod-connectivity';

/** The fields that say where a finding is (its cloud, stack, resource and type). */
const aws = (resource: string, type: string) => ({ cloud: 'aws' as const, stack: STACK, resource, type });
const azure = (resource: string, type: string) => ({
  cloud: 'azure' as const,
  stack: AZ_STACK,
  resource,
  type,
});
/** A finding as makeFinding returns it for an acknowledgeable rule. */
const FRESH = { acknowledgeable: true, acknowledged: false };

/** Findings of one AWS stack, base to head, as the review reports them (id and ack fields). */
function awsFindings(base: Json, head: Json): Finding[] {
  return diffAws(
    handTree({ [STACK]: { Resources: base } }),
    handTree({ [STACK]: { Resources: head } }),
  ).findings.map(makeFinding);
}

/** Findings of one Terraform stack, base to head. */
function azureFindings(base: Json, head: Json): Finding[] {
  return diffAzure(
    handTree({}, { [AZ_STACK]: { resource: base } }),
    handTree({}, { [AZ_STACK]: { resource: head } }),
  ).findings.map(makeFinding);
}

/**
 * The table, one entry a line: cloud | type | kinds | what | onReplace | onDelete (split below
 * into the objects the module exports; the fields hold no " | ").
 */
const STATEFUL_ROWS = [
  'aws | AWS::EC2::ClientVpnEndpoint | connection,long-lead | Client VPN endpoint (remote-access concentrator) | every connected user is dropped (up to 66,500 per endpoint, LIMITS.md "AWS Client VPN") and the new endpoint has a new DNS name: every client configuration must be redistributed before users can reconnect | every user of the endpoint loses remote access until the tier is rebuilt and new client configurations are distributed',
  'aws | AWS::EC2::ClientVpnTargetNetworkAssociation | connection | Client VPN subnet association (one per Availability Zone) | users connected through this association are dropped and the endpoint\'s capacity falls to the figure for one association fewer while it is re-created (LIMITS.md "AWS Client VPN": 3 associations 66,500, 2 associations 36,500) | the endpoint loses an Availability Zone and its capacity falls to the figure for one association fewer (LIMITS.md "AWS Client VPN")',
  'aws | AWS::DirectoryService::MicrosoftAD | data,long-lead | AWS Managed Microsoft AD | a new, empty directory: users, groups, the forest trust and every domain join are lost; authentication that depends on the directory fails until it is rebuilt | the directory and everything in it are deleted; authentication that depends on it fails',
  'aws | Custom::DirectoryTrust | connection | forest trust between the managed directory and the on-premises forest (custom resource) | the trust is deleted and re-created: users of the on-premises forest cannot sign in to resources in the managed directory meanwhile, and the on-premises side must accept the new trust | users of the on-premises forest can no longer sign in to resources in the managed directory',
  'aws | AWS::DirectConnect::DirectConnectGateway | connection,long-lead | Direct Connect gateway | every virtual interface and association on the gateway is re-created: data-centre traffic over Direct Connect stops, and hosted virtual interfaces must be re-provisioned by the carrier | data-centre traffic over Direct Connect stops',
  'aws | AWS::DirectConnect::DirectConnectGatewayAssociation | connection | Direct Connect gateway association with the Transit Gateway | data-centre routes over Direct Connect are withdrawn until the association is re-created (re-association takes minutes to tens of minutes) | data-centre traffic over Direct Connect stops',
  'aws | AWS::DirectConnect::TransitVirtualInterface | connection,long-lead | Direct Connect virtual interface | the BGP session with the data centre goes down and a new VLAN/peer must be configured on the carrier and on-premises routers | the BGP session with the data centre goes down and its routes are withdrawn',
  'aws | AWS::DirectConnect::PrivateVirtualInterface | connection,long-lead | Direct Connect virtual interface | the BGP session with the data centre goes down and a new VLAN/peer must be configured on the carrier and on-premises routers | the BGP session with the data centre goes down and its routes are withdrawn',
  'aws | AWS::DirectConnect::PublicVirtualInterface | connection,long-lead | Direct Connect virtual interface | the BGP session with the data centre goes down and a new VLAN/peer must be configured on the carrier and on-premises routers | the BGP session with the data centre goes down and its routes are withdrawn',
  'aws | AWS::DirectConnect::Connection | connection,long-lead | Direct Connect connection | the physical connection is released and must be ordered and cross-connected again (weeks) | the physical connection is released; every virtual interface on it goes down',
  'aws | AWS::DirectConnect::Lag | connection,long-lead | Direct Connect connection | the physical connection is released and must be ordered and cross-connected again (weeks) | the physical connection is released; every virtual interface on it goes down',
  'aws | AWS::EC2::TransitGateway | connection | Transit Gateway (segmentation hub) | every attachment, route table, Site-to-Site VPN and Direct Connect association is re-created: all traffic between VPCs, data centres and carriers stops meanwhile | all traffic between VPCs, data centres and carriers stops',
  'aws | AWS::EC2::TransitGatewayAttachment | connection | Transit Gateway attachment | traffic through the attachment stops until the new attachment is associated and propagated; Client VPN users lose the networks behind it | traffic through the attachment stops',
  'aws | AWS::EC2::TransitGatewayVpcAttachment | connection | Transit Gateway attachment | traffic through the attachment stops until the new attachment is associated and propagated; Client VPN users lose the networks behind it | traffic through the attachment stops',
  'aws | AWS::EC2::TransitGatewayPeeringAttachment | connection | Transit Gateway attachment | traffic through the attachment stops until the new attachment is associated and propagated; Client VPN users lose the networks behind it | traffic through the attachment stops',
  'aws | AWS::EC2::TransitGatewayConnect | connection | Transit Gateway attachment | traffic through the attachment stops until the new attachment is associated and propagated; Client VPN users lose the networks behind it | traffic through the attachment stops',
  'aws | AWS::EC2::VPNConnection | connection,long-lead | Site-to-Site VPN connection | the tunnels go down and the new connection has new outside IP addresses and pre-shared keys: the on-premises routers must be reconfigured | the tunnels to the site go down',
  'aws | AWS::EC2::CustomerGateway | connection | customer gateway (on-premises VPN peer) | every Site-to-Site VPN connection that uses it is replaced too (new tunnel addresses and keys) | the Site-to-Site VPN connections that use it are deleted',
  'aws | AWS::EC2::TransitGatewayRouteTable | connection | Transit Gateway route table (one segment) | every association, propagation and route of the segment is re-created: traffic of the segment stops until they are back | the segment loses its routes; its attachments stop forwarding',
  'aws | AWS::EC2::NatGateway | connection | private NAT gateway (carrier address translation) | carrier devices lose their translated addresses and their sessions until the new gateway is up; its private address changes | carrier devices can no longer reach the prefectural network',
  'aws | AWS::EC2::VPC | connection | VPC | everything inside the VPC (Client VPN associations, directories, resolver endpoints, attachments) is re-created | everything inside the VPC is deleted',
  'aws | AWS::Route53Resolver::ResolverEndpoint | connection | Route 53 Resolver endpoint (DNS forwarding to on-premises) | on-premises names stop resolving for connected users until the new endpoint is up; its IP addresses may change | on-premises names stop resolving for connected users',
  'aws | AWS::KMS::Key | data | KMS key (encrypts logs and the audit archive) | the old key is scheduled for deletion: logs and archive objects encrypted with it become unreadable when the waiting period ends | the key is scheduled for deletion: everything encrypted with it becomes unreadable when the waiting period ends',
  'aws | AWS::S3::Bucket | data | S3 bucket (audit and log archive) | a new, empty bucket: the audit trail continues elsewhere and the archive history stays in (or is lost with) the old bucket | the audit archive is deleted or orphaned; the evidence trail breaks',
  'aws | AWS::DynamoDB::Table | data | DynamoDB table (the device registry the connect handler reads) | a new, empty registry: the connect handler denies every device until devices are registered again | the device registry is lost: the connect handler denies every device',
  'aws | AWS::Logs::LogGroup | data | CloudWatch Logs log group (connection logs, flow logs, handler logs) | the log history is deleted with the old group (unless retained); audits lose the record | the log history is deleted (unless retained); audits lose the record',
  'aws | AWS::CloudTrail::Trail | data | CloudTrail trail | API activity is not recorded between deletion and re-creation: a gap in the audit trail | API activity is no longer recorded',
  'aws | AWS::SecretsManager::Secret | data | Secrets Manager secret (the forest-trust password) | a new secret without the value: the trust handler fails until the secret is set again | the value is scheduled for deletion; the trust handler fails',
  'azure | azurerm_express_route_circuit | connection,long-lead | ExpressRoute circuit | a new service key: the provider (e.g. IIJ) must provision the circuit again (days to weeks); private and Microsoft peering traffic stops meanwhile and billing starts again | the provisioned circuit is released; private and Microsoft peering traffic stops',
  'azure | azurerm_express_route_circuit_peering | connection | ExpressRoute circuit peering (BGP) | the BGP session goes down and routes are withdrawn until the peering is re-created | the BGP session goes down; data-centre or Microsoft 365 routes are withdrawn',
  'azure | azurerm_express_route_circuit_connection | connection | Global Reach connection between two circuits | data-centre to data-centre traffic over the Microsoft backbone stops until it is re-created | data-centre to data-centre traffic over the Microsoft backbone stops',
  "azure | azurerm_express_route_connection | connection | connection between the hub ExpressRoute gateway and a circuit | the hub loses the circuit's routes until the connection is re-created | the hub loses the circuit's routes",
  'azure | azurerm_express_route_gateway | connection | Virtual WAN ExpressRoute gateway | every circuit connection of the hub is re-created; data-centre traffic stops for the duration (gateway creation takes tens of minutes) | every circuit connection of the hub is lost',
  'azure | azurerm_virtual_hub | connection,long-lead | Virtual WAN hub | every gateway, connection and point-to-site user of the hub is dropped and re-created (hours) | every gateway, connection and point-to-site user of the hub is lost',
  'azure | azurerm_virtual_wan | connection,long-lead | Virtual WAN | every hub, gateway and connection of the WAN is re-created (hours) | every hub, gateway and connection of the WAN is lost',
  'azure | azurerm_point_to_site_vpn_gateway | connection | point-to-site (User VPN) gateway | every connected user of the hub is dropped (up to 100,000 per hub, LIMITS.md "Azure Virtual WAN point-to-site") and cannot reconnect until the new gateway is up (tens of minutes) | every user of the hub loses remote access',
  'azure | azurerm_vpn_server_configuration | connection,long-lead | VPN server configuration (point-to-site authentication) | the point-to-site gateways that use it are replaced too (vpn_server_configuration_id forces a new gateway): every user is dropped and needs a new client profile | point-to-site users cannot authenticate',
  'azure | azurerm_vpn_server_configuration_policy_group | connection | point-to-site policy group (user group to pool) | users of the group are re-evaluated and may land in the default group (different pool, different reach) until it is re-created | users of the group fall back to the default policy group',
  'azure | azurerm_vpn_gateway | connection,long-lead | Virtual WAN site-to-site VPN gateway | every site tunnel goes down and the gateway gets new public addresses: on-premises routers must be reconfigured | every site tunnel goes down',
  'azure | azurerm_vpn_gateway_connection | connection | site-to-site VPN connection | the tunnel to the site goes down until it is re-created | the tunnel to the site goes down',
  'azure | azurerm_vpn_site | connection | VPN site (on-premises peer) | the connections to the site are replaced too | the connections to the site are deleted',
  'azure | azurerm_vpn_gateway_nat_rule | connection | VPN gateway NAT rule (carrier address translation) | carrier devices lose their translated addresses until the rule is re-created | carrier devices can no longer reach the prefectural network',
  'azure | azurerm_firewall | connection | Azure Firewall of the secured hub | traffic that routing intent sends through the firewall stops until the new firewall is up | traffic that routing intent sends through the firewall stops',
  'azure | azurerm_virtual_hub_routing_intent | connection | routing intent of the secured hub | hub routing is re-programmed; traffic may bypass or be dropped by the firewall meanwhile | traffic no longer passes the firewall',
  'azure | azurerm_log_analytics_workspace | data | Log Analytics workspace (connection and diagnostic logs) | a new workspace with a new ID: the log history stays in the deleted workspace (soft-deleted, then lost) and alerts and diagnostics point at the new one | the log history is lost after the soft-delete period',
  'azure | azurerm_active_directory_domain_service | data,long-lead | Entra Domain Services managed domain | a new managed domain: domain joins, LDAP and Kerberos trust break; provisioning takes about an hour | the managed domain and its joins are lost',
  'azure | azurerm_resource_group | data | resource group | every resource in the group is deleted with it | every resource in the group is deleted with it',
];
const STATEFUL_TABLE: readonly StatefulResource[] = STATEFUL_ROWS.map((row) => {
  const [cloud, type, kinds, what, onReplace, onDelete] = row.split(' | ') as [
    Cloud,
    string,
    string,
    string,
    string,
    string,
  ];
  return { cloud, type, kinds: kinds.split(',') as StatefulKind[], what, onReplace, onDelete };
});

describe('stateful and connection-bearing resource table', () => {
  test('every entry, both clouds, in order: kinds, what it is, what replacing and deleting mean', () => {
    expect(STATEFUL_RESOURCES).toEqual(STATEFUL_TABLE);
  });

  test.each(STATEFUL_TABLE.map((r) => [r.cloud, r.type, r] as const))(
    '%s %s: looked up by cloud and type, impact per action',
    (cloud, type, entry) => {
      expect(statefulResource(cloud, type)).toEqual(entry);
      expect(isStateful(cloud, type)).toBe(true);
      expect(statefulImpact(cloud, type)).toBe(entry.onReplace);
      expect(statefulImpact(cloud, type, 'replace')).toBe(entry.onReplace);
      expect(statefulImpact(cloud, type, 'delete')).toBe(entry.onDelete);
    },
  );

  test('a type of the other cloud, or no stateful type, is not stateful', () => {
    expect(statefulResource('azure', 'AWS::S3::Bucket')).toBeUndefined();
    expect(statefulResource('aws', 'azurerm_virtual_hub')).toBeUndefined();
    expect(isStateful('azure', 'AWS::S3::Bucket')).toBe(false);
    expect(isStateful('aws', 'AWS::EC2::Route')).toBe(false);
    expect(statefulImpact('aws', 'AWS::EC2::Route')).toBeUndefined();
    expect(statefulImpact('aws', 'AWS::EC2::Route', 'delete')).toBeUndefined();
  });

  test('replacementClass: a stateful type blocks with its own impact, another warns with the one given', () => {
    expect(replacementClass('aws', 'AWS::S3::Bucket', 'unused')).toEqual({
      severity: 'block',
      category: 'replacement',
      rule: 'stateful-replaced',
      userImpact:
        'a new, empty bucket: the audit trail continues elsewhere and the archive history stays in (or is lost with) the old bucket',
    });
    expect(replacementClass('azure', 'azurerm_subnet', 'the subnet gets a new ID')).toEqual({
      severity: 'warn',
      category: 'replacement',
      rule: 'resource-replaced',
      userImpact: 'the subnet gets a new ID',
    });
  });
});

function endpoint(properties: Json = {}): Json {
  return {
    Endpoint: {
      Type: 'AWS::EC2::ClientVpnEndpoint',
      Properties: {
        ClientCidrBlock: '10.64.0.0/14',
        DnsServers: ['10.0.0.2'],
        ClientConnectOptions: { Enabled: true, LambdaFunctionArn: 'arn:fn:1' },
        Description: 'remote access',
        ...properties,
      },
    },
  };
}

function table(key: string, name?: string, deletionPolicy?: string): Json {
  return {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      ...(name ? { TableName: name } : {}),
      KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
    },
    ...(deletionPolicy ? { DeletionPolicy: deletionPolicy } : {}),
  };
}

function queue(fifo: boolean, deletionPolicy?: string): Json {
  return {
    Type: 'AWS::SQS::Queue',
    Properties: { QueueName: 'org-events', FifoQueue: fifo },
    ...(deletionPolicy ? { DeletionPolicy: deletionPolicy } : {}),
  };
}

function crl(list: string): Json {
  return {
    Crl: {
      Type: 'Custom::AWS',
      Properties: {
        ServiceToken: 'arn',
        Update: `{"service":"EC2","action":"ImportClientVpnClientCertificateRevocationList","parameters":{"CertificateRevocationList":"${list}"}}`,
      },
    },
  };
}

const REGISTRY_ON_REPLACE =
  'a new, empty registry: the connect handler denies every device until devices are registered again';
const FIXED_NAME_IMPACT =
  'the deployment fails and rolls back: none of the other changes of this stack are applied';

describe('AWS: stateful replacement', () => {
  test('a create-only property of the Client VPN endpoint: stateful-replaced blocks', () => {
    expect(awsFindings(endpoint(), endpoint({ ClientCidrBlock: '10.112.0.0/14' }))).toEqual([
      {
        ...aws('Endpoint', 'AWS::EC2::ClientVpnEndpoint'),
        action: 'replacement',
        rule: 'stateful-replaced',
        severity: 'block',
        category: 'replacement',
        cause: ['Properties.ClientCidrBlock'],
        message:
          'Client VPN endpoint (remote-access concentrator) Endpoint is replaced (a new resource, then the old one is deleted) because Properties.ClientCidrBlock changed',
        userImpact:
          'every connected user is dropped (up to 66,500 per endpoint, LIMITS.md "AWS Client VPN") and the new endpoint has a new DNS name: every client configuration must be redistributed before users can reconnect',
        id: 'bc4b9af137b53965',
        ...FRESH,
      },
    ]);
  });

  test('a property that may replace a VPC: stateful, "may be" replaced', () => {
    const vpc = (tenancy: string) => ({
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', InstanceTenancy: tenancy } },
    });
    expect(awsFindings(vpc('default'), vpc('dedicated'))).toEqual([
      {
        ...aws('Vpc', 'AWS::EC2::VPC'),
        action: 'may-replace',
        rule: 'stateful-replaced',
        severity: 'block',
        category: 'replacement',
        cause: ['Properties.InstanceTenancy'],
        message:
          'VPC Vpc may be replaced (a new resource, then the old one is deleted) because Properties.InstanceTenancy changed',
        userImpact:
          'everything inside the VPC (Client VPN associations, directories, resolver endpoints, attachments) is re-created',
        id: '2f837524f34199ca',
        ...FRESH,
      },
    ]);
  });

  test('a resource that is not stateful: resource-replaced warns, named by its type', () => {
    const box = (size: string) => ({
      Box: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: size } },
    });
    expect(awsFindings(box('t3.micro'), box('t3.small'))).toEqual([
      {
        ...aws('Box', 'AWS::EC2::Instance'),
        action: 'may-replace',
        rule: 'resource-replaced',
        severity: 'warn',
        category: 'replacement',
        cause: ['Properties.InstanceType'],
        message:
          'AWS::EC2::Instance Box may be replaced (a new resource, then the old one is deleted) because Properties.InstanceType changed',
        userImpact:
          'the resource gets a new physical ID; CloudFormation updates what refers to it in the same deployment',
        id: '67ca435aa52aeaa7',
        ...FRESH,
      },
    ]);
  });
});

describe('AWS: fixed physical names', () => {
  test('a named table that is replaced: stateful-replaced and fixed-name-replacement, both block', () => {
    const stateful = {
      ...aws('Registry', 'AWS::DynamoDB::Table'),
      action: 'replacement',
      rule: 'stateful-replaced',
      severity: 'block',
      category: 'replacement',
      cause: ['Properties.KeySchema.0.AttributeName'],
      message:
        'DynamoDB table (the device registry the connect handler reads) Registry is replaced (a new resource, then the old one is deleted) because Properties.KeySchema.0.AttributeName changed',
      userImpact: REGISTRY_ON_REPLACE,
      id: 'b4565d76bcd62485',
      ...FRESH,
    };
    expect(
      awsFindings({ Registry: table('serial', 'org-devices') }, { Registry: table('device', 'org-devices') }),
    ).toEqual([
      stateful,
      {
        ...aws('Registry', 'AWS::DynamoDB::Table'),
        action: 'replacement',
        rule: 'fixed-name-replacement',
        severity: 'block',
        category: 'replacement',
        cause: ['Properties.TableName', 'Properties.KeySchema.0.AttributeName'],
        message:
          'Registry is replaced but its name is fixed (TableName); CloudFormation creates the new resource first, the name is still taken, and the stack update fails and rolls back',
        userImpact: FIXED_NAME_IMPACT,
        id: '1476898e09408eb9',
        ...FRESH,
      },
    ]);
    // Without TableName CloudFormation names it: only the stateful finding.
    expect(awsFindings({ Registry: table('serial') }, { Registry: table('device') })).toEqual([stateful]);
  });

  test('a named queue that is replaced: resource-replaced warns, fixed-name-replacement blocks', () => {
    expect(awsFindings({ Queue: queue(false) }, { Queue: queue(true) })).toEqual([
      {
        ...aws('Queue', 'AWS::SQS::Queue'),
        action: 'replacement',
        rule: 'resource-replaced',
        severity: 'warn',
        category: 'replacement',
        cause: ['Properties.FifoQueue'],
        message:
          'AWS::SQS::Queue Queue is replaced (a new resource, then the old one is deleted) because Properties.FifoQueue changed',
        userImpact:
          'the resource gets a new physical ID; CloudFormation updates what refers to it in the same deployment',
        id: '114141300c557660',
        ...FRESH,
      },
      {
        ...aws('Queue', 'AWS::SQS::Queue'),
        action: 'replacement',
        rule: 'fixed-name-replacement',
        severity: 'block',
        category: 'replacement',
        cause: ['Properties.QueueName', 'Properties.FifoQueue'],
        message:
          'Queue is replaced but its name is fixed (QueueName); CloudFormation creates the new resource first, the name is still taken, and the stack update fails and rolls back',
        userImpact: FIXED_NAME_IMPACT,
        id: '5935181e0d26d208',
        ...FRESH,
      },
    ]);
  });
});

describe('AWS: deletion, retention and renames', () => {
  test('deleted: a stateful table blocks with its onDelete, a queue is information', () => {
    expect(awsFindings({ Registry: table('serial'), Queue: queue(false) }, {})).toEqual([
      {
        ...aws('Registry', 'AWS::DynamoDB::Table'),
        action: 'delete',
        rule: 'stateful-deleted',
        severity: 'block',
        category: 'deletion',
        cause: ['removed from the template'],
        message: 'DynamoDB table (the device registry the connect handler reads) Registry is deleted',
        userImpact: 'the device registry is lost: the connect handler denies every device',
        id: 'b1b4d0d2ac4f7c44',
        ...FRESH,
      },
      {
        ...aws('Queue', 'AWS::SQS::Queue'),
        action: 'delete',
        rule: 'resource-deleted',
        severity: 'info',
        category: 'deletion',
        cause: ['removed from the template'],
        message: 'AWS::SQS::Queue Queue is deleted',
        userImpact: 'the resource is deleted',
        id: '604fb52ad428786c',
        ...FRESH,
      },
    ]);
  });

  test('retained (Retain, RetainExceptOnCreate): orphaned, stateful warns, other is information', () => {
    const kept =
      'nothing changes for users now; the resource keeps running and costing unmanaged until someone deletes it';
    expect(
      awsFindings(
        { Registry: table('serial', undefined, 'Retain'), Queue: queue(false, 'RetainExceptOnCreate') },
        {},
      ),
    ).toEqual([
      {
        ...aws('Registry', 'AWS::DynamoDB::Table'),
        action: 'orphan',
        rule: 'stateful-orphaned',
        severity: 'warn',
        category: 'deletion',
        cause: ['DeletionPolicy: Retain'],
        message:
          'DynamoDB table (the device registry the connect handler reads) Registry leaves the stack but is retained in the account (no longer managed)',
        userImpact: kept,
        id: 'fcfa25b0ed6fd94a',
        ...FRESH,
      },
      {
        ...aws('Queue', 'AWS::SQS::Queue'),
        action: 'orphan',
        rule: 'resource-orphaned',
        severity: 'info',
        category: 'deletion',
        cause: ['DeletionPolicy: Retain'],
        message: 'AWS::SQS::Queue Queue leaves the stack but is retained in the account (no longer managed)',
        userImpact: kept,
        id: '38a4e768b3eb3933',
        ...FRESH,
      },
    ]);
  });

  test('a DeletionPolicy Delete or Snapshot is a delete, not an orphan', () => {
    for (const policy of ['Delete', 'Snapshot'])
      expect(
        awsFindings({ Queue: queue(false, policy) }, {}).map((f) => [f.rule, f.action, f.severity]),
      ).toEqual([['resource-deleted', 'delete', 'info']]);
  });

  test('a stateful table under a new logical ID: stateful-renamed, deleted or abandoned', () => {
    const renamed = (verb: string) => ({
      ...aws('Registry', 'AWS::DynamoDB::Table'),
      action: 'replacement',
      rule: 'stateful-renamed',
      severity: 'block',
      category: 'replacement',
      cause: ['logical ID Registry -> Devices'],
      message: `DynamoDB table (the device registry the connect handler reads) Registry is renamed to Devices: CloudFormation creates Devices as a new resource and ${verb} Registry`,
      userImpact: REGISTRY_ON_REPLACE,
      id: '0f8a61cffb97038c',
      ...FRESH,
    });
    expect(awsFindings({ Registry: table('serial') }, { Devices: table('serial') })).toEqual([
      renamed('deletes'),
    ]);
    expect(
      awsFindings(
        { Registry: table('serial', undefined, 'Retain') },
        { Devices: table('serial', undefined, 'Retain') },
      ),
    ).toEqual([renamed('abandons (retains, unmanaged)')]);
  });
});

describe('AWS: session rules on in-place updates', () => {
  test('DnsServers: drops every session (cited)', () => {
    expect(awsFindings(endpoint(), endpoint({ DnsServers: ['10.0.0.3'] }))).toEqual([
      {
        ...aws('Endpoint', 'AWS::EC2::ClientVpnEndpoint'),
        action: 'interruption',
        rule: 'session-client-vpn-dns-servers',
        severity: 'warn',
        category: 'interruption',
        cause: ['Properties.DnsServers.0'],
        message:
          'Endpoint is updated in place, but changing the DNS servers of a Client VPN endpoint resets every existing client connection (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html: "Modifying the DNS server resets existing client connections.")',
        userImpact: 'connected users are disconnected and must reconnect',
        id: 'aef5250b9e294ec9',
        ...FRESH,
      },
    ]);
  });

  test('the connect handler: the exception that keeps sessions, new connections only', () => {
    expect(
      awsFindings(
        endpoint(),
        endpoint({ ClientConnectOptions: { Enabled: true, LambdaFunctionArn: 'arn:fn:2' } }),
      ),
    ).toEqual([
      {
        ...aws('Endpoint', 'AWS::EC2::ClientVpnEndpoint'),
        action: 'interruption',
        rule: 'session-client-vpn-connect-handler',
        severity: 'warn',
        category: 'interruption',
        cause: ['Properties.ClientConnectOptions.LambdaFunctionArn'],
        message:
          'Endpoint is updated in place, but the client connect handler changes: existing sessions stay, but every new connection is authorised by the new handler, and a throttled or failing handler denies it (LIMITS.md "AWS Client VPN" (handler called synchronously, 30 s timeout, errors deny the connection); https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html: "ClientConnectOptions: The options for managing connection authorization for new client connections.")',
        userImpact: 'existing sessions stay; every new connection depends on the changed configuration',
        id: 'f4ba703b7a3006b7',
        ...FRESH,
      },
    ]);
  });

  test('a description change of the endpoint raises nothing', () => {
    expect(awsFindings(endpoint(), endpoint({ Description: 'changed' }))).toEqual([]);
  });

  test('a CRL re-import custom resource: its handler update and the session reset', () => {
    expect(awsFindings(crl('crl-1'), crl('crl-2'))).toEqual([
      {
        ...aws('Crl', 'Custom::AWS'),
        action: 'update',
        rule: 'custom-resource-update',
        severity: 'warn',
        category: 'interruption',
        cause: ['Properties.Update'],
        message:
          'custom resource Crl changes, so CloudFormation runs its handler with Update, which calls EC2 ImportClientVpnClientCertificateRevocationList again with the new parameters',
        userImpact:
          'the revocation list is re-imported: AWS resets every existing connection of the endpoint',
        id: '9c5857a146c742d9',
        ...FRESH,
      },
      {
        ...aws('Crl', 'Custom::AWS'),
        action: 'interruption',
        rule: 'session-client-vpn-crl-import',
        severity: 'warn',
        category: 'interruption',
        cause: ['Properties.Update'],
        message:
          'Crl is updated in place, but the custom resource re-imports the client certificate revocation list on update, which resets every existing client connection of the endpoint (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportClientVpnClientCertificateRevocationList.html: "Uploading a client certificate revocation list resets existing client connections.")',
        userImpact: 'connected users are disconnected and must reconnect',
        id: 'b13294aeb77614c1',
        ...FRESH,
      },
    ]);
  });
});

function circuit(attributes: Json = {}): Json {
  return {
    azurerm_express_route_circuit: {
      circuit: {
        name: 'erc-tokyo',
        location: 'japaneast',
        resource_group_name: 'rg',
        service_provider_name: 'IIJ',
        peering_location: 'Tokyo',
        bandwidth_in_mbps: 1000,
        ...attributes,
      },
    },
  };
}

function p2s(attributes: Json = {}): Json {
  return {
    azurerm_point_to_site_vpn_gateway: {
      gateway: {
        name: 'p2s',
        scale_unit: 10,
        dns_servers: ['10.0.0.4'],
        connection_configuration: [
          { name: 'users', vpn_client_address_pool: [{ address_prefixes: ['10.96.0.0/18'] }] },
        ],
        tags: { owner: 'ict' },
        ...attributes,
      },
    },
  };
}

const CIRCUIT_ON_REPLACE =
  'a new service key: the provider (e.g. IIJ) must provision the circuit again (days to weeks); private and Microsoft peering traffic stops meanwhile and billing starts again';
const P2S_DOWNTIME = 'the gateway takes no connections for a while: its users are disconnected';

describe('Azure: stateful replacement, deletion and renames', () => {
  const replaced = (cause: string, id: string) => ({
    ...azure('azurerm_express_route_circuit.circuit', 'azurerm_express_route_circuit'),
    action: 'replacement',
    rule: 'stateful-replaced',
    severity: 'block',
    category: 'replacement',
    cause: [cause],
    message: `ExpressRoute circuit azurerm_express_route_circuit.circuit is replaced (destroyed, then created) because ${cause} changed`,
    userImpact: CIRCUIT_ON_REPLACE,
    id,
    ...FRESH,
  });

  test('a ForceNew attribute of the circuit: stateful-replaced blocks', () => {
    expect(azureFindings(circuit(), circuit({ peering_location: 'Osaka' }))).toEqual([
      replaced('peering_location', '5c443127e0fb841b'),
    ]);
  });

  test('bandwidth: shrinking replaces the circuit, growing and keeping it do not', () => {
    expect(azureFindings(circuit(), circuit({ bandwidth_in_mbps: 500 }))).toEqual([
      replaced('bandwidth_in_mbps', 'a8173debb67c92b3'),
    ]);
    expect(azureFindings(circuit(), circuit({ bandwidth_in_mbps: 2000 }))).toEqual([]);
  });

  test('a type the ForceNew table does not list: may be replaced, and the message says why', () => {
    const vm = (size: string) => ({ azurerm_linux_virtual_machine: { vm: { name: 'vm', size } } });
    expect(azureFindings(vm('a'), vm('b'))).toEqual([
      {
        ...azure('azurerm_linux_virtual_machine.vm', 'azurerm_linux_virtual_machine'),
        action: 'may-replace',
        rule: 'resource-replaced',
        severity: 'warn',
        category: 'replacement',
        cause: ['size'],
        message:
          'azurerm_linux_virtual_machine azurerm_linux_virtual_machine.vm may be replaced (destroyed, then created) because size changed and the ForceNew table does not list this type',
        userImpact: 'the resource gets a new ID; Terraform re-creates it in the same apply',
        id: '19bdcb57f87f42bc',
        ...FRESH,
      },
    ]);
  });

  test('destroyed: the circuit blocks with its onDelete, an alert is information', () => {
    const base = {
      ...circuit(),
      azurerm_monitor_metric_alert: { alert: { name: 'a', resource_group_name: 'rg', scopes: ['x'] } },
    };
    expect(azureFindings(base, {})).toEqual([
      {
        ...azure('azurerm_express_route_circuit.circuit', 'azurerm_express_route_circuit'),
        action: 'delete',
        rule: 'stateful-deleted',
        severity: 'block',
        category: 'deletion',
        cause: ['removed from the configuration'],
        message: 'ExpressRoute circuit azurerm_express_route_circuit.circuit is destroyed',
        userImpact: 'the provisioned circuit is released; private and Microsoft peering traffic stops',
        id: '99f38c7dee311015',
        ...FRESH,
      },
      {
        ...azure('azurerm_monitor_metric_alert.alert', 'azurerm_monitor_metric_alert'),
        action: 'delete',
        rule: 'resource-deleted',
        severity: 'info',
        category: 'deletion',
        cause: ['removed from the configuration'],
        message: 'azurerm_monitor_metric_alert azurerm_monitor_metric_alert.alert is destroyed',
        userImpact: 'the resource is destroyed',
        id: 'c5207b0e03787fce',
        ...FRESH,
      },
    ]);
  });

  test('a new address with no moved block: stateful-renamed', () => {
    const head = {
      azurerm_express_route_circuit: { circuit_tokyo: circuit().azurerm_express_route_circuit.circuit },
    };
    expect(azureFindings(circuit(), head)).toEqual([
      {
        ...azure('azurerm_express_route_circuit.circuit', 'azurerm_express_route_circuit'),
        action: 'replacement',
        rule: 'stateful-renamed',
        severity: 'block',
        category: 'replacement',
        cause: [
          'address azurerm_express_route_circuit.circuit -> azurerm_express_route_circuit.circuit_tokyo',
        ],
        message:
          'ExpressRoute circuit azurerm_express_route_circuit.circuit is renamed to azurerm_express_route_circuit.circuit_tokyo with no `moved` block: Terraform destroys it and creates a new one',
        userImpact: CIRCUIT_ON_REPLACE,
        id: '299299fb90347d4b',
        ...FRESH,
      },
    ]);
  });
});

describe('Azure: session rules of the point-to-site gateway and server configuration', () => {
  test('scale units: downtime (cited)', () => {
    expect(azureFindings(p2s(), p2s({ scale_unit: 20 }))).toEqual([
      {
        ...azure('azurerm_point_to_site_vpn_gateway.gateway', 'azurerm_point_to_site_vpn_gateway'),
        action: 'interruption',
        rule: 'session-p2s-scale-unit',
        severity: 'warn',
        category: 'interruption',
        cause: ['scale_unit'],
        message:
          'azurerm_point_to_site_vpn_gateway.gateway is updated in place, but changing the scale units of a point-to-site gateway causes downtime for its users (LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq: "Changing scale units or the point-to-site configuration causes downtime: plan it.")',
        userImpact: P2S_DOWNTIME,
        id: '4e9d8389431364d6',
        ...FRESH,
      },
    ]);
  });

  test('an address pool change (with a tag change, left out of the cause): downtime', () => {
    const head = p2s({
      connection_configuration: [
        { name: 'users', vpn_client_address_pool: [{ address_prefixes: ['10.97.0.0/18'] }] },
      ],
      tags: { owner: 'net' },
    });
    expect(azureFindings(p2s(), head)).toEqual([
      {
        ...azure('azurerm_point_to_site_vpn_gateway.gateway', 'azurerm_point_to_site_vpn_gateway'),
        action: 'interruption',
        rule: 'session-p2s-connection-configuration',
        severity: 'warn',
        category: 'interruption',
        cause: ['connection_configuration.0.vpn_client_address_pool.0.address_prefixes.0'],
        message:
          'azurerm_point_to_site_vpn_gateway.gateway is updated in place, but changing the point-to-site configuration (connection configurations, client address pools, routes, DNS servers) causes downtime for the gateway\'s users (LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; https://learn.microsoft.com/azure/virtual-wan/point-to-site-concepts: "Changing scale units or the point-to-site configuration causes downtime: plan it.")',
        userImpact: P2S_DOWNTIME,
        id: 'd2d1bc71c797c1f8',
        ...FRESH,
      },
    ]);
  });

  test('tags only: nothing', () => {
    expect(azureFindings(p2s(), p2s({ tags: { owner: 'net' } }))).toEqual([]);
  });

  test('a RADIUS server of the server configuration: downtime for every gateway that uses it', () => {
    const config = (address: string) => ({
      azurerm_vpn_server_configuration: {
        config: {
          name: 'vpnsc',
          vpn_authentication_types: ['Radius'],
          radius: [{ server: [{ address, secret: 's', score: 1 }] }],
        },
      },
    });
    expect(azureFindings(config('10.0.0.1'), config('10.0.0.2'))).toEqual([
      {
        ...azure('azurerm_vpn_server_configuration.config', 'azurerm_vpn_server_configuration'),
        action: 'interruption',
        rule: 'session-p2s-server-configuration',
        severity: 'warn',
        category: 'interruption',
        cause: ['radius.0.server.0.address'],
        message:
          'azurerm_vpn_server_configuration.config is updated in place, but changing the point-to-site server configuration (authentication types, protocols, Entra ID, root certificates) causes downtime for every gateway that uses it; clients may need a new profile (LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; https://learn.microsoft.com/azure/virtual-wan/point-to-site-concepts: "Changing scale units or the point-to-site configuration causes downtime: plan it.")',
        userImpact: P2S_DOWNTIME,
        id: '71b0484fb8453783',
        ...FRESH,
      },
    ]);
  });
});

const MODIFY_CLIENT_VPN = {
  source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html',
  quote: 'Modifying the DNS server resets existing client connections.',
};
const P2S_QUOTE = 'Changing scale units or the point-to-site configuration causes downtime: plan it.';

const DNS_RULE = {
  id: 'client-vpn-dns-servers',
  cloud: 'aws',
  type: 'AWS::EC2::ClientVpnEndpoint',
  paths: ['Properties.DnsServers'],
  effect: 'drops-sessions',
  message: 'changing the DNS servers of a Client VPN endpoint resets every existing client connection',
  citation: MODIFY_CLIENT_VPN,
};
const CRL_RULE = {
  id: 'client-vpn-crl-import',
  cloud: 'aws',
  type: 'Custom::AWS',
  paths: [],
  when: expect.any(Function),
  effect: 'drops-sessions',
  message:
    'the custom resource re-imports the client certificate revocation list on update, which resets every existing client connection of the endpoint',
  citation: {
    source:
      'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportClientVpnClientCertificateRevocationList.html',
    quote: 'Uploading a client certificate revocation list resets existing client connections.',
  },
};
const CONNECT_RULE = {
  id: 'client-vpn-connect-handler',
  cloud: 'aws',
  type: 'AWS::EC2::ClientVpnEndpoint',
  paths: ['Properties.ClientConnectOptions'],
  effect: 'new-connections',
  message:
    'the client connect handler changes: existing sessions stay, but every new connection is authorised by the new handler, and a throttled or failing handler denies it',
  citation: {
    source:
      'LIMITS.md "AWS Client VPN" (handler called synchronously, 30 s timeout, errors deny the connection); https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html',
    quote:
      'ClientConnectOptions: The options for managing connection authorization for new client connections.',
  },
};
const SCALE_RULE = {
  id: 'p2s-scale-unit',
  cloud: 'azure',
  type: 'azurerm_point_to_site_vpn_gateway',
  paths: ['scale_unit'],
  effect: 'downtime',
  message: 'changing the scale units of a point-to-site gateway causes downtime for its users',
  citation: {
    source:
      'LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq',
    quote: P2S_QUOTE,
  },
};
const P2S_CONFIG_RULE = {
  id: 'p2s-connection-configuration',
  cloud: 'azure',
  type: 'azurerm_point_to_site_vpn_gateway',
  paths: ['connection_configuration', 'dns_servers'],
  effect: 'downtime',
  message:
    "changing the point-to-site configuration (connection configurations, client address pools, routes, DNS servers) causes downtime for the gateway's users",
  citation: {
    source:
      'LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; https://learn.microsoft.com/azure/virtual-wan/point-to-site-concepts',
    quote: P2S_QUOTE,
  },
};
const SERVER_RULE = {
  id: 'p2s-server-configuration',
  cloud: 'azure',
  type: 'azurerm_vpn_server_configuration',
  paths: [
    'vpn_authentication_types',
    'vpn_protocols',
    'azure_active_directory_authentication',
    'client_root_certificate',
    'radius',
    'ipsec_policy',
  ],
  effect: 'downtime',
  message:
    'changing the point-to-site server configuration (authentication types, protocols, Entra ID, root certificates) causes downtime for every gateway that uses it; clients may need a new profile',
  citation: {
    source:
      'LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; https://learn.microsoft.com/azure/virtual-wan/point-to-site-concepts',
    quote: P2S_QUOTE,
  },
};

const ENDPOINT = 'AWS::EC2::ClientVpnEndpoint';
const GATEWAY = 'azurerm_point_to_site_vpn_gateway';
const SERVER = 'azurerm_vpn_server_configuration';
const CRL_PROPERTIES = { Update: '{"action":"ImportClientVpnClientCertificateRevocationList"}' };

describe('session rules', () => {
  test('the table, in order', () => {
    expect(SESSION_RULES).toEqual([
      DNS_RULE,
      CRL_RULE,
      CONNECT_RULE,
      SCALE_RULE,
      P2S_CONFIG_RULE,
      SERVER_RULE,
    ]);
  });

  test('Client VPN endpoint: DNS servers drop sessions, at, below and above the path, any index form', () => {
    for (const path of [
      'Properties.DnsServers',
      'Properties.DnsServers.0',
      'Properties.DnsServers[1]',
      'Properties[0].DnsServers',
      'Properties.0.DnsServers',
    ])
      expect({ path, rules: sessionRulesFor('aws', ENDPOINT, [path]) }).toEqual({ path, rules: [DNS_RULE] });
    // `Properties` as a whole contains both rules' paths.
    expect(sessionRulesFor('aws', ENDPOINT, ['Properties'])).toEqual([DNS_RULE, CONNECT_RULE]);
    expect(
      sessionRulesFor('aws', ENDPOINT, ['Properties.ClientConnectOptions', 'Properties.DnsServers']),
    ).toEqual([DNS_RULE, CONNECT_RULE]);
  });

  test('Client VPN endpoint: the connect handler is the new-connections exception', () => {
    expect(sessionRulesFor('aws', ENDPOINT, ['Properties.ClientConnectOptions.LambdaFunctionArn'])).toEqual([
      CONNECT_RULE,
    ]);
    expect(sessionRulesFor('aws', ENDPOINT, ['Properties.ClientConnectOptions'])).toEqual([CONNECT_RULE]);
  });

  test('Client VPN endpoint: other properties, a name that only starts like a rule path, tags: nothing', () => {
    for (const path of [
      'Properties.Description',
      'Properties.SplitTunnel',
      'Properties.DnsServersV6',
      'Properties.ClientConnectOptionsX',
      'Properties.Tags',
      'Properties.Tags.0.Value',
      'Properties.TagSpecifications',
      'Properties.DnsServer',
    ])
      expect({ path, rules: sessionRulesFor('aws', ENDPOINT, [path]) }).toEqual({ path, rules: [] });
    expect(sessionRulesFor('aws', ENDPOINT, [])).toEqual([]);
  });

  test('the cloud and the type must both match', () => {
    expect(sessionRulesFor('azure', ENDPOINT, ['Properties.DnsServers'])).toEqual([]);
    expect(sessionRulesFor('aws', 'AWS::EC2::VPNConnection', ['Properties.DnsServers'])).toEqual([]);
    expect(sessionRulesFor('aws', GATEWAY, ['scale_unit'])).toEqual([]);
  });

  test('CRL import: any non-tag change of a custom resource that calls the API', () => {
    expect(sessionRulesFor('aws', 'Custom::AWS', ['Properties.Update'], CRL_PROPERTIES)).toEqual([CRL_RULE]);
    expect(sessionRulesFor('aws', 'Custom::AWS', ['Properties.TagsNote'], CRL_PROPERTIES)).toEqual([
      CRL_RULE,
    ]);
    // Tags alone, no change at all, another API, no properties: nothing.
    expect(sessionRulesFor('aws', 'Custom::AWS', ['Properties.Tags'], CRL_PROPERTIES)).toEqual([]);
    expect(sessionRulesFor('aws', 'Custom::AWS', ['Tags.0'], CRL_PROPERTIES)).toEqual([]);
    expect(sessionRulesFor('aws', 'Custom::AWS', [], CRL_PROPERTIES)).toEqual([]);
    expect(
      sessionRulesFor('aws', 'Custom::AWS', ['Properties.Update'], {
        Update: '{"action":"DescribeClientVpnEndpoints"}',
      }),
    ).toEqual([]);
    expect(sessionRulesFor('aws', 'Custom::AWS', ['Properties.Update'])).toEqual([]);
    expect(sessionRulesFor('aws', 'Custom::AWS', ['Properties.Update'], null)).toEqual([]);
  });

  test('point-to-site gateway: scale units, connection configuration and DNS servers, each its rule', () => {
    expect(sessionRulesFor('azure', GATEWAY, ['scale_unit'])).toEqual([SCALE_RULE]);
    expect(
      sessionRulesFor('azure', GATEWAY, [
        'connection_configuration.0.vpn_client_address_pool.0.address_prefixes',
      ]),
    ).toEqual([P2S_CONFIG_RULE]);
    expect(
      sessionRulesFor('azure', GATEWAY, ['connection_configuration[0].route[0].associated_route_table_id']),
    ).toEqual([P2S_CONFIG_RULE]);
    expect(sessionRulesFor('azure', GATEWAY, ['dns_servers.1'])).toEqual([P2S_CONFIG_RULE]);
    expect(sessionRulesFor('azure', GATEWAY, ['dns_servers', 'scale_unit'])).toEqual([
      SCALE_RULE,
      P2S_CONFIG_RULE,
    ]);
    for (const path of ['tags', 'tags.owner', 'scale_units', 'routing_preference_internet_enabled'])
      expect({ path, rules: sessionRulesFor('azure', GATEWAY, [path]) }).toEqual({ path, rules: [] });
  });

  test('point-to-site server configuration: each listed block, nothing else', () => {
    for (const path of [
      'vpn_authentication_types.0',
      'vpn_protocols',
      'azure_active_directory_authentication.0.tenant',
      'client_root_certificate.1.public_cert_data',
      'radius.0.server.0.address',
      'ipsec_policy.0.dh_group',
    ])
      expect({ path, rules: sessionRulesFor('azure', SERVER, [path]) }).toEqual({
        path,
        rules: [SERVER_RULE],
      });
    for (const path of ['revoked_certificate', 'name', 'tags.owner'])
      expect({ path, rules: sessionRulesFor('azure', SERVER, [path]) }).toEqual({ path, rules: [] });
  });
});

describe('physical names', () => {
  test('the table of name properties', () => {
    expect(PHYSICAL_NAME_PROPERTIES).toEqual({
      'AWS::S3::Bucket': 'BucketName',
      'AWS::DynamoDB::Table': 'TableName',
      'AWS::Logs::LogGroup': 'LogGroupName',
      'AWS::Logs::LogStream': 'LogStreamName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
      'AWS::IAM::User': 'UserName',
      'AWS::IAM::Group': 'GroupName',
      'AWS::IAM::InstanceProfile': 'InstanceProfileName',
      'AWS::IAM::SAMLProvider': 'Name',
      'AWS::IAM::OIDCProvider': 'Url',
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::Lambda::Alias': 'Name',
      'AWS::KMS::Alias': 'AliasName',
      'AWS::SNS::Topic': 'TopicName',
      'AWS::SQS::Queue': 'QueueName',
      'AWS::SecretsManager::Secret': 'Name',
      'AWS::CloudTrail::Trail': 'TrailName',
      'AWS::CloudWatch::Alarm': 'AlarmName',
      'AWS::CloudWatch::Dashboard': 'DashboardName',
      'AWS::EC2::SecurityGroup': 'GroupName',
      'AWS::Events::Rule': 'Name',
      'AWS::StepFunctions::StateMachine': 'StateMachineName',
      'AWS::ECR::Repository': 'RepositoryName',
      'AWS::SSM::Parameter': 'Name',
    });
  });

  test('physicalNameProperty: the property of a listed type, nothing for another', () => {
    expect(physicalNameProperty('AWS::Logs::LogGroup')).toBe('LogGroupName');
    expect(physicalNameProperty('AWS::EC2::ClientVpnEndpoint')).toBeUndefined();
  });

  test('hasFixedPhysicalName: only a listed type whose name property is set', () => {
    expect(hasFixedPhysicalName('AWS::S3::Bucket', { BucketName: 'org-audit' })).toBe(true);
    expect(hasFixedPhysicalName('AWS::S3::Bucket', { BucketName: '' })).toBe(true);
    expect(hasFixedPhysicalName('AWS::S3::Bucket', { VersioningConfiguration: {} })).toBe(false);
    expect(hasFixedPhysicalName('AWS::S3::Bucket', { BucketName: undefined })).toBe(false);
    expect(hasFixedPhysicalName('AWS::S3::Bucket', undefined)).toBe(false);
    expect(hasFixedPhysicalName('AWS::EC2::ClientVpnEndpoint', { Name: 'x', BucketName: 'x' })).toBe(false);
  });
});

describe('azurerm ForceNew lookup', () => {
  test('normaliseAttributePath: indexes dropped in every form, names with digits kept', () => {
    expect(normaliseAttributePath('connection_configuration[0].name')).toBe('connection_configuration.name');
    expect(normaliseAttributePath('connection_configuration.0.name')).toBe('connection_configuration.name');
    expect(normaliseAttributePath(['connection_configuration', 0, 'name'])).toBe(
      'connection_configuration.name',
    );
    expect(normaliseAttributePath(['a', '12', 'b'])).toBe('a.b');
    expect(normaliseAttributePath('a[10][2].b..c.')).toBe('a.b.c');
    expect(normaliseAttributePath('instance_0_bgp.1x.x1')).toBe('instance_0_bgp.1x.x1');
    expect(normaliseAttributePath('[0]')).toBe('');
    expect(normaliseAttributePath([])).toBe('');
  });

  test('a forcing attribute, a non-forcing one, an unknown type', () => {
    expect(azurermForcesNew(GATEWAY, 'vpn_server_configuration_id')).toBe(true);
    expect(azurermForcesNew(GATEWAY, 'scale_unit')).toBe(false);
    expect(azurermForcesNew('azurerm_linux_virtual_machine', 'name')).toBeUndefined();
    expect(azurermForcesNew('azurerm_linux_virtual_machine', '')).toBeUndefined();
  });

  test('an empty path is no replacement', () => {
    expect(azurermForcesNew(GATEWAY, '')).toBe(false);
    expect(azurermForcesNew(GATEWAY, '[0]')).toBe(false);
  });

  test('nested block paths: the attribute itself, a block containing it, an attribute inside a forcing block', () => {
    expect(azurermForcesNew(GATEWAY, 'connection_configuration.0.internet_security_enabled')).toBe(true);
    expect(azurermForcesNew(GATEWAY, 'connection_configuration')).toBe(true);
    expect(azurermForcesNew(GATEWAY, 'connection_configuration.0.name')).toBe(false);
    expect(azurermForcesNew('azurerm_firewall', 'management_ip_configuration.0.public_ip_address_id')).toBe(
      true,
    );
    expect(azurermForcesNew('azurerm_firewall', 'ip_configuration.0.public_ip_address_id')).toBe(false);
    expect(azurermForcesNew('azurerm_vpn_gateway', 'bgp_settings.0.instance_0_bgp_peering_address')).toBe(
      false,
    );
    expect(azurermForcesNew('azurerm_vpn_gateway', ['bgp_settings', 0, 'asn'])).toBe(true);
  });

  test('names that only share a prefix with a forcing attribute do not force', () => {
    expect(azurermForcesNew('azurerm_vpn_gateway', 'routing_preference_x')).toBe(false);
    expect(azurermForcesNew('azurerm_vpn_gateway', 'routing')).toBe(false);
    expect(azurermForcesNew(GATEWAY, 'connection_configurations')).toBe(false);
  });

  test('conditional replacements: a provider condition is assumed to replace, a decrease is not (yet)', () => {
    expect(azurermForcesNew('azurerm_log_analytics_workspace', 'sku')).toBe(true);
    expect(azurermForcesNew('azurerm_log_analytics_workspace', 'sku.0.name')).toBe(true);
    expect(azurermForcesNew('azurerm_log_analytics_workspace', 'retention_in_days')).toBe(false);
    expect(azurermForcesNew('azurerm_public_ip', 'domain_name_label_scope')).toBe(true);
    expect(azurermForcesNew('azurerm_express_route_circuit', 'bandwidth_in_mbps')).toBe(false);
  });

  test('azurermReplacesOnChange: a decrease replaces, equal or larger does not, unreadable numbers do', () => {
    const circuitType = 'azurerm_express_route_circuit';
    expect(azurermReplacesOnChange(circuitType, 'bandwidth_in_mbps', 1000, 500)).toBe(true);
    expect(azurermReplacesOnChange(circuitType, 'bandwidth_in_mbps', 1000, 999)).toBe(true);
    expect(azurermReplacesOnChange(circuitType, 'bandwidth_in_mbps', 1000, 1000)).toBe(false);
    expect(azurermReplacesOnChange(circuitType, 'bandwidth_in_mbps', 1000, 1001)).toBe(false);
    expect(azurermReplacesOnChange(circuitType, ['bandwidth_in_mbps'], '2000', '1000')).toBe(true);
    expect(azurermReplacesOnChange(circuitType, 'bandwidth_in_mbps', 1000, 'lots')).toBe(true);
    expect(azurermReplacesOnChange(circuitType, 'bandwidth_in_mbps', undefined, 1000)).toBe(true);
    expect(azurermReplacesOnChange(circuitType, 'bandwidth_in_mbps', 1000, Number.POSITIVE_INFINITY)).toBe(
      true,
    );
    // Forcing, in place and unknown answers pass through.
    expect(azurermReplacesOnChange(circuitType, 'peering_location', 'Tokyo', 'Osaka')).toBe(true);
    expect(azurermReplacesOnChange(circuitType, 'allow_classic_operations', false, true)).toBe(false);
    expect(azurermReplacesOnChange('azurerm_log_analytics_workspace', 'sku', 'A', 'B')).toBe(true);
    expect(azurermReplacesOnChange('azurerm_linux_virtual_machine', 'size', 'a', 'b')).toBeUndefined();
  });

  test('the types the table covers, sorted', () => {
    expect(azurermForceNewTypes()).toEqual([
      'azurerm_active_directory_domain_service',
      'azurerm_express_route_circuit',
      'azurerm_express_route_circuit_authorization',
      'azurerm_express_route_circuit_connection',
      'azurerm_express_route_circuit_peering',
      'azurerm_express_route_connection',
      'azurerm_express_route_gateway',
      'azurerm_firewall',
      'azurerm_firewall_policy',
      'azurerm_firewall_policy_rule_collection_group',
      'azurerm_log_analytics_workspace',
      'azurerm_log_analytics_workspace_table',
      'azurerm_monitor_action_group',
      'azurerm_monitor_activity_log_alert',
      'azurerm_monitor_diagnostic_setting',
      'azurerm_monitor_metric_alert',
      'azurerm_network_security_group',
      'azurerm_point_to_site_vpn_gateway',
      'azurerm_public_ip',
      'azurerm_resource_group',
      'azurerm_route_filter',
      'azurerm_subnet',
      'azurerm_subnet_network_security_group_association',
      'azurerm_virtual_hub',
      'azurerm_virtual_hub_connection',
      'azurerm_virtual_hub_route_table',
      'azurerm_virtual_hub_route_table_route',
      'azurerm_virtual_hub_routing_intent',
      'azurerm_virtual_network',
      'azurerm_virtual_wan',
      'azurerm_vpn_gateway',
      'azurerm_vpn_gateway_connection',
      'azurerm_vpn_gateway_nat_rule',
      'azurerm_vpn_server_configuration',
      'azurerm_vpn_server_configuration_policy_group',
      'azurerm_vpn_site',
    ]);
  });
});

const FP = '0123456789abcdef';

/** One acknowledgement in YAML; `over` replaces fields (YAML text), `drop` removes one. */
function ackYaml(over: Record<string, string> = {}, drop?: string): string {
  const fields: Record<string, string> = {
    fingerprint: FP,
    reason: 'maintenance window approved by CAB',
    reference: 'CR-1234',
    expires: '2026-12-31',
    ...over,
  };
  if (drop) delete fields[drop];
  return `  - ${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n    ')}\n`;
}
const acksFile = (...entries: string[]) => `acknowledgements:\n${entries.join('')}`;

describe('parseAcks: valid files', () => {
  test('one acknowledgement, every field', () => {
    expect(parseAcks(acksFile(ackYaml()), 'acks.yaml')).toEqual({
      ok: true,
      file: 'acks.yaml',
      acknowledgements: [
        {
          fingerprint: FP,
          reason: 'maintenance window approved by CAB',
          reference: 'CR-1234',
          expires: '2026-12-31',
        },
      ],
    });
  });

  test('an empty file and a file with only $schema acknowledge nothing', () => {
    expect(parseAcks('', 'a.yaml')).toEqual({ ok: true, file: 'a.yaml', acknowledgements: [] });
    expect(parseAcks('$schema: ./review-acks.schema.json\n', 'a.yaml')).toEqual({
      ok: true,
      file: 'a.yaml',
      acknowledgements: [],
    });
  });

  test('a reason of exactly 10 characters is enough', () => {
    expect(parseAcks(acksFile(ackYaml({ reason: 'abcdefghij' })), 'acks.yaml')).toEqual({
      ok: true,
      file: 'acks.yaml',
      acknowledgements: [
        { fingerprint: FP, reason: 'abcdefghij', reference: 'CR-1234', expires: '2026-12-31' },
      ],
    });
  });
});

/** The issues of a file that must not load. */
function issuesOf(text: string): unknown {
  const load = parseAcks(text, 'acks.yaml');
  if (load.ok) throw new Error('expected the file to be rejected');
  expect(load.file).toBe('acks.yaml');
  return load.issues;
}

/** One issue of a rejected acknowledgements file (every issue there is an error). */
const problem = (path: (string | number)[], message: string, got: unknown, fix: unknown, line: number) => ({
  path,
  message,
  got,
  fix,
  severity: 'error',
  line,
});

const FINGERPRINT_MESSAGE = 'must be the 16-character id of a finding (`id` in the review JSON)';
const FINGERPRINT_FIX = 'write a value that matches /^[0-9a-f]{16}$/';

/*
 * Fixes that come from the shared profile messages (lib/profile/zod-issues.ts) and read wrongly
 * for this file (they point at config/profile.schema.json, or ask for "a value of at least N"
 * for a string length) are matched as any string: the report lists them as suspected bugs.
 */
describe('parseAcks: malformed files, each issue with its field, value, line and fix', () => {
  test.each([
    ['not hex', 'nothex'],
    ['15 characters', '0123456789abcde'],
    ['17 characters', '0123456789abcdef0'],
    ['upper case', '0123456789ABCDEF'],
  ])('fingerprint: %s', (_what, value) => {
    expect(issuesOf(acksFile(ackYaml({ fingerprint: value })))).toEqual([
      problem(['acknowledgements', 0, 'fingerprint'], FINGERPRINT_MESSAGE, value, FINGERPRINT_FIX, 2),
    ]);
  });

  test('fingerprint: a number', () => {
    expect(issuesOf(acksFile(ackYaml({ fingerprint: '1234' })))).toEqual([
      problem(['acknowledgements', 0, 'fingerprint'], 'must be a string', 1234, 'write a string here', 2),
    ]);
  });

  test('reason: 9 characters', () => {
    expect(issuesOf(acksFile(ackYaml({ reason: 'too short' })))).toEqual([
      problem(
        ['acknowledgements', 0, 'reason'],
        'must say why the change is acceptable (at least 10 characters)',
        'too short',
        expect.any(String),
        3,
      ),
    ]);
  });

  test('reference: empty', () => {
    expect(issuesOf(acksFile(ackYaml({ reference: "''" })))).toEqual([
      problem(
        ['acknowledgements', 0, 'reference'],
        'Too small: expected string to have >=1 characters',
        '',
        expect.any(String),
        4,
      ),
    ]);
  });

  test('expires: not YYYY-MM-DD (and so not a date either), or a month 13', () => {
    expect(issuesOf(acksFile(ackYaml({ expires: '31/12/2026' })))).toEqual([
      problem(
        ['acknowledgements', 0, 'expires'],
        'must be a date YYYY-MM-DD',
        '31/12/2026',
        'write a value that matches /^\\d{4}-\\d{2}-\\d{2}$/',
        5,
      ),
      problem(['acknowledgements', 0, 'expires'], 'is not a real date', '31/12/2026', expect.any(String), 5),
    ]);
    expect(issuesOf(acksFile(ackYaml({ expires: '2026-13-01' })))).toEqual([
      problem(['acknowledgements', 0, 'expires'], 'is not a real date', '2026-13-01', expect.any(String), 5),
    ]);
  });

  test('a missing field: reported on the line of its entry', () => {
    expect(issuesOf(acksFile(ackYaml({}, 'reason')))).toEqual([
      problem(['acknowledgements', 0, 'reason'], 'is required', undefined, expect.any(String), 2),
    ]);
  });

  test('an unknown field in an entry, and at the top', () => {
    expect(issuesOf(acksFile(ackYaml({ expiry: '2026-12-31' })))).toEqual([
      problem(['acknowledgements', 0], 'has unknown field expiry', ['expiry'], expect.any(String), 2),
    ]);
    expect(issuesOf('\nacknowledgement: []\n')).toEqual([
      problem([], 'has unknown field acknowledgement', ['acknowledgement'], expect.any(String), 2),
    ]);
  });

  test('wrong shapes: acknowledgements not a list, an entry not a mapping, the file a list', () => {
    expect(issuesOf('acknowledgements: everything\n')).toEqual([
      problem(['acknowledgements'], 'must be an array', 'everything', 'write an array here', 1),
    ]);
    expect(issuesOf('acknowledgements:\n  - just-a-string\n')).toEqual([
      problem(['acknowledgements', 0], 'must be an object', 'just-a-string', 'write an object here', 2),
    ]);
    expect(issuesOf('- a\n')).toEqual([problem([], 'must be an object', ['a'], 'write an object here', 1)]);
  });

  test('a repeated fingerprint names the first entry that has it', () => {
    expect(issuesOf(acksFile(ackYaml(), ackYaml()))).toEqual([
      problem(
        ['acknowledgements', 1, 'fingerprint'],
        'repeats acknowledgements[0]',
        FP,
        'keep one entry per fingerprint',
        6,
      ),
    ]);
    const other = 'fedcba9876543210';
    expect(
      issuesOf(
        acksFile(ackYaml(), ackYaml({ fingerprint: other }), ackYaml({ fingerprint: other }), ackYaml()),
      ),
    ).toEqual([
      problem(
        ['acknowledgements', 2, 'fingerprint'],
        'repeats acknowledgements[1]',
        other,
        'keep one entry per fingerprint',
        10,
      ),
      problem(
        ['acknowledgements', 3, 'fingerprint'],
        'repeats acknowledgements[0]',
        FP,
        'keep one entry per fingerprint',
        14,
      ),
    ]);
  });

  test('fixes point at the acknowledgements schema, and a short text asks for characters', () => {
    const fixes = (text: string) => (issuesOf(text) as { fix: string }[]).map((i) => i.fix);
    expect(fixes(acksFile(ackYaml({}, 'reference')))).toEqual([
      'add the field (a string); see config/review-acks.schema.json',
    ]);
    expect(fixes(acksFile(ackYaml({ reason: 'too short' })))).toEqual(['write at least 10 characters']);
    expect(fixes(acksFile(ackYaml({ reference: '""' })))).toEqual(['write at least 1 character']);
    expect(fixes('acknowledgements: []\nextra: 1\n')).toEqual([
      'remove or correct "extra"; the editor schema config/review-acks.schema.json lists the allowed fields',
    ]);
  });

  test('YAML syntax errors name the line they are on', () => {
    const lines = (text: string) => (issuesOf(text) as { line?: number }[]).map((i) => i.line);
    expect(lines('acknowledgements: [\n')).toEqual([2]);
    expect(lines('a: b\n  c: d\n')).toEqual([1, 1]);
    expect(lines('# acks\nacknowledgements:\n  - id: a: b\n  - id: c\n')).toEqual([3]);
  });

  test('expires: a day the calendar does not have is not a real date; 29 February of a leap year is', () => {
    for (const day of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-00-10', '2026-01-00'])
      expect(issuesOf(acksFile(ackYaml({ expires: day })))).toEqual([
        problem(['acknowledgements', 0, 'expires'], 'is not a real date', day, expect.any(String), 5),
      ]);
    expect(parseAcks(acksFile(ackYaml({ expires: '2028-02-29' })), 'acks.yaml').ok).toBe(true);
  });

  test('YAML syntax errors: every error, its first line, the fix', () => {
    const strip = (issues: unknown) =>
      (issues as { line?: number }[]).map(({ line: _line, ...rest }) => rest);
    expect(strip(issuesOf('acknowledgements: [\n'))).toEqual([
      {
        path: [],
        message:
          'is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        got: undefined,
        fix: 'fix the YAML syntax',
        severity: 'error',
      },
    ]);
    expect(strip(issuesOf('a: b\n  c: d\n'))).toEqual([
      {
        path: [],
        message: 'is not valid YAML: Nested mappings are not allowed in compact mappings',
        got: undefined,
        fix: 'fix the YAML syntax',
        severity: 'error',
      },
      {
        path: [],
        message: 'is not valid YAML: Implicit keys need to be on a single line',
        got: undefined,
        fix: 'fix the YAML syntax',
        severity: 'error',
      },
    ]);
  });
});

describe('loadAcks', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagi-acks-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing file: no acknowledgements when optional, an error naming the path when required', () => {
    const path = join(dir, 'missing.yaml');
    const file = relative(process.cwd(), path);
    expect(loadAcks(path, false)).toEqual({ ok: true, file, acknowledgements: [] });
    expect(loadAcks(path, true)).toEqual({
      ok: false,
      file,
      issues: [
        {
          path: [],
          message: 'does not exist',
          got: path,
          fix: 'pass the path of an existing acknowledgements file',
          severity: 'error',
        },
      ],
    });
  });

  test('an existing file is read and parsed, named relative to the working directory', () => {
    const path = join(dir, 'review-acks.yaml');
    writeFileSync(path, acksFile(ackYaml({ reference: 'CR-9' })));
    expect(loadAcks(path, true)).toEqual({
      ok: true,
      file: relative(process.cwd(), path),
      acknowledgements: [
        {
          fingerprint: FP,
          reason: 'maintenance window approved by CAB',
          reference: 'CR-9',
          expires: '2026-12-31',
        },
      ],
    });
  });
});

describe('dates', () => {
  test('isExpired: the last day still applies, the day after does not', () => {
    const ack: Acknowledgement = {
      fingerprint: FP,
      reason: 'r'.repeat(10),
      reference: 'CR',
      expires: '2026-12-01',
    };
    expect(isExpired(ack, '2026-11-30')).toBe(false);
    expect(isExpired(ack, '2026-12-01')).toBe(false);
    expect(isExpired(ack, '2026-12-02')).toBe(true);
  });

  test('todayUtc: the UTC date of a moment, and of now', () => {
    expect(todayUtc(new Date('2026-03-04T23:59:59.999Z'))).toBe('2026-03-04');
    expect(todayUtc(new Date('2026-03-05T00:00:00Z'))).toBe('2026-03-05');
    expect(todayUtc()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

const INPUT: FindingInput = {
  severity: 'block',
  category: 'replacement',
  rule: 'stateful-replaced',
  ...aws('Endpoint', 'AWS::EC2::ClientVpnEndpoint'),
  action: 'replacement',
  cause: ['Properties.ClientCidrBlock', 'Properties.TransportProtocol'],
  message: 'replaced',
  userImpact: 'every user is dropped',
};

describe('fingerprints and makeFinding', () => {
  test('the id depends on rule, cloud, stack, resource, type, action and the set of causes', () => {
    const { action: _action, ...noAction } = INPUT;
    expect({
      base: fingerprint(INPUT),
      rule: fingerprint({ ...INPUT, rule: 'stateful-renamed' }),
      cloud: fingerprint({ ...INPUT, cloud: 'azure' }),
      stack: fingerprint({ ...INPUT, stack: 'org-prod-remote-access-apse2' }),
      resource: fingerprint({ ...INPUT, resource: 'Endpoint2' }),
      type: fingerprint({ ...INPUT, type: 'AWS::EC2::VPC' }),
      action: fingerprint({ ...INPUT, action: 'may-replace' }),
      noAction: fingerprint(noAction),
      oneCause: fingerprint({ ...INPUT, cause: ['Properties.ClientCidrBlock'] }),
    }).toEqual({
      base: 'a164505ac10d0ab1',
      rule: '642420260db0a8f7',
      cloud: 'eca7a5a6c52c4849',
      stack: '9b6889839c78324c',
      resource: '501d18cb2908b0cb',
      type: '7b8e3be46a90765c',
      action: '2d7c32c3c58881bd',
      noAction: '256ef75d851ed31f',
      oneCause: 'bc4b9af137b53965',
    });
  });

  test('not on the order of causes, the wording or the severity', () => {
    const id = fingerprint(INPUT);
    expect(fingerprint({ ...INPUT, cause: [...INPUT.cause].reverse() })).toBe(id);
    expect(fingerprint({ ...INPUT, message: 'other', userImpact: 'other', severity: 'warn' })).toBe(id);
  });

  test('makeFinding: the input, its id, a copy of the causes, acknowledgeable, not acknowledged', () => {
    const finding = makeFinding(INPUT);
    expect(finding).toEqual({ ...INPUT, id: 'a164505ac10d0ab1', acknowledgeable: true, acknowledged: false });
    expect(finding.cause).not.toBe(INPUT.cause);
  });

  test.each(['capacity-below-target', 'capacity-below-target-during-change', 'tier-all-endpoints-replaced'])(
    '%s cannot be acknowledged',
    (rule) => {
      expect(makeFinding({ ...INPUT, rule }).acknowledgeable).toBe(false);
    },
  );

  test('ReviewInputError: a plain error with its name and message', () => {
    const error = new ReviewInputError('synth/: no such directory');
    expect(error).toBeInstanceOf(ReviewInputError);
    expect(error.name).toBe('ReviewInputError');
    expect(error.message).toBe('synth/: no such directory');
  });
});

const ENDPOINT_FINDING = makeFinding(INPUT);
const OTHER_STACK = makeFinding({ ...INPUT, stack: 'org-prod-remote-access-apse2' });
const OTHER_RESOURCE = makeFinding({ ...INPUT, resource: 'Endpoint2' });
const OTHER_RULE = makeFinding({ ...INPUT, rule: 'fixed-name-replacement' });
const CAPACITY = makeFinding({
  severity: 'block',
  category: 'capacity',
  rule: 'capacity-below-target',
  cloud: 'aws',
  stack: '',
  resource: '',
  type: '',
  cause: [],
  message: 'nominal capacity 36,500 is below the required 50,000',
  userImpact: 'users cannot connect at peak',
});

const ack = (fingerprintOf: string, expires = '2026-12-31', reference = 'CR-1234'): Acknowledgement => ({
  fingerprint: fingerprintOf,
  reason: 'maintenance window approved by CAB',
  reference,
  expires,
});

describe('applyAcks', () => {
  test('an acknowledgement matches the finding of its rule, stack and resource only', () => {
    const findings = [ENDPOINT_FINDING, OTHER_STACK, OTHER_RESOURCE, OTHER_RULE];
    const result = applyAcks(findings, [ack(OTHER_STACK.id)], '2026-12-01');
    expect(result).toEqual({
      findings: [
        ENDPOINT_FINDING,
        {
          ...OTHER_STACK,
          acknowledged: true,
          acknowledgement: {
            reason: 'maintenance window approved by CAB',
            reference: 'CR-1234',
            expires: '2026-12-31',
          },
        },
        OTHER_RESOURCE,
        OTHER_RULE,
      ],
      report: {
        applied: [
          {
            fingerprint: '9b6889839c78324c',
            reason: 'maintenance window approved by CAB',
            reference: 'CR-1234',
            expires: '2026-12-31',
          },
        ],
        expired: [],
        unmatched: [],
        refused: [],
      },
    });
    expect(verdictOf(result.findings)).toBe('block');
    expect(
      verdictOf(
        applyAcks(
          findings,
          findings.map((f) => ack(f.id)),
          '2026-12-01',
        ).findings,
      ),
    ).toBe('pass');
  });

  test('on its last day it applies; the day after it is expired, reported, and the finding blocks', () => {
    expect(
      applyAcks([ENDPOINT_FINDING], [ack(ENDPOINT_FINDING.id, '2026-12-01')], '2026-12-01').report,
    ).toEqual({
      applied: [
        {
          fingerprint: 'a164505ac10d0ab1',
          reason: 'maintenance window approved by CAB',
          reference: 'CR-1234',
          expires: '2026-12-01',
        },
      ],
      expired: [],
      unmatched: [],
      refused: [],
    });
    expect(applyAcks([ENDPOINT_FINDING], [ack(ENDPOINT_FINDING.id, '2026-11-30')], '2026-12-01')).toEqual({
      findings: [ENDPOINT_FINDING],
      report: {
        applied: [],
        expired: [{ fingerprint: 'a164505ac10d0ab1', expires: '2026-11-30', reference: 'CR-1234' }],
        unmatched: [],
        refused: [],
      },
    });
  });

  test('an acknowledgement that matches nothing is unmatched; expired and unmatched, it is expired', () => {
    expect(
      applyAcks(
        [ENDPOINT_FINDING],
        [ack('00000000deadbeef', '2026-12-31', 'CR-1'), ack('00000000cafebabe', '2026-01-01', 'CR-2')],
        '2026-12-01',
      ),
    ).toEqual({
      findings: [ENDPOINT_FINDING],
      report: {
        applied: [],
        expired: [{ fingerprint: '00000000cafebabe', expires: '2026-01-01', reference: 'CR-2' }],
        unmatched: [{ fingerprint: '00000000deadbeef', reference: 'CR-1' }],
        refused: [],
      },
    });
  });

  test('a finding that cannot be acknowledged: refused, with the rule and the message; it still blocks', () => {
    const result = applyAcks([CAPACITY], [ack(CAPACITY.id)], '2026-12-01');
    expect(result).toEqual({
      findings: [CAPACITY],
      report: {
        applied: [],
        expired: [],
        unmatched: [],
        refused: [
          {
            fingerprint: 'e3ccfb03c31cfa0e',
            why: 'capacity-below-target cannot be acknowledged: nominal capacity 36,500 is below the required 50,000',
          },
        ],
      },
    });
    expect(verdictOf(result.findings)).toBe('block');
    // Expired first: an expired acknowledgement of it is only expired.
    expect(applyAcks([CAPACITY], [ack(CAPACITY.id, '2026-01-01')], '2026-12-01').report).toEqual({
      applied: [],
      expired: [{ fingerprint: 'e3ccfb03c31cfa0e', expires: '2026-01-01', reference: 'CR-1234' }],
      unmatched: [],
      refused: [],
    });
  });

  test('two findings with the same fingerprint: both acknowledged, applied reported once', () => {
    const { findings, report } = applyAcks(
      [ENDPOINT_FINDING, ENDPOINT_FINDING],
      [ack(ENDPOINT_FINDING.id)],
      '2026-12-01',
    );
    expect(findings.map((f) => [f.acknowledged, f.acknowledgement?.reference])).toEqual([
      [true, 'CR-1234'],
      [true, 'CR-1234'],
    ]);
    expect(report.applied.map((a) => a.fingerprint)).toEqual(['a164505ac10d0ab1']);
  });

  test('no findings, no acknowledgements: nothing to report', () => {
    expect(applyAcks([], [], '2026-12-01')).toEqual({
      findings: [],
      report: { applied: [], expired: [], unmatched: [], refused: [] },
    });
  });
});

describe('verdictOf', () => {
  test('block only for a blocking finding that is not acknowledged', () => {
    expect(verdictOf([])).toBe('pass');
    expect(verdictOf([ENDPOINT_FINDING])).toBe('block');
    expect(verdictOf([{ ...ENDPOINT_FINDING, acknowledged: true }])).toBe('pass');
    expect(
      verdictOf([
        { ...ENDPOINT_FINDING, severity: 'warn' },
        { ...ENDPOINT_FINDING, severity: 'info' },
      ]),
    ).toBe('pass');
    expect(verdictOf([{ ...ENDPOINT_FINDING, severity: 'warn' }, ENDPOINT_FINDING])).toBe('block');
  });
});

test('the acknowledgements JSON schema names itself', () => {
  expect(acksJsonSchema()).toMatchObject({
    $id: 'https://tsunagi.example/review-acks.schema.json',
    title: 'Tsunagi review acknowledgements',
    description: 'Acknowledged findings of `tsunagi review` (docs/review.md).',
  });
});
