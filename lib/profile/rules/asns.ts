/**
 * Rule: BGP autonomous system numbers are of the kind each peer needs.
 * - Amazon-side ASNs (Transit Gateway, Direct Connect gateway) must be private:
 *   64512-65534 or 4200000000-4294967294 (AWS Transit Gateway and Direct Connect gateway docs).
 * - Microsoft peering needs a public ASN registered to the organisation (LIMITS.md,
 *   "ExpressRoute": public prefixes and a registered ASN): a private customerAsn is warned,
 *   since Azure accepts it and the prefix validation then fails after deployment.
 * - Azure reserves some ASNs for itself (65515 for Virtual WAN gateways, 65517-65520, and
 *   Microsoft's 8074, 8075, 12076): a data centre or carrier cannot use them, and IANA's
 *   reserved 0, 23456, 65535 and 4294967295 are never valid.
 * - Each BGP session joins two different ASNs (eBGP).
 */
import { MICROSOFT_ASN } from '../../quotas/expressroute';
import { type IssuePath, issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

export function isPrivateAsn(asn: number): boolean {
  return (asn >= 64_512 && asn <= 65_534) || (asn >= 4_200_000_000 && asn <= 4_294_967_294);
}

/** ASNs Azure reserves (https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview). */
const AZURE_RESERVED_ASNS = new Set([8074, 8075, MICROSOFT_ASN, 65_515, 65_517, 65_518, 65_519, 65_520]);
/** IANA reserved: AS_TRANS and the documentation/last ASNs. */
const IANA_RESERVED_ASNS = new Set([23_456, 65_535]);

export function checkAsns(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const requirePrivate = (asn: number, path: IssuePath, what: string) => {
    if (!isPrivateAsn(asn)) {
      found.push(
        issue(
          path,
          `is a public ASN, but the ${what} needs a private one`,
          asn,
          'use a private ASN: 64512-65534 or 4200000000-4294967294',
        ),
      );
    }
  };
  const requireUsable = (asn: number, path: IssuePath, what: string) => {
    if (IANA_RESERVED_ASNS.has(asn) || AZURE_RESERVED_ASNS.has(asn)) {
      found.push(
        issue(
          path,
          `is reserved (${IANA_RESERVED_ASNS.has(asn) ? 'IANA' : 'by Azure/Microsoft'}) and cannot be the ${what}'s ASN`,
          asn,
          'use the ASN your router really has; a private one (64512-65514) if it has none',
        ),
      );
    }
  };
  const amazonAsns = new Map<number, IssuePath>();
  profile.clouds.aws?.regions.forEach((r, i) => {
    const path = ['clouds', 'aws', 'regions', i, 'transitGatewayAsn'];
    requirePrivate(r.transitGatewayAsn, path, 'Transit Gateway (Amazon side)');
    amazonAsns.set(r.transitGatewayAsn, path);
  });
  if (profile.directConnect) {
    const path = ['directConnect', 'gatewayAsn'];
    requirePrivate(profile.directConnect.gatewayAsn, path, 'Direct Connect gateway (Amazon side)');
    amazonAsns.set(profile.directConnect.gatewayAsn, path);
  }
  const peer = (asn: number, path: IssuePath, what: string) => {
    requireUsable(asn, path, what);
    const clash = amazonAsns.get(asn);
    if (clash) {
      found.push(
        issue(
          path,
          `equals the Amazon-side ASN at ${clash.join('.')}; a BGP session needs two different ASNs`,
          asn,
          'give the Amazon side and your router different ASNs',
        ),
      );
    }
  };
  profile.dataCentres.forEach((dc, d) =>
    peer(dc.bgpAsn, ['dataCentres', d, 'bgpAsn'], `data centre ${dc.name}`),
  );
  profile.directConnect?.connections.forEach((c, i) =>
    peer(c.customerAsn, ['directConnect', 'connections', i, 'customerAsn'], `Direct Connect customer router`),
  );
  profile.closedMobileNetworks.forEach((c, i) => {
    if (c.landing.aws)
      peer(c.landing.aws.bgpAsn, ['closedMobileNetworks', i, 'landing', 'aws', 'bgpAsn'], 'carrier');
  });
  profile.expressRoute.circuits.forEach((c, i) => {
    requireUsable(
      c.privatePeering.peerAsn,
      ['expressRoute', 'circuits', i, 'privatePeering', 'peerAsn'],
      'peer',
    );
    const ms = c.microsoftPeering;
    if (ms) {
      const path = ['expressRoute', 'circuits', i, 'microsoftPeering', 'customerAsn'];
      if (isPrivateAsn(ms.customerAsn)) {
        found.push(
          issue(
            path,
            'is a private ASN; Microsoft validates the advertised public prefixes against the ASN they are registered to, so the peering will not advertise them until this is that (public) ASN',
            ms.customerAsn,
            'use the public ASN your advertisedPublicPrefixes are registered to (or drop Microsoft peering)',
            'warning',
          ),
        );
      } else requireUsable(ms.customerAsn, path, 'Microsoft peering customer');
    }
  });
  return found;
}
