/** The capacity plan as Markdown for people: tables, and a verdict line per failure scenario. */
import type { CapacityPlan, ScenarioSteering, TierPlan } from '../model/plan';
import { formatNumber } from '../util/format-number';

const n = (value: number) => formatNumber(value);
const unitPrice = (value: number) => `USD ${formatNumber(value, { maximumFractionDigits: 4 })}`;
const usd = (value: number) =>
  `USD ${formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function tierSize(tier: TierPlan): string {
  return tier.kind === 'aws-client-vpn'
    ? `${tier.endpoints.length} endpoint(s) x ${tier.associationsPerEndpoint} AZ association(s) (max ${tier.maxEndpoints})`
    : `${tier.scaleUnits} scale units, ${tier.gatewayInstances} instances (max ${tier.maxScaleUnits})`;
}

function tierPools(tier: TierPlan): string {
  return tier.kind === 'aws-client-vpn'
    ? tier.endpoints.map((e) => `${e.name}: ${e.clientCidr}`).join(', ')
    : tier.addressPools.join(', ');
}

export function renderPlanMarkdown(plan: CapacityPlan): string {
  const lines: string[] = [];
  const failed = plan.scenarios.filter((s) => s.verdict === 'short');
  lines.push(`# Capacity plan: ${plan.organisation}`, '');
  lines.push(
    `Target ${n(plan.target.concurrentUsers)} concurrent connections; nominal design ${n(plan.target.nominalRequired)} (${plan.target.growthHeadroomPercent} % headroom).`,
    failed.length === 0
      ? `Verdict: PASS - every required failure scenario keeps its share (${plan.scenarios.filter((s) => s.verdict === 'meets').length} checked).`
      : `Verdict: FAIL - ${failed.length} scenario(s) fall short.`,
    '',
  );
  lines.push(
    '## Access tiers',
    '',
    '| tier | product | Region | size | nominal connections | client pools |',
    '|---|---|---|---|---:|---|',
  );
  for (const t of plan.tiers) {
    const product = t.kind === 'aws-client-vpn' ? 'AWS Client VPN' : 'Virtual WAN P2S';
    lines.push(
      `| ${t.tierId} | ${product} | ${t.region} | ${tierSize(t)} | ${n(t.nominalConnections)} | ${tierPools(t)} |`,
    );
  }
  lines.push('', '## Failure scenarios', '');
  lines.push(`| scenario | required | capacity | ${plan.tiers.map((t) => t.tierId).join(' | ')} | verdict |`);
  lines.push(`|---|---:|---:|${plan.tiers.map(() => '---:').join('|')}|---|`);
  for (const s of plan.scenarios) {
    const verdict =
      s.verdict === 'meets'
        ? 'meets'
        : s.verdict === 'short'
          ? `SHORT by ${n(s.required - s.capacity)}`
          : 'not required';
    const cells = s.byTier.map((c) => `${n(c.connections)}${c.throughputLimited ? '*' : ''}`);
    lines.push(`| ${s.label} | ${n(s.required)} | ${n(s.capacity)} | ${cells.join(' | ')} | ${verdict} |`);
  }
  lines.push('', '\\* bounded by aggregate throughput rather than connection count.', '');
  for (const s of plan.scenarios) {
    const headroom = s.capacity - s.required;
    lines.push(
      s.verdict === 'not-required'
        ? `- ${s.label}: ${n(s.capacity)} connections (not required by the profile)`
        : `- ${s.label}: ${s.verdict === 'meets' ? 'OK' : 'SHORT'} - ${n(s.capacity)} of ${n(s.required)} required (${headroom >= 0 ? '+' : ''}${n(headroom)})`,
    );
  }
  lines.push(
    '',
    '## Throughput',
    '',
    '| tier | aggregate limit | demand at nominal | per-connection limit | peak per user | verdict |',
    '|---|---:|---:|---:|---:|---|',
  );
  for (const t of plan.throughput) {
    const limit = t.aggregateLimitMbps === null ? 'not published' : `${n(t.aggregateLimitMbps)} Mbps`;
    const perConnection =
      t.perConnectionLimitMbps === null ? 'not published' : `${t.perConnectionLimitMbps} Mbps`;
    lines.push(
      `| ${t.tierId} | ${limit} | ${n(t.demandAtNominalMbps)} Mbps | ${perConnection} | ${t.peakMbpsPerUser} Mbps | ${t.verdict} |`,
    );
  }
  lines.push('', '## Networks', '');
  for (const r of plan.awsRegions) {
    lines.push(
      `- AWS ${r.region}: VPC ${r.vpcCidr}, zones ${r.zones.join(', ')}, Transit Gateway ASN ${r.transitGatewayAsn}; client pools ${r.clientCidrs.join(', ') || 'none'}`,
    );
  }
  for (const h of plan.azureHubs) {
    lines.push(
      `- Azure ${h.region}: hub ${h.hubAddressPrefix}, zones ${h.zones.join(', ') || 'none'}; client pools ${h.clientCidrs.join(', ') || 'none'}`,
    );
  }
  lines.push(
    ...steeringSection(plan),
    ...searchSection(plan),
    ...runbookSection(plan),
    ...backhaulSection(plan),
  );
  lines.push(...costSection(plan));
  lines.push('', '## Notes', '', ...plan.notes.map((note) => `- ${note}`), '');
  return lines.join('\n');
}

const jpy = (value: number) => `JPY ${formatNumber(Math.round(value))}`;

function steeringSection(plan: CapacityPlan): string[] {
  const out = ['', `## Steering (${plan.steering.objective})`, ''];
  out.push(
    '| population | connections | normal operation | failover order (client profiles) | cannot use |',
    '|---|---:|---|---|---|',
  );
  const normal = plan.steering.scenarios[0]!;
  for (const p of plan.steering.populations) {
    const where = normal.placement
      .filter((x) => x.population === p.population)
      .map((x) => `${x.tierId} ${n(x.connections)}`)
      .join(', ');
    const refused = p.refusedTiers.map((r) => `${r.tierId} (${r.reasons.join('; ')})`).join(', ') || '-';
    out.push(
      `| ${p.population} | ${n(p.connections)} | ${where} | ${p.failoverOrder.join(' > ')} | ${refused} |`,
    );
  }
  return out;
}

function searchSection(plan: CapacityPlan): string[] {
  const s = plan.search;
  const out = [
    '',
    '## Sizing search',
    '',
    `Objective ${s.objective}: fixed capacity + per-connection charges of normal traffic. Chosen design ${usd(s.chosenMonthlyUsd)} a month (fixed ${usd(s.chosenFixedUsd)}, per-connection ${usd(s.chosenUsageUsd)}); exact over ${n(s.spaceSize)} designs, ${n(s.evaluated)} evaluated in full after pruning.`,
    '',
  ];
  if (s.runnersUp.length > 0) {
    out.push('| runner-up design | monthly | more than chosen |', '|---|---:|---:|');
    for (const r of s.runnersUp) out.push(`| ${r.description} | ${usd(r.monthlyUsd)} | ${usd(r.deltaUsd)} |`);
  }
  if (s.withinBackhaulLimits) {
    out.push(
      '',
      `Within the back-haul service limits of every hub (planning.respectBackhaulLimits: true): ${s.withinBackhaulLimits.description}, ${usd(s.withinBackhaulLimits.monthlyUsd)} (+${usd(s.withinBackhaulLimits.deltaUsd)}).`,
    );
  }
  return out;
}

const AWS_CLIENT =
  'AWS VPN Client: one profile per Client VPN endpoint, named with its place in the failover order; it reconnects to the same endpoint by itself (its DNS name answers from the surviving zones) but never switches profile by itself';
const AZURE_CLIENT =
  'Azure VPN Client: one profile per hub gateway, imported in failover order; it reconnects to the same gateway by itself (surviving instances) but never switches profile by itself';

function runbookSection(plan: CapacityPlan): string[] {
  const out = ['', '## BCP runbook', ''];
  out.push(
    'Client profiles to distribute per population (first = normal operation):',
    '',
    ...plan.steering.populations.map((p) => {
      const profiles = p.failoverOrder.map((id, i) => {
        const tier = plan.tiers.find((t) => t.tierId === id);
        const kind =
          tier?.kind === 'aws-client-vpn'
            ? `AWS VPN Client, ${tier.endpoints.map((e) => e.name).join(' / ')}`
            : 'Azure VPN Client';
        return `${i + 1}. ${id} (${kind})`;
      });
      return `- ${p.population}: ${profiles.join('; ')}`;
    }),
    '',
    `- ${AWS_CLIENT}.`,
    `- ${AZURE_CLIENT}.`,
  );
  const byLabel = new Map(plan.scenarios.map((s) => [s.label, s]));
  for (const steer of plan.steering.scenarios.slice(1))
    out.push(...runbookScenario(plan, steer, byLabel.get(steer.label)));
  return out;
}

function runbookScenario(
  plan: CapacityPlan,
  steer: ScenarioSteering,
  result: CapacityPlan['scenarios'][number] | undefined,
): string[] {
  const out = ['', `### ${steer.label}`, ''];
  const lost =
    steer.lostTiers.length > 0
      ? `tiers ${steer.lostTiers.join(', ')} are down`
      : 'every tier stays up (reduced capacity where the zone held instances or associations)';
  out.push(`- What fails: ${lost}.`);
  if (result)
    out.push(
      `- Capacity: ${n(result.capacity)} connections for ${n(result.required)} required (${result.verdict}): ${result.byTier.map((c) => `${c.tierId} ${n(c.connections)}`).join(', ')}.`,
    );
  if (steer.moves.length === 0) out.push('- Who moves: nobody changes tier.');
  for (const m of steer.moves)
    out.push(
      `- ${m.population}: ${n(m.connections)} connections move from ${m.fromTierId} to ${m.toTierId}.`,
    );
  const placement = [...new Set(steer.placement.map((p) => p.tierId))].map((id) => {
    const on = steer.placement.filter((p) => p.tierId === id).reduce((sum, p) => sum + p.connections, 0);
    const cap = result?.byTier.find((c) => c.tierId === id)?.connections;
    return `${id} ${n(on)}${cap !== undefined ? ` of ${n(cap)}` : ''}`;
  });
  out.push(`- Where users are: ${placement.join(', ')}.`);
  const paths = plan.backhaul.filter((b) => b.scenario === steer.label);
  const short = paths.filter((b) => b.verdict === 'short');
  out.push(
    short.length === 0
      ? `- Back-haul: every element carries its demand (${paths.map((b) => `${b.element} ${n(b.demandMbps)}/${n(b.capacityMbps)} Mbps`).join(', ') || 'no demand'}).`
      : `- Back-haul SHORT: ${short.map((b) => `${b.element} ${n(b.demandMbps)} of ${n(b.capacityMbps)} Mbps (${b.fix})`).join('; ')}.`,
  );
  for (const r of steer.reconnects) {
    out.push(
      `- Reconnect storm on ${r.tierId}: ${n(r.reconnecting)} clients, ${r.perSecond}/s over the reconnect window; ${r.verdict}${r.limitPerSecond !== null ? ` (limit ${n(r.limitPerSecond)}/s)` : ''}: ${r.detail}.`,
    );
  }
  const operator: string[] = [];
  if (steer.moves.length > 0) {
    operator.push(
      `tell ${[...new Set(steer.moves.map((m) => m.population))].join(', ')} to connect with their next profile (${[...new Set(steer.moves.map((m) => m.toTierId))].join(', ')})`,
      'watch the receiving tiers\u2019 connection alarms (80 % / 95 %) and the connect-handler throttles',
    );
  } else
    operator.push('no action beyond watching the alarms: clients reconnect to the same tier by themselves');
  if (short.length > 0) operator.push(`the back-haul is short: ${short.map((b) => b.fix).join('; ')}`);
  out.push(`- Operator: ${operator.join('; ')}.`);
  out.push(
    `- Clients by themselves: ${steer.lostTiers.length > 0 ? 'users of the lost tiers see the connection fail and retry the same profile until they switch to the next one' : 'connections through the lost zone drop and reconnect to the same tier'}.`,
  );
  return out;
}

function backhaulSection(plan: CapacityPlan): string[] {
  const worst = new Map<string, CapacityPlan['backhaul'][number]>();
  for (const b of plan.backhaul) {
    const w = worst.get(b.element);
    if (!w || b.demandMbps > w.demandMbps) worst.set(b.element, b);
  }
  const out = [
    '',
    '## Back-haul (worst scenario per element)',
    '',
    '| element | from | to | worst scenario | demand | capacity | verdict |',
    '|---|---|---|---|---:|---:|---|',
  ];
  for (const b of worst.values()) {
    out.push(
      `| ${b.element} | ${b.from} | ${b.to} | ${b.scenario} | ${n(b.demandMbps)} Mbps | ${n(b.capacityMbps)} Mbps | ${b.verdict === 'short' ? `SHORT: ${b.fix}` : 'sufficient'} |`,
    );
  }
  return out;
}

function costSection(plan: CapacityPlan): string[] {
  const c = plan.cost;
  const out = [
    '',
    `## Estimated monthly cost: ${usd(c.monthlyUsd)} (${jpy(c.monthlyJpy)})`,
    '',
    `Access tiers (the sizing objective): ${usd(c.concentratorMonthlyUsd)}. Per concurrent user ${usd(c.perConcurrentUser.monthlyUsd)} (${jpy(c.perConcurrentUser.monthlyJpy)}); per employee (${n(c.perEmployee.employees)}) ${usd(c.perEmployee.monthlyUsd)} (${jpy(c.perEmployee.monthlyJpy)}). JPY at ${c.exchangeRate.jpyPerUsd} per USD (${c.exchangeRate.date}).`,
    '',
    '| cloud | monthly USD | monthly JPY |',
    '|---|---:|---:|',
    ...c.byCloud.map((x) => `| ${x.key} | ${usd(x.monthlyUsd)} | ${jpy(x.monthlyJpy)} |`),
    '',
    '| cloud | component | for | item | quantity | unit price | monthly | monthly JPY |',
    '|---|---|---|---|---:|---:|---:|---:|',
  ];
  for (const l of c.lines) {
    out.push(
      `| ${l.cloud} | ${l.component} | ${l.tierId} | ${l.item} | ${n(l.quantity)} ${l.unit} | ${unitPrice(l.unitPriceUsd)} | ${usd(l.monthlyUsd)} | ${jpy(l.monthlyJpy)} |`,
    );
  }
  out.push('', 'Assumptions:', ...c.assumptions.map((a) => `- ${a}`));
  return out;
}
