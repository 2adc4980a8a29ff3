/**
 * The ExpressRoute rule (lib/profile/rules/expressroute.ts): the provider, peering location and
 * bandwidth against the provider table; Premium with and without Microsoft 365 communities
 * (refused without Premium, warned with it, warned when Premium buys nothing); the Global Reach
 * /29 (missing, /28, /29, /30); Global Reach pairs at the same and at different locations; the
 * circuits per hub at the limit and one past it. Each case asserts the exact issues (path,
 * message, value, fix; warnings carry the "warning:" prefix).
 *
 * The rule runs directly on a copy of a fixture as the schema parses it (the schema is not
 * under mutation; the rule is, and it runs only inside the tests).
 */
import { checkExpressRoute } from '../../lib/profile/rules/expressroute';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture, ruleIssueLines } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');
const IWATE = parsedFixture('iwate');

/** The rule's issues for an edited copy of hyogo (iwate), one formatted line each. */
const hyogoIssues = ruleIssueLines(checkExpressRoute, HYOGO);
const iwateIssues = ruleIssueLines(checkExpressRoute, IWATE);

const SOURCE = 'https://learn.microsoft.com/azure/expressroute/expressroute-locations';
const IIJ = 'Internet Initiative Japan Inc. - IIJ';
const BANDWIDTHS = '50, 100, 200, 500, 1000, 2000, 5000, 10000';
/** hyogo's Tokyo circuit: Premium, Microsoft 365 over Microsoft peering. Warned, always. */
const M365_WARNING =
  'warning: expressRoute.circuits[0].microsoftPeering: routes Microsoft 365 over ExpressRoute, which Microsoft advises against except in rare cases and which needs the Premium add-on (present) and Microsoft\u2019s authorization (got ["exchange-online","sharepoint-online","skype-teams","entra-id","japan-east"]); prefer internet breakout of the Microsoft 365 Optimize ranges; keep this only with Microsoft\u2019s written authorization';
const premiumUnneeded = (i: number) =>
  `warning: expressRoute.circuits[${i}].sku.tier: is Premium, but the circuit carries nothing that needs Premium (no Microsoft 365 over Microsoft peering; both hubs are in Japan), so Tsunagi deploys it as Standard (got "Premium"); set sku.tier to Standard`;
const mustBePremium = (i: number) =>
  `expressRoute.circuits[${i}].sku.tier: must be Premium: Microsoft 365 over Microsoft peering needs the Premium add-on (got "Standard"); set sku.tier to Premium (after Microsoft authorizes the subscription) or drop the Microsoft 365 communities`;

/** A copy of a Standard circuit with private peering only (hyogo's second, iwate's first), renamed and rehomed. */
function copyOfCircuit(p: MutableProfile, index: number, name: string, hubRegion: string) {
  return { ...structuredClone(p.expressRoute.circuits[index]), name, hubRegion };
}

describe('checkExpressRoute', () => {
  test('the fixtures: only the Microsoft 365 warning on hyogo', () => {
    expect(hyogoIssues()).toEqual([M365_WARNING]);
    expect(iwateIssues()).toEqual([]);
    const [warning] = checkExpressRoute(HYOGO as Profile);
    expect(warning?.severity).toBe('warning');
    expect(warning?.got).toEqual([
      'exchange-online',
      'sharepoint-online',
      'skype-teams',
      'entra-id',
      'japan-east',
    ]);
  });

  describe('the provider table', () => {
    test('an unknown provider is refused and nothing else about the circuit is checked', () => {
      expect(
        iwateIssues((p) => {
          p.expressRoute.circuits[0].serviceProvider = 'NTT Communications';
          p.expressRoute.circuits[0].peeringLocation = 'Seoul';
          p.expressRoute.circuits[0].bandwidthMbps = 3000;
        }),
      ).toEqual([
        `expressRoute.circuits[0].serviceProvider: is not an ExpressRoute provider Tsunagi knows in Japan (${SOURCE}) (got "NTT Communications"); use one of ${IIJ}, SoftBank, or add the provider's offer to lib/quotas/expressroute-providers.ts with its source`,
      ]);
    });

    test('a provider spelled as an alias is known', () => {
      expect(iwateIssues((p) => (p.expressRoute.circuits[0].serviceProvider = 'SoftBank Corp.'))).toEqual([]);
    });

    test('a peering location the provider does not offer', () => {
      expect(hyogoIssues((p) => (p.expressRoute.circuits[1].peeringLocation = 'Tokyo3'))).toEqual([
        `expressRoute.circuits[1].peeringLocation: is not offered by ${IIJ}, which connects at Osaka, Tokyo, Tokyo2 (${SOURCE}) (got "Tokyo3"); choose one of Osaka, Tokyo, Tokyo2 or another provider`,
        M365_WARNING,
      ]);
    });

    test('a bandwidth the provider does not sell, on either side of the largest it does', () => {
      expect(iwateIssues((p) => (p.expressRoute.circuits[0].bandwidthMbps = 20_000))).toEqual([
        `expressRoute.circuits[0].bandwidthMbps: is not a bandwidth SoftBank sells (got 20000); choose one of ${BANDWIDTHS} Mbps`,
      ]);
      expect(iwateIssues((p) => (p.expressRoute.circuits[0].bandwidthMbps = 3000))).toEqual([
        `expressRoute.circuits[0].bandwidthMbps: is not a bandwidth SoftBank sells (got 3000); choose one of ${BANDWIDTHS} Mbps`,
      ]);
      expect(iwateIssues((p) => (p.expressRoute.circuits[0].bandwidthMbps = 50))).toEqual([]);
    });

    test('location and bandwidth are both reported, on the first circuit too', () => {
      expect(
        hyogoIssues((p) => {
          p.expressRoute.circuits[0].peeringLocation = 'Nagoya';
          p.expressRoute.circuits[0].bandwidthMbps = 40_000;
        }),
      ).toEqual([
        `expressRoute.circuits[0].peeringLocation: is not offered by ${IIJ}, which connects at Osaka, Tokyo, Tokyo2 (${SOURCE}) (got "Nagoya"); choose one of Osaka, Tokyo, Tokyo2 or another provider`,
        `expressRoute.circuits[0].bandwidthMbps: is not a bandwidth ${IIJ} sells (got 40000); choose one of ${BANDWIDTHS} Mbps`,
        M365_WARNING,
      ]);
    });
  });

  describe('Premium and Microsoft 365', () => {
    test('Premium without Microsoft peering buys nothing: warned', () => {
      expect(hyogoIssues((p) => (p.expressRoute.circuits[1].sku.tier = 'Premium'))).toEqual([
        premiumUnneeded(1),
        M365_WARNING,
      ]);
    });

    test('Premium with Microsoft peering but no Microsoft 365 community buys nothing: warned', () => {
      expect(
        hyogoIssues(
          (p) => (p.expressRoute.circuits[0].microsoftPeering.communities = ['entra-id', 'japan-east']),
        ),
      ).toEqual([premiumUnneeded(0)]);
    });

    test('Standard with Microsoft peering but no Microsoft 365 community: nothing to say', () => {
      expect(
        hyogoIssues((p) => {
          p.expressRoute.circuits[0].sku.tier = 'Standard';
          p.expressRoute.circuits[0].microsoftPeering.communities = ['entra-id'];
        }),
      ).toEqual([]);
    });

    test('any one Microsoft 365 community needs Premium: refused on Standard, warned on Premium', () => {
      for (const community of ['exchange-online', 'sharepoint-online', 'skype-teams', 'other-office365']) {
        const communities = ['entra-id', community];
        expect(
          hyogoIssues((p) => {
            p.expressRoute.circuits[0].sku.tier = 'Standard';
            p.expressRoute.circuits[0].microsoftPeering.communities = communities;
          }),
        ).toEqual([mustBePremium(0)]);
        expect(
          hyogoIssues((p) => (p.expressRoute.circuits[0].microsoftPeering.communities = communities)),
        ).toEqual([
          M365_WARNING.replace(
            '["exchange-online","sharepoint-online","skype-teams","entra-id","japan-east"]',
            JSON.stringify(communities),
          ),
        ]);
      }
    });

    test('the second circuit with Microsoft 365 on Standard is refused at its own index', () => {
      expect(
        hyogoIssues((p) => {
          p.expressRoute.circuits[1].microsoftPeering = structuredClone(
            p.expressRoute.circuits[0].microsoftPeering,
          );
        }),
      ).toEqual([M365_WARNING, mustBePremium(1)]);
    });
  });

  describe('Global Reach', () => {
    test('the link prefix must be given', () => {
      expect(hyogoIssues((p) => delete p.expressRoute.globalReach[0].addressPrefix)).toEqual([
        M365_WARNING,
        'expressRoute.globalReach[0].addressPrefix: is required: Azure links the two circuits over a /29 of your choosing (Global Reach address_prefix_ipv4) (got nothing); add an unused /29, for example 192.168.100.32/29, that overlaps no other range',
      ]);
    });

    test('the link prefix must be a /29: a /28 and a /30 are refused', () => {
      for (const prefix of ['192.168.100.32/28', '192.168.100.32/30']) {
        expect(hyogoIssues((p) => (p.expressRoute.globalReach[0].addressPrefix = prefix))).toEqual([
          M365_WARNING,
          `expressRoute.globalReach[0].addressPrefix: must be a /29 (Global Reach) (got "${prefix}"); use a /29 such as 192.168.100.32/29`,
        ]);
      }
    });

    test('two circuits at the same location are refused, naming that location', () => {
      expect(hyogoIssues((p) => (p.expressRoute.circuits[1].peeringLocation = 'Tokyo'))).toEqual([
        M365_WARNING,
        'expressRoute.globalReach[0].circuits: links two circuits at the same peering location (Tokyo); Global Reach needs different locations (got ["er-iij-tokyo","er-iij-osaka"]); pair circuits at different peering locations',
      ]);
    });

    test('the pair is the two circuits named, not others in the list', () => {
      // Tokyo, Osaka, Osaka: the second and third share Osaka.
      const threeCircuits = (p: MutableProfile) => {
        p.expressRoute.circuits.push(copyOfCircuit(p, 1, 'er-iij-osaka-2', 'japanwest'));
      };
      expect(
        hyogoIssues((p) => {
          threeCircuits(p);
          p.expressRoute.globalReach = [
            { circuits: ['er-iij-osaka', 'er-iij-osaka-2'], addressPrefix: '192.168.100.40/29' },
          ];
        }),
      ).toEqual([
        M365_WARNING,
        'expressRoute.globalReach[0].circuits: links two circuits at the same peering location (Osaka); Global Reach needs different locations (got ["er-iij-osaka","er-iij-osaka-2"]); pair circuits at different peering locations',
      ]);
      // Tokyo, Tokyo, Tokyo2: the first and third are at different locations.
      expect(
        hyogoIssues((p) => {
          p.expressRoute.circuits[1].peeringLocation = 'Tokyo';
          p.expressRoute.circuits.push({
            ...copyOfCircuit(p, 1, 'er-iij-tokyo2', 'japanwest'),
            peeringLocation: 'Tokyo2',
          });
          p.expressRoute.globalReach = [
            { circuits: ['er-iij-tokyo', 'er-iij-tokyo2'], addressPrefix: '192.168.100.40/29' },
          ];
        }),
      ).toEqual([M365_WARNING]);
    });

    test('an unknown circuit in the pair is left to the reference rule', () => {
      expect(
        hyogoIssues((p) => {
          p.expressRoute.circuits[1].peeringLocation = 'Tokyo';
          p.expressRoute.globalReach[0].circuits = ['er-iij-tokyo', 'er-kix'];
        }),
      ).toEqual([M365_WARNING]);
    });
  });

  test('circuits per Virtual WAN hub: 8 are accepted, 9 are refused', () => {
    const circuitsAtEast = (count: number) => (p: MutableProfile) => {
      // iwate's one circuit is at japaneast; add count - 1 more there, and one at japanwest.
      for (let n = 1; n < count; n++)
        p.expressRoute.circuits.push(copyOfCircuit(p, 0, `er-east-${n}`, 'japaneast'));
      p.expressRoute.circuits.push(copyOfCircuit(p, 0, 'er-west', 'japanwest'));
    };
    expect(iwateIssues(circuitsAtEast(8))).toEqual([]);
    expect(iwateIssues(circuitsAtEast(9))).toEqual([
      'expressRoute.circuits: connects 9 circuits to the japaneast hub (limit 8) (got 9); spread circuits over more hubs',
    ]);
  });
});
