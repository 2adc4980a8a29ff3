/**
 * The ASN rule (lib/profile/rules/asns.ts) at its edges: each end of both private ranges,
 * each reserved ASN and its neighbours, every peer list that can clash with an Amazon-side
 * ASN, and the exact issue each case reports (path, message, value, fix, severity).
 *
 * The rule runs directly on a copy of the hyogo fixture as the schema parses it (the schema
 * is not under mutation; the rule is, and it runs only inside the tests).
 */
import { checkAsns, isPrivateAsn } from '../../lib/profile/rules/asns';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture, ruleIssueLines } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');

/** The rule's issues for an edited copy of hyogo, one formatted line each. */
const asnIssues = ruleIssueLines(checkAsns, HYOGO);

const PUBLIC_FIX = 'use a private ASN: 64512-65534 or 4200000000-4294967294';
const RESERVED_FIX = 'use the ASN your router really has; a private one (64512-65514) if it has none';
const CLASH_FIX = 'give the Amazon side and your router different ASNs';
/** hyogo's Microsoft peering uses its private data-centre ASN: warned, always. */
const MS_PRIVATE_WARNING =
  'warning: expressRoute.circuits[0].microsoftPeering.customerAsn: is a private ASN; Microsoft validates the advertised public prefixes against the ASN they are registered to, so the peering will not advertise them until this is that (public) ASN (got 65010); use the public ASN your advertisedPublicPrefixes are registered to (or drop Microsoft peering)';
/** Makes hyogo's Microsoft peering ASN public (and unreserved), so it adds no warning. */
const publicMsAsn = (p: MutableProfile) => {
  p.expressRoute.circuits[0].microsoftPeering.customerAsn = 7224;
};

describe('isPrivateAsn: both ends of both private ranges', () => {
  test.each([
    [1, false],
    [64_511, false],
    [64_512, true],
    [65_000, true],
    [65_534, true],
    [65_535, false],
    [4_199_999_999, false],
    [4_200_000_000, true],
    [4_250_000_000, true],
    [4_294_967_294, true],
    [4_294_967_295, false],
  ])('%d is private: %s', (asn, expected) => {
    expect(isPrivateAsn(asn)).toBe(expected);
  });
});

describe('checkAsns', () => {
  test('the fixture: only the private Microsoft peering ASN is warned', () => {
    expect(asnIssues()).toEqual([MS_PRIVATE_WARNING]);
    const [warning] = checkAsns(HYOGO as Profile);
    expect(warning).toEqual({
      path: ['expressRoute', 'circuits', 0, 'microsoftPeering', 'customerAsn'],
      message:
        'is a private ASN; Microsoft validates the advertised public prefixes against the ASN they are registered to, so the peering will not advertise them until this is that (public) ASN',
      got: 65010,
      fix: 'use the public ASN your advertisedPublicPrefixes are registered to (or drop Microsoft peering)',
      severity: 'warning',
    });
  });

  test('a public Microsoft peering ASN is what the peering needs: no issue', () => {
    expect(asnIssues(publicMsAsn)).toEqual([]);
    // The private range's ends: 4200000000 is private (warned), 4199999999 is public (not).
    expect(
      asnIssues((p) => {
        p.expressRoute.circuits[0].microsoftPeering.customerAsn = 4_200_000_000;
      }),
    ).toEqual([MS_PRIVATE_WARNING.replace('(got 65010)', '(got 4200000000)')]);
    expect(
      asnIssues((p) => {
        p.expressRoute.circuits[0].microsoftPeering.customerAsn = 4_199_999_999;
      }),
    ).toEqual([]);
  });

  test('Amazon-side ASNs just inside the private ranges are accepted', () => {
    for (const asn of [64_512, 65_534, 4_200_000_000, 4_294_967_294]) {
      expect(
        asnIssues((p) => {
          publicMsAsn(p);
          p.clouds.aws.regions[1].transitGatewayAsn = asn;
          p.directConnect.gatewayAsn = asn === 64_512 ? 65_534 : 64_512;
        }),
      ).toEqual([]);
    }
  });

  test.each([1, 64_511, 65_535, 4_199_999_999, 4_294_967_295])(
    'a Transit Gateway and a Direct Connect gateway with ASN %d (public) are refused',
    (asn) => {
      expect(
        asnIssues((p) => {
          publicMsAsn(p);
          p.clouds.aws.regions[1].transitGatewayAsn = asn;
          p.directConnect.gatewayAsn = asn;
        }),
      ).toEqual([
        `clouds.aws.regions[1].transitGatewayAsn: is a public ASN, but the Transit Gateway (Amazon side) needs a private one (got ${asn}); ${PUBLIC_FIX}`,
        `directConnect.gatewayAsn: is a public ASN, but the Direct Connect gateway (Amazon side) needs a private one (got ${asn}); ${PUBLIC_FIX}`,
      ]);
    },
  );

  test('the first Region is checked too', () => {
    expect(
      asnIssues((p) => {
        publicMsAsn(p);
        p.clouds.aws.regions[0].transitGatewayAsn = 7224;
      }),
    ).toEqual([
      `clouds.aws.regions[0].transitGatewayAsn: is a public ASN, but the Transit Gateway (Amazon side) needs a private one (got 7224); ${PUBLIC_FIX}`,
    ]);
  });

  test('reserved ASNs at every peer, each named with who reserves it', () => {
    expect(
      asnIssues((p) => {
        p.dataCentres[0].bgpAsn = 23_456;
        p.dataCentres[1].bgpAsn = 65_515;
        p.directConnect.connections[0].customerAsn = 12_076;
        p.closedMobileNetworks[0].landing.aws = { bgpAsn: 8074 };
        p.expressRoute.circuits[0].privatePeering.peerAsn = 65_535;
        p.expressRoute.circuits[1].privatePeering.peerAsn = 65_520;
        p.expressRoute.circuits[0].microsoftPeering.customerAsn = 8075;
      }),
    ).toEqual([
      `dataCentres[0].bgpAsn: is reserved (IANA) and cannot be the data centre dc-kobe's ASN (got 23456); ${RESERVED_FIX}`,
      `dataCentres[1].bgpAsn: is reserved (by Azure/Microsoft) and cannot be the data centre dc-harima's ASN (got 65515); ${RESERVED_FIX}`,
      `directConnect.connections[0].customerAsn: is reserved (by Azure/Microsoft) and cannot be the Direct Connect customer router's ASN (got 12076); ${RESERVED_FIX}`,
      `closedMobileNetworks[0].landing.aws.bgpAsn: is reserved (by Azure/Microsoft) and cannot be the carrier's ASN (got 8074); ${RESERVED_FIX}`,
      `expressRoute.circuits[0].privatePeering.peerAsn: is reserved (IANA) and cannot be the peer's ASN (got 65535); ${RESERVED_FIX}`,
      `expressRoute.circuits[0].microsoftPeering.customerAsn: is reserved (by Azure/Microsoft) and cannot be the Microsoft peering customer's ASN (got 8075); ${RESERVED_FIX}`,
      `expressRoute.circuits[1].privatePeering.peerAsn: is reserved (by Azure/Microsoft) and cannot be the peer's ASN (got 65520); ${RESERVED_FIX}`,
    ]);
  });

  test.each([
    [23_456, 'IANA'],
    [65_535, 'IANA'],
    [8074, 'by Azure/Microsoft'],
    [8075, 'by Azure/Microsoft'],
    [12_076, 'by Azure/Microsoft'],
    [65_515, 'by Azure/Microsoft'],
    [65_517, 'by Azure/Microsoft'],
    [65_518, 'by Azure/Microsoft'],
    [65_519, 'by Azure/Microsoft'],
    [65_520, 'by Azure/Microsoft'],
  ])('reserved %d (%s) as a data centre ASN', (asn, by) => {
    expect(
      asnIssues((p) => {
        p.dataCentres[1].bgpAsn = asn;
      }),
    ).toEqual([
      `dataCentres[1].bgpAsn: is reserved (${by}) and cannot be the data centre dc-harima's ASN (got ${asn}); ${RESERVED_FIX}`,
      MS_PRIVATE_WARNING,
    ]);
  });

  test('the neighbours of the reserved ASNs are usable at every peer', () => {
    for (const asn of [8073, 8076, 12_075, 12_077, 23_455, 23_457, 65_514, 65_516, 65_521, 4_294_967_294]) {
      expect(
        asnIssues((p) => {
          publicMsAsn(p);
          p.dataCentres[1].bgpAsn = asn;
          p.directConnect.connections[0].customerAsn = asn;
          p.closedMobileNetworks[0].landing.aws = { bgpAsn: asn };
          p.expressRoute.circuits[1].privatePeering.peerAsn = asn;
        }),
      ).toEqual([]);
    }
  });

  test('a peer with the Amazon side’s own ASN: each peer list, each Amazon side', () => {
    expect(
      asnIssues((p) => {
        publicMsAsn(p);
        p.dataCentres[0].bgpAsn = 64_601;
        p.directConnect.connections[0].customerAsn = 64_512;
        p.closedMobileNetworks[0].landing.aws = { bgpAsn: 64_602 };
      }),
    ).toEqual([
      `dataCentres[0].bgpAsn: equals the Amazon-side ASN at clouds.aws.regions.0.transitGatewayAsn; a BGP session needs two different ASNs (got 64601); ${CLASH_FIX}`,
      `directConnect.connections[0].customerAsn: equals the Amazon-side ASN at directConnect.gatewayAsn; a BGP session needs two different ASNs (got 64512); ${CLASH_FIX}`,
      `closedMobileNetworks[0].landing.aws.bgpAsn: equals the Amazon-side ASN at clouds.aws.regions.1.transitGatewayAsn; a BGP session needs two different ASNs (got 64602); ${CLASH_FIX}`,
    ]);
  });

  test('the issue objects carry the path, the value and severity error', () => {
    const [clash] = checkAsns(
      (() => {
        const copy = structuredClone(HYOGO) as MutableProfile;
        publicMsAsn(copy);
        copy.dataCentres[1].bgpAsn = 64_512;
        return copy as Profile;
      })(),
    );
    expect(clash).toEqual({
      path: ['dataCentres', 1, 'bgpAsn'],
      message:
        'equals the Amazon-side ASN at directConnect.gatewayAsn; a BGP session needs two different ASNs',
      got: 64512,
      fix: CLASH_FIX,
      severity: 'error',
    });
  });

  test('a profile without AWS, Direct Connect, Microsoft peering or carrier AWS landing', () => {
    expect(
      asnIssues((p) => {
        delete p.clouds.aws;
        delete p.directConnect;
        delete p.expressRoute.circuits[0].microsoftPeering;
        p.dataCentres[0].bgpAsn = 64_601;
      }),
    ).toEqual([]);
  });
});
