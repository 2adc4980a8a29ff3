/** The capacity plan as Markdown for people: tables, and a verdict line per failure scenario. */
import type { CapacityPlan, TierPlan } from '../model/plan';

const n = (value: number) => value.toLocaleString('en-US');
const unitPrice = (value: number) => `USD ${value.toLocaleString('en-US', { maximumFractionDigits: 4 })}`;
const usd = (value: number) =>
  `USD ${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function tierSize(tier: TierPlan): string {
  return tier.kind === 'aws-client-vpn'
    ? `${tier.endpoints.length} endpoint(s) x ${tier.zones.length} AZ association(s) (max ${tier.maxEndpoints})`
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
    '',
    `## Estimated monthly cost: ${usd(plan.cost.monthlyUsd)}`,
    '',
    '| tier | item | quantity | unit price | monthly |',
    '|---|---|---:|---:|---:|',
  );
  for (const c of plan.cost.lines) {
    lines.push(
      `| ${c.tierId} | ${c.item} | ${n(c.quantity)} ${c.unit} | ${unitPrice(c.unitPriceUsd)} | ${usd(c.monthlyUsd)} |`,
    );
  }
  lines.push('', 'Assumptions:', ...plan.cost.assumptions.map((a) => `- ${a}`));
  lines.push('', '## Notes', '', ...plan.notes.map((note) => `- ${note}`), '');
  return lines.join('\n');
}
