/**
 * What each ExpressRoute connectivity provider offers in Japan: the peering locations where
 * it connects to Microsoft, and the circuit bandwidths it sells there. The profile rule
 * lib/profile/rules/expressroute.ts refuses a circuit whose provider / peering location /
 * bandwidth combination is not in this table, so a circuit that the provider cannot
 * provision never reaches `terraform apply`.
 *
 * Locations: shared/reference/LIMITS.md ("IIJ and SoftBank are providers at Osaka, Tokyo and
 * Tokyo2 for both Azure and Microsoft 365"), from Microsoft's "Locations by provider" page.
 * Bandwidths: Microsoft's page lists locations, not speeds per provider; both providers sell
 * the standard provider-circuit speeds (LIMITS.md, ExpressRoute bandwidths). Confirm with
 * `az network express-route list-service-providers` (its `bandwidthsOffered` and
 * `peeringLocations` per provider) before ordering, and add a row here when a provider or
 * location is added.
 */
import { EXPRESSROUTE_BANDWIDTHS_MBPS } from './expressroute';
import type { Sourced } from './source';

const LOCATIONS = 'https://learn.microsoft.com/azure/expressroute/expressroute-locations';

export type JapanPeeringLocation = 'Tokyo' | 'Tokyo2' | 'Tokyo3' | 'Osaka';

export interface ExpressRouteProviderOffer {
  /** The provider's name exactly as Azure lists it (`service_provider_name`). */
  readonly serviceProviderName: string;
  /** Other spellings profiles use for the same provider (matched case-insensitively). */
  readonly aliases: readonly string[];
  readonly peeringLocations: readonly JapanPeeringLocation[];
  readonly bandwidthsMbps: readonly number[];
}

export const EXPRESSROUTE_PROVIDERS_JAPAN: Sourced<readonly ExpressRouteProviderOffer[]> = {
  value: [
    {
      serviceProviderName: 'Internet Initiative Japan Inc. - IIJ',
      aliases: ['IIJ', 'Internet Initiative Japan'],
      peeringLocations: ['Osaka', 'Tokyo', 'Tokyo2'],
      bandwidthsMbps: EXPRESSROUTE_BANDWIDTHS_MBPS.value,
    },
    {
      serviceProviderName: 'SoftBank',
      aliases: ['Softbank', 'SoftBank Corp.'],
      peeringLocations: ['Osaka', 'Tokyo', 'Tokyo2'],
      bandwidthsMbps: EXPRESSROUTE_BANDWIDTHS_MBPS.value,
    },
  ],
  source: LOCATIONS,
  note: 'locations per shared/reference/LIMITS.md; bandwidths are the standard provider speeds (the page lists none per provider)',
};

/** The provider row for a profile's serviceProvider, matched on the Azure name or an alias. */
export function expressRouteProviderOffer(name: string): ExpressRouteProviderOffer | undefined {
  const wanted = name.trim().toLowerCase();
  return EXPRESSROUTE_PROVIDERS_JAPAN.value.find(
    (p) =>
      p.serviceProviderName.toLowerCase() === wanted || p.aliases.some((a) => a.toLowerCase() === wanted),
  );
}
