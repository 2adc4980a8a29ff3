/**
 * The capacity and address planner: a pure, deterministic function from a validated
 * profile to a CapacityPlan, or to the issues that make the target impossible.
 */

import type { Profile } from '../model/deployment-model';
import { issue, type ProfileIssue } from '../model/deployment-model';
import {
  type AwsRegionNetworkPlan,
  type AzureHubPlan,
  type CapacityPlan,
  PLAN_SCHEMA_VERSION,
  type ScenarioResult,
  type ThroughputCheck,
  type TierPlan,
} from '../model/plan';
import { nthSubnet, parseCidr } from '../net/cidr';
import { clientVpnConnections } from '../quotas/aws-client-vpn';
import {
  P2S_CONNECTIONS_PER_INSTANCE,
  P2S_MIN_ADDRESSES_PER_POOL,
  P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS,
} from '../quotas/azure-virtual-wan';
import { carvePopulationPools } from './azure-pools';
import { estimateCost } from './cost';
import { layoutVpcSubnets, MAX_ZONES_PER_VPC, VPC_MIN_PREFIX } from './network-layout';
import { enumerateScenarios, scenarioLabel } from './scenarios';
import { type Requirement, requiredConnections, scenarioCapacity, sizeTiers } from './sizing';
import {
  buildTierModels,
  clientVpnCidrPrefix,
  P2S_POOL_PREFIX,
  p2sRowAt,
  type TierModel,
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
    if (model.maxLevel >= 0 && model.minLevel > model.maxLevel) {
      const field = model.provider === 'aws' ? 'minimumEndpoints' : 'minimumScaleUnits';
      const got = model.provider === 'aws' ? model.tier.minimumEndpoints : model.tier.minimumScaleUnits;
      found.push(
        issue(
          ['accessTiers', i, field],
          `is more than the tier can hold (${model.describe(model.maxLevel)}: ${model.limitReason})`,
          got,
          'lower the minimum, enlarge clientAddressBlock or raise the quota',
        ),
      );
    }
    if (model.maxLevel >= 0 || (model.zones.length === 0 && model.provider === 'aws')) return;
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
          `is too small for one Virtual WAN client address pool of /${P2S_POOL_PREFIX} (at least ${P2S_MIN_ADDRESSES_PER_POOL.value.toLocaleString('en-US')} addresses)`,
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
  levels: readonly number[],
  requirement: Requirement,
  capacity: number,
): ProfileIssue {
  const required = requiredConnections(profile.target.concurrentUsers, requirement.percent);
  const limits = models
    .map((m, i) => `${m.tier.id} at ${m.describe(levels[i]!)}, limited by ${m.limitReason}`)
    .join('; ');
  return issue(
    ['target', 'concurrentUsers'],
    `cannot be carried within quotas: after ${scenarioLabel(requirement.scenario)} the access tiers top out at ${capacity} of the ${required} connections required (${limits})`,
    profile.target.concurrentUsers,
    'add an access tier in another Region or provider, enlarge a tier\u2019s clientAddressBlock, raise a quota with the vendor (quotaOverrides) or lower resilience keepPercent',
  );
}

function tierPlans(profile: Profile, models: readonly TierModel[], levels: readonly number[]): TierPlan[] {
  return models.map((model, i) => {
    const level = levels[i]!;
    const { tier } = model;
    if (tier.provider === 'aws') {
      const prefix = clientVpnCidrPrefix(model.zones.length);
      const perEndpoint = clientVpnConnections(model.zones.length);
      const endpoints = Array.from({ length: level + 1 }, (_, index) => ({
        index,
        name: `${tier.id}-${index}`,
        clientCidr: nthSubnet(model.block, prefix, index)!.text,
        associatedZones: [...model.zones],
        maxConnections: perEndpoint,
      }));
      return {
        kind: 'aws-client-vpn',
        tierId: tier.id,
        provider: 'aws',
        region: tier.region,
        zones: [...model.zones],
        endpoints,
        maxEndpoints: model.maxLevel + 1,
        nominalConnections: model.capacity(level, { kind: 'nominal' }).connections,
        transportProtocol: tier.transportProtocol,
      };
    }
    const row = p2sRowAt(level);
    const carving = carvePopulationPools(
      model.block,
      profile.populations,
      profile.target.growthHeadroomPercent,
      row.scaleUnits,
      row.connections,
    );
    // The model's maxLevel only admits levels whose carving fits.
    if (!carving.fits) throw new Error(`internal: ${tier.id}: ${carving.reason}`);
    return {
      kind: 'azure-p2s',
      tierId: tier.id,
      provider: 'azure',
      region: tier.region,
      zones: [...model.zones],
      scaleUnits: row.scaleUnits,
      gatewayInstances: row.gatewayInstances,
      nominalConnections: model.capacity(level, { kind: 'nominal' }).connections,
      aggregateMbps: row.aggregateMbps,
      addressPools: carving.populations.flatMap((p) => p.pools),
      populationPools: carving.populations,
      maxScaleUnits: p2sRowAt(model.maxLevel).scaleUnits,
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
  levels: readonly number[],
): ThroughputCheck[] {
  const { averageMbpsPerUser, peakMbpsPerUser } = profile.target;
  return models.map((model, i) => {
    const aggregate = model.aggregateMbps(levels[i]!);
    const demand = Math.round(tiers[i]!.nominalConnections * averageMbpsPerUser);
    const perConnection = model.perConnectionMbps;
    const verdict =
      perConnection !== null && peakMbpsPerUser > perConnection
        ? 'per-connection-limited'
        : model.capacity(levels[i]!, { kind: 'nominal' }).throughputLimited
          ? 'aggregate-limited'
          : 'ok';
    return {
      tierId: model.tier.id,
      aggregateLimitMbps: aggregate,
      demandAtNominalMbps: demand,
      perConnectionLimitMbps: perConnection,
      peakMbpsPerUser,
      verdict,
    };
  });
}

export function planCapacity(profile: Profile): PlanOutcome {
  const shapeIssues = checkNetworkShapes(profile);
  const models = buildTierModels(profile);
  const roomIssues = checkTierRoom(models);
  if (shapeIssues.length + roomIssues.length > 0)
    return { ok: false, issues: [...shapeIssues, ...roomIssues] };

  const requirements = requirementsFor(profile, models);
  const target = profile.target.concurrentUsers;
  const sizing = sizeTiers(models, requirements, target);
  if (sizing.unmet) {
    return {
      ok: false,
      issues: [unmetIssue(profile, models, sizing.levels, sizing.unmet.requirement, sizing.unmet.capacity)],
    };
  }
  const { levels } = sizing;
  const tiers = tierPlans(profile, models, levels);
  const scenarios: ScenarioResult[] = requirements.map(({ scenario, percent }) => {
    const required = requiredConnections(target, percent);
    const capacity = scenarioCapacity(models, levels, scenario);
    return {
      scenario,
      label: scenarioLabel(scenario),
      required,
      capacity,
      byTier: models.map((m, i) => m.capacity(levels[i]!, scenario)),
      verdict: percent === 0 ? 'not-required' : capacity >= required ? 'meets' : 'short',
    };
  });
  const throughput = throughputChecks(profile, models, tiers, levels);
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
    'Client VPN: an endpoint that loses an Availability Zone keeps the connection quota of one association fewer.',
    `Virtual WAN point-to-site: gateway instances spread evenly over the hub zones; a zone loss removes ceil(instances / zones); from ${P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS.value} scale units each remaining instance takes at most ${P2S_CONNECTIONS_PER_INSTANCE.value.toLocaleString('en-US')} connections.`,
    'Client pools are carved by index from each tier\u2019s clientAddressBlock, so growth appends pools and never moves one.',
    'Virtual WAN point-to-site: each population has its own pools in its own slot of the tier block (populations in profile order, slot count rounded up to a power of two), so growing a population or adding scale units never moves a pool; append new populations at the end.',
  ];
  const override = profile.quotaOverrides.clientVpnEndpointsPerRegion;
  if (override)
    notes.push(`Client VPN endpoints per Region raised to ${override.value} (${override.reference}).`);
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
      cost: estimateCost(profile, tiers),
      notes,
    },
  };
}
