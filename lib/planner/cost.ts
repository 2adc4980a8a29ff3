/**
 * Monthly cost estimate of the access tiers, with its assumptions spelled out. Prices come
 * from lib/quotas/prices.ts only.
 */
import type { Profile } from '../model/deployment-model';
import type { CostEstimate, CostLine, TierPlan } from '../model/plan';
import { HOURS_PER_MONTH, PRICES } from '../quotas/prices';

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function estimateCost(profile: Profile, tiers: readonly TierPlan[]): CostEstimate {
  const { connectedHoursPerMonth, averageConcurrencyPercent } = profile.costAssumptions;
  const connectionHours =
    profile.target.concurrentUsers * (averageConcurrencyPercent / 100) * connectedHoursPerMonth;
  const nominalTotal = tiers.reduce((sum, t) => sum + t.nominalConnections, 0);
  const lines: CostLine[] = [];
  const line = (
    tierId: string,
    item: string,
    quantity: number,
    unit: string,
    price: { value: number; source: string },
  ) =>
    lines.push({
      tierId,
      item,
      quantity: round(quantity),
      unit,
      unitPriceUsd: price.value,
      monthlyUsd: round(quantity * price.value),
      source: price.source,
    });
  for (const tier of tiers) {
    const share = nominalTotal === 0 ? 0 : tier.nominalConnections / nominalTotal;
    if (tier.kind === 'aws-client-vpn') {
      const associations = tier.endpoints.reduce((sum, e) => sum + e.associatedZones.length, 0);
      line(
        tier.tierId,
        'Client VPN endpoint associations',
        associations * HOURS_PER_MONTH,
        'association-hour',
        PRICES.clientVpnAssociationHour,
      );
      line(
        tier.tierId,
        'Client VPN connections',
        connectionHours * share,
        'connection-hour',
        PRICES.clientVpnConnectionHour,
      );
    } else {
      line(tier.tierId, 'Virtual hub', HOURS_PER_MONTH, 'hub-hour', PRICES.virtualHubHour);
      line(
        tier.tierId,
        'Point-to-site scale units',
        tier.scaleUnits * HOURS_PER_MONTH,
        'scale-unit-hour',
        PRICES.p2sScaleUnitHour,
      );
      line(
        tier.tierId,
        'Point-to-site connection units',
        connectionHours * share,
        'connection-hour',
        PRICES.p2sConnectionUnitHour,
      );
    }
  }
  return {
    currency: 'USD',
    monthlyUsd: round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)),
    lines,
    assumptions: [
      `${HOURS_PER_MONTH} hours in a month for fixed charges`,
      `${profile.target.concurrentUsers.toLocaleString('en-US')} peak users, ${averageConcurrencyPercent} % of them connected on average during ${connectedHoursPerMonth} h a month (costAssumptions): ${Math.round(connectionHours).toLocaleString('en-US')} connection-hours`,
      'connections spread over the tiers in proportion to their nominal capacity',
      'prices: LIMITS.md (Client VPN ap-northeast-1 from secondary sources; Virtual WAN figures are Microsoft examples); excludes data transfer, ExpressRoute, Direct Connect, logging and tax',
    ],
  };
}
