/**
 * Remote access on Virtual WAN: a VPN server configuration per hub Region, one policy group
 * per population (plus a default group nobody matches), and the point-to-site gateway of
 * each Azure access tier with one connection configuration per population, named after it,
 * holding exactly that population's planned pools and bound to its policy group.
 *
 * Authentication means what the profile says. Azure admits a user when any one method in
 * vpn_authentication_types passes, so exactly one type is configured: Entra ID ("AAD") when
 * the populations sign in with SSO, certificates when they present certificates alone (the
 * profile rule azure-access refuses a mix). A population that asks for certificate and SSO
 * together gets Entra ID plus Conditional Access requiring MFA and a compliant or
 * hybrid-joined device (lib/azure/conditional-access.ts): the managed device stands in for
 * the certificate, which Azure point-to-site cannot require in the same handshake.
 *
 * Policy groups match what a population presents (Microsoft: user-groups-about): the Entra
 * group object ID, or the domain of the certificate Common Name. The default group (Azure
 * requires one per server configuration and puts every unmatched user in it) is the
 * narrowest possible: its member can never match and it is bound to no connection
 * configuration, so an unmatched user gets no address. Populations are prioritised narrowest
 * reach first, so a user in two groups lands in the narrower.
 *
 * Binding: azurerm 4.55 cannot bind policy groups to connection configurations, so an
 * azapi_update_resource sets `configurationPolicyGroupAssociations` on every connection
 * configuration of the gateway (lib/azure/azapi.ts). azurerm's PUT on a later gateway change
 * would drop the binding, so the update is replaced (re-applied) whenever the gateway changes.
 *
 * Microsoft 365 Optimize traffic: internet_security_enabled = false on every connection
 * configuration, so the hub pushes no default route and Optimize traffic breaks out locally.
 *
 * Replacement: the server configuration (name, location) and the gateway (name, hub, server
 * configuration) are ForceNew and drop every connected user, so both carry prevent_destroy,
 * as do the policy groups (a group in use cannot be deleted, and deleting one unbinds pools).
 */
import { PointToSiteVpnGateway } from '@cdktf/provider-azurerm/lib/point-to-site-vpn-gateway';
import { VpnServerConfiguration } from '@cdktf/provider-azurerm/lib/vpn-server-configuration';
import { VpnServerConfigurationPolicyGroup } from '@cdktf/provider-azurerm/lib/vpn-server-configuration-policy-group';
import { Construct } from 'constructs';
import { addressCount, parseCidr } from '../net/cidr';
import type { AzureP2sTierPlan } from '../planner/types';
import type { ProfileFiles } from '../profile/load';
import type { Population, Profile } from '../profile/schema';
import { P2S_USER_GROUPS_PER_GATEWAY } from '../quotas/azure-virtual-wan';
import { type AzapiProvider, AzapiUpdateResource } from './azapi';
import type { AzureNames } from './inventory';

/** ARM API version of the p2sVpnGateways body the azapi update writes. */
export const P2S_GATEWAY_API_VERSION = '2024-05-01';

/** The base64 body of a PEM certificate, as Azure's public_cert_data wants it. */
export function pemBody(pem: string): string {
  return pem
    .replace(/-----BEGIN CERTIFICATE-----/, '')
    .replace(/-----END CERTIFICATE-----[\s\S]*$/, '')
    .replace(/\s+/g, '');
}

/** How Azure point-to-site authenticates this profile's populations: one method, never two. */
export type AzureAuthenticationMode = 'entra' | 'certificate';

export function azureAuthenticationMode(profile: Profile): AzureAuthenticationMode {
  if (profile.populations.some((p) => p.authentication.includes('directory'))) {
    throw new Error(
      'populations[].authentication: directory (AD user and password) needs RADIUS on Azure point-to-site, which Tsunagi does not configure; use federated-sso (Entra ID) or certificate for populations served by Azure tiers',
    );
  }
  return profile.populations.some((p) => p.authentication.includes('federated-sso'))
    ? 'entra'
    : 'certificate';
}

/** The single Azure authentication type of the server configuration. */
export function vpnAuthenticationTypes(profile: Profile): ['AAD'] | ['Certificate'] {
  return azureAuthenticationMode(profile) === 'entra' ? ['AAD'] : ['Certificate'];
}

/** Populations that asked for certificate and SSO together: Conditional Access stands in for the certificate. */
export function populationsNeedingDeviceCompliance(profile: Profile): Population[] {
  return profile.populations.filter(
    (p) => p.authentication.includes('certificate') && p.authentication.includes('federated-sso'),
  );
}

/** The Entra tenant URL of the server configuration: no trailing slash (Azure rejects one). */
export function entraTenantUrl(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}`;
}

export interface PolicyGroupMemberPlan {
  readonly name: string;
  readonly type: 'AADGroupId' | 'CertificateGroupId';
  readonly value: string;
}

export interface PolicyGroupPlan {
  /** Population name, or `unmatched` for the default group. */
  readonly name: string;
  /** The population the group selects; undefined for the default group. */
  readonly population?: string;
  readonly priority: number;
  readonly isDefault: boolean;
  readonly members: readonly PolicyGroupMemberPlan[];
}

/** Name of the default policy group, which nobody matches and no pool is bound to. */
export const UNMATCHED_GROUP = 'unmatched';
/** Member values that can never match: the nil object ID, a reserved (.invalid) domain. */
const NEVER_MATCHES: Record<AzureAuthenticationMode, PolicyGroupMemberPlan> = {
  entra: { name: 'no-entra-group', type: 'AADGroupId', value: '00000000-0000-0000-0000-000000000000' },
  certificate: { name: 'no-certificate-domain', type: 'CertificateGroupId', value: 'unmatched.invalid' },
};

function reachAddresses(profile: Profile, population: Population): bigint {
  return population.reach
    .flatMap((n) => profile.addressPlan.networks.find((net) => net.name === n)?.cidrs ?? [])
    .reduce((sum, c) => sum + addressCount(parseCidr(c)), 0n);
}

/**
 * One policy group per population, matching what it presents, ordered narrowest reach first;
 * then the default group, which matches nobody.
 */
export function policyGroupPlans(profile: Profile): PolicyGroupPlan[] {
  const mode = azureAuthenticationMode(profile);
  const azure = profile.clouds.azure;
  const ordered = [...profile.populations].sort((a, b) => {
    const d = reachAddresses(profile, a) - reachAddresses(profile, b);
    return d < 0n ? -1 : d > 0n ? 1 : profile.populations.indexOf(a) - profile.populations.indexOf(b);
  });
  const groups: PolicyGroupPlan[] = ordered.map((pop, i) => {
    const value =
      mode === 'entra' ? azure?.entraGroupObjectIds[pop.name] : azure?.certificateGroupDomains[pop.name];
    if (!value) {
      throw new Error(
        `internal: population ${pop.name} has no ${mode === 'entra' ? 'entraGroupObjectIds' : 'certificateGroupDomains'} entry (the azure-access profile rule requires one)`,
      );
    }
    return {
      name: pop.name,
      population: pop.name,
      priority: i + 1,
      isDefault: false,
      members: [
        mode === 'entra'
          ? { name: `${pop.name}-entra-group`, type: 'AADGroupId', value }
          : { name: `${pop.name}-certificate-domain`, type: 'CertificateGroupId', value },
      ],
    };
  });
  groups.push({
    name: UNMATCHED_GROUP,
    priority: groups.length + 1,
    isDefault: true,
    members: [NEVER_MATCHES[mode]],
  });
  if (groups.length > P2S_USER_GROUPS_PER_GATEWAY.value) {
    throw new Error(
      `populations: ${groups.length} policy groups exceed the ${P2S_USER_GROUPS_PER_GATEWAY.value} user groups a point-to-site gateway takes (${P2S_USER_GROUPS_PER_GATEWAY.source}); merge populations`,
    );
  }
  return groups;
}

export interface RemoteAccessProps {
  /** The validated profile: populations, authentication, certificate authorities. */
  readonly profile: Profile;
  /** Files the profile references (CA certificates). */
  readonly files: ProfileFiles;
  /** Deterministic names (lib/azure/inventory.ts). */
  readonly names: AzureNames;
  /** Resource group of the Virtual WAN and its hubs. */
  readonly resourceGroupName: string;
  /** The planned point-to-site tiers, each with its per-population pools. */
  readonly tiers: readonly AzureP2sTierPlan[];
  /** Hub resource ID by Region (a data source in the remote-access stack). */
  readonly hubId: (region: string) => string;
  /** The azapi provider that writes the policy-group binding. */
  readonly azapi: AzapiProvider;
  /** Tags for every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export class RemoteAccess extends Construct {
  readonly serverConfigurations = new Map<string, VpnServerConfiguration>();
  readonly gateways = new Map<string, PointToSiteVpnGateway>();
  /** Policy groups by Region, then by group name. */
  readonly policyGroups = new Map<string, Map<string, VpnServerConfigurationPolicyGroup>>();
  readonly bindings = new Map<string, AzapiUpdateResource>();

  constructor(scope: Construct, id: string, props: RemoteAccessProps) {
    super(scope, id);
    const { profile, names, resourceGroupName } = props;
    const tags = { ...props.tags };
    const mode = azureAuthenticationMode(profile);
    const entra = profile.identity.federation.entra;
    if (mode === 'entra' && !entra) {
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
        // Exactly one method: Azure admits a user when any listed method passes.
        vpnAuthenticationTypes: vpnAuthenticationTypes(profile),
        ...(mode === 'entra' && entra
          ? {
              azureActiveDirectoryAuthentication: [
                { tenant: entraTenantUrl(entra.tenantId), audience: entra.audience, issuer: entra.issuer },
              ],
            }
          : { clientRootCertificate: roots, clientRevokedCertificate: revoked }),
        tags,
        lifecycle: {
          preventDestroy: true,
          // Lost devices are revoked by .github/workflows/revoke-azure.yml within minutes; an
          // apply must never undo such a revocation, so Terraform leaves the list alone after
          // creation (the profile's revokedCertificates seed it).
          ignoreChanges: ['client_revoked_certificate'],
        },
      });
      this.serverConfigurations.set(region, config);
      const byName = new Map<string, VpnServerConfigurationPolicyGroup>();
      for (const g of groups) {
        byName.set(
          g.name,
          new VpnServerConfigurationPolicyGroup(this, `PolicyGroup-${region}-${g.name}`, {
            name: names.policyGroup(region, g.name),
            vpnServerConfigurationId: config.id,
            isDefault: g.isDefault,
            priority: g.priority,
            policy: g.members.map((m) => ({ name: m.name, type: m.type, value: m.value })),
            lifecycle: { preventDestroy: true },
          }),
        );
      }
      this.policyGroups.set(region, byName);
    }

    for (const tier of props.tiers) {
      const connectionConfigurations = tier.populationPools.map((p) => ({
        name: p.population,
        pools: [...p.pools],
      }));
      const gateway = new PointToSiteVpnGateway(this, `Gateway-${tier.tierId}`, {
        name: names.p2sGateway(tier),
        resourceGroupName,
        location: tier.region,
        virtualHubId: props.hubId(tier.region),
        vpnServerConfigurationId: this.serverConfigurations.get(tier.region)!.id,
        scaleUnit: tier.scaleUnits,
        // Name resolution of the on-premises forest (identity.domain.dnsServers).
        dnsServers: [...profile.identity.domain.dnsServers],
        routingPreferenceInternetEnabled: false,
        connectionConfiguration: connectionConfigurations.map((c) => ({
          name: c.name,
          // The population's own planned pools (lib/planner/azure-pools.ts), never shared.
          vpnClientAddressPool: { addressPrefixes: c.pools },
          // No default route to clients: Microsoft 365 Optimize traffic breaks out locally.
          internetSecurityEnabled: false,
        })),
        tags,
        lifecycle: { preventDestroy: true },
      });
      this.gateways.set(tier.tierId, gateway);
      const groupsHere = this.policyGroups.get(tier.region)!;
      this.bindings.set(
        tier.tierId,
        new AzapiUpdateResource(this, `PolicyGroupBinding-${tier.tierId}`, {
          provider: props.azapi,
          type: `Microsoft.Network/p2sVpnGateways@${P2S_GATEWAY_API_VERSION}`,
          resourceId: gateway.id,
          body: {
            properties: {
              p2SConnectionConfigurations: connectionConfigurations.map((c) => ({
                name: c.name,
                properties: {
                  vpnClientAddressPool: { addressPrefixes: c.pools },
                  enableInternetSecurity: false,
                  configurationPolicyGroupAssociations: [{ id: groupsHere.get(c.name)!.id }],
                },
              })),
            },
          },
          dependsOn: [gateway, ...groupsHere.values()],
          replaceTriggeredBy: [gateway],
        }),
      );
    }
  }
}
