/**
 * ExpressRoute facts from shared/reference/LIMITS.md ("ExpressRoute").
 */
import type { Sourced } from './source';

const FAQ = 'https://learn.microsoft.com/azure/expressroute/expressroute-faqs';
const ROUTING = 'https://learn.microsoft.com/azure/expressroute/expressroute-routing';
const LOCATIONS = 'https://learn.microsoft.com/azure/expressroute/expressroute-locations';

/** Provider circuit bandwidths, in Mbps. Bandwidth can grow in place but never shrink. */
export const EXPRESSROUTE_BANDWIDTHS_MBPS: Sourced<readonly number[]> = {
  value: [50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000],
  source: FAQ,
};

/** Peering locations in Japan and the Azure Region each sits beside. */
export const EXPRESSROUTE_JAPAN_PEERING_LOCATIONS: Sourced<Readonly<Record<string, string>>> = {
  value: { Tokyo: 'japaneast', Tokyo2: 'japaneast', Tokyo3: 'japaneast', Osaka: 'japanwest' },
  source: LOCATIONS,
};

/** Microsoft's ASN on ExpressRoute Microsoft peering. */
export const MICROSOFT_ASN = 12076;

/** BGP community values for route filters on Microsoft peering. */
export const EXPRESSROUTE_SERVICE_COMMUNITIES: Sourced<Readonly<Record<string, string>>> = {
  value: {
    'exchange-online': '12076:5010',
    'sharepoint-online': '12076:5020',
    'skype-teams': '12076:5030',
    'entra-id': '12076:5060',
    'other-office365': '12076:5100',
    'japan-east': '12076:51012',
    'japan-west': '12076:51013',
  },
  source: ROUTING,
};

/** ExpressRoute gateway in a Virtual WAN hub: 1 scale unit = 2 Gbps, 1-10 units. */
export const EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT: Sourced<number> = {
  value: 2_000,
  source: 'https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq',
};
export const EXPRESSROUTE_GATEWAY_MAX_SCALE_UNITS = 10;

/** Circuits per Virtual WAN hub (at most 4 from one peering location). */
export const EXPRESSROUTE_CIRCUITS_PER_HUB: Sourced<number> = {
  value: 8,
  source: 'https://learn.microsoft.com/azure/virtual-wan/virtual-wan-faq',
};

/** Largest ExpressRoute circuit through a provider, in Mbps (larger needs ExpressRoute Direct). */
export const EXPRESSROUTE_PROVIDER_MAX_MBPS = 10_000;
