/**
 * Prices used for the monthly cost estimate, in USD, from shared/reference/LIMITS.md.
 * Where sources give a range, the higher price is used. These are estimates: confirm on
 * the vendors' official price pages before quoting a budget.
 */
import type { Sourced } from './source';

const CLIENT_VPN_PRICE_NOTE =
  'secondary sources for ap-northeast-1; confirm on https://aws.amazon.com/vpn/pricing/ before quoting';
const VWAN_PRICING = 'https://learn.microsoft.com/azure/virtual-wan/pricing-concepts';

export const PRICES = {
  clientVpnAssociationHour: {
    value: 0.15,
    source: 'https://aws.amazon.com/vpn/pricing/',
    note: CLIENT_VPN_PRICE_NOTE,
  },
  clientVpnConnectionHour: {
    value: 0.05,
    source: 'https://aws.amazon.com/vpn/pricing/',
    note: CLIENT_VPN_PRICE_NOTE,
  },
  p2sScaleUnitHour: { value: 0.261, source: VWAN_PRICING, note: "Microsoft's example figure" },
  p2sConnectionUnitHour: { value: 0.0125, source: VWAN_PRICING, note: "Microsoft's example figure" },
  virtualHubHour: { value: 0.25, source: VWAN_PRICING, note: "Microsoft's example figure (standard hub)" },
} as const satisfies Record<string, Sourced<number>>;

/** Hours in an average month (365 * 24 / 12), the basis of every monthly figure. */
export const HOURS_PER_MONTH = 730;
