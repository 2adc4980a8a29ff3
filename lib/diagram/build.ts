/**
 * Builds the design diagram from the capacity plan and the synthesized artifacts: clouds,
 * Regions and hubs, access tiers with their capacity (as planned and as synthesized),
 * populations and what they may reach, data centres with their networks (protected segments
 * marked), links with their bandwidth, carrier closed mobile networks. With a failure
 * scenario, what the failure takes away is drawn as lost, tiers that keep part of their
 * capacity as degraded, and the access edges carry the users each remaining tier takes.
 */
import type { DeploymentModel } from '../model/deployment-model';
import type { ScenarioResult, TierPlan } from '../model/plan';
import { P2S_MBPS_PER_SCALE_UNIT } from '../quotas/azure-virtual-wan';
import type { SynthesizedArtifacts } from './artifacts';
import type { DiagramEdge, DiagramGraph, DiagramGroup, DiagramNode, DiagramState } from './graph';

export interface DiagramInput {
  readonly model: DeploymentModel;
  readonly artifacts: SynthesizedArtifacts;
  /** The failure to draw; nothing failed when absent. */
  readonly scenario?: ScenarioResult;
}

const count = (n: number) => n.toLocaleString('en-US');

/** 1000 -> "1 Gbps", 1250 -> "1.25 Gbps", 500 -> "500 Mbps". */
export function formatBandwidth(mbps: number): string {
  return mbps >= 1000 ? `${mbps / 1000} Gbps` : `${mbps} Mbps`;
}

/** Node id of a place reference (`aws:<region>`, `azure:<region>`, `dc:<name>`). */
export function placeNodeId(place: string): string {
  const [kind, name] = place.split(':') as [string, string];
  return kind === 'dc' ? `dc:${name}` : `transit:${kind}:${name}`;
}

/** Group a place reference's resources are drawn in. */
function placeGroupId(place: string): string {
  const [kind, name] = place.split(':') as [string, string];
  return kind === 'dc' ? `group:dc:${name}` : `group:region:${kind}:${name}`;
}

/**
 * Users spread over the tiers in proportion to capacity (the planner's cost assumption),
 * never more than a tier's capacity. Returns users per tier id.
 */
export function spreadUsers(users: number, capacities: ReadonlyMap<string, number>): Map<string, number> {
  const total = [...capacities.values()].reduce((sum, c) => sum + c, 0);
  const spread = new Map<string, number>();
  for (const [tierId, capacity] of capacities)
    spread.set(tierId, total === 0 ? 0 : Math.min(capacity, Math.round((users * capacity) / total)));
  return spread;
}

interface TierArtifactSummary {
  readonly lines: readonly string[];
  readonly mismatch: boolean;
}

function awsTierArtifacts(tier: TierPlan & { kind: 'aws-client-vpn' }, artifacts: SynthesizedArtifacts) {
  if (!artifacts.aws) return { lines: ['synth: AWS not synthesized'], mismatch: false };
  const planned = new Set(tier.endpoints.map((e) => e.clientCidr));
  const endpoints = (artifacts.aws.get(tier.region)?.clientVpnEndpoints ?? []).filter((e) =>
    planned.has(e.clientCidr),
  );
  const connections = endpoints.reduce((sum, e) => sum + e.connections, 0);
  const associations = endpoints.map((e) => e.associations).join('+') || '0';
  return {
    lines: [`synth: ${endpoints.length} endpoint(s), ${associations} association(s) = ${count(connections)}`],
    mismatch: endpoints.length !== tier.endpoints.length || connections !== tier.nominalConnections,
  };
}

function azureTierArtifacts(
  tier: TierPlan & { kind: 'azure-p2s' },
  artifacts: SynthesizedArtifacts,
  averageMbpsPerUser: number,
): TierArtifactSummary {
  if (!artifacts.azure) return { lines: ['synth: Azure not synthesized'], mismatch: false };
  // One point-to-site gateway per virtual hub, so the Region identifies the tier's gateway.
  const gateway = artifacts.azure.p2sGateways.find((g) => g.location === tier.region);
  if (!gateway) return { lines: ['synth: no point-to-site gateway'], mismatch: true };
  // The gateway's row gives connections; its scale units bound them by throughput too.
  const connections = Math.min(
    gateway.connections,
    Math.floor((gateway.scaleUnits * P2S_MBPS_PER_SCALE_UNIT.value) / averageMbpsPerUser),
  );
  return {
    lines: [
      `synth: ${gateway.scaleUnits} scale units, ${gateway.pools.length} pool(s) = ${count(connections)}`,
    ],
    mismatch:
      gateway.scaleUnits !== tier.scaleUnits ||
      connections !== tier.nominalConnections ||
      gateway.pools.length !== tier.addressPools.length ||
      gateway.problems.length > 0,
  };
}

function tierLines(tier: TierPlan): string[] {
  if (tier.kind === 'aws-client-vpn')
    return [
      'AWS Client VPN',
      `${tier.endpoints.length} endpoint(s) x ${tier.associationsPerEndpoint} AZ`,
      `${count(tier.nominalConnections)} connections`,
    ];
  return [
    'Virtual WAN point-to-site',
    `${tier.scaleUnits} scale units, ${tier.gatewayInstances} instances`,
    `${count(tier.nominalConnections)} connections`,
  ];
}

export function buildDiagram(input: DiagramInput): DiagramGraph {
  const { model, artifacts, scenario } = input;
  const { profile, plan } = model;
  const groups: DiagramGroup[] = [];
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];

  // What the scenario takes away.
  const failed = scenario?.scenario;
  const placeState = (provider: 'aws' | 'azure', region: string): DiagramState => {
    if (!failed) return 'up';
    if (failed.kind === 'provider' && failed.provider === provider) return 'lost';
    if (failed.kind === 'region' && failed.provider === provider && failed.region === region) return 'lost';
    return 'up';
  };
  const cloudState = (provider: 'aws' | 'azure'): DiagramState =>
    failed?.kind === 'provider' && failed.provider === provider ? 'lost' : 'up';
  const scenarioCapacity = new Map(
    (
      scenario?.byTier ?? plan.tiers.map((t) => ({ tierId: t.tierId, connections: t.nominalConnections }))
    ).map((t) => [t.tierId, t.connections]),
  );
  const tierState = (tier: TierPlan): DiagramState => {
    if (!scenario) return 'up';
    const left = scenarioCapacity.get(tier.tierId) ?? 0;
    return left === 0 ? 'lost' : left < tier.nominalConnections ? 'degraded' : 'up';
  };

  // Clouds, Regions and hubs, each with its transit (Transit Gateway or virtual hub).
  const awsRegions = profile.clouds.aws?.regions ?? [];
  const azureHubs = profile.clouds.azure?.hubs ?? [];
  if (awsRegions.length > 0) groups.push({ id: 'group:cloud:aws', label: 'AWS', state: cloudState('aws') });
  for (const r of awsRegions) {
    const synthesized = artifacts.aws?.get(r.region);
    groups.push({
      id: `group:region:aws:${r.region}`,
      label: `AWS ${r.region}`,
      parent: 'group:cloud:aws',
      state: placeState('aws', r.region),
    });
    const asn = synthesized?.transitGatewayAsns[0];
    nodes.push({
      id: `transit:aws:${r.region}`,
      kind: 'transit',
      label: [
        'Transit Gateway',
        synthesized ? `ASN ${asn ?? 'none'} (synth)` : `ASN ${r.transitGatewayAsn} (not synthesized)`,
        `VPC ${synthesized?.vpcCidrs.join(', ') || r.vpcCidr}`,
        `AZ ${r.availabilityZones.join(', ')}`,
        ...(synthesized
          ? [
              `${synthesized.siteToSiteVpnConnections} S2S VPN, ${synthesized.transitVirtualInterfaces} transit VIF (synth)`,
            ]
          : []),
      ],
      group: `group:region:aws:${r.region}`,
      state: placeState('aws', r.region),
      mismatch: synthesized !== undefined && asn !== r.transitGatewayAsn,
    });
  }
  if (azureHubs.length > 0)
    groups.push({ id: 'group:cloud:azure', label: 'Azure Virtual WAN', state: cloudState('azure') });
  for (const h of azureHubs) {
    const synthesized = artifacts.azure?.hubs.find((s) => s.location === h.region);
    groups.push({
      id: `group:region:azure:${h.region}`,
      label: `Azure ${h.region}`,
      parent: 'group:cloud:azure',
      state: placeState('azure', h.region),
    });
    nodes.push({
      id: `transit:azure:${h.region}`,
      kind: 'transit',
      label: [
        `Virtual hub ${synthesized?.name ?? h.region}`,
        synthesized ? `${synthesized.addressPrefix} (synth)` : `${h.hubAddressPrefix} (not synthesized)`,
        h.availabilityZones.length > 0 ? `zones ${h.availabilityZones.join(', ')}` : 'no zones',
      ],
      group: `group:region:azure:${h.region}`,
      state: placeState('azure', h.region),
      mismatch: synthesized !== undefined && synthesized.addressPrefix !== h.hubAddressPrefix,
    });
  }

  // Access tiers: planned size and capacity, what the artifacts carry, what a failure leaves.
  // Users per tier: the plan's steering (normal operation, and the scenario's placement when
  // the plan steers it); the capacity spread only where the plan has no steering for it.
  const steered = (label: string) => {
    const entry = plan.steering?.scenarios.find((s) => s.label === label);
    if (!entry) return undefined;
    const users = new Map(plan.tiers.map((t) => [t.tierId, 0]));
    for (const p of entry.placement) users.set(p.tierId, (users.get(p.tierId) ?? 0) + p.connections);
    return users;
  };
  const nominalSpread =
    steered('nominal (nothing failed)') ??
    spreadUsers(
      plan.target.concurrentUsers,
      new Map(plan.tiers.map((t) => [t.tierId, t.nominalConnections])),
    );
  const scenarioSpread =
    (scenario && steered(scenario.label)) ?? spreadUsers(plan.target.concurrentUsers, scenarioCapacity);
  nodes.push({ id: 'internet', kind: 'internet', label: ['Internet'], state: 'up' });
  for (const tier of plan.tiers) {
    const synthesized =
      tier.kind === 'aws-client-vpn'
        ? awsTierArtifacts(tier, artifacts)
        : azureTierArtifacts(tier, artifacts, model.profile.target.averageMbpsPerUser);
    const state = tierState(tier);
    const left = scenarioCapacity.get(tier.tierId) ?? 0;
    const failureLine =
      state === 'lost'
        ? ['LOST in this failure']
        : state === 'degraded'
          ? [`after the failure: ${count(left)}`]
          : [];
    nodes.push({
      id: `tier:${tier.tierId}`,
      kind: 'access-tier',
      label: [tier.tierId, ...tierLines(tier), ...synthesized.lines, ...failureLine],
      group: `group:region:${tier.provider}:${tier.region}`,
      state,
      mismatch: synthesized.mismatch,
    });
    const nominalUsers = nominalSpread.get(tier.tierId) ?? 0;
    const scenarioUsers = scenarioSpread.get(tier.tierId) ?? 0;
    edges.push({
      from: 'internet',
      to: `tier:${tier.tierId}`,
      kind: 'access',
      label: !scenario
        ? `~${count(nominalUsers)} users`
        : state === 'lost'
          ? `0 users (was ~${count(nominalUsers)})`
          : `~${count(scenarioUsers)} users (was ~${count(nominalUsers)})`,
      state: state === 'lost' ? 'lost' : 'up',
    });
    edges.push({
      from: `tier:${tier.tierId}`,
      to: `transit:${tier.provider}:${tier.region}`,
      kind: 'attachment',
      state: state === 'lost' ? 'lost' : 'up',
    });
  }

  // Populations: how many, how they authenticate, what they may reach.
  groups.push({ id: 'group:users', label: 'Teleworkers', state: 'up' });
  for (const p of profile.populations) {
    nodes.push({
      id: `population:${p.name}`,
      kind: 'population',
      label: [p.name, `${count(p.concurrentUsers)} concurrent`, p.authentication.join(' + ')],
      group: 'group:users',
      state: 'up',
    });
    edges.push({
      from: `population:${p.name}`,
      to: 'internet',
      kind: 'access',
      label: count(p.concurrentUsers),
      state: 'up',
    });
    for (const network of p.reach)
      edges.push({ from: `population:${p.name}`, to: `network:${network}`, kind: 'reach', state: 'up' });
  }

  // Data centres, their networks, their links.
  const nodeState = (id: string): DiagramState => nodes.find((n) => n.id === id)?.state ?? 'up';
  for (const dc of profile.dataCentres ?? []) {
    groups.push({ id: `group:dc:${dc.name}`, label: `Data centre ${dc.name}`, state: 'up' });
    nodes.push({
      id: `dc:${dc.name}`,
      kind: 'data-centre',
      label: [dc.name, `AS ${dc.bgpAsn}`, dc.prefixes.join(', ')],
      group: `group:dc:${dc.name}`,
      state: 'up',
    });
  }
  for (const network of profile.addressPlan.networks) {
    nodes.push({
      id: `network:${network.name}`,
      kind: 'network',
      label: [
        network.name,
        network.cidrs.join(', '),
        ...(network.protected ? ['PROTECTED: no remote access'] : []),
      ],
      group: placeGroupId(network.at),
      state: nodeState(placeNodeId(network.at)),
      protected: network.protected,
    });
    if (network.at.startsWith('dc:'))
      edges.push({
        from: placeNodeId(network.at),
        to: `network:${network.name}`,
        kind: 'hosts',
        state: 'up',
      });
  }
  const circuits = profile.expressRoute?.circuits ?? [];
  for (const dc of profile.dataCentres ?? []) {
    for (const link of dc.links) {
      const target = placeNodeId(link.to);
      const circuit =
        link.type === 'expressroute'
          ? circuits.find((c) => c.dataCentre === dc.name && `azure:${c.hubRegion}` === link.to)
          : undefined;
      const synthesizedCircuit = circuit
        ? artifacts.azure?.expressRouteCircuits.find((c) => c.name.endsWith(circuit.name))
        : undefined;
      const circuitText = circuit
        ? ` (${circuit.name}, ${circuit.peeringLocation}${synthesizedCircuit ? `, synth ${formatBandwidth(synthesizedCircuit.bandwidthMbps)}` : ''})`
        : '';
      edges.push({
        from: `dc:${dc.name}`,
        to: target,
        kind: 'link',
        label: `${link.name}: ${link.type} ${formatBandwidth(link.bandwidthMbps)}${circuitText}`,
        state: nodeState(target) === 'lost' ? 'lost' : 'up',
      });
    }
  }

  // Carrier closed mobile networks: where they land, what they may reach.
  const carriers = profile.closedMobileNetworks ?? [];
  if (carriers.length > 0)
    groups.push({ id: 'group:carriers', label: 'Carrier closed mobile networks', state: 'up' });
  for (const c of carriers) {
    const landing = placeNodeId(c.landing.at);
    nodes.push({
      id: `carrier:${c.name}`,
      kind: 'carrier',
      label: [
        c.name,
        c.carrier,
        `${count(c.devices)} devices`,
        `pool ${c.devicePool}`,
        ...(c.translation ? [`translated to ${c.translation.translatedRange} (${c.translation.at})`] : []),
      ],
      group: 'group:carriers',
      state: 'up',
    });
    edges.push({
      from: `carrier:${c.name}`,
      to: landing,
      kind: 'carrier-landing',
      label: `${c.landing.type} at ${c.landing.at}`,
      state: nodeState(landing) === 'lost' ? 'lost' : 'up',
    });
    for (const network of c.reach)
      edges.push({ from: `carrier:${c.name}`, to: `network:${network}`, kind: 'reach', state: 'up' });
  }

  const nominal = plan.scenarios.find((s) => s.scenario.kind === 'nominal');
  const synthesizedTotal =
    (artifacts.aws
      ? [...artifacts.aws.values()]
          .flatMap((r) => r.clientVpnEndpoints)
          .reduce((s, e) => s + e.connections, 0)
      : 0) + (artifacts.azure?.p2sGateways.reduce((s, g) => s + g.connections, 0) ?? 0);
  const subtitle = [
    `${count(plan.target.concurrentUsers)} concurrent users; nominal capacity ${count(nominal?.capacity ?? 0)} planned, ${count(synthesizedTotal)} in the synthesized artifacts`,
    scenario
      ? `${scenario.label}: ${count(scenario.capacity)} of ${count(scenario.required)} required remain (${scenario.verdict}); users go where the plan's steering sends them`
      : 'nothing failed; users where the plan\u2019s steering puts them',
  ];
  return {
    title: `Tsunagi: ${plan.organisation}${scenario ? ` - ${scenario.label}` : ''}`,
    subtitle,
    groups,
    nodes,
    edges,
  };
}
