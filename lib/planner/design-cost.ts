/**
 * The monthly cost of the whole design: every billed component the stacks create, per
 * cloud, in USD and JPY. Prices come from lib/quotas only (prices.ts and the Azure Firewall
 * table). Usage charges follow where normal-operation traffic goes (the steering), with the
 * profile's usage figures (costAssumptions, target.averageMbpsPerUser, planning).
 *
 * The concentrator's per-connection charge is also what the sizing search minimises
 * (`connectionChargePerConnectionUsd`), so the plan's concentrator cost and the search's
 * objective are the same numbers.
 */

import { landingZones } from '../model/carrier-translation';
import type { Profile } from '../model/deployment-model';
import type { CostEstimate, CostLine, CostSubtotal, TierPlan } from '../model/plan';
import { AZURE_FIREWALL_TIERS, type AzureFirewallTier } from '../quotas/azure-firewall';
import { EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT } from '../quotas/expressroute';
import { GB_PER_MBPS_HOUR, HOURS_PER_MONTH, PRICES } from '../quotas/prices';
import type { CloudProvider } from '../quotas/regions';

/** Assumption: connection logs and flow logs write about 1 MB per connection-hour. */
export const LOG_GB_PER_CONNECTION_HOUR = 0.001;

type Price = { readonly value: number; readonly source: string };

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Connection-hours a month of one peak connection (costAssumptions). */
export function connectionHoursPerConnection(profile: Profile): number {
  const { connectedHoursPerMonth, averageConcurrencyPercent } = profile.costAssumptions;
  return (averageConcurrencyPercent / 100) * connectedHoursPerMonth;
}

interface UsageRate {
  readonly component: string;
  readonly item: string;
  readonly unit: string;
  readonly price: Price;
  /** Units per connection-hour. */
  readonly perConnectionHour: number;
}

function hasLinkOfType(profile: Profile, place: string, type: string): boolean {
  return profile.dataCentres.some((dc) => dc.links.some((l) => l.to === place && l.type === type));
}

/** The per-connection-hour charges of a tier: connection, data processing, data out, logs. */
export function usageRates(
  profile: Profile,
  provider: CloudProvider,
  region: string,
  firewallTier: AzureFirewallTier = 'Standard',
): UsageRate[] {
  const gb = profile.target.averageMbpsPerUser * GB_PER_MBPS_HOUR;
  const down = profile.planning.downstreamPercent / 100;
  const up = 1 - down;
  if (provider === 'aws') {
    const viaDx = hasLinkOfType(profile, `aws:${region}`, 'direct-connect');
    return [
      {
        component: 'Client VPN',
        item: 'Client VPN connections',
        unit: 'connection-hour',
        price: PRICES.clientVpnConnectionHour,
        perConnectionHour: 1,
      },
      {
        component: 'Transit Gateway',
        item: 'Transit Gateway data processed',
        unit: 'GB',
        price: PRICES.transitGatewayDataProcessedGb,
        perConnectionHour: gb,
      },
      {
        component: 'Data transfer',
        item: 'data out to clients (internet)',
        unit: 'GB',
        price: PRICES.awsInternetDataOutGb,
        perConnectionHour: gb * down,
      },
      viaDx
        ? {
            component: 'Direct Connect',
            item: 'data out to the data centres (Direct Connect)',
            unit: 'GB',
            price: PRICES.directConnectDataOutGb,
            perConnectionHour: gb * up,
          }
        : {
            component: 'Data transfer',
            item: 'data out to the data centres (site-to-site VPN)',
            unit: 'GB',
            price: PRICES.awsInternetDataOutGb,
            perConnectionHour: gb * up,
          },
      {
        component: 'Logs',
        item: 'CloudWatch Logs ingested (connection and flow logs)',
        unit: 'GB',
        price: PRICES.cloudWatchLogsIngestedGb,
        perConnectionHour: LOG_GB_PER_CONNECTION_HOUR,
      },
    ];
  }
  const viaEr = profile.expressRoute.circuits.some((c) => c.hubRegion === region);
  const firewall = AZURE_FIREWALL_TIERS[firewallTier].dataProcessedPerGbUsd;
  return [
    {
      component: 'Point-to-site',
      item: 'point-to-site connection units',
      unit: 'connection-hour',
      price: PRICES.p2sConnectionUnitHour,
      perConnectionHour: 1,
    },
    {
      component: 'Virtual hub',
      item: 'hub data processed',
      unit: 'GB',
      price: PRICES.virtualHubDataProcessedGb,
      perConnectionHour: gb,
    },
    {
      component: 'Azure Firewall',
      item: `Azure Firewall ${firewallTier} data processed`,
      unit: 'GB',
      price: { value: firewall.value, source: firewall.source },
      perConnectionHour: gb,
    },
    {
      component: 'Data transfer',
      item: 'data out to clients (internet)',
      unit: 'GB',
      price: PRICES.azureInternetDataOutGb,
      perConnectionHour: gb * down,
    },
    viaEr
      ? {
          component: 'ExpressRoute',
          item: 'ExpressRoute metered data out to the data centres',
          unit: 'GB',
          price: PRICES.expressRouteOutboundZone2Gb,
          perConnectionHour: gb * up,
        }
      : {
          component: 'Data transfer',
          item: 'data out to the data centres (site-to-site VPN)',
          unit: 'GB',
          price: PRICES.azureInternetDataOutGb,
          perConnectionHour: gb * up,
        },
    {
      component: 'Logs',
      item: 'Log Analytics ingested (diagnostics)',
      unit: 'GB',
      price: PRICES.logAnalyticsIngestedGb,
      perConnectionHour: LOG_GB_PER_CONNECTION_HOUR,
    },
  ];
}

/** The access-tier products whose charges make the concentrator cost (what the search minimises). */
export const CONCENTRATOR_COMPONENTS: ReadonlySet<string> = new Set(['Client VPN', 'Point-to-site']);

/**
 * Monthly USD of one normal-operation connection on a tier that the sizing search charges:
 * the concentrator's per-connection charge (Client VPN connection-hours, point-to-site
 * connection units). Data charges follow traffic, not the concentrator, and are priced in the
 * whole-design cost.
 */
export function connectionChargePerConnectionUsd(
  profile: Profile,
  provider: CloudProvider,
  region: string,
): number {
  const hours = connectionHoursPerConnection(profile);
  return usageRates(profile, provider, region)
    .filter((r) => CONCENTRATOR_COMPONENTS.has(r.component))
    .reduce((sum, r) => sum + hours * r.perConnectionHour * r.price.value, 0);
}

export interface DesignCostInput {
  readonly profile: Profile;
  readonly tiers: readonly TierPlan[];
  /** Normal-operation connections per tier id (the steering). */
  readonly loads: ReadonlyMap<string, number>;
  /** Azure Firewall tier per hub region. */
  readonly firewallTiers: ReadonlyMap<string, AzureFirewallTier>;
}

export function estimateDesignCost(input: DesignCostInput): CostEstimate {
  const { profile, tiers, loads, firewallTiers } = input;
  const rate = profile.planning.exchangeRate;
  const lines: CostLine[] = [];
  const line = (
    cloud: CloudProvider,
    component: string,
    scope: string,
    item: string,
    quantity: number,
    unit: string,
    price: Price,
  ) => {
    if (quantity <= 0) return;
    const monthlyUsd = round2(quantity * price.value);
    lines.push({
      cloud,
      component,
      tierId: scope,
      item,
      quantity: round2(quantity),
      unit,
      unitPriceUsd: price.value,
      monthlyUsd,
      monthlyJpy: Math.round(monthlyUsd * rate.jpyPerUsd),
      source: price.source,
    });
  };
  const hours = connectionHoursPerConnection(profile);

  // Access tiers: fixed capacity and where normal connections go.
  for (const tier of tiers) {
    if (tier.kind === 'aws-client-vpn') {
      const associations = tier.endpoints.reduce((sum, e) => sum + e.associatedZones.length, 0);
      line(
        'aws',
        'Client VPN',
        tier.tierId,
        'Client VPN endpoint associations',
        associations * HOURS_PER_MONTH,
        'association-hour',
        PRICES.clientVpnAssociationHour,
      );
    } else {
      line(
        'azure',
        'Point-to-site',
        tier.tierId,
        'point-to-site scale units',
        tier.scaleUnits * HOURS_PER_MONTH,
        'scale-unit-hour',
        PRICES.p2sScaleUnitHour,
      );
    }
    const connectionHours = (loads.get(tier.tierId) ?? 0) * hours;
    for (const r of usageRates(profile, tier.provider, tier.region, firewallTiers.get(tier.region))) {
      line(
        tier.provider,
        r.component,
        tier.tierId,
        r.item,
        connectionHours * r.perConnectionHour,
        r.unit,
        r.price,
      );
    }
  }

  // AWS per Region: Transit Gateway attachments, site-to-site VPN, Direct Connect ports, directory.
  for (const region of profile.clouds.aws?.regions ?? []) {
    const place = `aws:${region.region}`;
    const links = profile.dataCentres.flatMap((dc) => dc.links.filter((l) => l.to === place));
    // The links stack builds one VPN connection (and Transit Gateway attachment) per VPN
    // device of the data centre for each of its site-to-site links to this Region.
    const vpnConnections = profile.dataCentres.reduce(
      (sum, dc) =>
        sum +
        dc.links.filter((l) => l.to === place && l.type === 'site-to-site-vpn').length * dc.vpnDevices.length,
      0,
    );
    const dx = links.filter((l) => l.type === 'direct-connect');
    const attachments = 1 + vpnConnections + (dx.length > 0 ? 1 : 0);
    line(
      'aws',
      'Transit Gateway',
      region.region,
      'Transit Gateway attachments (VPC, VPN, Direct Connect gateway)',
      attachments * HOURS_PER_MONTH,
      'attachment-hour',
      PRICES.transitGatewayAttachmentHour,
    );
    line(
      'aws',
      'Site-to-site VPN',
      region.region,
      'site-to-site VPN connections',
      vpnConnections * HOURS_PER_MONTH,
      'connection-hour',
      PRICES.siteToSiteVpnConnectionHour,
    );
    for (const link of dx) {
      line(
        'aws',
        'Direct Connect',
        link.name,
        `Direct Connect port hours (${Math.ceil(link.bandwidthMbps / 1000)} x 1 Gbps)`,
        Math.ceil(link.bandwidthMbps / 1000) * HOURS_PER_MONTH,
        'port-hour',
        PRICES.directConnectPortHour1Gbps,
      );
    }
    if (profile.identity.awsDirectory?.mode === 'managed-ad') {
      line(
        'aws',
        'Managed Microsoft AD',
        region.region,
        'Managed Microsoft AD domain controllers (2)',
        2 * HOURS_PER_MONTH,
        'controller-hour',
        PRICES.managedAdEnterpriseDomainControllerHour,
      );
    }
  }
  for (const carrier of profile.closedMobileNetworks) {
    if (carrier.translation?.at === 'aws') {
      // One private NAT gateway per zone of the landing Region, as the links stack builds them.
      const zones = landingZones(profile, carrier).length;
      line(
        'aws',
        'NAT gateway',
        carrier.name,
        `private NAT gateways (carrier translation, one in each of ${zones} zone(s))`,
        zones * HOURS_PER_MONTH,
        'gateway-hour',
        PRICES.natGatewayHour,
      );
    }
  }

  // Azure per hub: hub, site-to-site and ExpressRoute gateways, firewall, circuits, Domain Services.
  for (const hub of profile.clouds.azure?.hubs ?? []) {
    const place = `azure:${hub.region}`;
    line(
      'azure',
      'Virtual hub',
      hub.region,
      'standard virtual hub',
      HOURS_PER_MONTH,
      'hub-hour',
      PRICES.virtualHubHour,
    );
    const s2s =
      hasLinkOfType(profile, place, 'site-to-site-vpn') ||
      profile.closedMobileNetworks.some((c) => c.landing.type === 'vpn' && c.landing.at === place);
    if (s2s) {
      const units = profile.clouds.azure?.siteToSite.scaleUnit ?? 1;
      line(
        'azure',
        'Site-to-site VPN',
        hub.region,
        `site-to-site VPN gateway (${units} scale unit(s))`,
        units * HOURS_PER_MONTH,
        'scale-unit-hour',
        PRICES.s2sScaleUnitHour,
      );
    }
    const circuits = profile.expressRoute.circuits.filter((c) => c.hubRegion === hub.region);
    if (circuits.length > 0) {
      const total = circuits.reduce((sum, c) => sum + c.bandwidthMbps, 0);
      const units = Math.max(1, Math.ceil(total / EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value));
      line(
        'azure',
        'ExpressRoute gateway',
        hub.region,
        `ExpressRoute gateway (${units} scale unit(s))`,
        units * HOURS_PER_MONTH,
        'scale-unit-hour',
        PRICES.expressRouteGatewayScaleUnitHour,
      );
    }
    const firewallTier = firewallTiers.get(hub.region) ?? 'Standard';
    const firewall = AZURE_FIREWALL_TIERS[firewallTier].deploymentHourUsd;
    line(
      'azure',
      'Azure Firewall',
      hub.region,
      `Azure Firewall ${firewallTier} (secured hub)`,
      HOURS_PER_MONTH,
      'deployment-hour',
      firewall,
    );
  }
  for (const circuit of profile.expressRoute.circuits) {
    line(
      'azure',
      'ExpressRoute circuit',
      circuit.name,
      `ExpressRoute circuit ${circuit.bandwidthMbps} Mbps (priced pro rata to 1 Gbps Premium metered)`,
      circuit.bandwidthMbps / 1000,
      'Gbps-month',
      PRICES.expressRoutePremiumMetered1GbpsMonth,
    );
  }
  if (profile.identity.entraDomainServices) {
    line(
      'azure',
      'Entra Domain Services',
      profile.identity.entraDomainServices.region,
      'Entra Domain Services',
      HOURS_PER_MONTH,
      'hour',
      PRICES.entraDomainServicesEnterpriseHour,
    );
  }

  const monthlyUsd = round2(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
  const subtotal = (key: (l: CostLine) => string): CostSubtotal[] => {
    const sums = new Map<string, number>();
    for (const l of lines) sums.set(key(l), (sums.get(key(l)) ?? 0) + l.monthlyUsd);
    return [...sums].map(([k, usd]) => ({
      key: k,
      monthlyUsd: round2(usd),
      monthlyJpy: Math.round(usd * rate.jpyPerUsd),
    }));
  };
  const employees =
    profile.planning.employees ?? profile.populations.reduce((sum, p) => sum + p.concurrentUsers, 0);
  const target = profile.target.concurrentUsers;
  const { connectedHoursPerMonth, averageConcurrencyPercent } = profile.costAssumptions;
  return {
    currency: 'USD',
    monthlyUsd,
    monthlyJpy: Math.round(monthlyUsd * rate.jpyPerUsd),
    exchangeRate: { jpyPerUsd: rate.jpyPerUsd, date: rate.date, source: rate.source },
    concentratorMonthlyUsd: round2(
      lines.filter((l) => CONCENTRATOR_COMPONENTS.has(l.component)).reduce((sum, l) => sum + l.monthlyUsd, 0),
    ),
    byCloud: subtotal((l) => l.cloud),
    byComponent: subtotal((l) => `${l.cloud} ${l.component}`),
    perConcurrentUser: {
      monthlyUsd: round2(monthlyUsd / target),
      monthlyJpy: Math.round((monthlyUsd * rate.jpyPerUsd) / target),
    },
    perEmployee: {
      employees,
      monthlyUsd: round2(monthlyUsd / employees),
      monthlyJpy: Math.round((monthlyUsd * rate.jpyPerUsd) / employees),
    },
    lines,
    assumptions: [
      `${HOURS_PER_MONTH} hours in a month for fixed charges`,
      `each peak connection is connected ${averageConcurrencyPercent} % of ${connectedHoursPerMonth} h a month (costAssumptions): ${Math.round(hours * 10) / 10} connection-hours; normal-operation traffic goes where the steering puts it`,
      `${profile.target.averageMbpsPerUser} Mbps per connected user (target.averageMbpsPerUser) = ${round2(profile.target.averageMbpsPerUser * GB_PER_MBPS_HOUR)} GB per connection-hour, ${profile.planning.downstreamPercent} % towards the users (planning.downstreamPercent)`,
      `logs: ${LOG_GB_PER_CONNECTION_HOUR * 1000} MB per connection-hour (assumption)`,
      `JPY at ${rate.jpyPerUsd} per USD (${rate.date}; ${rate.source})`,
      'prices: lib/quotas/prices.ts and lib/quotas/azure-firewall.ts, one source each; several are secondary-source list prices to confirm before quoting; excludes tax, support plans, the carriers\u2019 and the data centres\u2019 own charges',
    ],
  };
}
