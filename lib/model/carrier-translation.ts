/**
 * Which translation the design gives each closed mobile network, and whether its devices fit.
 *
 * The profile asks for `translation.translatedRange`, read as a 1:1 map of the device pool.
 * Where the translation is in AWS (`translation.at: aws`) the design cannot give 1:1: a
 * private NAT gateway translates many-to-one (source NAT to its own addresses). The stacks
 * (lib/aws/links/carrier-translation.ts) put one private NAT gateway in each zone of the
 * landing Region, in a subnet of the translated range, with its one primary address and no
 * secondary addresses: N zones give N addresses. Each address carries at most
 * the NAT gateway's connections-per-address-per-destination limit to one destination, so
 * the devices fit when devices x the assumed connections per device stays within the
 * addresses left after the loss of one zone. Azure translates 1:1 (a Static NAT rule on the
 * hub's VPN gateway); at a data centre or at the carrier, the translation is theirs.
 */
import type { ClosedMobileNetwork, Profile } from '../profile/schema';

/**
 * The figures the check needs. lib/model imports no quota: the callers pass them from
 * lib/quotas/nat-gateway.ts (NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION,
 * CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION), through `natTranslationFigures()` there.
 */
export interface NatTranslationFigures {
  readonly connectionsPerAddressPerDestination: number;
  readonly deviceConnectionsPerDestination: number;
}

export interface CarrierTranslation {
  readonly carrier: string;
  readonly kind: 'private-nat-many-to-one' | 'static-one-to-one' | 'outside-the-clouds' | 'none';
  /** Private NAT only: one NAT gateway per zone, each with one address. */
  readonly natGateways?: number;
  readonly addresses?: number;
  /** Simultaneous connections to one destination: all addresses, and after the loss of one zone. */
  readonly connectionsPerDestination?: number;
  readonly connectionsPerDestinationAfterZoneLoss?: number;
  /** devices x the per-device assumption. */
  readonly demandPerDestination?: number;
  /** Private NAT only: the demand fits after the loss of one zone. */
  readonly fits?: boolean;
  /** One sentence for the plan's notes. */
  readonly statement: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The zones of the AWS Region a carrier lands in: one private NAT gateway each when it is
 * translated in AWS (lib/aws/links/carrier-translation.ts builds them; the cost counts them).
 */
export function landingZones(profile: Profile, carrier: ClosedMobileNetwork): readonly string[] {
  const region = carrier.landing.at.replace(/^aws:/, '');
  return profile.clouds.aws?.regions.find((r) => r.region === region)?.availabilityZones ?? [];
}

export function carrierTranslation(
  profile: Profile,
  carrier: ClosedMobileNetwork,
  figures: NatTranslationFigures,
): CarrierTranslation {
  const t = carrier.translation;
  const name = carrier.name;
  if (!t) {
    return {
      carrier: name,
      kind: 'none',
      statement: `${name}: no translation; the device pool ${carrier.devicePool} is routed as is.`,
    };
  }
  if (t.at === 'azure') {
    return {
      carrier: name,
      kind: 'static-one-to-one',
      statement: `${name}: static 1:1 translation of ${carrier.devicePool} to ${t.translatedRange} (a Static NAT rule on the hub's VPN gateway at ${carrier.landing.at}); every device keeps its own address, no shared-address connection limit applies.`,
    };
  }
  if (t.at !== 'aws') {
    return {
      carrier: name,
      kind: 'outside-the-clouds',
      statement: `${name}: translated by the ${t.at === 'carrier' ? 'carrier' : 'data centre'} to ${t.translatedRange}, outside what Tsunagi builds; the profile states it as 1:1, which Tsunagi does not check.`,
    };
  }
  const zones = landingZones(profile, carrier).length;
  const perAddress = figures.connectionsPerAddressPerDestination;
  const perDevice = figures.deviceConnectionsPerDestination;
  const addresses = zones; // one private NAT gateway per zone, its primary address only
  const connections = addresses * perAddress;
  const afterLoss = Math.max(addresses - 1, 1) * perAddress;
  const demand = carrier.devices * perDevice;
  const fits = demand <= afterLoss;
  return {
    carrier: name,
    kind: 'private-nat-many-to-one',
    natGateways: zones,
    addresses,
    connectionsPerDestination: connections,
    connectionsPerDestinationAfterZoneLoss: afterLoss,
    demandPerDestination: demand,
    fits,
    statement:
      `${name}: many-to-one translation, not the 1:1 map the profile's translatedRange suggests: ` +
      `${zones} private NAT gateway(s) (one per zone of ${carrier.landing.at}) translate the ${fmt(carrier.devices)} devices of ${carrier.devicePool} ` +
      `to ${addresses} address(es) of ${t.translatedRange}; each address carries at most ${fmt(perAddress)} simultaneous connections per unique destination ` +
      `(${fmt(connections)} in all, ${fmt(afterLoss)} after the loss of one zone), and the devices need ${fmt(demand)} ` +
      `(${perDevice} per device to one destination, an assumption): ${fits ? 'they fit' : 'they do NOT fit'}. ` +
      'Connections start only from the devices; on-premises systems cannot address a device.',
  };
}

/** The translation of every closed mobile network of the profile, in profile order. */
export function carrierTranslations(profile: Profile, figures: NatTranslationFigures): CarrierTranslation[] {
  return profile.closedMobileNetworks.map((c) => carrierTranslation(profile, c, figures));
}
