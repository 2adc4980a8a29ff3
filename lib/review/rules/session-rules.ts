/**
 * Updates that replace nothing but still drop connected users or cause downtime. The
 * CloudFormation specification and the azurerm ForceNew table both call these "update in
 * place"; the vendors' documentation says otherwise. Every rule carries its citation.
 *
 * The review marks a matching change as an `interruption`; capacity during the change counts
 * the interrupted concentrator as down.
 */

import { normaliseAttributePath } from './azurerm-force-new';
import type { Cloud } from './cloud';

export interface Citation {
  /** Where it is written: a vendor page, or a file of this repository. */
  readonly source: string;
  /** The sentence that says so (short, as written there). */
  readonly quote: string;
}

/**
 * - `drops-sessions`: connected users are disconnected (clients reconnect by themselves).
 * - `downtime`: the concentrator does not take connections for a while.
 * - `new-connections`: existing sessions stay, every new connection takes the new path (a
 *   broken handler or configuration denies everyone who connects after the change).
 */
export type SessionEffect = 'drops-sessions' | 'downtime' | 'new-connections';

export interface SessionRule {
  readonly id: string;
  readonly cloud: Cloud;
  readonly type: string;
  /**
   * Property paths (CloudFormation `Properties.X.Y`, Terraform dotted attributes without
   * indexes) whose change triggers the rule; a change at or below one of them matches.
   * Empty: any property change matches.
   */
  readonly paths: readonly string[];
  /** Paths whose change never triggers the rule even if `paths` is empty (tags...). */
  readonly except?: readonly string[];
  /** Extra condition on the resource's (head) properties, e.g. which API a custom resource calls. */
  readonly when?: (properties: unknown) => boolean;
  readonly effect: SessionEffect;
  /** What happens, for the change reviewer. */
  readonly message: string;
  readonly citation: Citation;
}

const MODIFY_CLIENT_VPN = {
  source: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyClientVpnEndpoint.html',
  quote: 'Modifying the DNS server resets existing client connections.',
};

function callsApi(action: string): (properties: unknown) => boolean {
  return (properties) => JSON.stringify(properties ?? {}).includes(action);
}

export const SESSION_RULES: readonly SessionRule[] = [
  {
    id: 'client-vpn-dns-servers',
    cloud: 'aws',
    type: 'AWS::EC2::ClientVpnEndpoint',
    paths: ['Properties.DnsServers'],
    effect: 'drops-sessions',
    message: 'changing the DNS servers of a Client VPN endpoint resets every existing client connection',
    citation: MODIFY_CLIENT_VPN,
  },
  {
    id: 'client-vpn-crl-import',
    cloud: 'aws',
    type: 'Custom::AWS',
    paths: [],
    when: callsApi('ImportClientVpnClientCertificateRevocationList'),
    effect: 'drops-sessions',
    message:
      'the custom resource re-imports the client certificate revocation list on update, which resets every existing client connection of the endpoint',
    citation: {
      source:
        'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ImportClientVpnClientCertificateRevocationList.html',
      quote: 'Uploading a client certificate revocation list resets existing client connections.',
    },
  },
  {
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
  },
  {
    id: 'p2s-scale-unit',
    cloud: 'azure',
    type: 'azurerm_point_to_site_vpn_gateway',
    paths: ['scale_unit'],
    effect: 'downtime',
    message: 'changing the scale units of a point-to-site gateway causes downtime for its users',
    citation: {
      source:
        'LIMITS.md "Azure Virtual WAN point-to-site (User VPN) gateway"; https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq',
      quote: 'Changing scale units or the point-to-site configuration causes downtime: plan it.',
    },
  },
  {
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
      quote: 'Changing scale units or the point-to-site configuration causes downtime: plan it.',
    },
  },
  {
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
      quote: 'Changing scale units or the point-to-site configuration causes downtime: plan it.',
    },
  },
];

function covers(rulePath: string, changed: string): boolean {
  return changed === rulePath || changed.startsWith(`${rulePath}.`) || rulePath.startsWith(`${changed}.`);
}

function normalise(cloud: Cloud, path: string): string {
  return cloud === 'azure' ? normaliseAttributePath(path) : path.replace(/\[\d+\]|\.\d+(?=\.|$)/g, '');
}

/**
 * The session rules an in-place update matches: `paths` are the changed property paths
 * (`Properties.DnsServers`, `connection_configuration.0.vpn_client_address_pool`), and
 * `properties` the resource's new properties (used by rules with a `when` condition).
 */
export function sessionRulesFor(
  cloud: Cloud,
  type: string,
  paths: readonly string[],
  properties?: unknown,
): SessionRule[] {
  const changed = paths.map((p) => normalise(cloud, p));
  return SESSION_RULES.filter((rule) => {
    if (rule.cloud !== cloud || rule.type !== type) return false;
    if (rule.when && !rule.when(properties)) return false;
    const relevant = changed.filter((c) => !(rule.except ?? []).some((e) => covers(e, c)) && !isTagPath(c));
    if (rule.paths.length === 0) return relevant.length > 0;
    return relevant.some((c) => rule.paths.some((p) => covers(p, c)));
  });
}

function isTagPath(path: string): boolean {
  return /^(Properties\.)?(Tags|tags|TagSpecifications)(\.|$)/.test(path);
}
