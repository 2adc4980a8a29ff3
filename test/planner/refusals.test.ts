/**
 * Every refusal of the capacity planner (lib/planner/plan.ts), issue by issue: path, message
 * with its numbers, the value it got and the fix, at the limit and one past it.
 *
 * The profile rules (lib/profile/rules) refuse most of these profiles before the planner runs,
 * so each test calls planCapacity on a schema-parsed fixture edited in place: the planner's own
 * checks must hold whether or not a rule caught the fault first. Nothing here is computed by
 * the code under test outside a test body (CONTRIBUTING.md, "Mutation testing").
 */
import type { Profile } from '../../lib/model/deployment-model';
import type { CapacityPlan } from '../../lib/model/plan';
import { type PlanOutcome, planCapacity } from '../../lib/planner/plan';
import { formatIssue } from '../../lib/profile/issues';
import { type MutableProfile, parsedFixture } from '../support/profiles';

const hyogo = parsedFixture('hyogo');

function outcome(edit: (p: MutableProfile) => void = () => {}): PlanOutcome {
  const profile = structuredClone(hyogo) as MutableProfile;
  edit(profile);
  return planCapacity(profile as Profile);
}

/** The formatted issues of a refusal; fails the test when the planner returned a plan. */
function refusal(edit: (p: MutableProfile) => void): string[] {
  const result = outcome(edit);
  if (result.ok) throw new Error('expected a refusal, got a plan');
  return result.issues.map((i) => formatIssue(i));
}

/** The plan; fails the test when the planner refused. */
function planOf(edit: (p: MutableProfile) => void = () => {}): CapacityPlan {
  const result = outcome(edit);
  if (!result.ok) throw new Error(`expected a plan:\n${result.issues.map((i) => formatIssue(i)).join('\n')}`);
  return result.plan;
}

/** [tier, endpoints, associations] or [tier, scale units]. */
function tierSizes(plan: CapacityPlan): (string | number)[][] {
  return plan.tiers.map((t) =>
    t.kind === 'aws-client-vpn'
      ? [t.tierId, t.endpoints.length, t.associationsPerEndpoint]
      : [t.tierId, t.scaleUnits],
  );
}

const VPC_FIX =
  'is smaller than the /20 the subnet layout needs (client-vpn, services and transit subnets per zone)';

describe('network shapes: a /20 VPC and at most 4 zones', () => {
  test('a /20 VPC plans; a /21 is refused at its own Region index', () => {
    expect(planOf().awsRegions.map((r) => r.vpcCidr)).toEqual(['10.128.0.0/20', '10.128.16.0/20']);
    expect(
      refusal((p) => {
        p.clouds.aws.regions[1].vpcCidr = '10.128.16.0/21';
      }),
    ).toEqual([`clouds.aws.regions[1].vpcCidr: ${VPC_FIX} (got "10.128.16.0/21"); use a /20 or larger`]);
    expect(
      refusal((p) => {
        p.clouds.aws.regions[0].vpcCidr = '10.128.0.0/21';
        p.clouds.aws.regions[1].vpcCidr = '10.128.16.0/24';
      }),
    ).toEqual([
      `clouds.aws.regions[0].vpcCidr: ${VPC_FIX} (got "10.128.0.0/21"); use a /20 or larger`,
      `clouds.aws.regions[1].vpcCidr: ${VPC_FIX} (got "10.128.16.0/24"); use a /20 or larger`,
    ]);
  });

  test('a larger VPC than /20 plans', () => {
    expect(
      planOf((p) => {
        p.clouds.aws.regions[1].vpcCidr = '10.128.32.0/19';
      }).awsRegions[1]!.vpcCidr,
    ).toBe('10.128.32.0/19');
  });

  test('4 zones plan; 5 are refused with the count, the layout limit and the zones', () => {
    const four = ['ap-northeast-3a', 'ap-northeast-3b', 'ap-northeast-3c', 'ap-northeast-3d'];
    expect(
      planOf((p) => {
        p.clouds.aws.regions[1].availabilityZones = four;
      }).awsRegions[1]!.zones,
    ).toEqual(four);
    const five = [...four, 'ap-northeast-3e'];
    const result = outcome((p) => {
      p.clouds.aws.regions[1].availabilityZones = five;
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => formatIssue(i))).toEqual([
      'clouds.aws.regions[1].availabilityZones: lists 5 zones; the layout holds 4 (got ["ap-northeast-3a","ap-northeast-3b","ap-northeast-3c","ap-northeast-3d","ap-...); list at most 4 zones',
    ]);
    expect(result.issues[0]!.got).toEqual(five);
    expect(result.issues[0]!.path).toEqual(['clouds', 'aws', 'regions', 1, 'availabilityZones']);
  });

  test('a small VPC and too many zones in one Region: both, the VPC first', () => {
    expect(
      refusal((p) => {
        p.clouds.aws.regions[0].vpcCidr = '10.128.0.0/22';
        p.clouds.aws.regions[0].availabilityZones = ['z1', 'z2', 'z3', 'z4', 'z5', 'z6'];
      }),
    ).toEqual([
      `clouds.aws.regions[0].vpcCidr: ${VPC_FIX} (got "10.128.0.0/22"); use a /20 or larger`,
      'clouds.aws.regions[0].availabilityZones: lists 6 zones; the layout holds 4 (got ["z1","z2","z3","z4","z5","z6"]); list at most 4 zones',
    ]);
  });
});

describe('tier room: a tier with no size at all', () => {
  const ROOM_FIX = 'lower the minimum, enlarge clientAddressBlock or raise the quota';
  const CVPN_SMALL =
    // 3 zones: 66,500 connections, twice the addresses = 133,000 -> a /14 (262,144); a /12 holds 4.
    'is too small for one Client VPN endpoint: 3 associations carry 66500 connections and AWS advises twice the addresses, a /14';
  const CVPN_SMALL_FIX = 'use a /14 or larger block (a /12 holds 4 endpoints)';
  const P2S_SMALL = 'is too small for one Virtual WAN client address pool of /18 (at least 10,000 addresses)';
  const P2S_SMALL_FIX = 'use a /14 or larger block (16 pools, enough for 200 scale units)';

  test('Client VPN: minimumEndpoints 4 fits a /12 of /14 endpoints; 5 is refused with the room', () => {
    const plan = planOf((p) => {
      p.accessTiers[1].minimumEndpoints = 4;
    });
    const osaka = plan.tiers[1]!;
    expect(osaka.kind === 'aws-client-vpn' && [osaka.endpoints.length, osaka.maxEndpoints]).toEqual([4, 4]);
    expect(
      refusal((p) => {
        p.accessTiers[1].minimumEndpoints = 5;
      }),
    ).toEqual([
      `accessTiers[1].minimumEndpoints: is more than the tier can hold (its client block 10.80.0.0/12 holds 4 endpoint CIDR(s) of /14) (got 5); ${ROOM_FIX}`,
    ]);
  });

  test('Client VPN: a /15 block holds no /14 endpoint; minimum 1 or none names the block, 2 names the minimum', () => {
    const block = `accessTiers[1].clientAddressBlock: ${CVPN_SMALL} (got "10.80.0.0/15"); ${CVPN_SMALL_FIX}`;
    expect(
      refusal((p) => {
        p.accessTiers[1].clientAddressBlock = '10.80.0.0/15';
      }),
    ).toEqual([block]);
    expect(
      refusal((p) => {
        p.accessTiers[1].clientAddressBlock = '10.80.0.0/15';
        p.accessTiers[1].minimumEndpoints = 1;
      }),
    ).toEqual([block]);
    expect(
      refusal((p) => {
        p.accessTiers[1].clientAddressBlock = '10.80.0.0/15';
        p.accessTiers[1].minimumEndpoints = 2;
      }),
    ).toEqual([
      `accessTiers[1].minimumEndpoints: is more than the tier can hold (its client block 10.80.0.0/15 holds 0 endpoint CIDR(s) of /14) (got 2); ${ROOM_FIX}`,
    ]);
  });

  test('Client VPN in a two-zone Region: one endpoint needs a /15 (2 x 36,500 x 2 = 146,000 addresses)', () => {
    expect(
      refusal((p) => {
        p.clouds.aws.regions[0].availabilityZones = ['ap-northeast-1a', 'ap-northeast-1c'];
        p.accessTiers[0].clientAddressBlock = '10.64.0.0/16';
      }),
    ).toEqual([
      'accessTiers[0].clientAddressBlock: is too small for one Client VPN endpoint: 2 associations carry 36500 connections and AWS advises twice the addresses, a /15 (got "10.64.0.0/16"); use a /15 or larger block (a /13 holds 4 endpoints)',
    ]);
  });

  test('Client VPN with no zone (its Region is not in the profile): no room issue of its own', () => {
    // The profile rules name the Region; the planner adds nothing about the block.
    expect(
      refusal((p) => {
        p.accessTiers[1].region = 'ap-southeast-1';
        p.accessTiers[1].clientAddressBlock = '10.80.0.0/15';
        p.clouds.aws.regions[0].vpcCidr = '10.128.0.0/21';
      }),
    ).toEqual([`clouds.aws.regions[0].vpcCidr: ${VPC_FIX} (got "10.128.0.0/21"); use a /20 or larger`]);
  });

  test('point-to-site: a /19 block holds no /18 pool, also in a hub without zones', () => {
    // japanwest (tier 3) has no zones; japaneast (tier 2) has three.
    expect(
      refusal((p) => {
        p.accessTiers[3].clientAddressBlock = '10.100.0.0/19';
      }),
    ).toEqual([`accessTiers[3].clientAddressBlock: ${P2S_SMALL} (got "10.100.0.0/19"); ${P2S_SMALL_FIX}`]);
    expect(
      refusal((p) => {
        p.accessTiers[2].clientAddressBlock = '10.96.0.0/19';
        p.accessTiers[2].minimumScaleUnits = 1;
      }),
    ).toEqual([`accessTiers[2].clientAddressBlock: ${P2S_SMALL} (got "10.96.0.0/19"); ${P2S_SMALL_FIX}`]);
    expect(
      refusal((p) => {
        p.accessTiers[2].clientAddressBlock = '10.96.0.0/19';
        p.accessTiers[2].minimumScaleUnits = 2;
      }),
    ).toEqual([
      `accessTiers[2].minimumScaleUnits: is more than the tier can hold (its client block 10.96.0.0/19 holds 0 pool(s) of /18) (got 2); ${ROOM_FIX}`,
    ]);
  });

  test('point-to-site: minimumScaleUnits beyond what the per-population carving of a /16 holds', () => {
    // 3 populations -> 4 slots of /18 in the /16; 40 scale units need 2 pools for prefectural-staff.
    expect(
      refusal((p) => {
        p.accessTiers[2].clientAddressBlock = '10.96.0.0/16';
        p.accessTiers[2].minimumScaleUnits = 100;
      }),
    ).toEqual([
      `accessTiers[2].minimumScaleUnits: is more than the tier can hold (population prefectural-staff needs 2 pool(s) of /18 at 40 scale units, its /18 slot of 10.96.0.0/16 holds 1) (got 100); ${ROOM_FIX}`,
    ]);
    // 200 scale units fit the /14 (16 pools): a plan at exactly 200.
    const plan = planOf((p) => {
      p.accessTiers[2].minimumScaleUnits = 200;
    });
    const east = plan.tiers[2]!;
    expect(east.kind === 'azure-p2s' && [east.scaleUnits, east.maxScaleUnits]).toEqual([200, 200]);
  });
});

describe('planning settings', () => {
  test('an assignment naming no population and no tier: both, at their indexes', () => {
    expect(
      refusal((p) => {
        p.planning.assignments = [
          { population: 'small-business', tiers: ['aws-tokyo'] },
          { population: 'nobody', tiers: ['aws-tokyo', 'nowhere'] },
        ];
      }),
    ).toEqual([
      'planning.assignments[1].population: names no population (got "nobody"); use one of prefectural-staff, municipal-staff, small-business',
      'planning.assignments[1].tiers[1]: names no access tier (got "nowhere"); use one of aws-tokyo, aws-osaka, azure-japaneast, azure-japanwest',
    ]);
  });

  test('the explicit objective needs an entry per population, in population order', () => {
    const missing = (name: string) =>
      `planning.assignments: has no entry for population ${name}, which the explicit objective needs (got nothing); add { population: ${name}, tiers: [<tier ids in failover order>] }`;
    expect(
      refusal((p) => {
        p.planning.objective = 'explicit';
      }),
    ).toEqual([missing('prefectural-staff'), missing('municipal-staff'), missing('small-business')]);
    expect(
      refusal((p) => {
        p.planning.objective = 'explicit';
        p.planning.assignments = [{ population: 'municipal-staff', tiers: ['azure-japanwest', 'aws-osaka'] }];
      }),
    ).toEqual([missing('prefectural-staff'), missing('small-business')]);
  });

  test('the explicit objective with every population assigned plans, and steers as listed', () => {
    const plan = planOf((p) => {
      p.planning.objective = 'explicit';
      p.planning.assignments = [
        { population: 'prefectural-staff', tiers: ['azure-japaneast', 'aws-tokyo'] },
        { population: 'municipal-staff', tiers: ['azure-japanwest', 'aws-osaka'] },
        { population: 'small-business', tiers: ['aws-osaka', 'azure-japaneast'] },
      ];
    });
    expect(plan.search.objective).toBe('explicit');
    // Normal operation: each population on the first tier it lists.
    expect(plan.steering.scenarios[0]!.placement).toEqual([
      { population: 'prefectural-staff', tierId: 'azure-japaneast', connections: 17_600 },
      { population: 'municipal-staff', tierId: 'azure-japanwest', connections: 52_400 },
      { population: 'small-business', tierId: 'aws-osaka', connections: 20_000 },
    ]);
    expect(plan.steering.populations.map((x) => x.failoverOrder)).toEqual([
      ['azure-japaneast', 'aws-tokyo'],
      ['azure-japanwest', 'aws-osaka'],
      ['aws-osaka', 'azure-japaneast'],
    ]);
    expect(tierSizes(plan)).toEqual([
      ['aws-tokyo', 1, 2],
      ['aws-osaka', 1, 3],
      ['azure-japaneast', 80],
      ['azure-japanwest', 120],
    ]);
  });

  test('partial assignments are allowed under cost-optimal', () => {
    const plan = planOf((p) => {
      p.planning.assignments = [{ population: 'municipal-staff', tiers: ['azure-japanwest', 'aws-osaka'] }];
    });
    expect(plan.search.objective).toBe('cost-optimal');
  });
});

describe('steering: populations and tiers they cannot use', () => {
  const LACK =
    'add what the tiers lack (a CA in ACM, a federation, a link to the data centre of its networks) or an access tier that serves it';

  test('no federation at all: every population can use no tier, each reason per tier', () => {
    const none = (i: number, name: string) =>
      `populations[${i}]: can use no access tier: aws-tokyo: no SAML federation (federated-sso) / aws-osaka: no SAML federation (federated-sso) / azure-japaneast: no Entra ID federation (federated-sso) / azure-japanwest: no Entra ID federation (federated-sso) (got "${name}"); ${LACK}`;
    expect(
      refusal((p) => {
        delete p.identity.federation.saml;
        delete p.identity.federation.entra;
      }),
    ).toEqual([none(0, 'prefectural-staff'), none(1, 'municipal-staff'), none(2, 'small-business')]);
  });

  test('one population with two reasons on a tier (joined with "; ") and an explicit refusal after it', () => {
    const unusable =
      'populations[2]: can use no access tier: aws-tokyo: no SAML federation (federated-sso); my-number is a protected segment / aws-osaka: no SAML federation (federated-sso); my-number is a protected segment / azure-japaneast: my-number is a protected segment / azure-japanwest: my-number is a protected segment (got "small-business"); ' +
      LACK;
    const edit = (p: MutableProfile) => {
      delete p.identity.federation.saml;
      p.populations[2].reach.push('my-number');
    };
    expect(refusal(edit)).toEqual([unusable]);
    expect(
      refusal((p) => {
        edit(p);
        p.planning.assignments = [
          { population: 'prefectural-staff', tiers: ['azure-japaneast'] },
          { population: 'municipal-staff', tiers: ['azure-japanwest', 'aws-osaka'] },
        ];
      }),
    ).toEqual([
      unusable,
      'planning.assignments[1].tiers[1]: sends municipal-staff to a tier it cannot use (no SAML federation (federated-sso)) (got "aws-osaka"); remove the tier from this population\u2019s list',
    ]);
  });

  test('an explicit refusal alone, and the same assignment without the ineligible tier plans', () => {
    const noTokyoCa = (p: MutableProfile) => {
      delete p.identity.certificateAuthorities[0].awsCertificateArns['ap-northeast-1'];
    };
    expect(
      refusal((p) => {
        noTokyoCa(p);
        p.planning.assignments = [{ population: 'small-business', tiers: ['azure-japaneast', 'aws-tokyo'] }];
      }),
    ).toEqual([
      'planning.assignments[0].tiers[1]: sends small-business to a tier it cannot use (no client CA is imported into ACM in ap-northeast-1 (certificate)) (got "aws-tokyo"); remove the tier from this population\u2019s list',
    ]);
    const plan = planOf((p) => {
      noTokyoCa(p);
      p.planning.assignments = [{ population: 'small-business', tiers: ['azure-japaneast', 'aws-osaka'] }];
    });
    // Under cost-optimal the listed order is no steering order: the cheapest tiers come first.
    expect(plan.steering.populations[2]!.failoverOrder).toEqual([
      'azure-japanwest',
      'aws-osaka',
      'azure-japaneast',
    ]);
  });

  test('an explicit refusal names the assigned population\u2019s own reasons, joined with "; "', () => {
    // Only small-business signs in with the directory, which point-to-site cannot check; without
    // Entra ID no one has federated-sso on Azure. prefectural-staff (population 0) would have one
    // reason on the same tier, small-business (population 2) has two.
    expect(
      refusal((p) => {
        delete p.identity.federation.entra;
        p.populations[2].authentication = ['directory', 'federated-sso'];
        p.planning.assignments = [{ population: 'small-business', tiers: ['aws-tokyo', 'azure-japaneast'] }];
      }),
    ).toEqual([
      'planning.assignments[0].tiers[1]: sends small-business to a tier it cannot use (point-to-site cannot check AD passwords without RADIUS (directory); no Entra ID federation (federated-sso)) (got "azure-japaneast"); remove the tier from this population\u2019s list',
    ]);
  });

  test('a tier no population can use (no CA in ACM in Tokyo): planned at its smallest, carrying nothing', () => {
    const plan = planOf((p) => {
      delete p.identity.certificateAuthorities[0].awsCertificateArns['ap-northeast-1'];
    });
    expect(plan.steering.scenarios[0]!.placement).toEqual([
      { population: 'prefectural-staff', tierId: 'azure-japaneast', connections: 10_000 },
      { population: 'prefectural-staff', tierId: 'azure-japanwest', connections: 7_600 },
      { population: 'municipal-staff', tierId: 'azure-japanwest', connections: 52_400 },
      { population: 'small-business', tierId: 'azure-japanwest', connections: 20_000 },
    ]);
    // Tokyo counts for no one, so Osaka carries every AWS scenario: 2 endpoints x 3 associations.
    expect(tierSizes(plan)).toEqual([
      ['aws-tokyo', 1, 1],
      ['aws-osaka', 2, 3],
      ['azure-japaneast', 16],
      ['azure-japanwest', 160],
    ]);
  });
});

describe('targets no design within quotas carries', () => {
  const UNMET_FIX =
    'add an access tier in another Region or provider, enlarge a tier\u2019s clientAddressBlock, raise a quota with the vendor (quotaOverrides) or lower resilience keepPercent';
  const AWS_LIMITS =
    'aws-tokyo at most 4 endpoint(s) x 3 association(s), limited by its client block 10.64.0.0/12 holds 4 endpoint CIDR(s) of /14; aws-osaka at most 4 endpoint(s) x 3 association(s), limited by its client block 10.80.0.0/12 holds 4 endpoint CIDR(s) of /14';
  const AZURE_LIMITS =
    'azure-japaneast at most 200 scale unit(s), 20 instance(s), limited by the maximum of 200 scale units per hub; azure-japanwest at most 200 scale unit(s), 20 instance(s), limited by the maximum of 200 scale units per hub';
  const unmet = (after: string, capacity: number, required: number, got: number) =>
    `target.concurrentUsers: cannot be carried within quotas: after ${after} the access tiers top out at ${capacity} of the ${required} connections required, counting only tiers each population can use (${AWS_LIMITS}; ${AZURE_LIMITS}) (got ${got}); ${UNMET_FIX}`;
  const users = (n: number) => (p: MutableProfile) => {
    p.target.concurrentUsers = n;
  };

  // At their largest: each AWS tier 4 x 66,500 = 266,000; each hub 100,000 (200 scale units).
  test('nominal: 732,000 at most against 700,000 x 1.1 = 770,000', () => {
    expect(refusal(users(700_000))).toEqual([unmet('nominal (nothing failed)', 732_000, 770_000, 700_000)]);
  });

  test('the loss of every AWS tier leaves 200,000: a target of 400,000 (50 % = 200,000) plans, 400,001 does not', () => {
    const plan = planOf(users(400_000));
    const awsLost = plan.scenarios.find((s) => s.label === 'loss of every AWS access tier')!;
    expect([awsLost.capacity, awsLost.required, awsLost.verdict]).toEqual([200_000, 200_000, 'meets']);
    // 400,001 x 50 % = 200,000.5, rounded up.
    expect(refusal(users(400_001))).toEqual([
      unmet('loss of every AWS access tier', 200_000, 200_001, 400_001),
    ]);
  });

  test('the loss of Tokyo leaves 266,000 + 200,000 = 466,000: the first scenario short is named', () => {
    expect(refusal(users(500_000))).toEqual([
      unmet('loss of Region AWS ap-northeast-1', 466_000, 500_000, 500_000),
    ]);
  });

  test('tiers no population can use carry nothing in the message either', () => {
    // Without SAML no population can use Client VPN: after the loss of every Azure tier nothing is left.
    expect(
      refusal((p) => {
        delete p.identity.federation.saml;
      }),
    ).toEqual([unmet('loss of every Azure access tier', 0, 45_000, 90_000)]);
  });
});

describe('every check at once', () => {
  test('shapes, then room, then planning, each in profile order', () => {
    expect(
      refusal((p) => {
        p.clouds.aws.regions[0].availabilityZones.push('ap-northeast-1b', 'ap-northeast-1x');
        p.accessTiers[3].clientAddressBlock = '10.100.0.0/19';
        p.planning.assignments = [{ population: 'x', tiers: [] }];
      }),
    ).toEqual([
      'clouds.aws.regions[0].availabilityZones: lists 5 zones; the layout holds 4 (got ["ap-northeast-1a","ap-northeast-1c","ap-northeast-1d","ap-northeast-1b","ap-...); list at most 4 zones',
      'accessTiers[3].clientAddressBlock: is too small for one Virtual WAN client address pool of /18 (at least 10,000 addresses) (got "10.100.0.0/19"); use a /14 or larger block (16 pools, enough for 200 scale units)',
      'planning.assignments[0].population: names no population (got "x"); use one of prefectural-staff, municipal-staff, small-business',
    ]);
  });
});
