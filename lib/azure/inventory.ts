/**
 * What the Azure stacks deploy, and under which names, derived from the model alone (pure:
 * no cdktf). The stacks are standalone Terraform root modules, so a later stack finds an
 * earlier stack's resource by the deterministic name computed here (with a data source or a
 * resource ID), never through cross-stack references. Every stack calls the same functions,
 * so a name cannot drift between the stack that creates a resource and the one that uses it.
 */
import type { AzureP2sTierPlan, CapacityPlan } from '../planner/types';
import type { DeploymentModel } from '../profile/load';
import type { ClosedMobileNetwork, DataCentre, ExpressRouteCircuit, Profile } from '../profile/schema';
import { expressRouteGatewayScaleUnits } from './expressroute-sizing';
import { azureName } from './naming';

export class AzureNames {
  readonly organisation: string;
  readonly environment: string;
  /** Region of the resource groups, the Virtual WAN resource and the workspace: the first hub. */
  readonly primaryRegion: string;

  constructor(profile: Profile, plan: CapacityPlan, environment: string) {
    this.organisation = profile.organisation.id;
    this.environment = environment;
    const first = plan.azureHubs[0];
    if (!first) throw new Error('internal: the profile has no Azure hub');
    this.primaryRegion = first.region;
  }

  private name(abbreviation: string, region: string | undefined, purpose?: string): string {
    return azureName(abbreviation, {
      organisation: this.organisation,
      environment: this.environment,
      ...(region ? { region } : {}),
      ...(purpose ? { purpose } : {}),
    });
  }

  /** The resource group of the Virtual WAN, hubs, gateways, circuits and sites. */
  connectivityResourceGroup(): string {
    return this.name('rg', this.primaryRegion, 'connectivity');
  }
  identityResourceGroup(region: string): string {
    return this.name('rg', region, 'identity');
  }
  monitoringResourceGroup(): string {
    return this.name('rg', this.primaryRegion, 'monitoring');
  }
  virtualWan(): string {
    return this.name('vwan', undefined, 'telework');
  }
  hub(region: string): string {
    return this.name('vhub', region);
  }
  circuit(c: ExpressRouteCircuit): string {
    return this.name('erc', c.hubRegion, c.name);
  }
  routeFilter(c: ExpressRouteCircuit): string {
    return this.name('rf', c.hubRegion, c.name);
  }
  expressRouteGateway(region: string): string {
    return this.name('ergw', region);
  }
  expressRouteConnection(c: ExpressRouteCircuit): string {
    return this.name('ercn', c.hubRegion, c.name);
  }
  globalReach(a: ExpressRouteCircuit, b: ExpressRouteCircuit): string {
    return this.name('gr', a.hubRegion, `${a.name}-${b.name}`);
  }
  vpnServerConfiguration(region: string): string {
    return this.name('vpnsc', region, 'telework');
  }
  policyGroup(region: string, population: string): string {
    return this.name('vpnpg', region, population);
  }
  p2sGateway(tier: AzureP2sTierPlan): string {
    return this.name('p2sgw', tier.region, tier.tierId);
  }
  vpnGateway(region: string): string {
    return this.name('vpng', region);
  }
  vpnSite(region: string, purpose: string): string {
    return this.name('vst', region, purpose);
  }
  vpnConnection(region: string, purpose: string): string {
    return this.name('vcn', region, purpose);
  }
  natRule(region: string, purpose: string): string {
    return this.name('natr', region, purpose);
  }
  logAnalyticsWorkspace(): string {
    return this.name('log', this.primaryRegion, 'telework');
  }
  diagnosticSetting(purpose: string): string {
    return this.name('diag', undefined, purpose);
  }
  metricAlert(region: string | undefined, purpose: string): string {
    return this.name('alert', region, purpose);
  }
  virtualNetwork(region: string, purpose: string): string {
    return this.name('vnet', region, purpose);
  }
  subnet(region: string, purpose: string): string {
    return this.name('snet', region, purpose);
  }
  networkSecurityGroup(region: string, purpose: string): string {
    return this.name('nsg', region, purpose);
  }
  hubConnection(region: string, purpose: string): string {
    return this.name('hcn', region, purpose);
  }
  domainServices(region: string): string {
    return this.name('aadds', region);
  }
  firewall(region: string): string {
    return this.name('afw', region);
  }
  firewallPolicy(region: string): string {
    return this.name('afwp', region, 'segmentation');
  }
  ruleCollectionGroup(region: string): string {
    return this.name('rcg', region, 'segmentation');
  }
  routingIntent(region: string): string {
    return this.name('ri', region, 'private-via-firewall');
  }
  circuitAuthorization(c: ExpressRouteCircuit): string {
    return this.name('erca', c.hubRegion, c.name);
  }
  actionGroup(): string {
    return this.name('ag', undefined, 'operations');
  }
  conditionalAccessPolicy(population: string, control: 'mfa' | 'device'): string {
    return this.name('cap', undefined, `${population}-vpn-${control}`);
  }
}

/** ARM resource ID of a resource in a resource group, for stacks that cannot hold a reference. */
export function azureResourceId(
  subscriptionId: string,
  resourceGroup: string,
  type: string,
  name: string,
): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${type}/${name}`;
}

export function azureTiers(plan: CapacityPlan): AzureP2sTierPlan[] {
  return plan.tiers.filter((t): t is AzureP2sTierPlan => t.kind === 'azure-p2s');
}

export function azureSubscription(profile: Profile, environment: string) {
  const env = profile.environments.find((e) => e.name === environment);
  if (!env?.azure) throw new Error(`internal: environment ${environment} has no Azure subscription`);
  return env.azure;
}

/** ExpressRoute gateways: one per hub that circuits connect to, sized for their bandwidth. */
export function expressRouteGatewayPlans(
  profile: Profile,
): { region: string; scaleUnits: number; circuits: ExpressRouteCircuit[] }[] {
  const byHub = new Map<string, ExpressRouteCircuit[]>();
  for (const c of profile.expressRoute.circuits)
    byHub.set(c.hubRegion, [...(byHub.get(c.hubRegion) ?? []), c]);
  return [...byHub].map(([region, circuits]) => ({
    region,
    circuits,
    scaleUnits: expressRouteGatewayScaleUnits(circuits.map((c) => c.bandwidthMbps)),
  }));
}

export interface CarrierSite {
  readonly network: ClosedMobileNetwork;
  readonly region: string;
  readonly links: readonly { name: string; publicIp: string }[];
  /** Static 1:1 translation of the device pool on the hub's VPN gateway, when Azure translates. */
  readonly translation?: { readonly internal: string; readonly external: string };
}

/** Closed mobile networks whose carrier gateway lands on an Azure hub over IPsec. */
export function carrierSites(profile: Profile): CarrierSite[] {
  return profile.closedMobileNetworks.flatMap((network, i) => {
    const at = network.landing.at;
    if (network.landing.type !== 'vpn' || !at.startsWith('azure:')) return [];
    const region = at.slice('azure:'.length);
    const site = network.azureVpnSite;
    if (!site) {
      throw new Error(
        `closedMobileNetworks[${i}].azureVpnSite is missing: ${network.name} lands on ${at} over VPN; add azureVpnSite.links with the carrier gateway's public IPs`,
      );
    }
    const translation =
      network.translation?.at === 'azure'
        ? { internal: network.devicePool, external: network.translation.translatedRange }
        : undefined;
    return [{ network, region, links: site.links, ...(translation ? { translation } : {}) }];
  });
}

/** Data centres with VPN devices: each gets a VPN site connected to every hub (backup path). */
export function dataCentreSites(profile: Profile): DataCentre[] {
  return profile.dataCentres.filter((dc) => dc.vpnDevices.length > 0);
}

export function modelNames(model: DeploymentModel, environment: string): AzureNames {
  return new AzureNames(model.profile, model.plan, environment);
}
