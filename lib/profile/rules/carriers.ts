/**
 * Rule: a closed mobile network's landing and translation say something the stacks can
 * build. The landing type fixes the place (a hosted Direct Connect lands on AWS, an
 * ExpressRoute on Azure, data-centre at a data centre); AWS landings need their peer
 * (landing.aws), Azure VPN landings their site (azureVpnSite); the translation happens where
 * the traffic lands (translation.at must agree with landing.at) -- stacks/aws/links-stack.ts,
 * lib/aws/links/carrier-translation.ts, lib/azure/inventory.ts carrierSites.
 */
import { carrierTranslation } from '../../model/carrier-translation';
import { parseCidr } from '../../net/cidr';
import {
  CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION,
  NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION,
  natTranslationFigures,
} from '../../quotas/nat-gateway';
import { formatNumber } from '../../util/format-number';
import { issue, type ProfileIssue } from '../issues';
import type { ClosedMobileNetwork, Profile } from '../schema';

/** Which places each landing type can be at. */
const LANDING_PLACES: Record<ClosedMobileNetwork['landing']['type'], readonly ('aws' | 'azure' | 'dc')[]> = {
  vpn: ['aws', 'azure', 'dc'],
  'direct-connect-hosted': ['aws'],
  expressroute: ['azure'],
  'data-centre': ['dc'],
};

/** The carrier translation subnet per zone is carved at /prefix+2 (four zones): at most a /26. */
const AWS_TRANSLATION_MAX_PREFIX = 26;

function placeKind(at: string): 'aws' | 'azure' | 'dc' {
  return at.split(':')[0] as 'aws' | 'azure' | 'dc';
}

export function checkCarriers(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  profile.closedMobileNetworks.forEach((c, i) => {
    const base = ['closedMobileNetworks', i];
    const { type, at } = c.landing;
    const kind = placeKind(at);
    if (!LANDING_PLACES[type].includes(kind)) {
      found.push(
        issue(
          [...base, 'landing', 'at'],
          `is ${kind === 'dc' ? 'a data centre' : kind === 'aws' ? 'an AWS Region' : 'an Azure Region'}, where a landing of type ${type} cannot be (${type} lands at ${LANDING_PLACES[type].map((k) => `${k}:...`).join(' or ')})`,
          at,
          `change landing.type or landing.at so they agree`,
        ),
      );
      return;
    }
    const landsOnAws = kind === 'aws';
    const landsOnAzureVpn = kind === 'azure' && type === 'vpn';
    const peer = c.landing.aws;
    if (landsOnAws) {
      if (!peer) {
        found.push(
          issue(
            [...base, 'landing', 'aws'],
            `is required: ${c.name} lands on ${at}, where Tsunagi builds the carrier's ${type === 'vpn' ? 'Site-to-Site VPN' : 'Direct Connect interface'} and needs its peer`,
            undefined,
            type === 'vpn'
              ? "add landing.aws.bgpAsn and landing.aws.gatewayIp (the carrier gateway's public IP)"
              : 'add landing.aws.bgpAsn, landing.aws.connectionId and landing.aws.vlan (the accepted hosted connection)',
          ),
        );
      } else if (type === 'vpn' && !peer.gatewayIp) {
        found.push(
          issue(
            [...base, 'landing', 'aws', 'gatewayIp'],
            'is required for a vpn landing on AWS',
            undefined,
            "add the carrier VPN gateway's public IP",
          ),
        );
      } else if (type === 'direct-connect-hosted') {
        for (const field of ['connectionId', 'vlan'] as const) {
          if (peer[field] === undefined) {
            found.push(
              issue(
                [...base, 'landing', 'aws', field],
                'is required for a direct-connect-hosted landing',
                undefined,
                field === 'vlan'
                  ? 'add the VLAN of the hosted connection'
                  : 'add the hosted connection ID (dxcon-...)',
              ),
            );
          }
        }
        if (!profile.directConnect) {
          found.push(
            issue(
              ['directConnect'],
              `is required: ${c.name} lands on a hosted Direct Connect connection, whose interface needs a Direct Connect gateway (directConnect.gatewayAsn)`,
              undefined,
              'add directConnect with gatewayAsn (and the connections of your data centres, if any)',
            ),
          );
        }
      }
    } else if (peer) {
      found.push(
        issue(
          [...base, 'landing', 'aws'],
          `is ignored: ${c.name} lands at ${at}, not on AWS`,
          peer,
          'remove landing.aws, or land the carrier on an AWS Region',
          'warning',
        ),
      );
    }
    if (landsOnAzureVpn && !c.azureVpnSite) {
      found.push(
        issue(
          [...base, 'azureVpnSite'],
          `is required: ${c.name} lands on ${at} over VPN, which Tsunagi builds as a Virtual WAN VPN site`,
          undefined,
          "add azureVpnSite.links with the carrier gateway's public IPs",
        ),
      );
    } else if (!landsOnAzureVpn && c.azureVpnSite) {
      found.push(
        issue(
          [...base, 'azureVpnSite'],
          `is ignored: ${c.name} does not land on Azure over VPN (${type} at ${at})`,
          c.azureVpnSite,
          'remove azureVpnSite, or land the carrier at azure:<region> with type vpn',
          'warning',
        ),
      );
    }
    if (kind === 'azure' && type === 'expressroute') {
      found.push(
        issue(
          [...base, 'landing'],
          `builds nothing on Azure: an ExpressRoute landing is the carrier's circuit, which Tsunagi builds only from expressRoute.circuits`,
          c.landing,
          'declare the carrier circuit under expressRoute.circuits (its dataCentre and hubRegion), or land over vpn',
          'warning',
        ),
      );
    }

    const t = c.translation;
    if (!t) return;
    const path = [...base, 'translation', 'at'];
    const agree =
      t.at === 'carrier' ||
      (t.at === 'aws' && landsOnAws) ||
      (t.at === 'azure' && landsOnAzureVpn) ||
      (t.at === 'data-centre' && kind === 'dc');
    if (!agree) {
      found.push(
        issue(
          path,
          `contradicts landing.at ${at} (${type}): the translation happens where the carrier lands${t.at === 'azure' ? ' (Azure translates on a hub VPN gateway, so the landing must be vpn at azure:<region>)' : ''}`,
          t.at,
          `set translation.at to ${landsOnAws ? 'aws' : landsOnAzureVpn ? 'azure' : kind === 'dc' ? 'data-centre' : 'carrier'} (or carrier, if the carrier translates), or move the landing`,
        ),
      );
    }
    if (
      t.at === 'aws' &&
      landsOnAws &&
      parseCidr(t.translatedRange).prefixLength > AWS_TRANSLATION_MAX_PREFIX
    ) {
      found.push(
        issue(
          [...base, 'translation', 'translatedRange'],
          `is smaller than the /${AWS_TRANSLATION_MAX_PREFIX} AWS translation needs (one private NAT subnet per zone, up to four zones)`,
          t.translatedRange,
          `use a /${AWS_TRANSLATION_MAX_PREFIX} or larger range (and a device pool of the same size)`,
        ),
      );
    }
    if (t.at === 'aws' && landsOnAws) {
      // Private NAT is many-to-one: the devices share one address per zone's NAT gateway.
      const nat = carrierTranslation(profile, c, natTranslationFigures());
      if (nat.fits === false) {
        found.push(
          issue(
            [...base, 'devices'],
            `do not fit the AWS translation: private NAT is many-to-one, ${nat.addresses} NAT gateway address(es) (one per zone of ${at}) carry ${formatNumber(nat.connectionsPerDestinationAfterZoneLoss!)} simultaneous connections per unique destination after the loss of one zone (${formatNumber(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION.value)} per address), and ${formatNumber(c.devices)} devices at ${CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION.value} connections each to one destination need ${formatNumber(nat.demandPerDestination!)}`,
            c.devices,
            'translate at the carrier or a data centre (translation.at: carrier or data-centre), land the carrier on Azure (static 1:1 NAT), or split the devices over carriers landing in different Regions',
          ),
        );
      }
    }
  });
  return found;
}
