/**
 * Turns the per-input checks into one gate report (acknowledgements applied, verdict) and
 * renders it as Markdown for the job summary or as JSON for machines.
 */

import type { Acknowledgement } from '../acks';
import { applyAcks, verdictOf } from '../acks';
import type { Finding } from '../types';
import { GATE_SCHEMA_VERSION, type GateCheck, type GateReport } from './types';

export function buildGateReport(
  checks: readonly GateCheck[],
  acknowledgements: readonly Acknowledgement[],
  today: string,
): GateReport {
  const all = checks.flatMap((c) => c.findings);
  // The same finding from two pages or files counts once.
  const unique = [...new Map(all.map((f) => [f.id, f])).values()];
  const { findings, report } = applyAcks(unique, acknowledgements, today);
  return {
    schemaVersion: GATE_SCHEMA_VERSION,
    kind: 'gate',
    verdict: verdictOf(findings),
    inputs: checks.map((c) => c.input),
    findings: sortFindings(findings),
    changes: checks.flatMap((c) => c.changes),
    acks: report,
    warnings: checks.flatMap((c) => c.warnings),
  };
}

const SEVERITY_ORDER = { block: 0, warn: 1, info: 2 } as const;

function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      Number(a.acknowledged) - Number(b.acknowledged) ||
      a.stack.localeCompare(b.stack) ||
      a.resource.localeCompare(b.resource) ||
      a.rule.localeCompare(b.rule),
  );
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Markdown: verdict in the first line, blocking findings, other findings, inputs, acks. */
export function renderGateMarkdown(report: GateReport): string {
  const blocking = report.findings.filter((f) => f.severity === 'block' && !f.acknowledged);
  const acknowledged = report.findings.filter((f) => f.acknowledged);
  const others = report.findings.filter((f) => f.severity !== 'block' && !f.acknowledged);
  const kinds = new Set(report.inputs.map((i) => i.kind));
  const what = kinds.size > 1 ? 'input(s)' : kinds.has('aws-change-set') ? 'change set(s)' : 'plan(s)';
  const lines: string[] = [];
  lines.push(
    report.verdict === 'block'
      ? `**Deploy gate: BLOCK** - ${blocking.length} unacknowledged blocking finding(s) in ${report.inputs.length} ${what}; nothing is executed.`
      : `**Deploy gate: PASS** - ${report.inputs.length} ${what}, ${report.findings.length} finding(s), none blocking${acknowledged.length > 0 ? ` (${acknowledged.length} acknowledged)` : ''}.`,
  );
  lines.push('');
  const table = (rows: readonly Finding[]) => {
    lines.push('| id | stack | resource | type | action | cause | what it means for users |');
    lines.push('|---|---|---|---|---|---|---|');
    for (const f of rows)
      lines.push(
        `| \`${f.id}\` | ${cell(f.stack)} | ${cell(f.resource || '-')} | ${cell(f.type)} | ${f.action ?? ''} | ${cell(f.cause.join(', ') || '-')} | ${cell(f.userImpact)} |`,
      );
    lines.push('');
  };
  if (blocking.length > 0) {
    lines.push('### Blocking');
    lines.push('');
    table(blocking);
    for (const f of blocking)
      lines.push(
        `- \`${f.id}\` ${f.rule}: ${f.message}${f.acknowledgeable ? '' : ' (cannot be acknowledged)'}`,
      );
    lines.push('');
    lines.push(
      'To deploy anyway, a person acknowledges each acknowledgeable finding in `config/review-acks.yaml` (fingerprint, reason, reference, expiry); see docs/deploy-gates.md.',
    );
    lines.push('');
  }
  if (acknowledged.length > 0) {
    lines.push('### Acknowledged');
    lines.push('');
    for (const f of acknowledged)
      lines.push(
        `- \`${f.id}\` ${f.rule} ${f.stack}/${f.resource}: ${f.message} Acknowledged: ${f.acknowledgement?.reason} (${f.acknowledgement?.reference}, until ${f.acknowledgement?.expires}).`,
      );
    lines.push('');
  }
  if (others.length > 0) {
    lines.push('### Warnings and information');
    lines.push('');
    for (const f of others)
      lines.push(`- ${f.severity} \`${f.id}\` ${f.rule} ${f.stack}/${f.resource || '-'}: ${f.message}`);
    lines.push('');
  }
  lines.push('### Inputs');
  lines.push('');
  lines.push('| stack | source | add | update | replace | delete | file |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const i of report.inputs)
    lines.push(
      `| ${cell(i.stack)} | ${cell(i.detail || i.kind)} | ${i.counts.add} | ${i.counts.update} | ${i.counts.replace} | ${i.counts.delete} | ${cell(i.file)} |`,
    );
  lines.push('');
  const { expired, unmatched, refused } = report.acks;
  if (expired.length + refused.length > 0 || (unmatched.length > 0 && report.inputs.length > 0)) {
    lines.push('### Acknowledgements');
    lines.push('');
    for (const e of expired)
      lines.push(`- expired: \`${e.fingerprint}\` (${e.reference}, ended ${e.expires})`);
    for (const r of refused) lines.push(`- refused: \`${r.fingerprint}\`: ${r.why}`);
    if (unmatched.length > 0)
      lines.push(
        `- ${unmatched.length} acknowledgement(s) match nothing in these inputs (normal when gating one stack at a time)`,
      );
    lines.push('');
  }
  for (const w of report.warnings) lines.push(`> warning: ${w}`);
  return `${lines.join('\n').trimEnd()}\n`;
}
