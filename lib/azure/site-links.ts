/**
 * Data-centre and carrier links over IPsec: a site-to-site VPN gateway per hub, a VPN site
 * per data centre (one link per VPN device, BGP where the profile gives a peering address)
 * connected to every hub as a backup to ExpressRoute, and a VPN site per carrier closed
 * mobile network that lands on Azure, connected to its hub.
 *
 * Address translation (the Hyogo case: carrier-assigned device addresses translated to the
 * prefecture's local range): where the profile puts translation in Azure, a Static
 * IngressSnat rule on the hub's VPN gateway maps the device pool (internal) 1:1 to the
 * translated range (external), applied on every link of the carrier's connection.
 *
 * Pre-shared keys are not set here: Azure generates one per link, read it from the portal or
 * `az network vpn-gateway connection` and configure the device; nothing secret enters state
 * config or the repository.
 */
import { VpnGateway } from '@cdktf/provider-azurerm/lib/vpn-gateway';
import { VpnGatewayConnection } from '@cdktf/provider-azurerm/lib/vpn-gateway-connection';
import { VpnGatewayNatRule } from '@cdktf/provider-azurerm/lib/vpn-gateway-nat-rule';
import { VpnSite } from '@cdktf/provider-azurerm/lib/vpn-site';
import { Construct } from 'constructs';
import type { Profile } from '../profile/schema';
import { type AzureNames, carrierSites, dataCentreSites } from './inventory';

export interface SiteLinksProps {
  readonly profile: Profile;
  readonly names: AzureNames;
  readonly resourceGroupName: string;
  readonly virtualWanId: string;
  /** Hub Regions and their resource IDs. */
  readonly hubIds: ReadonlyMap<string, string>;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The explicit IPsec/IKE policy of every site-to-site link, so that a data-centre or carrier
 * device never negotiates down to Azure's default proposal list (which still admits SHA1 and
 * DH group 2). IKEv2: AES256 / SHA384 / ECP384; IPsec: GCMAES256 with PFS ECP384; SA lifetime
 * one hour, data size 100 GB. Values from Microsoft's supported list for Virtual WAN:
 * https://learn.microsoft.com/azure/virtual-wan/virtual-wan-ipsec . The device must be
 * configured with the same proposal (docs/azure.md).
 */
export const SITE_TO_SITE_IPSEC_POLICY = {
  ikeEncryptionAlgorithm: 'AES256',
  ikeIntegrityAlgorithm: 'SHA384',
  dhGroup: 'ECP384',
  encryptionAlgorithm: 'GCMAES256',
  integrityAlgorithm: 'GCMAES256',
  pfsGroup: 'ECP384',
  saLifetimeSec: 3_600,
  saDataSizeKb: 102_400_000,
} as const;

/**
 * The Virtual WAN "Office 365 local breakout" policy of a VPN site: Optimize endpoints leave
 * locally at the site instead of crossing the hub (consumed by SD-WAN devices that read it).
 */
const O365_LOCAL_BREAKOUT = {
  trafficCategory: {
    optimizeEndpointEnabled: true,
    allowEndpointEnabled: false,
    defaultEndpointEnabled: false,
  },
};

export class SiteLinks extends Construct {
  readonly gateways = new Map<string, VpnGateway>();

  constructor(scope: Construct, id: string, props: SiteLinksProps) {
    super(scope, id);
    const { profile, names, resourceGroupName } = props;
    const tags = { ...props.tags };
    const s2s = profile.clouds.azure?.siteToSite ?? { scaleUnit: 1, bgpPeeringAddresses: {} };

    for (const [region, hubId] of props.hubIds) {
      this.gateways.set(
        region,
        new VpnGateway(this, `Gateway-${region}`, {
          name: names.vpnGateway(region),
          resourceGroupName,
          location: region,
          virtualHubId: hubId,
          scaleUnit: s2s.scaleUnit,
          routingPreference: 'Microsoft Network',
          bgpRouteTranslationForNatEnabled: true,
          tags,
          lifecycle: { preventDestroy: true },
        }),
      );
    }
    const firstRegion = [...props.hubIds.keys()][0]!;

    for (const dc of dataCentreSites(profile)) {
      const links = dc.vpnDevices.map((device) => {
        const peering = s2s.bgpPeeringAddresses[device.name];
        return {
          name: device.name,
          ipAddress: device.publicIp,
          ...(peering ? { bgp: { asn: dc.bgpAsn, peeringAddress: peering } } : {}),
        };
      });
      const allBgp = links.every((l) => 'bgp' in l);
      const site = new VpnSite(this, `Site-${dc.name}`, {
        name: names.vpnSite(firstRegion, dc.name),
        resourceGroupName,
        location: firstRegion,
        virtualWanId: props.virtualWanId,
        deviceVendor: 'prefecture',
        // Static routing needs the site's prefixes; with BGP on every link they are learned.
        ...(allBgp ? {} : { addressCidrs: [...dc.prefixes] }),
        link: links,
        o365Policy: O365_LOCAL_BREAKOUT,
        tags,
        lifecycle: { preventDestroy: true },
      });
      for (const [region, gateway] of this.gateways) {
        new VpnGatewayConnection(this, `Connection-${dc.name}-${region}`, {
          name: names.vpnConnection(region, dc.name),
          vpnGatewayId: gateway.id,
          remoteVpnSiteId: site.id,
          internetSecurityEnabled: false,
          vpnLink: links.map((l, i) => ({
            name: l.name,
            vpnSiteLinkId: site.link.get(i).id,
            bgpEnabled: 'bgp' in l,
            protocol: 'IKEv2',
            ipsecPolicy: [SITE_TO_SITE_IPSEC_POLICY],
          })),
          lifecycle: { preventDestroy: true },
        });
      }
    }

    for (const carrier of carrierSites(profile)) {
      const gateway = this.gateways.get(carrier.region);
      if (!gateway) {
        throw new Error(
          `closedMobileNetworks: ${carrier.network.name} lands on azure:${carrier.region}, which has no hub; add it under clouds.azure.hubs or change landing.at`,
        );
      }
      const name = carrier.network.name;
      const site = new VpnSite(this, `Site-${name}`, {
        name: names.vpnSite(carrier.region, name),
        resourceGroupName,
        location: carrier.region,
        virtualWanId: props.virtualWanId,
        deviceVendor: carrier.network.carrier,
        // The carrier routes statically: the device pool as the carrier assigns it.
        addressCidrs: [carrier.network.devicePool],
        link: carrier.links.map((l) => ({ name: l.name, ipAddress: l.publicIp })),
        o365Policy: O365_LOCAL_BREAKOUT,
        tags,
        lifecycle: { preventDestroy: true },
      });
      const nat = carrier.translation
        ? new VpnGatewayNatRule(this, `Nat-${name}`, {
            name: names.natRule(carrier.region, name),
            vpnGatewayId: gateway.id,
            mode: 'IngressSnat',
            type: 'Static',
            internalMapping: [{ addressSpace: carrier.translation.internal }],
            externalMapping: [{ addressSpace: carrier.translation.external }],
            lifecycle: { preventDestroy: true },
          })
        : undefined;
      new VpnGatewayConnection(this, `Connection-${name}`, {
        name: names.vpnConnection(carrier.region, name),
        vpnGatewayId: gateway.id,
        remoteVpnSiteId: site.id,
        internetSecurityEnabled: false,
        vpnLink: carrier.links.map((l, i) => ({
          name: l.name,
          vpnSiteLinkId: site.link.get(i).id,
          bgpEnabled: false,
          protocol: 'IKEv2',
          ipsecPolicy: [SITE_TO_SITE_IPSEC_POLICY],
          ...(nat ? { ingressNatRuleIds: [nat.id] } : {}),
        })),
        lifecycle: { preventDestroy: true },
      });
    }
  }
}
