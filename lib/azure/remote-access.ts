/**
 * Remote access on Virtual WAN: a VPN server configuration per hub Region (OpenVPN; Entra ID
 * and certificate authentication; revoked certificates), one policy group per population,
 * and the point-to-site gateway of each Azure access tier with exactly the planned scale
 * units and client address pools.
 *
 * Microsoft 365 Optimize traffic: the gateway's connection configuration keeps
 * internet_security_enabled = false, so the hub pushes no default route to clients and the
 * Azure VPN Client tunnels only the prefixes the hub advertises (hub, spokes, on-premises
 * and client pools). Exchange, SharePoint and Teams traffic (the Optimize ranges, public
 * Microsoft addresses) therefore leaves through the device's own internet connection and is
 * never hairpinned through the hub. azurerm 4.55 has no per-gateway Office 365 breakout
 * argument for point-to-site; docs/azure.md states the gap.
 *
 * The VPN server configuration (name, location ForceNew) and the gateway (name, hub and
 * server configuration ForceNew) drop every connected user when replaced (LIMITS.md, azurerm
 * ForceNew table), so both carry prevent_destroy. Scale units and pools update in place, with
 * downtime: plan such changes.
 */
import { PointToSiteVpnGateway } from '@cdktf/provider-azurerm/lib/point-to-site-vpn-gateway';
import { VpnServerConfiguration } from '@cdktf/provider-azurerm/lib/vpn-server-configuration';
import { VpnServerConfigurationPolicyGroup } from '@cdktf/provider-azurerm/lib/vpn-server-configuration-policy-group';
import { Construct } from 'constructs';
import type { AzureP2sTierPlan } from '../planner/types';
import type { ProfileFiles } from '../profile/load';
import type { Profile } from '../profile/schema';
import { P2S_USER_GROUPS_PER_GATEWAY } from '../quotas/azure-virtual-wan';
import type { AzureNames } from './inventory';

/** The base64 body of a PEM certificate, as Azure's public_cert_data wants it. */
export function pemBody(pem: string): string {
  return pem
    .replace(/-----BEGIN CERTIFICATE-----/, '')
    .replace(/-----END CERTIFICATE-----[\s\S]*$/, '')
    .replace(/\s+/g, '');
}

/** Azure authentication types for the methods the populations require. */
export function vpnAuthenticationTypes(profile: Profile): ('AAD' | 'Certificate')[] {
  const methods = new Set(profile.populations.flatMap((p) => p.authentication));
  const types: ('AAD' | 'Certificate')[] = [];
  if (methods.has('certificate')) types.push('Certificate');
  if (methods.has('federated-sso')) types.push('AAD');
  if (methods.has('directory')) {
    throw new Error(
      'populations[].authentication: directory (AD user and password) needs RADIUS on Azure point-to-site, which Tsunagi does not configure; use federated-sso (Entra ID) or certificate for populations served by Azure tiers',
    );
  }
  return types;
}

export interface PolicyGroupPlan {
  readonly population: string;
  readonly priority: number;
  readonly isDefault: boolean;
  readonly members: readonly { name: string; type: 'AADGroupId' | 'CertificateGroupId'; value: string }[];
}

/**
 * One policy group per population that can be identified: by its Entra group object ID
 * (clouds.azure.entraGroupObjectIds) and, for certificate populations with an accessGroup,
 * by certificate group. The first population is the default group (Azure requires one).
 */
export function policyGroupPlans(profile: Profile): PolicyGroupPlan[] {
  const objectIds = profile.clouds.azure?.entraGroupObjectIds ?? {};
  const groups = profile.populations.flatMap((pop) => {
    const members: PolicyGroupPlan['members'][number][] = [];
    const objectId = objectIds[pop.name];
    if (objectId && pop.authentication.includes('federated-sso'))
      members.push({ name: `${pop.name}-entra`, type: 'AADGroupId', value: objectId });
    if (pop.accessGroup && pop.authentication.includes('certificate'))
      members.push({ name: `${pop.name}-certificate`, type: 'CertificateGroupId', value: pop.accessGroup });
    return members.length > 0 ? [{ population: pop.name, members }] : [];
  });
  if (groups.length > P2S_USER_GROUPS_PER_GATEWAY.value) {
    throw new Error(
      `populations: ${groups.length} policy groups exceed the ${P2S_USER_GROUPS_PER_GATEWAY.value} user groups a point-to-site gateway takes (${P2S_USER_GROUPS_PER_GATEWAY.source}); merge populations`,
    );
  }
  return groups.map((g, i) => ({ ...g, priority: i, isDefault: i === 0 }));
}

export interface RemoteAccessProps {
  readonly profile: Profile;
  readonly files: ProfileFiles;
  readonly names: AzureNames;
  readonly resourceGroupName: string;
  readonly tiers: readonly AzureP2sTierPlan[];
  /** Hub resource ID by Region (a data source in the remote-access stack). */
  readonly hubId: (region: string) => string;
  readonly tags: Readonly<Record<string, string>>;
}

export class RemoteAccess extends Construct {
  readonly serverConfigurations = new Map<string, VpnServerConfiguration>();
  readonly gateways = new Map<string, PointToSiteVpnGateway>();

  constructor(scope: Construct, id: string, props: RemoteAccessProps) {
    super(scope, id);
    const { profile, names, resourceGroupName } = props;
    const tags = { ...props.tags };
    const authenticationTypes = vpnAuthenticationTypes(profile);
    const entra = profile.identity.federation.entra;
    if (authenticationTypes.includes('AAD') && !entra) {
      throw new Error(
        'identity.federation.entra is required: a population uses federated-sso and Azure point-to-site authenticates it with Entra ID; add tenantId, audience and issuer',
      );
    }
    const roots = profile.identity.certificateAuthorities.flatMap((ca) => {
      const pem = props.files.certificateAuthorities.get(ca.name);
      return pem ? [{ name: ca.name, publicCertData: pemBody(pem) }] : [];
    });
    const revoked = (profile.clouds.azure?.revokedCertificates ?? []).map((r) => ({
      name: r.name,
      thumbprint: r.thumbprint.toUpperCase(),
    }));
    const groups = policyGroupPlans(profile);

    for (const region of [...new Set(props.tiers.map((t) => t.region))]) {
      const config = new VpnServerConfiguration(this, `ServerConfiguration-${region}`, {
        name: names.vpnServerConfiguration(region),
        resourceGroupName,
        location: region,
        // Entra ID authentication works only with OpenVPN (LIMITS.md, point-to-site).
        vpnProtocols: ['OpenVPN'],
        vpnAuthenticationTypes: authenticationTypes,
        ...(authenticationTypes.includes('AAD') && entra
          ? {
              azureActiveDirectoryAuthentication: [
                {
                  tenant: `https://login.microsoftonline.com/${entra.tenantId}/`,
                  audience: entra.audience,
                  issuer: entra.issuer,
                },
              ],
            }
          : {}),
        ...(authenticationTypes.includes('Certificate')
          ? { clientRootCertificate: roots, clientRevokedCertificate: revoked }
          : {}),
        tags,
        lifecycle: { preventDestroy: true },
      });
      this.serverConfigurations.set(region, config);
      for (const g of groups) {
        new VpnServerConfigurationPolicyGroup(this, `PolicyGroup-${region}-${g.population}`, {
          name: names.policyGroup(region, g.population),
          vpnServerConfigurationId: config.id,
          isDefault: g.isDefault,
          priority: g.priority,
          policy: g.members.map((m) => ({ name: m.name, type: m.type, value: m.value })),
        });
      }
    }

    for (const tier of props.tiers) {
      this.gateways.set(
        tier.tierId,
        new PointToSiteVpnGateway(this, `Gateway-${tier.tierId}`, {
          name: names.p2sGateway(tier),
          resourceGroupName,
          location: tier.region,
          virtualHubId: props.hubId(tier.region),
          vpnServerConfigurationId: this.serverConfigurations.get(tier.region)!.id,
          scaleUnit: tier.scaleUnits,
          // Name resolution of the on-premises forest (identity.domain.dnsServers).
          dnsServers: [...profile.identity.domain.dnsServers],
          routingPreferenceInternetEnabled: false,
          connectionConfiguration: [
            {
              name: 'telework',
              // Every planned pool, never fewer nor smaller (planner: p2sMinimumPools, /18 each).
              vpnClientAddressPool: { addressPrefixes: [...tier.addressPools] },
              // No default route to clients: Microsoft 365 Optimize traffic breaks out locally.
              internetSecurityEnabled: false,
            },
          ],
          tags,
          lifecycle: { preventDestroy: true },
        }),
      );
    }
  }
}
