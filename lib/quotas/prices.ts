/**
 * Prices used for the monthly cost estimate, in USD, one figure each with its source.
 * LIMITS.md figures where it has them; the others are the vendors' list prices for Tokyo /
 * Japan East as published on their price pages (which render client-side and could not be
 * read from this environment, so each carries a `note` saying how sure it is). Where
 * sources give a range, the higher price is used (LIMITS.md). Confirm on the official pages
 * before quoting a budget.
 */
import type { Sourced } from './source';

const CLIENT_VPN_PRICE_NOTE =
  'secondary sources for ap-northeast-1; confirm on https://aws.amazon.com/vpn/pricing/ before quoting';
const VWAN_PRICING = 'https://learn.microsoft.com/azure/virtual-wan/pricing-concepts';
const SECONDARY = 'secondary-source list price for Tokyo / Japan East; confirm on the official page';

export const PRICES = {
  // --- AWS (ap-northeast-1) ---
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
  siteToSiteVpnConnectionHour: {
    value: 0.048,
    source: 'https://aws.amazon.com/vpn/pricing/',
    note: SECONDARY,
  },
  transitGatewayAttachmentHour: {
    value: 0.07,
    source: 'https://aws.amazon.com/transit-gateway/pricing/',
    note: `${SECONDARY} (USD 0.07 per attachment-hour in Tokyo; USD 0.05 in US Regions)`,
  },
  transitGatewayDataProcessedGb: {
    value: 0.02,
    source: 'https://aws.amazon.com/transit-gateway/pricing/',
    note: 'the pricing page example (USD 0.02 per GB processed)',
  },
  directConnectPortHour1Gbps: {
    value: 0.3,
    source: 'https://aws.amazon.com/directconnect/pricing/',
    note: `${SECONDARY}; hosted connections are billed by the partner at similar capacity rates`,
  },
  directConnectDataOutGb: {
    value: 0.041,
    source: 'https://aws.amazon.com/directconnect/pricing/',
    note: SECONDARY,
  },
  awsInternetDataOutGb: {
    value: 0.114,
    source: 'https://aws.amazon.com/ec2/pricing/on-demand/',
    note: `${SECONDARY}; the first 10 TB tier (the highest), Client VPN traffic to clients is billed as data transfer out`,
  },
  managedAdEnterpriseDomainControllerHour: {
    value: 0.548,
    source: 'https://aws.amazon.com/directoryservice/pricing/',
    note: `${SECONDARY}; two domain controllers per directory`,
  },
  natGatewayHour: { value: 0.062, source: 'https://aws.amazon.com/vpc/pricing/', note: SECONDARY },
  cloudWatchLogsIngestedGb: {
    value: 0.76,
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    note: SECONDARY,
  },
  lambdaProvisionedConcurrencyGbSecond: {
    value: 0.0000041667,
    source: 'https://aws.amazon.com/lambda/pricing/',
    note: SECONDARY,
  },
  // --- Azure (Japan East) ---
  p2sScaleUnitHour: { value: 0.261, source: VWAN_PRICING, note: "Microsoft's example figure" },
  p2sConnectionUnitHour: { value: 0.0125, source: VWAN_PRICING, note: "Microsoft's example figure" },
  virtualHubHour: { value: 0.25, source: VWAN_PRICING, note: "Microsoft's example figure (standard hub)" },
  s2sScaleUnitHour: {
    value: 0.361,
    source: VWAN_PRICING,
    note: "Microsoft's example figure; LIMITS.md gives 0.261-0.361, the higher is used",
  },
  expressRouteGatewayScaleUnitHour: { value: 0.42, source: VWAN_PRICING, note: "Microsoft's example figure" },
  virtualHubDataProcessedGb: {
    value: 0.02,
    source: VWAN_PRICING,
    note: "Microsoft's example figure for traffic routed through the hub",
  },
  expressRoutePremiumMetered1GbpsMonth: {
    value: 1_100,
    source: 'https://azure.microsoft.com/pricing/details/expressroute/',
    note: `${SECONDARY}; Standard metered 1 Gbps (about USD 436) plus the Premium add-on, rounded up`,
  },
  expressRouteOutboundZone2Gb: {
    value: 0.05,
    source: 'https://azure.microsoft.com/pricing/details/expressroute/',
    note: `${SECONDARY}; Japan is zone 2 for metered outbound data`,
  },
  azureInternetDataOutGb: {
    value: 0.12,
    source: 'https://azure.microsoft.com/pricing/details/bandwidth/',
    note: `${SECONDARY}; zone 2 first 10 TB (the highest tier)`,
  },
  entraDomainServicesEnterpriseHour: {
    value: 0.4,
    source: 'https://azure.microsoft.com/pricing/details/microsoft-entra-ds/',
    note: SECONDARY,
  },
  logAnalyticsIngestedGb: {
    value: 2.99,
    source: 'https://azure.microsoft.com/pricing/details/monitor/',
    note: `${SECONDARY} (pay-as-you-go analytics logs)`,
  },
} as const satisfies Record<string, Sourced<number>>;

/** Hours in an average month (365 * 24 / 12), the basis of every monthly figure. */
export const HOURS_PER_MONTH = 730;

/** GB carried by one Mbps for one hour (3,600 s / 8 bits / 1,000 MB). */
export const GB_PER_MBPS_HOUR = 0.45;
