/**
 * `tsunagi diagram` as data: for both fixture profiles, drawn from the plan and the artifacts
 * the real CLI synthesized once in global setup (test/support/synthesized.ts), every tier,
 * link, population, network and carrier network is a node or an edge with the right figures;
 * failure scenarios take away exactly what they should; the renderers keep the structure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifacts, type SynthesizedArtifacts } from '../../lib/diagram/artifacts';
import { buildDiagram, formatBandwidth, placeNodeId, spreadUsers } from '../../lib/diagram/build';
import { renderDot } from '../../lib/diagram/dot';
import type { DiagramGraph } from '../../lib/diagram/graph';
import { renderMermaid } from '../../lib/diagram/mermaid';
import { findScenario, scenarioId } from '../../lib/diagram/scenario';
import type { DeploymentModel } from '../../lib/model/deployment-model';
import type { ScenarioResult } from '../../lib/model/plan';
import { loadModel } from '../support/profiles';
import { artifactsDir, type FixtureName } from '../support/synthesized';

const count = (n: number) => n.toLocaleString('en-US');

function scenario(model: DeploymentModel, id: string): ScenarioResult {
  const found = findScenario(model.plan, id);
  if (!found.ok) throw new Error(found.message);
  return found.result;
}

function node(graph: DiagramGraph, id: string) {
  const found = graph.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}; have ${graph.nodes.map((n) => n.id).join(', ')}`);
  return found;
}

function edge(graph: DiagramGraph, from: string, to: string, kind?: string) {
  const found = graph.edges.filter(
    (e) => e.from === from && e.to === to && (kind === undefined || e.kind === kind),
  );
  if (found.length === 0) throw new Error(`no edge ${from} -> ${to}`);
  return found[0]!;
}

describe.each<FixtureName>(['hyogo', 'iwate'])(
  '%s: the diagram from the plan and the synthesized artifacts',
  (name) => {
    let model: DeploymentModel;
    let artifacts: SynthesizedArtifacts;
    let graph: DiagramGraph;
    beforeAll(() => {
      model = loadModel(name);
      artifacts = readArtifacts(artifactsDir(name));
      graph = buildDiagram({ model, artifacts });
    });

    test('every edge joins two nodes that exist, and every node sits in a group that exists (or none)', () => {
      const ids = new Set(graph.nodes.map((n) => n.id));
      expect(ids.size).toBe(graph.nodes.length);
      for (const e of graph.edges) {
        expect(ids).toContain(e.from);
        expect(ids).toContain(e.to);
      }
      const groups = new Set(graph.groups.map((g) => g.id));
      for (const n of graph.nodes) if (n.group !== undefined) expect(groups).toContain(n.group);
      for (const g of graph.groups) if (g.parent !== undefined) expect(groups).toContain(g.parent);
    });

    test('every access tier: its planned size and capacity, and the same capacity read from the artifacts', () => {
      for (const tier of model.plan.tiers) {
        const n = node(graph, `tier:${tier.tierId}`);
        expect(n.group).toBe(`group:region:${tier.provider}:${tier.region}`);
        expect(n.label[0]).toBe(tier.tierId);
        expect(n.label).toContain(`${count(tier.nominalConnections)} connections`);
        expect(n.mismatch).toBe(false);
        expect(n.state).toBe('up');
        if (tier.kind === 'aws-client-vpn') {
          expect(n.label).toContain(
            `${tier.endpoints.length} endpoint(s) x ${tier.associationsPerEndpoint} AZ`,
          );
          const associations = tier.endpoints.map(() => tier.associationsPerEndpoint).join('+');
          expect(n.label).toContain(
            `synth: ${tier.endpoints.length} endpoint(s), ${associations} association(s) = ${count(tier.nominalConnections)}`,
          );
        } else {
          expect(n.label).toContain(`${tier.scaleUnits} scale units, ${tier.gatewayInstances} instances`);
          expect(n.label).toContain(
            `synth: ${tier.scaleUnits} scale units, ${tier.addressPools.length} pool(s) = ${count(tier.nominalConnections)}`,
          );
        }
        expect(
          edge(graph, `tier:${tier.tierId}`, `transit:${tier.provider}:${tier.region}`, 'attachment'),
        ).toBeTruthy();
        expect(edge(graph, 'internet', `tier:${tier.tierId}`, 'access').label).toMatch(/^~[\d,]+ users$/);
      }
    });

    test('users spread over the tiers in proportion to capacity add up to the target', () => {
      const spread = graph.edges
        .filter((e) => e.from === 'internet')
        .map((e) => Number(e.label!.replace(/[~, a-z]/g, '')));
      const total = spread.reduce((s, n) => s + n, 0);
      expect(Math.abs(total - model.plan.target.concurrentUsers)).toBeLessThanOrEqual(
        model.plan.tiers.length,
      );
    });

    test('every AWS Region and Azure hub: its transit node with figures read from the artifacts', () => {
      for (const r of model.profile.clouds.aws?.regions ?? []) {
        const n = node(graph, `transit:aws:${r.region}`);
        expect(n.label).toContain(`ASN ${r.transitGatewayAsn} (synth)`);
        expect(n.label).toContain(`VPC ${r.vpcCidr}`);
        expect(n.mismatch).toBe(false);
        expect(n.group).toBe(`group:region:aws:${r.region}`);
      }
      for (const h of model.profile.clouds.azure?.hubs ?? []) {
        const n = node(graph, `transit:azure:${h.region}`);
        expect(n.label).toContain(`${h.hubAddressPrefix} (synth)`);
        expect(n.mismatch).toBe(false);
      }
    });

    test('every population: concurrency, authentication, its way in and an edge to each network it may reach', () => {
      for (const p of model.profile.populations) {
        const n = node(graph, `population:${p.name}`);
        expect(n.label).toEqual([
          p.name,
          `${count(p.concurrentUsers)} concurrent`,
          p.authentication.join(' + '),
        ]);
        expect(edge(graph, `population:${p.name}`, 'internet', 'access').label).toBe(
          count(p.concurrentUsers),
        );
        const reach = graph.edges.filter((e) => e.from === `population:${p.name}` && e.kind === 'reach');
        expect(reach.map((e) => e.to).sort()).toEqual(p.reach.map((r) => `network:${r}`).sort());
      }
    });

    test('every data-centre link: an edge to its far end labelled with its type and bandwidth', () => {
      const links = (model.profile.dataCentres ?? []).flatMap((dc) =>
        dc.links.map((l) => ({ dc: dc.name, ...l })),
      );
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        const e = graph.edges.find((x) => x.kind === 'link' && x.label?.startsWith(`${link.name}: `));
        expect(e).toMatchObject({ from: `dc:${link.dc}`, to: placeNodeId(link.to), state: 'up' });
        expect(e!.label).toContain(`${link.type} ${formatBandwidth(link.bandwidthMbps)}`);
      }
      expect(graph.edges.filter((e) => e.kind === 'link')).toHaveLength(links.length);
    });

    test('every named network at its place; protected segments marked and reached by nobody', () => {
      for (const network of model.profile.addressPlan.networks) {
        const n = node(graph, `network:${network.name}`);
        expect(n.label.slice(0, 2)).toEqual([network.name, network.cidrs.join(', ')]);
        expect(n.protected).toBe(network.protected);
        expect(n.label.includes('PROTECTED: no remote access')).toBe(network.protected);
        if (network.protected)
          expect(graph.edges.filter((e) => e.to === n.id && e.kind === 'reach')).toEqual([]);
      }
    });

    test('every carrier closed mobile network: devices, pool, translation, landing and reach', () => {
      const carriers = model.profile.closedMobileNetworks ?? [];
      expect(carriers.length).toBeGreaterThan(0);
      for (const c of carriers) {
        const n = node(graph, `carrier:${c.name}`);
        expect(n.label).toContain(`${count(c.devices)} devices`);
        expect(n.label).toContain(`pool ${c.devicePool}`);
        if (c.translation)
          expect(n.label).toContain(`translated to ${c.translation.translatedRange} (${c.translation.at})`);
        expect(edge(graph, n.id, placeNodeId(c.landing.at), 'carrier-landing').label).toBe(
          `${c.landing.type} at ${c.landing.at}`,
        );
        const reach = graph.edges.filter((e) => e.from === n.id && e.kind === 'reach').map((e) => e.to);
        expect(reach.sort()).toEqual(c.reach.map((r) => `network:${r}`).sort());
      }
    });

    test('Mermaid and DOT draw every node and every edge', () => {
      const mermaid = renderMermaid(graph);
      const dot = renderDot(graph);
      expect(mermaid.split('\n')[3]).toBe('flowchart LR');
      const mermaidEdges = mermaid.split('\n').filter((l) => / (-->|-\.->|---|<-->)/.test(l));
      expect(mermaidEdges).toHaveLength(graph.edges.length);
      expect(dot.split('\n').filter((l) => l.includes(' -> '))).toHaveLength(graph.edges.length);
      for (const n of graph.nodes) {
        expect(dot).toContain(`"${n.id}" [label="${n.label[0]}`);
        expect(mermaid).toMatch(new RegExp(`\\b${n.id.replace(/[^A-Za-z0-9]+/g, '_')}\\["${n.label[0]}`));
      }
      expect(dot.match(/subgraph "cluster_/g)).toHaveLength(graph.groups.length);
      expect(mermaid.match(/^\s*subgraph /gm)).toHaveLength(graph.groups.length);
    });
  },
);

describe('hyogo under failures: what is lost, what is degraded, where the users go', () => {
  let model: DeploymentModel;
  let artifacts: SynthesizedArtifacts;
  beforeAll(() => {
    model = loadModel('hyogo');
    artifacts = readArtifacts(artifactsDir('hyogo'));
  });

  test('losing AWS ap-northeast-1: its tier, transit, Region and links are lost; users move to the other tiers', () => {
    const result = scenario(model, 'region:aws:ap-northeast-1');
    const graph = buildDiagram({ model, artifacts, scenario: result });
    expect(node(graph, 'tier:aws-tokyo')).toMatchObject({ state: 'lost' });
    expect(node(graph, 'tier:aws-tokyo').label).toContain('LOST in this failure');
    expect(node(graph, 'transit:aws:ap-northeast-1').state).toBe('lost');
    expect(graph.groups.find((g) => g.id === 'group:region:aws:ap-northeast-1')!.state).toBe('lost');
    expect(graph.groups.find((g) => g.id === 'group:cloud:aws')!.state).toBe('up');
    for (const id of ['tier:aws-osaka', 'tier:azure-japaneast', 'tier:azure-japanwest'])
      expect(node(graph, id).state).toBe('up');
    const lostLinks = graph.edges.filter((e) => e.kind === 'link' && e.state === 'lost').map((e) => e.label);
    expect(lostLinks).toEqual([
      'kobe-aws-tokyo-vpn: site-to-site-vpn 1.25 Gbps',
      'kobe-aws-tokyo-dx: direct-connect 10 Gbps',
    ]);
    // The plan steers every normal connection to point-to-site; Tokyo is on stand-by, so
    // nobody moves: users stay where the steering put them.
    expect(edge(graph, 'internet', 'tier:aws-tokyo').label).toBe('0 users (was ~0)');
    expect(edge(graph, 'internet', 'tier:aws-osaka').label).toBe('~0 users (was ~0)');
    expect(edge(graph, 'internet', 'tier:azure-japaneast').label).toBe('~10,000 users (was ~10,000)');
    expect(edge(graph, 'internet', 'tier:azure-japanwest').label).toBe('~80,000 users (was ~80,000)');
    expect(graph.subtitle[1]).toMatch(
      /^loss of Region AWS ap-northeast-1: 163,000 of 90,000 required remain \(meets\)/,
    );
    const mermaid = renderMermaid(graph);
    expect(mermaid).toMatch(/class [a-z_,0-9]*tier_aws_tokyo[a-z_,0-9]* lost/);
    expect(mermaid).toContain('style group_region_aws_ap_northeast_1 fill:#f6f6f6');
    const lostIndices = graph.edges.flatMap((e, i) => (e.state === 'lost' ? [i] : []));
    expect(mermaid).toContain(`linkStyle ${lostIndices.join(',')} stroke:#c0c0c0`);
    expect(renderDot(graph)).toContain('label="AWS ap-northeast-1 (LOST)"');
  });

  test('losing zone ap-northeast-3a degrades the Osaka tier to one association fewer per endpoint (2 x 7,000)', () => {
    const graph = buildDiagram({ model, artifacts, scenario: scenario(model, 'zone:ap-northeast-3a') });
    const osaka = node(graph, 'tier:aws-osaka');
    expect(osaka.state).toBe('degraded');
    expect(osaka.label).toContain('after the failure: 14,000');
    expect(node(graph, 'transit:aws:ap-northeast-3').state).toBe('up');
    expect(graph.edges.filter((e) => e.state === 'lost')).toEqual([]);
    expect(renderDot(graph)).toContain('color="#e37400"');
  });

  test('losing every Azure tier takes the Virtual WAN, its ExpressRoute links and the carrier landing', () => {
    const graph = buildDiagram({ model, artifacts, scenario: scenario(model, 'provider:azure') });
    expect(graph.groups.find((g) => g.id === 'group:cloud:azure')!.state).toBe('lost');
    expect(node(graph, 'tier:azure-japaneast').state).toBe('lost');
    expect(node(graph, 'tier:azure-japanwest').state).toBe('lost');
    expect(node(graph, 'tier:aws-tokyo').state).toBe('up');
    expect(edge(graph, 'carrier:iij-private-gateway', 'transit:azure:japaneast').state).toBe('lost');
    const azureLinks = model.profile.dataCentres
      .flatMap((dc) => dc.links)
      .filter((l) => l.to.startsWith('azure:'))
      .map((l) => l.name);
    expect(azureLinks).toEqual(expect.arrayContaining(['kobe-er-tokyo', 'harima-er-osaka']));
    expect(
      graph.edges
        .filter((e) => e.kind === 'link' && e.state === 'lost')
        .map((e) => e.label!.split(':')[0])
        .sort(),
    ).toEqual(azureLinks.sort());
  });

  test('artifacts that disagree with the plan mark the tier', () => {
    const aws = new Map(artifacts.aws!);
    const tokyo = aws.get('ap-northeast-1')!;
    // The synthesized endpoint lost an association: 36,500 instead of the planned 66,500.
    aws.set('ap-northeast-1', {
      ...tokyo,
      clientVpnEndpoints: tokyo.clientVpnEndpoints.map((e) => ({
        ...e,
        associations: 2,
        connections: 36_500,
      })),
    });
    const graph = buildDiagram({ model, artifacts: { ...artifacts, aws } });
    expect(node(graph, 'tier:aws-tokyo').mismatch).toBe(true);
    expect(node(graph, 'tier:aws-tokyo').label).toContain('synth: 1 endpoint(s), 2 association(s) = 36,500');
    expect(node(graph, 'tier:aws-osaka').mismatch).toBe(false);
    expect(renderDot(graph)).toContain('xlabel="synth differs from plan"');
  });
});

test('README.md carries a generated diagram of the default profile (npm run diagram:readme)', () => {
  // Tests never read config/: the README's diagram is compared with what the tool draws for
  // config/hyogo.yaml by CI (.github/workflows/ci.yml, `node scripts/readme-diagram.mjs
  // --check`). Here: the block is there, is a Mermaid flowchart of hyogo, and names every
  // access tier and population (the fixture is a copy of the shipped profile's structure).
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = readme.match(/<!-- diagram:begin [^\n]*-->\n```mermaid\n([\s\S]*?)```\n<!-- diagram:end -->/);
  expect(block).not.toBeNull();
  const mermaid = block![1]!;
  expect(mermaid).toMatch(/^---\ntitle: "Tsunagi: hyogo"\n---\nflowchart LR\n/);
  const model = loadModel('hyogo');
  for (const tier of model.plan.tiers) expect(mermaid).toContain(`tier_${tier.tierId.replace(/-/g, '_')}[`);
  for (const p of model.profile.populations) expect(mermaid).toContain(p.name);
});

describe('scenario ids', () => {
  const model = loadModel('hyogo');

  test('every scenario of the plan has an id that finds it again', () => {
    for (const s of model.plan.scenarios) {
      const found = findScenario(model.plan, scenarioId(s.scenario));
      expect(found.ok && found.result).toBe(s);
    }
  });

  test('a shorter id naming one scenario works; an unknown or ambiguous one lists the ids', () => {
    expect(scenario(model, 'region:ap-northeast-3').label).toBe('loss of Region AWS ap-northeast-3');
    const unknown = findScenario(model.plan, 'region:us-east-1');
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toMatch(
      /^--scenario region:us-east-1 is not a scenario of this plan; use one of: zone:aws:ap-northeast-1:ap-northeast-1a, .*provider:azure$/,
    );
    expect(scenario(model, 'zone:1').label).toBe('loss of zone 1 (Azure japaneast)');
    // With zones in Japan West too, zone 1 names two scenarios.
    const zoned = loadModel('hyogo', (p) => {
      p.clouds.azure.hubs[1].availabilityZones = ['1', '2', '3'];
    });
    const ambiguous = findScenario(zoned.plan, 'zone:1');
    expect(!ambiguous.ok && ambiguous.message).toMatch(
      /^--scenario zone:1 is ambiguous \(zone:azure:japaneast:1, zone:azure:japanwest:1\); use one of: /,
    );
  });
});

describe('figures', () => {
  test('users spread in proportion to capacity, rounded, never above a tier’s capacity', () => {
    const tiers = new Map([
      ['a', 66_500],
      ['b', 66_500],
      ['c', 50_000],
      ['d', 500],
    ]);
    expect([...spreadUsers(90_000, tiers).values()]).toEqual([32_616, 32_616, 24_523, 245]);
    expect([...spreadUsers(200_000, tiers).values()]).toEqual([66_500, 66_500, 50_000, 500]);
    expect([...spreadUsers(90_000, new Map([['a', 0]])).values()]).toEqual([0]);
  });

  test('bandwidth in Mbps below 1 Gbps, in Gbps from 1,000 Mbps', () => {
    expect(formatBandwidth(999)).toBe('999 Mbps');
    expect(formatBandwidth(1000)).toBe('1 Gbps');
    expect(formatBandwidth(1250)).toBe('1.25 Gbps');
    expect(formatBandwidth(10_000)).toBe('10 Gbps');
  });
});
