/**
 * The capacity and address planner: a pure, deterministic function from a validated
 * profile to a CapacityPlan, or to the issues that make the target impossible.
 */

import { carrierTranslations } from '../model/carrier-translation';
import type { Profile } from '../model/deployment-model';
import { issue, type ProfileIssue } from '../model/deployment-model';
import {
  type AwsRegionNetworkPlan,
  type AzureHubPlan,
  type CapacityPlan,
  type DesignAlternative,
  PLAN_SCHEMA_VERSION,
  type ScenarioResult,
  type ThroughputCheck,
  type TierPlan,
} from '../model/plan';
import { nthSubnet, parseCidr } from '../net/cidr';
import { clientVpnConnections } from '../quotas/aws-client-vpn';
import {
  P2S_CONNECTIONS_PER_INSTANCE,
  P2S_MBPS_PER_SCALE_UNIT,
  P2S_MIN_ADDRESSES_PER_POOL,
  P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS,
  p2sRow,
} from '../quotas/azure-virtual-wan';
import { natTranslationFigures } from '../quotas/nat-gateway';
import { formatNumber } from '../util/format-number';
import { carvePopulationPools } from './azure-pools';
import { checkBackhaul, shortPaths } from './backhaul';
import { connectionChargePerConnectionUsd, estimateDesignCost } from './design-cost';
import { eligibilityMatrix } from './eligibility';
import { layoutVpcSubnets, MAX_ZONES_PER_VPC, VPC_MIN_PREFIX } from './network-layout';
import { enumerateScenarios, scenarioLabel } from './scenarios';
import { type DesignCost, meetsEveryScenario, type SearchInput, searchDesigns } from './search';
import { type Requirement, requiredConnections } from './sizing';
import { steerDesign } from './steer';
import {
  buildTierModels,
  clientVpnCidrPrefix,
  P2S_POOL_PREFIX,
  type TierModel,
  type TierSize,
} from './tier-models';

export type PlanOutcome =
  | { readonly ok: true; readonly plan: CapacityPlan; readonly warnings: readonly ProfileIssue[] }
  | { readonly ok: false; readonly issues: readonly ProfileIssue[] };

function checkNetworkShapes(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  profile.clouds.aws?.regions.forEach((r, i) => {
    if (parseCidr(r.vpcCidr).prefixLength > VPC_MIN_PREFIX) {
      found.push(
        issue(
          ['clouds', 'aws', 'regions', i, 'vpcCidr'],
          `is smaller than the /${VPC_MIN_PREFIX} the subnet layout needs (client-vpn, services and transit subnets per zone)`,
          r.vpcCidr,
          `use a /${VPC_MIN_PREFIX} or larger`,
        ),
      );
    }
    if (r.availabilityZones.length > MAX_ZONES_PER_VPC) {
      found.push(
        issue(
          ['clouds', 'aws', 'regions', i, 'availabilityZones'],
          `lists ${r.availabilityZones.length} zones; the layout holds ${MAX_ZONES_PER_VPC}`,
          r.availabilityZones,
          `list at most ${MAX_ZONES_PER_VPC} zones`,
        ),
      );
    }
  });
  return found;
}

function checkTierRoom(models: readonly TierModel[]): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  models.forEach((model, i) => {
    if (model.sizes.length > 0) return;
    const minimum = model.provider === 'aws' ? model.tier.minimumEndpoints : model.tier.minimumScaleUnits;
    if (minimum !== undefined && minimum > 1) {
      const field = model.provider === 'aws' ? 'minimumEndpoints' : 'minimumScaleUnits';
      found.push(
        issue(
          ['accessTiers', i, field],
          `is more than the tier can hold (${model.limitReason})`,
          minimum,
          'lower the minimum, enlarge clientAddressBlock or raise the quota',
        ),
      );
      return;
    }
    if (model.zones.length === 0 && model.provider === 'aws') return;
    const path = ['accessTiers', i, 'clientAddressBlock'];
    if (model.provider === 'aws') {
      const prefix = clientVpnCidrPrefix(model.zones.length);
      const connections = clientVpnConnections(model.zones.length);
      found.push(
        issue(
          path,
          `is too small for one Client VPN endpoint: ${model.zones.length} associations carry ${connections} connections and AWS advises twice the addresses, a /${prefix}`,
          model.tier.clientAddressBlock,
          `use a /${prefix} or larger block (a /${prefix - 2} holds 4 endpoints)`,
        ),
      );
    } else {
      found.push(
        issue(
          path,
          `is too small for one Virtual WAN client address pool of /${P2S_POOL_PREFIX} (at least ${formatNumber(P2S_MIN_ADDRESSES_PER_POOL.value)} addresses)`,
          model.tier.clientAddressBlock,
          `use a /${P2S_POOL_PREFIX - 4} or larger block (16 pools, enough for 200 scale units)`,
        ),
      );
    }
  });
  return found;
}

function requirementsFor(profile: Profile, models: readonly TierModel[]): Requirement[] {
  const keep = new Map(profile.resilience.map((r) => [r.failure, r.keepPercent]));
  return enumerateScenarios(models).map((scenario) => ({
    scenario,
    percent:
      scenario.kind === 'nominal'
        ? 100 + profile.target.growthHeadroomPercent
        : (keep.get(scenario.kind) ?? 0),
  }));
}

function unmetIssue(
  profile: Profile,
  models: readonly TierModel[],
  requirement: Requirement,
  capacity: number,
): ProfileIssue {
  const required = requiredConnections(profile.target.concurrentUsers, requirement.percent);
  const limits = models
    .map((m) => {
      const largest = m.sizes[m.sizes.length - 1];
      return `${m.tier.id} at most ${largest ? m.describe(largest) : 'nothing'}, limited by ${m.limitReason}`;
    })
    .join('; ');
  return issue(
    ['target', 'concurrentUsers'],
    `cannot be carried within quotas: after ${scenarioLabel(requirement.scenario)} the access tiers top out at ${capacity} of the ${required} connections required, counting only tiers each population can use (${limits})`,
    profile.target.concurrentUsers,
    'add an access tier in another Region or provider, enlarge a tier\u2019s clientAddressBlock, raise a quota with the vendor (quotaOverrides) or lower resilience keepPercent',
  );
}

function tierPlans(profile: Profile, models: readonly TierModel[], sizes: readonly TierSize[]): TierPlan[] {
  return models.map((model, i) => {
    const size = sizes[i]!;
    const { tier } = model;
    const nominalConnections = model.capacity(size, { kind: 'nominal' }).connections;
    if (size.kind === 'aws-client-vpn') {
      const prefix = clientVpnCidrPrefix(model.zones.length);
      const associatedZones = model.zones.slice(0, size.associations);
      const endpoints = Array.from({ length: size.endpoints }, (_, index) => ({
        index,
        name: `${tier.id}-${index}`,
        clientCidr: nthSubnet(model.block, prefix, index)!.text,
        associatedZones: [...associatedZones],
        maxConnections: clientVpnConnections(size.associations),
      }));
      const largest = model.sizes[model.sizes.length - 1];
      return {
        kind: 'aws-client-vpn',
        tierId: tier.id,
        provider: 'aws',
        region: tier.region,
        zones: [...model.zones],
        endpoints,
        maxEndpoints: largest?.kind === 'aws-client-vpn' ? largest.endpoints : size.endpoints,
        associationsPerEndpoint: size.associations,
        nominalConnections,
        transportProtocol: tier.transportProtocol,
      };
    }
    const row = p2sRow(size.scaleUnits)!;
    const carving = carvePopulationPools(
      model.block,
      profile.populations,
      profile.target.growthHeadroomPercent,
      size.scaleUnits,
      row.connections,
    );
    // The model only admits sizes whose carving fits.
    if (!carving.fits) throw new Error(`internal: ${tier.id}: ${carving.reason}`);
    const largest = model.sizes.reduce(
      (max, s) => (s.kind === 'azure-p2s' ? Math.max(max, s.scaleUnits) : max),
      size.scaleUnits,
    );
    return {
      kind: 'azure-p2s',
      tierId: tier.id,
      provider: 'azure',
      region: tier.region,
      zones: [...model.zones],
      scaleUnits: size.scaleUnits,
      gatewayInstances: row.gatewayInstances,
      nominalConnections,
      aggregateMbps: model.aggregateMbps(size) ?? 0,
      addressPools: carving.populations.flatMap((p) => p.pools),
      populationPools: carving.populations,
      maxScaleUnits: largest,
    };
  });
}

function clientCidrsOf(tier: TierPlan): string[] {
  return tier.kind === 'aws-client-vpn' ? tier.endpoints.map((e) => e.clientCidr) : [...tier.addressPools];
}

function networkPlans(profile: Profile, tiers: readonly TierPlan[]) {
  const awsRegions: AwsRegionNetworkPlan[] = (profile.clouds.aws?.regions ?? []).map((r) => ({
    region: r.region,
    vpcCidr: r.vpcCidr,
    zones: [...r.availabilityZones],
    subnets: layoutVpcSubnets(r.vpcCidr, r.availabilityZones),
    transitGatewayAsn: r.transitGatewayAsn,
    clientCidrs: tiers.filter((t) => t.provider === 'aws' && t.region === r.region).flatMap(clientCidrsOf),
  }));
  const azureHubs: AzureHubPlan[] = (profile.clouds.azure?.hubs ?? []).map((h) => ({
    region: h.region,
    hubAddressPrefix: h.hubAddressPrefix,
    zones: [...h.availabilityZones],
    clientCidrs: tiers.filter((t) => t.provider === 'azure' && t.region === h.region).flatMap(clientCidrsOf),
  }));
  return { awsRegions, azureHubs };
}

function throughputChecks(
  profile: Profile,
  models: readonly TierModel[],
  tiers: readonly TierPlan[],
  sizes: readonly TierSize[],
  loads: ReadonlyMap<string, number>,
): ThroughputCheck[] {
  const { averageMbpsPerUser, peakMbpsPerUser } = profile.target;
  return models.map((model, i) => {
    const aggregate = model.aggregateMbps(sizes[i]!);
    const demand = Math.round((loads.get(model.tier.id) ?? 0) * averageMbpsPerUser);
    const perConnection = model.perConnectionMbps;
    const verdict =
      perConnection !== null && peakMbpsPerUser > perConnection
        ? 'per-connection-limited'
        : model.capacity(sizes[i]!, { kind: 'nominal' }).throughputLimited
          ? 'aggregate-limited'
          : 'ok';
    return {
      tierId: tiers[i]!.tierId,
      aggregateLimitMbps: aggregate,
      demandAtNominalMbps: demand,
      perConnectionLimitMbps: perConnection,
      peakMbpsPerUser,
      verdict,
    };
  });
}

function checkPlanning(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const { planning } = profile;
  const tiers = new Set(profile.accessTiers.map((t) => t.id));
  const populations = new Set(profile.populations.map((p) => p.name));
  planning.assignments.forEach((a, i) => {
    if (!populations.has(a.population)) {
      found.push(
        issue(
          ['planning', 'assignments', i, 'population'],
          'names no population',
          a.population,
          `use one of ${[...populations].join(', ')}`,
        ),
      );
    }
    a.tiers.forEach((t, j) => {
      if (!tiers.has(t)) {
        found.push(
          issue(
            ['planning', 'assignments', i, 'tiers', j],
            'names no access tier',
            t,
            `use one of ${[...tiers].join(', ')}`,
          ),
        );
      }
    });
  });
  if (planning.objective === 'explicit') {
    profile.populations.forEach((p) => {
      if (!planning.assignments.some((a) => a.population === p.name)) {
        found.push(
          issue(
            ['planning', 'assignments'],
            `has no entry for population ${p.name}, which the explicit objective needs`,
            undefined,
            `add { population: ${p.name}, tiers: [<tier ids in failover order>] }`,
          ),
        );
      }
    });
  }
  return found;
}

export function planCapacity(profile: Profile): PlanOutcome {
  const shapeIssues = checkNetworkShapes(profile);
  const models = buildTierModels(profile);
  const roomIssues = checkTierRoom(models);
  const planningIssues = checkPlanning(profile);
  if (shapeIssues.length + roomIssues.length + planningIssues.length > 0)
    return { ok: false, issues: [...shapeIssues, ...roomIssues, ...planningIssues] };

  // Steering constraints: which tiers each population can use.
  const eligibility = eligibilityMatrix(profile, models);
  const unusable = profile.populations.flatMap((p, i) =>
    eligibility[i]!.some((e) => e.ok)
      ? []
      : [
          issue(
            ['populations', i],
            `can use no access tier: ${models.map((m, t) => `${m.tier.id}: ${eligibility[i]![t]!.reasons.join('; ')}`).join(' / ')}`,
            p.name,
            'add what the tiers lack (a CA in ACM, a federation, a link to the data centre of its networks) or an access tier that serves it',
          ),
        ],
  );
  const explicitRefusals = profile.planning.assignments.flatMap((a, i) =>
    a.tiers.flatMap((tierId, j) => {
      const p = profile.populations.findIndex((x) => x.name === a.population);
      const t = models.findIndex((m) => m.tier.id === tierId);
      const e = eligibility[p]?.[t];
      return e && !e.ok
        ? [
            issue(
              ['planning', 'assignments', i, 'tiers', j],
              `sends ${a.population} to a tier it cannot use (${e.reasons.join('; ')})`,
              tierId,
              'remove the tier from this population\u2019s list',
            ),
          ]
        : [];
    }),
  );
  if (unusable.length + explicitRefusals.length > 0)
    return { ok: false, issues: [...unusable, ...explicitRefusals] };

  const requirements = requirementsFor(profile, models);
  const target = profile.target.concurrentUsers;
  const masks = eligibility.map((row) => row.reduce((mask, e, t) => (e.ok ? mask | (1 << t) : mask), 0));
  const totalUsers = profile.populations.reduce((sum, p) => sum + p.concurrentUsers, 0);
  const shares = profile.populations.map((p) => p.concurrentUsers / totalUsers);
  const orders = profile.populations.map((p) => {
    const listed = profile.planning.assignments.find((a) => a.population === p.name)?.tiers ?? [];
    return listed.map((id) => models.findIndex((m) => m.tier.id === id));
  });
  const usagePerConnection = models.map((m) =>
    connectionChargePerConnectionUsd(profile, m.provider, m.region),
  );
  const inputFor = (tierModels: readonly TierModel[]) =>
    searchInput(profile, tierModels, requirements, masks, shares, orders, usagePerConnection);
  const input = inputFor(models);
  const search = searchDesigns(input);
  const best = search.designs[0];
  if (!best) {
    // Name the first scenario no design carries, with every tier at its largest.
    const largest = models.map((m) => m.sizes[m.sizes.length - 1]!);
    const failing =
      input.required.find(
        (r) =>
          !meetsEveryScenario(
            { ...input, required: [r] },
            input.capacity.map((c) => c[c.length - 1]!),
          ),
      ) ?? input.required[0]!;
    const requirement = requirements[failing.scenario]!;
    // Only tiers some population can use carry anything (the message says so).
    const usable = masks.reduce((union, mask) => union | mask, 0);
    const capacity = models.reduce(
      (sum, m, i) =>
        usable & (1 << i) ? sum + m.capacity(largest[i]!, requirement.scenario).connections : sum,
      0,
    );
    return { ok: false, issues: [unmetIssue(profile, models, requirement, capacity)] };
  }
  const sizes = best.sizes.map((index, t) => models[t]!.sizes[index]!);
  const tiers = tierPlans(profile, models, sizes);
  const scenarios: ScenarioResult[] = requirements.map(({ scenario, percent }) => {
    const required = requiredConnections(target, percent);
    const byTier = models.map((m, i) => m.capacity(sizes[i]!, scenario));
    const capacity = byTier.reduce((sum, c) => sum + c.connections, 0);
    return {
      scenario,
      label: scenarioLabel(scenario),
      required,
      capacity,
      byTier,
      verdict: percent === 0 ? 'not-required' : capacity >= required ? 'meets' : 'short',
    };
  });

  const {
    steering,
    traffic,
    normalLoads: loads,
  } = steerDesign({
    profile,
    models,
    sizes,
    requirements,
    eligibility,
    masks,
    shares,
    orders,
    usagePerConnection,
  });

  const tierPlaces = new Map(models.map((m) => [m.tier.id, `${m.provider}:${m.region}`]));
  const backhaul = checkBackhaul(profile, tierPlaces, traffic);
  const cost = estimateDesignCost({ profile, tiers, loads, firewallTiers: backhaul.firewallTiers });
  const describe = (design: DesignCost) =>
    design.sizes
      .map((index, t) => `${models[t]!.tier.id} ${models[t]!.describe(models[t]!.sizes[index]!)}`)
      .join('; ');

  const throughput = throughputChecks(profile, models, tiers, sizes, loads);
  const warnings = throughput
    .filter((t) => t.verdict === 'per-connection-limited')
    .map((t) =>
      issue(
        ['target', 'peakMbpsPerUser'],
        `exceeds the ${t.perConnectionLimitMbps} Mbps per-connection baseline of ${t.tierId}`,
        profile.target.peakMbpsPerUser,
        'ask the vendor to raise the per-connection bandwidth, or lower the peak',
        'warning',
      ),
    );
  const notes = [
    'Client VPN: an endpoint that loses an associated Availability Zone keeps the connection quota of one association fewer; client CIDRs are sized for an association in every zone, so associations can change without moving a pool.',
    `Virtual WAN point-to-site: gateway instances spread evenly over the hub zones; a zone loss removes ceil(instances / zones); from ${P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS.value} scale units each remaining instance takes at most ${formatNumber(P2S_CONNECTIONS_PER_INSTANCE.value)} connections; throughput is ${P2S_MBPS_PER_SCALE_UNIT.value} Mbps per scale unit at ${profile.target.averageMbpsPerUser} Mbps per user.`,
    'Client pools are carved by index from each tier\u2019s clientAddressBlock, so growth appends pools and never moves one; pin what is deployed with minimumEndpoints / minimumScaleUnits so that a cheaper design never removes it.',
    'Virtual WAN point-to-site: each population has its own pools in its own slot of the tier block (populations in profile order, slot count rounded up to a power of two), so growing a population or adding scale units never moves a pool; append new populations at the end.',
    `Sizing: the ${profile.planning.objective} objective, exact over ${formatNumber(search.spaceSize)} designs (every tier size), ${formatNumber(search.evaluated)} evaluated in full after pruning; populations' peaks are scaled to the target in proportion to their concurrentUsers.`,
  ];
  // Which translation each closed mobile network gets (many-to-one private NAT in AWS), and
  // whether its devices fit the NAT gateways' per-destination connection limit.
  for (const t of carrierTranslations(profile, natTranslationFigures()))
    notes.push(`Carrier translation: ${t.statement}`);
  const override = profile.quotaOverrides.clientVpnEndpointsPerRegion;
  if (override)
    notes.push(`Client VPN endpoints per Region raised to ${override.value} (${override.reference}).`);
  for (const m of models) {
    // The model admits no size below the minimum, so when its smallest is above it, the minimum
    // is no settable count (and the chosen size, never below the smallest, is above it too).
    const minimum = m.tier.minimumScaleUnits;
    const smallest = m.sizes[0];
    if (minimum !== undefined && smallest?.kind === 'azure-p2s' && smallest.scaleUnits > minimum) {
      notes.push(
        `${m.tier.id}: minimumScaleUnits ${minimum} is not a settable count; the next settable, ${smallest.scaleUnits}, is the minimum.`,
      );
    }
  }
  // What staying within the places' back-haul service limits would cost, when the profile
  // does not ask for it and the chosen design exceeds them.
  let withinBackhaulLimits: DesignAlternative | null = null;
  if (!profile.planning.respectBackhaulLimits) {
    const capped = buildTierModels(profile, true);
    const exceeds = steering.scenarios.some((sc) =>
      capped.some((m) => {
        const onTier = sc.placement
          .filter((p) => p.tierId === m.tier.id)
          .reduce((sum, p) => sum + p.connections, 0);
        return m.exitLimitConnections !== undefined && onTier > m.exitLimitConnections;
      }),
    );
    const alternative = exceeds ? searchDesigns({ ...inputFor(capped), keep: 1 }).designs[0] : undefined;
    if (alternative) {
      withinBackhaulLimits = {
        description: alternative.sizes
          .map((index, t) => `${capped[t]!.tier.id} ${capped[t]!.describe(capped[t]!.sizes[index]!)}`)
          .join('; '),
        monthlyUsd: round2(alternative.totalUsd),
        deltaUsd: round2(alternative.totalUsd - best.totalUsd),
      };
    }
  }
  const runnersUp = search.designs.slice(1).map((d) => ({
    description: describe(d),
    monthlyUsd: round2(d.totalUsd),
    deltaUsd: round2(d.totalUsd - best.totalUsd),
  }));
  // One warning per short path (its worst scenario and how many are short), not one per scenario.
  for (const { worst: c, scenarios } of shortPaths(backhaul.checks)) {
    const when =
      scenarios === 1 ? `after ${c.scenario}` : `in ${scenarios} scenarios, worst after ${c.scenario}`;
    warnings.push(
      issue(
        ['dataCentres'],
        `back-haul short ${when}: ${c.element} carries ${c.capacityMbps} Mbps but ${c.demandMbps} Mbps go over it`,
        c.capacityMbps,
        c.fix ?? 'raise the capacity',
        'warning',
      ),
    );
  }
  return {
    ok: true,
    warnings,
    plan: {
      schemaVersion: PLAN_SCHEMA_VERSION,
      organisation: profile.organisation.id,
      target: {
        concurrentUsers: target,
        growthHeadroomPercent: profile.target.growthHeadroomPercent,
        nominalRequired: requiredConnections(target, 100 + profile.target.growthHeadroomPercent),
      },
      tiers,
      ...networkPlans(profile, tiers),
      scenarios,
      throughput,
      steering,
      search: {
        objective: profile.planning.objective,
        spaceSize: search.spaceSize,
        evaluated: search.evaluated,
        chosenMonthlyUsd: round2(best.totalUsd),
        chosenFixedUsd: round2(best.fixedUsd),
        chosenUsageUsd: round2(best.usageUsd),
        runnersUp,
        withinBackhaulLimits,
      },
      backhaul: backhaul.checks,
      cost,
      notes,
    },
  };
}

/** The search over `models` (see lib/planner/search.ts for the objective and its exactness). */
function searchInput(
  profile: Profile,
  models: readonly TierModel[],
  requirements: readonly Requirement[],
  masks: readonly number[],
  shares: readonly number[],
  orders: readonly (readonly number[])[],
  usagePerConnection: readonly number[],
): SearchInput {
  const target = profile.target.concurrentUsers;
  return {
    objective: profile.planning.objective,
    fixed: models.map((m) => m.sizes.map((s) => s.fixedMonthlyUsd)),
    capacity: models.map((m) =>
      m.sizes.map((s) => requirements.map((r) => m.capacity(s, r.scenario).connections)),
    ),
    required: requirements
      .map((r, scenario) => ({
        scenario,
        connections: requiredConnections(target, r.percent),
        percent: r.percent,
      }))
      .filter((r) => r.percent > 0),
    masks,
    shares,
    normalConnections: target,
    usagePerConnection,
    explicitOrders: orders,
    keep: RUNNERS_UP + 1,
  };
}

/** How many runner-up designs the plan reports. */
export const RUNNERS_UP = 3;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
