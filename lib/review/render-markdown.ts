/**
 * The review as one pull-request comment: at most MARKDOWN_BUDGET characters whatever the
 * change. Order: hidden marker (the workflow finds its comment by it), verdict line,
 * blocking findings, capacity per scenario, security, cost, warnings, then per-stack details
 * collapsed in <details>. When the text would be longer, it is shrunk in stated stages and
 * the comment says what was cut (the JSON report always has everything).
 */
import type { ChangeAction, Finding, Report, ResourceChange } from './types';

export const REVIEW_MARKER = '<!-- tsunagi-review -->';
/** GitHub refuses comments over 65,536 characters; the issue sets 60,000. */
export const MARKDOWN_BUDGET = 60_000;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return text === '' ? '' : `\`${text.replace(/`/g, "'")}\``;
}

function number(n: number | null): string {
  return n === null ? '-' : n.toLocaleString('en-US');
}

function usd(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
}

function signed(n: number): string {
  // The sign of the whole dollars printed: a delta of 0.4 reads ±0, not +0.
  const whole = Math.round(Math.abs(n)) * Math.sign(n);
  return `${whole > 0 ? '+' : whole < 0 ? '-' : '\u00b1'}${usd(Math.abs(n))}`;
}

interface Limits {
  /** Cause paths shown per row. */
  readonly causes: number;
  /** Whether the per-stack resource tables are shown (else counts only). */
  readonly stackTables: boolean;
  /** Rows per stack table. */
  readonly rowsPerStack: number;
  readonly infoFindings: boolean;
  /** Items in the warnings list. */
  readonly warnings: number;
  /** Rows in the blocking table. */
  readonly blocking: number;
  readonly capacityAll: boolean;
}

const STAGES: readonly { readonly limits: Limits; readonly cut: string }[] = [
  {
    limits: {
      causes: 6,
      stackTables: true,
      rowsPerStack: 200,
      infoFindings: true,
      warnings: 500,
      blocking: 500,
      capacityAll: true,
    },
    cut: '',
  },
  {
    limits: {
      causes: 3,
      stackTables: true,
      rowsPerStack: 40,
      infoFindings: true,
      warnings: 500,
      blocking: 500,
      capacityAll: true,
    },
    cut: 'cause lists cut to 3 paths and per-stack tables to 40 rows',
  },
  {
    limits: {
      causes: 3,
      stackTables: false,
      rowsPerStack: 0,
      infoFindings: false,
      warnings: 500,
      blocking: 500,
      capacityAll: true,
    },
    cut: 'per-stack resource tables and informational findings left out (counts kept)',
  },
  {
    limits: {
      causes: 2,
      stackTables: false,
      rowsPerStack: 0,
      infoFindings: false,
      warnings: 40,
      blocking: 500,
      capacityAll: false,
    },
    cut: 'warnings cut to 40 and capacity to the scenarios that changed or fall short',
  },
  {
    limits: {
      causes: 1,
      stackTables: false,
      rowsPerStack: 0,
      infoFindings: false,
      warnings: 10,
      blocking: 60,
      capacityAll: false,
    },
    cut: 'blocking findings cut to the first 60 and warnings to 10',
  },
  {
    limits: {
      causes: 1,
      stackTables: false,
      rowsPerStack: 0,
      infoFindings: false,
      warnings: 5,
      blocking: 10,
      capacityAll: false,
    },
    cut: 'blocking findings cut to the first 10 and warnings to 5',
  },
];

function causes(f: { cause: readonly string[] }, max: number): string {
  const shown = f.cause.slice(0, max).map(code).join(', ');
  return f.cause.length > max ? `${shown} (+${f.cause.length - max})` : shown;
}

function findingRow(f: Finding, limits: Limits): string {
  return `| ${code(f.id)} | ${cell(f.stack || '(deployment)')} | ${cell(f.resource ? code(f.resource) : '-')} | ${cell(f.type ? code(f.type) : f.category)} | ${f.action ?? f.category} | ${cell(causes(f, limits.causes))} | ${cell(f.message)}. **${cell(f.userImpact)}** |`;
}

const FINDING_HEAD =
  '| id | stack | resource | type | action | cause | what it means for users |\n|---|---|---|---|---|---|---|';

function blockingSection(report: Report, limits: Limits): string[] {
  const open = report.findings.filter((f) => f.severity === 'block' && !f.acknowledged);
  const acked = report.findings.filter((f) => f.severity === 'block' && f.acknowledged);
  const lines: string[] = [];
  lines.push(`### Blocking findings (${open.length})`, '');
  if (open.length === 0) lines.push('None.', '');
  else {
    lines.push(FINDING_HEAD, ...open.slice(0, limits.blocking).map((f) => findingRow(f, limits)));
    if (open.length > limits.blocking)
      lines.push(
        '',
        `... and ${open.length - limits.blocking} more blocking finding(s): see the JSON report.`,
      );
    const fixed = open.filter((f) => !f.acknowledgeable);
    if (fixed.length > 0)
      lines.push(
        '',
        `${fixed.length} of them cannot be acknowledged (${[...new Set(fixed.map((f) => f.rule))].join(', ')}): change the pull request.`,
      );
    lines.push('');
  }
  if (acked.length > 0) {
    lines.push(
      `#### Acknowledged (${acked.length})`,
      '',
      '| id | resource | reason | reference | expires |',
      '|---|---|---|---|---|',
    );
    for (const f of acked.slice(0, limits.blocking)) {
      lines.push(
        `| ${code(f.id)} | ${cell(`${f.stack} ${f.resource}`)} | ${cell(f.acknowledgement?.reason ?? '')} | ${cell(f.acknowledgement?.reference ?? '')} | ${f.acknowledgement?.expires ?? ''} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

function capacitySection(report: Report, limits: Limits): string[] {
  const lines = ['### Capacity (concurrent connections)', ''];
  if (report.capacity.length === 0) return [...lines, 'No failure scenarios known (no plan found).', ''];
  const rows = limits.capacityAll
    ? report.capacity
    : report.capacity.filter((r) => r.base !== r.head || r.during !== null || r.verdict === 'short');
  lines.push(
    '| scenario | required | base | head | during the change | |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => {
      const short = r.verdict === 'short' || (r.during !== null && r.required > 0 && r.during < r.required);
      const mark = r.verdict === 'not-required' ? 'not required' : short ? '**short**' : 'meets';
      return `| ${cell(r.scenario)} | ${r.required === 0 ? '-' : number(r.required)} | ${number(r.base)} | ${number(r.head)} | ${number(r.during)} | ${mark} |`;
    }),
  );
  if (rows.length < report.capacity.length)
    lines.push('', `${report.capacity.length - rows.length} unchanged scenario(s) not shown.`);
  lines.push(
    '',
    '"During the change": base\u2019s concentrators minus those the change replaces, deletes or interrupts, with nothing failed.',
    '',
  );
  return lines;
}

function listFinding(f: Finding, limits: Limits): string {
  const where = [f.stack, f.resource].filter((x) => x !== '').join(' ');
  return `- ${f.severity === 'block' ? '**block**' : f.severity} ${code(f.id)} ${where ? `${code(where)}: ` : ''}${cell(f.message)}${f.cause.length > 0 && f.category !== 'cost' ? ` (${causes(f, limits.causes)})` : ''}`;
}

/** The first `max` list items; a cut list says how many more the JSON report has. */
function firstItems(items: readonly string[], max: number): string[] {
  if (items.length <= max) return [...items];
  return [...items.slice(0, max), `- ... and ${items.length - max} more: see the JSON report`];
}

function securitySection(report: Report, limits: Limits): string[] {
  const found = report.findings.filter((f) => f.category === 'security');
  const lines = ['### Security', ''];
  if (found.length === 0) return [...lines, 'Nothing got wider.', ''];
  // A shrunk comment must not hide that there are more security findings than it lists.
  return [
    ...lines,
    ...firstItems(
      found.map((f) => listFinding(f, limits)),
      limits.warnings,
    ),
    '',
  ];
}

function costSection(report: Report): string[] {
  const cost = report.cost;
  const lines = ['### Cost (USD per month, planner estimate)', ''];
  if (!cost) return [...lines, 'Unknown: neither side has a plan.', ''];
  lines.push(
    `Base ${usd(cost.baseMonthly)}, head ${usd(cost.headMonthly)}: **${signed(cost.deltaMonthly)}**.`,
    '',
  );
  const changed = cost.byComponent.filter((c) => c.deltaMonthly !== 0);
  if (changed.length > 0) {
    lines.push(
      '| cloud | component | base | head | delta |',
      '|---|---|---:|---:|---:|',
      ...cost.byCloud.map(
        (c) =>
          `| **${c.cloud}** | **total** | ${usd(c.baseMonthly)} | ${usd(c.headMonthly)} | ${signed(c.deltaMonthly)} |`,
      ),
      ...changed.map(
        (c) =>
          `| ${c.cloud} | ${cell(c.component)} | ${usd(c.baseMonthly)} | ${usd(c.headMonthly)} | ${signed(c.deltaMonthly)} |`,
      ),
      '',
    );
  }
  return lines;
}

function warningsSection(report: Report, limits: Limits): string[] {
  const items = [
    ...report.findings
      .filter((f) => f.severity === 'warn' && f.category !== 'security')
      .map((f) => listFinding(f, limits)),
    ...report.warnings.map((w) => `- ${cell(w)}`),
    ...report.acks.expired.map(
      (a) =>
        `- acknowledgement ${code(a.fingerprint)} (${cell(a.reference)}) expired on ${a.expires}: it no longer applies`,
    ),
    ...report.acks.unmatched.map(
      (a) => `- acknowledgement ${code(a.fingerprint)} (${cell(a.reference)}) matches no finding: remove it`,
    ),
    ...report.acks.refused.map((a) => `- acknowledgement ${code(a.fingerprint)} refused: ${cell(a.why)}`),
  ];
  const lines = [`### Warnings (${items.length})`, ''];
  if (items.length === 0) return [...lines, 'None.', ''];
  return [...lines, ...firstItems(items, limits.warnings), ''];
}

const ACTION_ORDER: Record<ChangeAction, number> = {
  replacement: 0,
  'may-replace': 1,
  delete: 2,
  orphan: 3,
  interruption: 4,
  update: 5,
  add: 6,
};

function stackDetails(report: Report, limits: Limits): string[] {
  const byStack = new Map<string, ResourceChange[]>();
  for (const c of report.changes) {
    const k = `${c.cloud}\u0000${c.stack}`;
    byStack.set(k, [...(byStack.get(k) ?? []), c]);
  }
  const lines = [
    `### Changes per stack (${byStack.size} stack(s), ${report.changes.length} resource(s))`,
    '',
  ];
  if (byStack.size === 0) lines.push('No resource changes.');
  for (const [k, changes] of byStack) {
    const [cloud, stack] = k.split('\u0000');
    const counts = Object.entries(
      changes.reduce<Record<string, number>>((acc, c) => {
        acc[c.action] = (acc[c.action] ?? 0) + 1;
        return acc;
      }, {}),
    )
      .sort((a, b) => ACTION_ORDER[a[0] as ChangeAction] - ACTION_ORDER[b[0] as ChangeAction])
      .map(([action, n]) => `${n} ${action}`)
      .join(', ');
    if (!limits.stackTables) {
      lines.push(`- ${cloud} ${code(stack!)}: ${counts}`);
      continue;
    }
    const sorted = [...changes].sort((a, b) => ACTION_ORDER[a.action] - ACTION_ORDER[b.action]);
    lines.push(
      `<details><summary>${cloud} <code>${stack}</code>: ${counts}</summary>`,
      '',
      '| resource | type | action | changed |',
      '|---|---|---|---|',
      ...sorted.slice(0, limits.rowsPerStack).map((c) => {
        const renamed = c.renamedTo
          ? ` (renamed to ${code(c.renamedTo)})`
          : c.renamedFrom
            ? ` (was ${code(c.renamedFrom)})`
            : '';
        // A Terraform for_each key may hold `|`: escaped like every other cell.
        return `| ${cell(code(c.resource))}${cell(renamed)} | ${cell(code(c.type))} | ${c.action} | ${cell(causes({ cause: c.paths }, limits.causes))} |`;
      }),
    );
    if (sorted.length > limits.rowsPerStack)
      lines.push('', `... and ${sorted.length - limits.rowsPerStack} more.`);
    lines.push('', '</details>', '');
  }
  const info = report.findings.filter((f) => f.severity === 'info');
  if (limits.infoFindings && info.length > 0) {
    lines.push(
      '',
      `<details><summary>Informational findings (${info.length})</summary>`,
      '',
      ...info.map((f) => listFinding(f, limits)),
      '',
      '</details>',
    );
  }
  return [...lines, ''];
}

function verdictLine(report: Report): string {
  const open = report.findings.filter((f) => f.severity === 'block' && !f.acknowledged).length;
  const acked = report.findings.filter((f) => f.severity === 'block' && f.acknowledged).length;
  const warns = report.findings.filter((f) => f.severity === 'warn').length;
  const tail = `${warns} warning(s), ${report.changes.length} resource change(s)${acked > 0 ? `, ${acked} acknowledged` : ''}`;
  // The hidden marker shares the first line with the verdict, so the verdict is the first line
  // a reader (or a script reading line 1) sees.
  return report.verdict === 'block'
    ? `${REVIEW_MARKER}\u274c **tsunagi review: block** \u2014 ${open} unacknowledged blocking finding(s), ${tail}`
    : `${REVIEW_MARKER}\u2705 **tsunagi review: pass** \u2014 nothing blocks; ${tail}`;
}

function render(report: Report, limits: Limits, cuts: readonly string[], budget: number): string {
  const lines = [
    verdictLine(report),
    '',
    `Base ${code(report.base.source)} (${report.base.awsStacks} AWS, ${report.base.azureStacks} Azure stacks) \u2192 head ${code(report.head.source)} (${report.head.awsStacks} AWS, ${report.head.azureStacks} Azure stacks). How to read this and how to acknowledge a finding: docs/review.md.`,
    '',
    ...blockingSection(report, limits),
    ...capacitySection(report, limits),
    ...securitySection(report, limits),
    ...costSection(report),
    ...warningsSection(report, limits),
    ...stackDetails(report, limits),
  ];
  if (cuts.length > 0)
    lines.push(
      `_Shortened to fit ${budget.toLocaleString('en-US')} characters: ${cuts.join('; ')}. The JSON report (\`--format json\`) has everything._`,
    );
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** The comment, shrunk in stages until it fits the budget. */
export function renderReviewMarkdown(report: Report, budget: number = MARKDOWN_BUDGET): string {
  const cuts: string[] = [];
  let text = '';
  for (const stage of STAGES) {
    if (stage.cut) cuts.push(stage.cut);
    text = render(report, stage.limits, cuts, budget);
    if (text.length <= budget) return text;
  }
  // Last resort (only with budgets far below 60,000): a hard cut with a closing note.
  const note = `\n\n_Cut at ${budget.toLocaleString('en-US')} characters after: ${cuts.join('; ')}. See the JSON report._\n`;
  return `${text.slice(0, Math.max(0, budget - note.length))}${note}`;
}
