/**
 * ExpressRoute closed links: circuits through the profile's provider and peering locations,
 * private peering, Microsoft peering with a route filter where the profile asks for it, an
 * ExpressRoute gateway per hub sized for its circuits, the connections, and Global Reach.
 *
 * Circuits are long-lead (the provider provisions them) and replaced on a change of name,
 * location, provider, peering location or a bandwidth decrease (LIMITS.md, azurerm ForceNew
 * table), so they carry prevent_destroy.
 *
 * Staged apply: a peering, a hub connection or Global Reach cannot be created before the
 * provider has provisioned the circuit, so they are generated only for circuits the profile
 * marks `providerProvisioned: true`. Stage 1 (the default) creates the circuit and its
 * authorization alone; the operator sends the circuit's service key to the provider, waits
 * for `serviceProviderProvisioningState = Provisioned`, flips the flag and applies again
 * (docs/azure.md, "ExpressRoute in two stages").
 *
 * SKU tier: derived from what the circuit carries. Premium only where Microsoft peering
 * carries Microsoft 365 communities (the one Premium feature the profile can use), Local
 * where the profile asks for Local, Standard otherwise.
 */
import { ExpressRouteCircuit } from '@cdktf/provider-azurerm/lib/express-route-circuit';
import { ExpressRouteCircuitAuthorization } from '@cdktf/provider-azurerm/lib/express-route-circuit-authorization';
import { ExpressRouteCircuitConnection } from '@cdktf/provider-azurerm/lib/express-route-circuit-connection';
import { ExpressRouteCircuitPeering } from '@cdktf/provider-azurerm/lib/express-route-circuit-peering';
import { ExpressRouteConnection } from '@cdktf/provider-azurerm/lib/express-route-connection';
import { ExpressRouteGateway } from '@cdktf/provider-azurerm/lib/express-route-gateway';
import { RouteFilter } from '@cdktf/provider-azurerm/lib/route-filter';
import type { VirtualHub } from '@cdktf/provider-azurerm/lib/virtual-hub';
import { Construct } from 'constructs';
import type { ExpressRouteCircuit as ExpressRouteCircuitProfile, Profile } from '../profile/schema';
import { EXPRESSROUTE_SERVICE_COMMUNITIES } from '../quotas/expressroute';
import { type AzureNames, expressRouteGatewayPlans } from './inventory';

export interface ExpressRouteLinksProps {
  /** The validated profile: circuits, Global Reach pairs and their stage flags. */
  readonly profile: Profile;
  /** Deterministic names (lib/azure/inventory.ts). */
  readonly names: AzureNames;
  /** Resource group of the Virtual WAN, its hubs and the circuits. */
  readonly resourceGroupName: string;
  /** Hubs by Region; an ExpressRoute gateway goes in each hub that circuits connect to. */
  readonly hubs: ReadonlyMap<string, VirtualHub>;
  /** Tags for every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Microsoft 365 service communities: the only reason this design has for Premium. */
const M365_COMMUNITIES = new Set(['exchange-online', 'sharepoint-online', 'skype-teams', 'other-office365']);

/** The SKU tier a circuit needs for what it carries (see the file comment). */
export function expressRouteSkuTier(c: ExpressRouteCircuitProfile): 'Local' | 'Standard' | 'Premium' {
  if (c.microsoftPeering?.communities.some((community) => M365_COMMUNITIES.has(community))) return 'Premium';
  return c.sku.tier === 'Local' ? 'Local' : 'Standard';
}

/** True when the circuit's stage-2 resources (peerings, connection, Global Reach) are generated. */
export function isStageTwo(c: ExpressRouteCircuitProfile): boolean {
  return c.providerProvisioned;
}

/** Route filter communities for the profile's service community names (lib/quotas/expressroute.ts). */
export function routeFilterCommunities(names: readonly string[]): string[] {
  return names.map((n) => {
    const value = EXPRESSROUTE_SERVICE_COMMUNITIES.value[n];
    if (!value) throw new Error(`internal: unknown ExpressRoute service community ${n}`);
    return value;
  });
}

export class ExpressRouteLinks extends Construct {
  readonly circuits = new Map<string, ExpressRouteCircuit>();
  readonly authorizations = new Map<string, ExpressRouteCircuitAuthorization>();
  readonly privatePeerings = new Map<string, ExpressRouteCircuitPeering>();
  readonly gateways = new Map<string, ExpressRouteGateway>();

  constructor(scope: Construct, id: string, props: ExpressRouteLinksProps) {
    super(scope, id);
    const { profile, names, resourceGroupName } = props;
    const tags = { ...props.tags };
    for (const c of profile.expressRoute.circuits) {
      const circuit = new ExpressRouteCircuit(this, `Circuit-${c.name}`, {
        name: names.circuit(c),
        resourceGroupName,
        location: c.hubRegion,
        serviceProviderName: c.serviceProvider,
        peeringLocation: c.peeringLocation,
        bandwidthInMbps: c.bandwidthMbps,
        sku: { tier: expressRouteSkuTier(c), family: c.sku.family },
        allowClassicOperations: false,
        tags,
        lifecycle: { preventDestroy: true },
      });
      this.circuits.set(c.name, circuit);
      // The hub connection redeems this authorization; it lives with the circuit (stage 1).
      this.authorizations.set(
        c.name,
        new ExpressRouteCircuitAuthorization(this, `Authorization-${c.name}`, {
          name: names.circuitAuthorization(c),
          expressRouteCircuitName: circuit.name,
          resourceGroupName,
          lifecycle: { preventDestroy: true },
        }),
      );
      if (!isStageTwo(c)) continue;
      const p = c.privatePeering;
      this.privatePeerings.set(
        c.name,
        new ExpressRouteCircuitPeering(this, `PrivatePeering-${c.name}`, {
          peeringType: 'AzurePrivatePeering',
          expressRouteCircuitName: circuit.name,
          resourceGroupName,
          peerAsn: p.peerAsn,
          primaryPeerAddressPrefix: p.primaryPeerAddressPrefix,
          secondaryPeerAddressPrefix: p.secondaryPeerAddressPrefix,
          vlanId: p.vlanId,
          lifecycle: { preventDestroy: true },
        }),
      );
      const ms = c.microsoftPeering;
      if (ms) {
        // Microsoft peering advertises nothing until a route filter with communities is
        // attached (LIMITS.md, ExpressRoute); the filter holds exactly the requested ones.
        const filter = new RouteFilter(this, `RouteFilter-${c.name}`, {
          name: names.routeFilter(c),
          resourceGroupName,
          location: c.hubRegion,
          rule: [
            {
              name: 'allow-requested-services',
              access: 'Allow',
              ruleType: 'Community',
              communities: routeFilterCommunities(ms.communities),
            },
          ],
          tags,
          lifecycle: { preventDestroy: true },
        });
        new ExpressRouteCircuitPeering(this, `MicrosoftPeering-${c.name}`, {
          peeringType: 'MicrosoftPeering',
          expressRouteCircuitName: circuit.name,
          resourceGroupName,
          peerAsn: ms.customerAsn,
          primaryPeerAddressPrefix: ms.primaryPeerAddressPrefix,
          secondaryPeerAddressPrefix: ms.secondaryPeerAddressPrefix,
          vlanId: ms.vlanId,
          routeFilterId: filter.id,
          microsoftPeeringConfig: {
            advertisedPublicPrefixes: [...ms.advertisedPublicPrefixes],
            customerAsn: ms.customerAsn,
            routingRegistryName: ms.routingRegistryName,
          },
          lifecycle: { preventDestroy: true },
        });
      }
    }

    for (const gw of expressRouteGatewayPlans(profile)) {
      const hub = props.hubs.get(gw.region);
      if (!hub) {
        throw new Error(
          `expressRoute.circuits: ${gw.circuits.map((c) => c.name).join(', ')} connect to ${gw.region}, which has no hub; add it under clouds.azure.hubs or change hubRegion`,
        );
      }
      const gateway = new ExpressRouteGateway(this, `Gateway-${gw.region}`, {
        name: names.expressRouteGateway(gw.region),
        resourceGroupName,
        location: gw.region,
        virtualHubId: hub.id,
        scaleUnits: gw.scaleUnits,
        allowNonVirtualWanTraffic: false,
        tags,
        lifecycle: { preventDestroy: true },
      });
      this.gateways.set(gw.region, gateway);
      for (const c of gw.circuits.filter(isStageTwo)) {
        new ExpressRouteConnection(this, `Connection-${c.name}`, {
          name: names.expressRouteConnection(c),
          expressRouteGatewayId: gateway.id,
          expressRouteCircuitPeeringId: this.privatePeerings.get(c.name)!.id,
          authorizationKey: this.authorizations.get(c.name)!.authorizationKey,
          enableInternetSecurity: false,
          lifecycle: { preventDestroy: true },
        });
      }
    }

    profile.expressRoute.globalReach.forEach((g, i) => {
      const [a, b] = g.circuits.map((n) => profile.expressRoute.circuits.find((c) => c.name === n));
      if (!a || !b) throw new Error(`internal: expressRoute.globalReach[${i}] names an unknown circuit`);
      // Global Reach joins two private peerings: both circuits must be provisioned.
      if (!isStageTwo(a) || !isStageTwo(b)) return;
      if (!g.addressPrefix) {
        throw new Error(
          `expressRoute.globalReach[${i}].addressPrefix is required on Azure: add a /29 for the Global Reach link`,
        );
      }
      new ExpressRouteCircuitConnection(this, `GlobalReach-${a.name}-${b.name}`, {
        name: names.globalReach(a, b),
        peeringId: this.privatePeerings.get(a.name)!.id,
        peerPeeringId: this.privatePeerings.get(b.name)!.id,
        addressPrefixIpv4: g.addressPrefix,
        lifecycle: { preventDestroy: true },
      });
    });
  }
}
