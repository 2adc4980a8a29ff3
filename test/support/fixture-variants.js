// Edited copies of the fixture profiles that more than a unit test needs synthesized by the
// real CLI (both clouds). Jest's global setup synthesizes them beside the fixtures, in parallel
// and cached under the same key (test/support/synthesized-fixtures.js); a test reads them with
// `artifactsDir('<variant name>')`. Each variant is the parsed base fixture with `edit` applied,
// written next to symlinks to the fixture's certs/ and idp/ folders. Plain JavaScript, because
// the global setup runs before jest's TypeScript transform.

/** @type {Record<string, { base: 'hyogo' | 'iwate', why: string, edit: (profile: any) => void }>} */
const VARIANTS = {
  // test/review/review.test.ts: the head of a realistic pull request on both clouds.
  'hyogo-review-head': {
    base: 'hyogo',
    why: "an access tier's client block moved, a circuit's peering location changed, a population's reach widened, the cost assumptions changed",
    edit(p) {
      p.accessTiers.find((t) => t.id === 'aws-tokyo').clientAddressBlock = '10.112.0.0/12';
      p.expressRoute.circuits[0].peeringLocation = 'Tokyo2';
      p.populations.find((x) => x.name === 'small-business').reach.push('municipal-gateway');
      p.costAssumptions = { connectedHoursPerMonth: 200, averageConcurrencyPercent: 60 };
    },
  },
};

module.exports = { VARIANTS };
