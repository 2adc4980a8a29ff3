/**
 * The review report as people read it, on hand-built inputs: the pull-request comment
 * (lib/review/render-markdown.ts) pinned as whole Markdown -- the verdict line of a pass, a
 * pass with warnings and a block (with acknowledged findings), every section and what it says
 * when empty, table-cell escaping of `|` and newlines, backticks in code spans, numbers and
 * signed USD deltas -- and each stage of the shrinking under the budget, with its exact cut
 * note and what each stage keeps. Then how lib/review/review.ts assembles a Report (verdict
 * from findings and acknowledgements, the cost summary and its finding) and the cost rows of
 * lib/review/cost.ts for zero, added and removed components. Every expected value is written
 * out, so a changed word, branch or comparison in those files fails a test.
 */
import { reviewCost } from '../../lib/review/cost';
import { MARKDOWN_BUDGET, REVIEW_MARKER, renderReviewMarkdown } from '../../lib/review/render-markdown';
import { review } from '../../lib/review/review';
import type { CapacityRow, CostSummary, Finding, Report, ResourceChange } from '../../lib/review/types';
import { type CostLineInput, costPlan, handTree } from './support';

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

const NO_ACKS: Report['acks'] = { applied: [], expired: [], unmatched: [], refused: [] };

function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: '0123456789abcdef',
    severity: 'block',
    category: 'replacement',
    rule: 'stateful-replaced',
    cloud: 'aws',
    stack: 'tokyo-vpn',
    resource: 'Endpoint',
    type: 'AWS::EC2::ClientVpnEndpoint',
    action: 'replacement',
    cause: ['Properties.ClientCidrBlock'],
    message: 'the endpoint is replaced',
    userImpact: 'every user reconnects',
    acknowledgeable: true,
    acknowledged: false,
    ...over,
  };
}

function report(over: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    verdict: 'pass',
    base: { source: 'out/base', awsStacks: 2, azureStacks: 1 },
    head: { source: 'out/head', awsStacks: 3, azureStacks: 0 },
    findings: [],
    changes: [],
    capacity: [],
    cost: null,
    warnings: [],
    acks: NO_ACKS,
    ...over,
  };
}

function row(
  scenario: string,
  required: number,
  base: number | null,
  head: number | null,
  during: number | null,
  verdict: CapacityRow['verdict'],
): CapacityRow {
  return { scenario, key: scenario, required, base, head, during, verdict };
}

function change(
  resource: string,
  action: ResourceChange['action'],
  paths: string[] = [],
  over: Partial<ResourceChange> = {},
): ResourceChange {
  return { cloud: 'aws', stack: 'tokyo-vpn', resource, type: 'AWS::EC2::Route', action, paths, ...over };
}

function cost(over: Partial<CostSummary> = {}): CostSummary {
  return {
    currency: 'USD',
    baseMonthly: 0,
    headMonthly: 0,
    deltaMonthly: 0,
    byCloud: [],
    byComponent: [],
    basis: ['lib/planner cost model'],
    ...over,
  };
}

/** Lines joined as the comment joins them, with its closing newline. */
const md = (...lines: string[]) => `${lines.join('\n')}\n`;
/** The comment cut before each `### ` heading: [verdict and sides, blocking, capacity, ...]. */
const sections = (text: string) => text.split(/\n(?=### )/);
/** One section as `sections` cuts it: its lines joined, with the blank line that ends it. */
const section = (...lines: string[]) => `${lines.join('\n')}\n`;
const n2 = (i: number) => String(i).padStart(2, '0');
const range = <T>(count: number, item: (i: number) => T): T[] =>
  Array.from({ length: count }, (_, i) => item(i));

const PASS = `${REVIEW_MARKER}\u2705 **tsunagi review: pass** \u2014 nothing blocks; `;
const BLOCK = `${REVIEW_MARKER}\u274c **tsunagi review: block** \u2014 `;
const SIDES =
  'Base `out/base` (2 AWS, 1 Azure stacks) \u2192 head `out/head` (3 AWS, 0 Azure stacks). How to read this and how to acknowledge a finding: docs/review.md.';
const FINDING_HEAD = [
  '| id | stack | resource | type | action | cause | what it means for users |',
  '|---|---|---|---|---|---|---|',
];
const CAPACITY_HEAD = [
  '| scenario | required | base | head | during the change | |',
  '|---|---:|---:|---:|---:|---|',
];
const DURING_NOTE =
  '"During the change": base\u2019s concentrators minus those the change replaces, deletes or interrupts, with nothing failed.';
const COST_HEAD = ['| cloud | component | base | head | delta |', '|---|---|---:|---:|---:|'];
const STACK_HEAD = ['| resource | type | action | changed |', '|---|---|---|---|'];
const JSON_NOTE = 'The JSON report (`--format json`) has everything._';

// ---------------------------------------------------------------------------------------------
// The whole comment
// ---------------------------------------------------------------------------------------------

describe('renderReviewMarkdown: the whole comment', () => {
  it('says what every section holds when there is nothing to report', () => {
    expect(MARKDOWN_BUDGET).toBe(60_000);
    expect(REVIEW_MARKER).toBe('<!-- tsunagi-review -->');
    expect(renderReviewMarkdown(report())).toBe(
      md(
        '<!-- tsunagi-review -->\u2705 **tsunagi review: pass** \u2014 nothing blocks; 0 warning(s), 0 resource change(s)',
        '',
        SIDES,
        '',
        '### Blocking findings (0)',
        '',
        'None.',
        '',
        '### Capacity (concurrent connections)',
        '',
        'No failure scenarios known (no plan found).',
        '',
        '### Security',
        '',
        'Nothing got wider.',
        '',
        '### Cost (USD per month, planner estimate)',
        '',
        'Unknown: neither side has a plan.',
        '',
        '### Warnings (0)',
        '',
        'None.',
        '',
        '### Changes per stack (0 stack(s), 0 resource(s))',
        '',
        'No resource changes.',
      ),
    );
  });

  it('renders every section of a blocked change in order, with escaping, numbers and signs', () => {
    const full = report({
      verdict: 'block',
      findings: [
        finding({
          id: 'a000000000000001',
          cause: ['P.1', 'P.2', 'P.3', 'P.4', 'P.5', 'P.6', 'P.7'],
          message: 'the endpoint | is replaced',
          userImpact: 'users\nreconnect',
        }),
        finding({
          id: 'a000000000000002',
          category: 'capacity',
          rule: 'capacity-below-target',
          stack: '',
          resource: '',
          type: '',
          action: undefined,
          cause: [],
          message: 'nominal capacity 3,000 is below 5,000',
          userImpact: 'users are refused',
          acknowledgeable: false,
        }),
        finding({
          id: 'a000000000000003',
          rule: 'tier-all-endpoints-replaced',
          acknowledgeable: false,
          cause: ['A', 'B', 'C', 'D', 'E', 'F'],
        }),
        finding({
          id: 'a000000000000004',
          category: 'capacity',
          rule: 'capacity-below-target',
          stack: 'hub',
          resource: 'azurerm_x.y',
          type: 'azurerm_x',
          action: 'delete',
          acknowledgeable: false,
        }),
        finding({
          id: 'a000000000000005',
          acknowledged: true,
          resource: 'Table',
          acknowledgement: { reason: 'window | approved\nby ops', reference: 'CR-42', expires: '2027-01-31' },
        }),
        finding({ id: 'a000000000000006', acknowledged: true, stack: 'hub', resource: 'rg' }),
        finding({
          id: 'a000000000000007',
          category: 'security',
          rule: 'public-ingress',
          resource: 'Nsg',
          type: '',
          action: 'update',
          cause: [],
          message: 'opened to the internet',
          userImpact: 'anyone reaches it',
        }),
        finding({
          id: 'b000000000000001',
          severity: 'warn',
          category: 'security',
          rule: 'ingress-widened',
          resource: 'Sg',
          type: 'AWS::EC2::SecurityGroup',
          action: 'update',
          cause: ['Properties.SecurityGroupIngress'],
          message: 'ingress widened to 0.0.0.0/0',
          userImpact: 'anyone can reach it',
        }),
        finding({
          id: 'b000000000000002',
          severity: 'warn',
          rule: 'resource-replaced',
          resource: 'Subnet',
          cause: ['Properties.CidrBlock', 'Properties.AvailabilityZone'],
          message: 'the subnet is replaced',
        }),
        finding({
          id: 'b000000000000003',
          severity: 'warn',
          category: 'cost',
          rule: 'cost-changed',
          stack: '',
          resource: '',
          type: '',
          action: undefined,
          cause: ['aws: Transit Gateway'],
          message: 'monthly cost rises by USD 766',
        }),
        finding({
          id: 'c000000000000001',
          severity: 'info',
          category: 'deletion',
          rule: 'resource-deleted',
          resource: 'Route0',
          action: 'delete',
          cause: [],
          message: 'the route is deleted',
        }),
        finding({
          id: 'c000000000000002',
          severity: 'info',
          category: 'security',
          rule: 'egress-narrowed',
          stack: 'hub',
          resource: '',
          cause: ['a', 'b'],
          message: 'egress narrowed',
        }),
      ],
      capacity: [
        row('nominal', 5000, 6000, 6000, 3000, 'meets'),
        row('loss of AZ ap-northeast-1a', 5000, 7000, 7000, null, 'meets'),
        row('loss of Region | japaneast', 0, 1234567, 1000, null, 'not-required'),
        row('new scenario', 4000, null, 2000, null, 'short'),
        row('at target', 3000, 5000, 5000, 3000, 'meets'),
        row('not required during', 0, 50, 50, 10, 'meets'),
        row('short but not required', 0, 50, 40, 10, 'not-required'),
      ],
      cost: cost({
        baseMonthly: 1234.4,
        headMonthly: 2000,
        deltaMonthly: 765.6,
        byCloud: [
          { cloud: 'aws', baseMonthly: 1000, headMonthly: 1800, deltaMonthly: 800 },
          { cloud: 'azure', baseMonthly: 234.4, headMonthly: 200, deltaMonthly: -34.4 },
        ],
        byComponent: [
          { cloud: 'aws', component: 'Client VPN', baseMonthly: 1000, headMonthly: 1000, deltaMonthly: 0 },
          { cloud: 'aws', component: 'Transit Gateway', baseMonthly: 0, headMonthly: 800, deltaMonthly: 800 },
          {
            cloud: 'azure',
            component: 'Firewall | premium',
            baseMonthly: 0,
            headMonthly: 200,
            deltaMonthly: 200,
          },
          {
            cloud: 'azure',
            component: 'VPN Gateway',
            baseMonthly: 234.4,
            headMonthly: 0,
            deltaMonthly: -234.4,
          },
        ],
      }),
      warnings: ['head has no plan\nsecond line', 'a | b', 'windows\r\nline'],
      acks: {
        applied: [],
        expired: [{ fingerprint: 'e000000000000001', expires: '2026-01-31', reference: 'CR-1|2' }],
        unmatched: [{ fingerprint: 'e000000000000002', reference: 'INC-7' }],
        refused: [{ fingerprint: 'a000000000000002', why: 'capacity-below-target cannot be\nacknowledged' }],
      },
      changes: [
        change('Route', 'update'),
        change('NewEndpoint', 'add', [], { renamedFrom: 'OldEndpoint', type: 'AWS::EC2::ClientVpnEndpoint' }),
        change('Endpoint', 'replacement', ['P.1', 'P.2', 'P.3', 'P.4', 'P.5', 'P.6', 'P.7']),
        change('OldEndpoint', 'delete', [], {
          renamedTo: 'NewEndpoint',
          type: 'AWS::EC2::ClientVpnEndpoint',
        }),
        change('Sg', 'interruption', ['Properties.GroupName']),
        change('Param', 'orphan'),
        change('Maybe', 'may-replace', ['Properties.A|B']),
        change('Route2', 'update', ['Properties.`x`', 'Properties.Y']),
        change('hub.rg', 'delete', [], { cloud: 'azure', type: 'azurerm_resource_group' }),
      ],
    });
    expect(renderReviewMarkdown(full)).toBe(
      md(
        '<!-- tsunagi-review -->\u274c **tsunagi review: block** \u2014 5 unacknowledged blocking finding(s), 3 warning(s), 9 resource change(s), 2 acknowledged',
        '',
        SIDES,
        '',
        '### Blocking findings (5)',
        '',
        '| id | stack | resource | type | action | cause | what it means for users |',
        '|---|---|---|---|---|---|---|',
        '| `a000000000000001` | tokyo-vpn | `Endpoint` | `AWS::EC2::ClientVpnEndpoint` | replacement | `P.1`, `P.2`, `P.3`, `P.4`, `P.5`, `P.6` (+1) | the endpoint \\| is replaced. **users reconnect** |',
        '| `a000000000000002` | (deployment) | - | capacity | capacity |  | nominal capacity 3,000 is below 5,000. **users are refused** |',
        '| `a000000000000003` | tokyo-vpn | `Endpoint` | `AWS::EC2::ClientVpnEndpoint` | replacement | `A`, `B`, `C`, `D`, `E`, `F` | the endpoint is replaced. **every user reconnects** |',
        '| `a000000000000004` | hub | `azurerm_x.y` | `azurerm_x` | delete | `Properties.ClientCidrBlock` | the endpoint is replaced. **every user reconnects** |',
        '| `a000000000000007` | tokyo-vpn | `Nsg` | security | update |  | opened to the internet. **anyone reaches it** |',
        '',
        '3 of them cannot be acknowledged (capacity-below-target, tier-all-endpoints-replaced): change the pull request.',
        '',
        '#### Acknowledged (2)',
        '',
        '| id | resource | reason | reference | expires |',
        '|---|---|---|---|---|',
        '| `a000000000000005` | tokyo-vpn Table | window \\| approved by ops | CR-42 | 2027-01-31 |',
        '| `a000000000000006` | hub rg |  |  |  |',
        '',
        '### Capacity (concurrent connections)',
        '',
        '| scenario | required | base | head | during the change | |',
        '|---|---:|---:|---:|---:|---|',
        '| nominal | 5,000 | 6,000 | 6,000 | 3,000 | **short** |',
        '| loss of AZ ap-northeast-1a | 5,000 | 7,000 | 7,000 | - | meets |',
        '| loss of Region \\| japaneast | - | 1,234,567 | 1,000 | - | not required |',
        '| new scenario | 4,000 | - | 2,000 | - | **short** |',
        '| at target | 3,000 | 5,000 | 5,000 | 3,000 | meets |',
        '| not required during | - | 50 | 50 | 10 | meets |',
        '| short but not required | - | 50 | 40 | 10 | not required |',
        '',
        DURING_NOTE,
        '',
        '### Security',
        '',
        '- **block** `a000000000000007` `tokyo-vpn Nsg`: opened to the internet',
        '- warn `b000000000000001` `tokyo-vpn Sg`: ingress widened to 0.0.0.0/0 (`Properties.SecurityGroupIngress`)',
        '- info `c000000000000002` `hub`: egress narrowed (`a`, `b`)',
        '',
        '### Cost (USD per month, planner estimate)',
        '',
        'Base 1,234, head 2,000: **+766**.',
        '',
        '| cloud | component | base | head | delta |',
        '|---|---|---:|---:|---:|',
        '| **aws** | **total** | 1,000 | 1,800 | +800 |',
        '| **azure** | **total** | 234 | 200 | -34 |',
        '| aws | Transit Gateway | 0 | 800 | +800 |',
        '| azure | Firewall \\| premium | 0 | 200 | +200 |',
        '| azure | VPN Gateway | 234 | 0 | -234 |',
        '',
        '### Warnings (8)',
        '',
        '- warn `b000000000000002` `tokyo-vpn Subnet`: the subnet is replaced (`Properties.CidrBlock`, `Properties.AvailabilityZone`)',
        '- warn `b000000000000003` monthly cost rises by USD 766',
        '- head has no plan second line',
        '- a \\| b',
        '- windows line',
        '- acknowledgement `e000000000000001` (CR-1\\|2) expired on 2026-01-31: it no longer applies',
        '- acknowledgement `e000000000000002` (INC-7) matches no finding: remove it',
        '- acknowledgement `a000000000000002` refused: capacity-below-target cannot be acknowledged',
        '',
        '### Changes per stack (2 stack(s), 9 resource(s))',
        '',
        '<details><summary>aws <code>tokyo-vpn</code>: 1 replacement, 1 may-replace, 1 delete, 1 orphan, 1 interruption, 2 update, 1 add</summary>',
        '',
        '| resource | type | action | changed |',
        '|---|---|---|---|',
        '| `Endpoint` | `AWS::EC2::Route` | replacement | `P.1`, `P.2`, `P.3`, `P.4`, `P.5`, `P.6` (+1) |',
        '| `Maybe` | `AWS::EC2::Route` | may-replace | `Properties.A\\|B` |',
        '| `OldEndpoint` (renamed to `NewEndpoint`) | `AWS::EC2::ClientVpnEndpoint` | delete |  |',
        '| `Param` | `AWS::EC2::Route` | orphan |  |',
        '| `Sg` | `AWS::EC2::Route` | interruption | `Properties.GroupName` |',
        '| `Route` | `AWS::EC2::Route` | update |  |',
        "| `Route2` | `AWS::EC2::Route` | update | `Properties.'x'`, `Properties.Y` |",
        '| `NewEndpoint` (was `OldEndpoint`) | `AWS::EC2::ClientVpnEndpoint` | add |  |',
        '',
        '</details>',
        '',
        '<details><summary>azure <code>tokyo-vpn</code>: 1 delete</summary>',
        '',
        '| resource | type | action | changed |',
        '|---|---|---|---|',
        '| `hub.rg` | `azurerm_resource_group` | delete |  |',
        '',
        '</details>',
        '',
        '<details><summary>Informational findings (2)</summary>',
        '',
        '- info `c000000000000001` `tokyo-vpn Route0`: the route is deleted',
        '- info `c000000000000002` `hub`: egress narrowed (`a`, `b`)',
        '',
        '</details>',
      ),
    );
  });
});

describe('renderReviewMarkdown: the verdict line', () => {
  const firstLine = (r: Report) => renderReviewMarkdown(r).split('\n')[0];

  it('passes with nothing to report', () => {
    expect(firstLine(report())).toBe(`${PASS}0 warning(s), 0 resource change(s)`);
  });

  it('passes with warnings: counts warn findings of every category, not info, not the warnings list', () => {
    const r = report({
      findings: [
        finding({ id: 'b000000000000001', severity: 'warn', category: 'security' }),
        finding({ id: 'b000000000000002', severity: 'warn', category: 'cost' }),
        finding({ id: 'c000000000000001', severity: 'info' }),
      ],
      warnings: ['base has no plan'],
      changes: [change('Route', 'update')],
    });
    expect(firstLine(r)).toBe(`${PASS}2 warning(s), 1 resource change(s)`);
  });

  it('passes with acknowledged blocking findings, counting them, and lists them under None.', () => {
    const r = report({
      findings: [
        finding({
          id: 'a000000000000001',
          acknowledged: true,
          acknowledgement: { reason: 'approved by CAB', reference: 'CR-1', expires: '2027-03-31' },
        }),
        finding({ id: 'b000000000000001', severity: 'warn', acknowledged: true }),
      ],
      changes: [change('Endpoint', 'replacement'), change('Route', 'update')],
    });
    expect(sections(renderReviewMarkdown(r)).slice(0, 2)).toEqual([
      section(`${PASS}1 warning(s), 2 resource change(s), 1 acknowledged`, '', SIDES),
      section(
        '### Blocking findings (0)',
        '',
        'None.',
        '',
        '#### Acknowledged (1)',
        '',
        '| id | resource | reason | reference | expires |',
        '|---|---|---|---|---|',
        '| `a000000000000001` | tokyo-vpn Endpoint | approved by CAB | CR-1 | 2027-03-31 |',
      ),
    ]);
  });

  it('blocks, counting only unacknowledged blocking findings, without an acknowledged count when there is none', () => {
    const r = report({
      verdict: 'block',
      findings: [
        finding({ id: 'a000000000000001' }),
        finding({ id: 'a000000000000002', severity: 'warn' }),
        finding({ id: 'a000000000000003', severity: 'info' }),
      ],
    });
    expect(sections(renderReviewMarkdown(r)).slice(0, 2)).toEqual([
      section(`${BLOCK}1 unacknowledged blocking finding(s), 1 warning(s), 0 resource change(s)`, '', SIDES),
      section(
        '### Blocking findings (1)',
        '',
        ...FINDING_HEAD,
        '| `a000000000000001` | tokyo-vpn | `Endpoint` | `AWS::EC2::ClientVpnEndpoint` | replacement | `Properties.ClientCidrBlock` | the endpoint is replaced. **every user reconnects** |',
      ),
    ]);
  });

  it('blocks with acknowledged findings beside the open ones', () => {
    const r = report({
      verdict: 'block',
      findings: [
        finding({ id: 'a000000000000001' }),
        finding({ id: 'a000000000000002', acknowledged: true }),
        finding({ id: 'a000000000000003', acknowledged: true }),
      ],
    });
    expect(firstLine(r)).toBe(
      `${BLOCK}1 unacknowledged blocking finding(s), 0 warning(s), 0 resource change(s), 2 acknowledged`,
    );
  });
});

describe('renderReviewMarkdown: cells, code spans and the sides', () => {
  it('quotes each side\u2019s source as code, backticks made quotes, and prints nothing for an empty source', () => {
    const r = report({
      base: { source: 'git:`main` (0123abc)', awsStacks: 0, azureStacks: 12 },
      head: { source: '', awsStacks: 1, azureStacks: 1, organisation: 'hyogo' },
    });
    expect(sections(renderReviewMarkdown(r))[0]).toBe(
      section(
        `${PASS}0 warning(s), 0 resource change(s)`,
        '',
        "Base `git:'main' (0123abc)` (0 AWS, 12 Azure stacks) \u2192 head  (1 AWS, 1 Azure stacks). How to read this and how to acknowledge a finding: docs/review.md.",
      ),
    );
  });

  it('escapes pipes and flattens newlines (\\n and \\r\\n) in every table cell and list item', () => {
    const r = report({
      verdict: 'block',
      findings: [
        finding({
          id: 'a000000000000001',
          stack: 'st|ack',
          resource: 'Res`x`|y',
          type: 'Ty\npe',
          cause: ['a|b', 'c\r\nd'],
          message: 'one\r\ntwo',
          userImpact: 'x|y',
        }),
        finding({
          id: 'b000000000000001',
          severity: 'warn',
          stack: 's',
          resource: '',
          cause: ['p`q`'],
          message: 'm|n\no',
        }),
      ],
      capacity: [row('loss of\nzone | a', 0, 0, 0, null, 'meets')],
    });
    const [, blocking, capacity, , , warnings] = sections(renderReviewMarkdown(r));
    expect([blocking, capacity, warnings]).toEqual([
      section(
        '### Blocking findings (1)',
        '',
        ...FINDING_HEAD,
        "| `a000000000000001` | st\\|ack | `Res'x'\\|y` | `Ty pe` | replacement | `a\\|b`, `c d` | one two. **x\\|y** |",
      ),
      section(
        '### Capacity (concurrent connections)',
        '',
        ...CAPACITY_HEAD,
        '| loss of zone \\| a | - | 0 | 0 | - | meets |',
        '',
        DURING_NOTE,
      ),
      section('### Warnings (1)', '', "- warn `b000000000000001` `s`: m\\|n o (`p'q'`)"),
    ]);
  });
});

describe('renderReviewMarkdown: numbers and USD', () => {
  const costSection = (c: CostSummary) => sections(renderReviewMarkdown(report({ cost: c })))[4];

  it('prints a zero change as \u00b10 and no table when no component changed', () => {
    expect(
      costSection(
        cost({
          baseMonthly: 1500,
          headMonthly: 1500,
          byCloud: [{ cloud: 'aws', baseMonthly: 1500, headMonthly: 1500, deltaMonthly: 0 }],
          byComponent: [
            { cloud: 'aws', component: 'Client VPN', baseMonthly: 1500, headMonthly: 1500, deltaMonthly: 0 },
          ],
        }),
      ),
    ).toBe(section('### Cost (USD per month, planner estimate)', '', 'Base 1,500, head 1,500: **\u00b10**.'));
    expect(costSection(cost())).toBe(
      section('### Cost (USD per month, planner estimate)', '', 'Base 0, head 0: **\u00b10**.'),
    );
  });

  it('prints a fall with a minus, whole dollars with thousands separators, and a zero cloud total as \u00b10', () => {
    expect(
      costSection(
        cost({
          baseMonthly: 1234567.4,
          headMonthly: 1000000,
          deltaMonthly: -234567.4,
          byCloud: [
            { cloud: 'aws', baseMonthly: 1000, headMonthly: 1000, deltaMonthly: 0 },
            { cloud: 'azure', baseMonthly: 1233567.4, headMonthly: 999000, deltaMonthly: -234567.4 },
          ],
          byComponent: [
            { cloud: 'aws', component: 'Client VPN', baseMonthly: 0, headMonthly: 1000, deltaMonthly: 1000 },
            {
              cloud: 'aws',
              component: 'Transit Gateway',
              baseMonthly: 1000,
              headMonthly: 0,
              deltaMonthly: -1000,
            },
            {
              cloud: 'azure',
              component: 'ExpressRoute\ncircuit',
              baseMonthly: 1233567.4,
              headMonthly: 999000,
              deltaMonthly: -234567.4,
            },
          ],
        }),
      ),
    ).toBe(
      section(
        '### Cost (USD per month, planner estimate)',
        '',
        'Base 1,234,567, head 1,000,000: **-234,567**.',
        '',
        ...COST_HEAD,
        '| **aws** | **total** | 1,000 | 1,000 | \u00b10 |',
        '| **azure** | **total** | 1,233,567 | 999,000 | -234,567 |',
        '| aws | Client VPN | 0 | 1,000 | +1,000 |',
        '| aws | Transit Gateway | 1,000 | 0 | -1,000 |',
        '| azure | ExpressRoute circuit | 1,233,567 | 999,000 | -234,567 |',
      ),
    );
  });

  it('prints capacity figures with separators, a dash for no figure, and zero as 0', () => {
    const r = report({
      capacity: [
        row('zero everywhere', 1, 0, 0, 0, 'short'),
        row('none yet', 12345, null, null, null, 'short'),
        row('during above target', 100, 200, 200, 101, 'meets'),
        row('during one below target', 100, 200, 200, 99, 'meets'),
      ],
    });
    expect(sections(renderReviewMarkdown(r))[2]).toBe(
      section(
        '### Capacity (concurrent connections)',
        '',
        ...CAPACITY_HEAD,
        '| zero everywhere | 1 | 0 | 0 | 0 | **short** |',
        '| none yet | 12,345 | - | - | - | **short** |',
        '| during above target | 100 | 200 | 200 | 101 | meets |',
        '| during one below target | 100 | 200 | 200 | 99 | **short** |',
        '',
        DURING_NOTE,
      ),
    );
  });
});

describe('renderReviewMarkdown: lists and per-stack details', () => {
  it('leaves the cause list out of a list item when there is none, and shows the where only when known', () => {
    const r = report({
      findings: [
        finding({
          id: 'b000000000000001',
          severity: 'warn',
          stack: '',
          resource: '',
          cause: [],
          message: 'm1',
        }),
        finding({
          id: 'b000000000000002',
          severity: 'warn',
          stack: '',
          resource: 'Res',
          cause: ['x'],
          message: 'm2',
        }),
        finding({ id: 'b000000000000003', severity: 'warn', category: 'cost', cause: ['x'], message: 'm3' }),
      ],
    });
    expect(sections(renderReviewMarkdown(r))[5]).toBe(
      section(
        '### Warnings (3)',
        '',
        '- warn `b000000000000001` m1',
        '- warn `b000000000000002` `Res`: m2 (`x`)',
        '- warn `b000000000000003` `tokyo-vpn Endpoint`: m3',
      ),
    );
  });

  it('groups changes per cloud and stack in order of appearance, without an informational block when none', () => {
    const r = report({
      changes: [
        change('B', 'add', [
          'Properties.A',
          'Properties.B',
          'Properties.C',
          'Properties.D',
          'Properties.E',
          'Properties.F',
        ]),
        change('A', 'update', [], { stack: 'other', renamedFrom: 'Z', renamedTo: 'Y' }),
        change('C', 'add', [], { cloud: 'azure' }),
        change('D', 'add', [], { stack: 'other' }),
      ],
    });
    expect(sections(renderReviewMarkdown(r))[6]).toBe(
      section(
        '### Changes per stack (3 stack(s), 4 resource(s))',
        '',
        '<details><summary>aws <code>tokyo-vpn</code>: 1 add</summary>',
        '',
        ...STACK_HEAD,
        '| `B` | `AWS::EC2::Route` | add | `Properties.A`, `Properties.B`, `Properties.C`, `Properties.D`, `Properties.E`, `Properties.F` |',
        '',
        '</details>',
        '',
        '<details><summary>aws <code>other</code>: 1 update, 1 add</summary>',
        '',
        ...STACK_HEAD,
        '| `A` (renamed to `Y`) | `AWS::EC2::Route` | update |  |',
        '| `D` | `AWS::EC2::Route` | add |  |',
        '',
        '</details>',
        '',
        '<details><summary>azure <code>tokyo-vpn</code>: 1 add</summary>',
        '',
        ...STACK_HEAD,
        '| `C` | `AWS::EC2::Route` | add |  |',
        '',
        '</details>',
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Shrinking under the budget
// ---------------------------------------------------------------------------------------------

/**
 * A change big enough for every stage to cut something: 65 open blocking findings and 12
 * acknowledged ones, 12 security findings, one informational finding, 45 warnings, 5 capacity
 * rows of which 2 are unchanged, and one stack of 45 changed resources; 4 cause paths a row.
 * Its comment is 14,397 characters uncut.
 */
const BIG = report({
  verdict: 'block',
  findings: [
    ...range(65, (i) =>
      finding({
        id: `b0000000000000${n2(i)}`,
        stack: 'big',
        resource: `R${n2(i)}`,
        type: 'AWS::EC2::Route',
        cause: ['P.a', 'P.b', 'P.c', 'P.d'],
        message: 'replaced',
        userImpact: 'down',
      }),
    ),
    ...range(12, (i) =>
      finding({
        id: `a0000000000000${n2(i)}`,
        stack: 'big',
        resource: `K${n2(i)}`,
        acknowledged: true,
        acknowledgement: { reason: 'ok', reference: `CR-${i}`, expires: '2027-01-01' },
      }),
    ),
    ...range(12, (i) =>
      finding({
        id: `s0000000000000${n2(i)}`,
        severity: 'warn',
        category: 'security',
        stack: 'big',
        resource: `G${n2(i)}`,
        cause: ['P.a', 'P.b', 'P.c'],
        message: 'wider',
      }),
    ),
    finding({
      id: 'c000000000000000',
      severity: 'info',
      category: 'deletion',
      stack: 'big',
      resource: 'Gone',
      cause: [],
      message: 'deleted',
    }),
  ],
  capacity: [
    row('nominal', 100, 200, 200, 150, 'meets'),
    row('unchanged', 100, 200, 200, null, 'meets'),
    row('changed', 100, 200, 300, null, 'meets'),
    row('short', 100, 50, 50, null, 'short'),
    row('unchanged 2', 0, null, null, null, 'not-required'),
  ],
  warnings: range(45, (i) => `warning ${n2(i)}`),
  changes: range(45, (i) => change(`R${n2(i)}`, 'update', ['P.a', 'P.b', 'P.c', 'P.d'], { stack: 'big' })),
});

const BIG_HEAD = section(
  `${BLOCK}65 unacknowledged blocking finding(s), 12 warning(s), 45 resource change(s), 12 acknowledged`,
  '',
  SIDES,
);
/** The blocking section of BIG: `rows` open rows with `causes`, then `more` (if any), then `acked` acknowledged rows. */
function bigBlocking(rows: number, causes: string, more: string[], acked: number): string {
  return section(
    '### Blocking findings (65)',
    '',
    ...FINDING_HEAD,
    ...range(
      rows,
      (i) =>
        `| \`b0000000000000${n2(i)}\` | big | \`R${n2(i)}\` | \`AWS::EC2::Route\` | replacement | ${causes} | replaced. **down** |`,
    ),
    ...more,
    '',
    '#### Acknowledged (12)',
    '',
    '| id | resource | reason | reference | expires |',
    '|---|---|---|---|---|',
    ...range(acked, (i) => `| \`a0000000000000${n2(i)}\` | big K${n2(i)} | ok | CR-${i} | 2027-01-01 |`),
  );
}
const BIG_CAPACITY_ALL = section(
  '### Capacity (concurrent connections)',
  '',
  ...CAPACITY_HEAD,
  '| nominal | 100 | 200 | 200 | 150 | meets |',
  '| unchanged | 100 | 200 | 200 | - | meets |',
  '| changed | 100 | 200 | 300 | - | meets |',
  '| short | 100 | 50 | 50 | - | **short** |',
  '| unchanged 2 | - | - | - | - | not required |',
  '',
  DURING_NOTE,
);
const BIG_CAPACITY_CHANGED = section(
  '### Capacity (concurrent connections)',
  '',
  ...CAPACITY_HEAD,
  '| nominal | 100 | 200 | 200 | 150 | meets |',
  '| changed | 100 | 200 | 300 | - | meets |',
  '| short | 100 | 50 | 50 | - | **short** |',
  '',
  '2 unchanged scenario(s) not shown.',
  '',
  DURING_NOTE,
);
/** The 12 security findings, the first `items` listed; a cut list says how many it leaves out. */
const bigSecurity = (items: number, causes: string) =>
  section(
    '### Security',
    '',
    ...range(items, (i) => `- warn \`s0000000000000${n2(i)}\` \`big G${n2(i)}\`: wider (${causes})`),
    ...(items < 12 ? [`- ... and ${12 - items} more: see the JSON report`] : []),
  );
const COST_UNKNOWN = section(
  '### Cost (USD per month, planner estimate)',
  '',
  'Unknown: neither side has a plan.',
);
const bigWarnings = (items: number, more: string[]) =>
  section('### Warnings (45)', '', ...range(items, (i) => `- warning ${n2(i)}`), ...more);
const bigTable = (rows: number, causes: string, more: string[]) => [
  '### Changes per stack (1 stack(s), 45 resource(s))',
  '',
  '<details><summary>aws <code>big</code>: 45 update</summary>',
  '',
  ...STACK_HEAD,
  ...range(rows, (i) => `| \`R${n2(i)}\` | \`AWS::EC2::Route\` | update | ${causes} |`),
  ...more,
  '',
  '</details>',
  '',
  '<details><summary>Informational findings (1)</summary>',
  '',
  '- info `c000000000000000` `big Gone`: deleted',
  '',
  '</details>',
];
const BIG_COUNTS = ['### Changes per stack (1 stack(s), 45 resource(s))', '', '- aws `big`: 45 update'];

const CUT_1 = 'cause lists cut to 3 paths and per-stack tables to 40 rows';
const CUT_2 = 'per-stack resource tables and informational findings left out (counts kept)';
const CUT_3 = 'warnings cut to 40 and capacity to the scenarios that changed or fall short';
const CUT_4 = 'blocking findings cut to the first 60 and warnings to 10';
const CUT_5 = 'blocking findings cut to the first 10 and warnings to 5';
const FOUR = '`P.a`, `P.b`, `P.c`, `P.d`';
const THREE = '`P.a`, `P.b`, `P.c`';

describe('renderReviewMarkdown: shrinking in stages', () => {
  it('keeps everything when the comment is exactly the budget', () => {
    const text = renderReviewMarkdown(BIG, 14_397);
    expect(text.length).toBe(14_397);
    expect(sections(text)).toEqual([
      BIG_HEAD,
      bigBlocking(65, FOUR, [], 12),
      BIG_CAPACITY_ALL,
      bigSecurity(12, THREE),
      COST_UNKNOWN,
      bigWarnings(45, []),
      section(...bigTable(45, FOUR, [])),
    ]);
  });

  it('stage 1, one character over: cause lists to 3 paths and stack tables to 40 rows', () => {
    const text = renderReviewMarkdown(BIG, 14_396);
    expect(text.length).toBe(14_013);
    expect(sections(text)).toEqual([
      BIG_HEAD,
      bigBlocking(65, `${THREE} (+1)`, [], 12),
      BIG_CAPACITY_ALL,
      bigSecurity(12, THREE),
      COST_UNKNOWN,
      bigWarnings(45, []),
      section(
        ...bigTable(40, `${THREE} (+1)`, ['', '... and 5 more.']),
        '',
        `_Shortened to fit 14,396 characters: ${CUT_1}. ${JSON_NOTE}`,
      ),
    ]);
  });

  it('stage 2: per-stack tables and informational findings left out, counts kept', () => {
    const text = renderReviewMarkdown(BIG, 12_000);
    expect(text.length).toBe(11_211);
    expect(sections(text)).toEqual([
      BIG_HEAD,
      bigBlocking(65, `${THREE} (+1)`, [], 12),
      BIG_CAPACITY_ALL,
      bigSecurity(12, THREE),
      COST_UNKNOWN,
      bigWarnings(45, []),
      section(...BIG_COUNTS, '', `_Shortened to fit 12,000 characters: ${CUT_1}; ${CUT_2}. ${JSON_NOTE}`),
    ]);
  });

  it('stage 3: 2 cause paths, 40 warnings, capacity rows that changed or fall short', () => {
    const text = renderReviewMarkdown(BIG, 11_000);
    expect(text.length).toBe(10_727);
    expect(sections(text)).toEqual([
      BIG_HEAD,
      bigBlocking(65, '`P.a`, `P.b` (+2)', [], 12),
      BIG_CAPACITY_CHANGED,
      bigSecurity(12, '`P.a`, `P.b` (+1)'),
      COST_UNKNOWN,
      bigWarnings(40, ['- ... and 5 more: see the JSON report']),
      section(
        ...BIG_COUNTS,
        '',
        `_Shortened to fit 11,000 characters: ${CUT_1}; ${CUT_2}; ${CUT_3}. ${JSON_NOTE}`,
      ),
    ]);
  });

  it('stage 4: 1 cause path, the first 60 blocking findings, 10 warnings and 10 security items', () => {
    const text = renderReviewMarkdown(BIG, 10_000);
    expect(text.length).toBe(9316);
    expect(sections(text)).toEqual([
      BIG_HEAD,
      bigBlocking(60, '`P.a` (+3)', ['', '... and 5 more blocking finding(s): see the JSON report.'], 12),
      BIG_CAPACITY_CHANGED,
      bigSecurity(10, '`P.a` (+2)'),
      COST_UNKNOWN,
      bigWarnings(10, ['- ... and 35 more: see the JSON report']),
      section(
        ...BIG_COUNTS,
        '',
        `_Shortened to fit 10,000 characters: ${CUT_1}; ${CUT_2}; ${CUT_3}; ${CUT_4}. ${JSON_NOTE}`,
      ),
    ]);
  });

  const STAGE_5 = (budget: string) =>
    [
      BIG_HEAD,
      bigBlocking(10, '`P.a` (+3)', ['', '... and 55 more blocking finding(s): see the JSON report.'], 10),
      BIG_CAPACITY_CHANGED,
      bigSecurity(5, '`P.a` (+2)'),
      COST_UNKNOWN,
      bigWarnings(5, ['- ... and 40 more: see the JSON report']),
      section(
        ...BIG_COUNTS,
        '',
        `_Shortened to fit ${budget} characters: ${CUT_1}; ${CUT_2}; ${CUT_3}; ${CUT_4}; ${CUT_5}. ${JSON_NOTE}`,
      ),
    ].join('\n');

  it('stage 5: the first 10 blocking and acknowledged findings, 5 warnings and 5 security items', () => {
    const text = renderReviewMarkdown(BIG, 9000);
    expect(text.length).toBe(3660);
    expect(text).toBe(STAGE_5('9,000'));
  });

  const CUT_NOTE = (budget: string) =>
    `\n\n_Cut at ${budget} characters after: ${CUT_1}; ${CUT_2}; ${CUT_3}; ${CUT_4}; ${CUT_5}. See the JSON report._\n`;

  it('cuts hard at the budget after the last stage, ending with a note of every stage', () => {
    const note = CUT_NOTE('3,000');
    expect(note.length).toBe(385);
    const text = renderReviewMarkdown(BIG, 3000);
    expect(text).toBe(`${STAGE_5('3,000').slice(0, 3000 - 385)}${note}`);
    expect(text.length).toBe(3000);
  });

  it('is only the note when the budget is shorter than the note', () => {
    expect(renderReviewMarkdown(BIG, 100)).toBe(CUT_NOTE('100'));
    expect(renderReviewMarkdown(report(), 10)).toBe(
      `\n\n_Cut at 10 characters after: ${CUT_1}; ${CUT_2}; ${CUT_3}; ${CUT_4}; ${CUT_5}. See the JSON report._\n`,
    );
  });

  it('uses the 60,000-character budget by default: exactly 60,000 fits, one more is cut', () => {
    const filler = 'x'.repeat(45_600);
    const fits = renderReviewMarkdown({ ...BIG, warnings: [...BIG.warnings, filler] });
    expect(fits.length).toBe(60_000);
    expect(sections(fits)[6]).toBe(section(...bigTable(45, FOUR, [])));
    const over = renderReviewMarkdown({ ...BIG, warnings: [...BIG.warnings, `${filler}y`] });
    expect(over.length).toBe(59_617);
    expect(sections(over)[6]).toBe(
      section(
        ...bigTable(40, `${THREE} (+1)`, ['', '... and 5 more.']),
        '',
        `_Shortened to fit 60,000 characters: ${CUT_1}. ${JSON_NOTE}`,
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// review.ts: the report, its verdict and acknowledgements
// ---------------------------------------------------------------------------------------------

const TODAY = '2026-12-01';
const BASIS = 'lib/planner cost model, from the capacity plan written beside each side\u2019s artifacts';
const IMPACT = 'none for users; the budget changes';

/** The review's plans: a cost, and its assumption of 730 hours a month. */
const plan = (
  monthlyUsd: number,
  lines: CostLineInput[],
  tiers: { tierId: string; provider: 'aws' | 'azure' }[] = [],
) => costPlan(monthlyUsd, lines, ['730 h a month'], tiers);

const table = (key: string) => ({
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    TableName: 'org-devices',
    KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
});

const BASE_PLAN = plan(100, [{ cloud: 'aws', component: 'Client VPN', monthlyUsd: 100 }]);
const HEAD_PLAN = plan(150, [
  { cloud: 'aws', component: 'Client VPN', monthlyUsd: 100 },
  { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 50 },
]);
const baseTree = () => handTree({ s: { Resources: { Registry: table('serial') } } }, {}, BASE_PLAN);
const headTree = () => handTree({ s: { Resources: { Registry: table('id') } } }, {}, HEAD_PLAN);

const FIXED_NAME: Finding = {
  cloud: 'aws',
  stack: 's',
  resource: 'Registry',
  type: 'AWS::DynamoDB::Table',
  action: 'replacement',
  rule: 'fixed-name-replacement',
  severity: 'block',
  category: 'replacement',
  cause: ['Properties.TableName', 'Properties.KeySchema.0.AttributeName'],
  message:
    'Registry is replaced but its name is fixed (TableName); CloudFormation creates the new resource first, the name is still taken, and the stack update fails and rolls back',
  userImpact: 'the deployment fails and rolls back: none of the other changes of this stack are applied',
  id: 'a6307bcf8a5891dd',
  acknowledgeable: true,
  acknowledged: false,
};
const STATEFUL: Finding = {
  cloud: 'aws',
  stack: 's',
  resource: 'Registry',
  type: 'AWS::DynamoDB::Table',
  action: 'replacement',
  rule: 'stateful-replaced',
  severity: 'block',
  category: 'replacement',
  cause: ['Properties.KeySchema.0.AttributeName'],
  message:
    'DynamoDB table (the device registry the connect handler reads) Registry is replaced (a new resource, then the old one is deleted) because Properties.KeySchema.0.AttributeName changed',
  userImpact:
    'a new, empty registry: the connect handler denies every device until devices are registered again',
  id: 'f880c5746e3c18fb',
  acknowledgeable: true,
  acknowledged: false,
};
const COST_RISE: Finding = {
  cloud: 'azure',
  stack: '',
  resource: '',
  type: '',
  rule: 'cost-changed',
  severity: 'warn',
  category: 'cost',
  cause: ['azure: VPN Gateway'],
  message: 'monthly cost rises by USD 50 (+50.0 %), from 100 to 150',
  userImpact: IMPACT,
  id: '2bdbbe831dce1aeb',
  acknowledgeable: true,
  acknowledged: false,
};
const COST_SUMMARY: CostSummary = {
  currency: 'USD',
  baseMonthly: 100,
  headMonthly: 150,
  deltaMonthly: 50,
  byCloud: [
    { cloud: 'aws', baseMonthly: 100, headMonthly: 100, deltaMonthly: 0 },
    { cloud: 'azure', baseMonthly: 0, headMonthly: 50, deltaMonthly: 50 },
  ],
  byComponent: [
    { cloud: 'aws', component: 'Client VPN', baseMonthly: 100, headMonthly: 100, deltaMonthly: 0 },
    { cloud: 'azure', component: 'VPN Gateway', baseMonthly: 0, headMonthly: 50, deltaMonthly: 50 },
  ],
  basis: [BASIS, '730 h a month'],
};
const SIDE = { source: 'hand-built', awsStacks: 1, azureStacks: 0, organisation: 'hyogo' };
const NOMINAL: CapacityRow = {
  scenario: 'nominal (nothing failed)',
  key: 'nominal',
  required: 0,
  base: 0,
  head: 0,
  during: null,
  verdict: 'not-required',
};
const ack = (fingerprint: string, expires: string, reference = 'CR-1234') => ({
  fingerprint,
  reason: 'maintenance window approved by CAB',
  reference,
  expires,
});

describe('review: the report', () => {
  it('blocks a stateful replacement without acknowledgements, with every part of the report', () => {
    expect(review(baseTree(), headTree(), { today: TODAY })).toEqual({
      schemaVersion: 1,
      verdict: 'block',
      base: SIDE,
      head: SIDE,
      findings: [FIXED_NAME, STATEFUL, COST_RISE],
      changes: [
        {
          cloud: 'aws',
          stack: 's',
          resource: 'Registry',
          type: 'AWS::DynamoDB::Table',
          action: 'replacement',
          paths: ['Properties.KeySchema.0.AttributeName'],
        },
      ],
      capacity: [NOMINAL],
      cost: COST_SUMMARY,
      warnings: [],
      acks: NO_ACKS,
    });
  });

  it('passes once every blocking finding is acknowledged, up to and including the expiry day', () => {
    const r = review(baseTree(), headTree(), {
      today: TODAY,
      acknowledgements: [
        ack('a6307bcf8a5891dd', '2026-12-01', 'CR-1'),
        ack('f880c5746e3c18fb', '2027-01-31', 'CR-2'),
        ack('2bdbbe831dce1aeb', '2026-11-30', 'CR-3'),
        ack('0000000000000000', '2027-01-31', 'CR-4'),
      ],
    });
    expect([r.verdict, r.findings, r.acks]).toEqual([
      'pass',
      [
        {
          ...FIXED_NAME,
          acknowledged: true,
          acknowledgement: {
            reason: 'maintenance window approved by CAB',
            reference: 'CR-1',
            expires: '2026-12-01',
          },
        },
        {
          ...STATEFUL,
          acknowledged: true,
          acknowledgement: {
            reason: 'maintenance window approved by CAB',
            reference: 'CR-2',
            expires: '2027-01-31',
          },
        },
        COST_RISE,
      ],
      {
        applied: [
          {
            fingerprint: 'a6307bcf8a5891dd',
            reason: 'maintenance window approved by CAB',
            reference: 'CR-1',
            expires: '2026-12-01',
          },
          {
            fingerprint: 'f880c5746e3c18fb',
            reason: 'maintenance window approved by CAB',
            reference: 'CR-2',
            expires: '2027-01-31',
          },
        ],
        expired: [{ fingerprint: '2bdbbe831dce1aeb', expires: '2026-11-30', reference: 'CR-3' }],
        unmatched: [{ fingerprint: '0000000000000000', reference: 'CR-4' }],
        refused: [],
      },
    ]);
  });

  it('still blocks when one blocking finding is acknowledged and the other is not, or its acknowledgement expired', () => {
    const one = review(baseTree(), headTree(), {
      today: TODAY,
      acknowledgements: [ack('f880c5746e3c18fb', '2027-01-31')],
    });
    expect([one.verdict, one.findings.map((f) => [f.id, f.acknowledged])]).toEqual([
      'block',
      [
        ['a6307bcf8a5891dd', false],
        ['f880c5746e3c18fb', true],
        ['2bdbbe831dce1aeb', false],
      ],
    ]);
    const expired = review(baseTree(), headTree(), {
      today: '2027-01-01',
      acknowledgements: [ack('a6307bcf8a5891dd', '2026-12-31'), ack('f880c5746e3c18fb', '2027-01-31')],
    });
    expect([expired.verdict, expired.acks.expired]).toEqual([
      'block',
      [{ fingerprint: 'a6307bcf8a5891dd', expires: '2026-12-31', reference: 'CR-1234' }],
    ]);
  });

  it('passes a change with nothing blocking, and reports an unchanged cost as zero rows and no finding', () => {
    const same = plan(100, [{ cloud: 'aws', component: 'Client VPN', monthlyUsd: 100 }]);
    const r = review(
      handTree({ s: { Resources: { Registry: table('id') } } }, {}, same),
      handTree({ s: { Resources: { Registry: table('id') } } }, {}, same),
      { today: TODAY },
    );
    expect(r).toEqual({
      schemaVersion: 1,
      verdict: 'pass',
      base: SIDE,
      head: SIDE,
      findings: [],
      changes: [],
      capacity: [NOMINAL],
      cost: {
        currency: 'USD',
        baseMonthly: 100,
        headMonthly: 100,
        deltaMonthly: 0,
        byCloud: [{ cloud: 'aws', baseMonthly: 100, headMonthly: 100, deltaMonthly: 0 }],
        byComponent: [
          { cloud: 'aws', component: 'Client VPN', baseMonthly: 100, headMonthly: 100, deltaMonthly: 0 },
        ],
        basis: [BASIS, '730 h a month'],
      },
      warnings: [],
      acks: NO_ACKS,
    });
    expect(sections(renderReviewMarkdown(r))[4]).toBe(
      section('### Cost (USD per month, planner estimate)', '', 'Base 100, head 100: **\u00b10**.'),
    );
  });

  it('renders the reviewed cost: headline, cloud totals and the changed components only', () => {
    const text = renderReviewMarkdown(review(baseTree(), headTree(), { today: TODAY }));
    expect([text.split('\n')[0], sections(text)[4]]).toEqual([
      `${BLOCK}2 unacknowledged blocking finding(s), 1 warning(s), 1 resource change(s)`,
      section(
        '### Cost (USD per month, planner estimate)',
        '',
        'Base 100, head 150: **+50**.',
        '',
        ...COST_HEAD,
        '| **aws** | **total** | 100 | 100 | \u00b10 |',
        '| **azure** | **total** | 0 | 50 | +50 |',
        '| azure | VPN Gateway | 0 | 50 | +50 |',
      ),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// cost.ts: rows per cloud and component
// ---------------------------------------------------------------------------------------------

describe('reviewCost: whole summaries', () => {
  it('has zero deltas and no finding when nothing changed', () => {
    const same = plan(1234.5, [
      { cloud: 'aws', component: 'Client VPN', monthlyUsd: 1000 },
      { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 234.5 },
    ]);
    expect(reviewCost(same, same)).toEqual({
      summary: {
        currency: 'USD',
        baseMonthly: 1234.5,
        headMonthly: 1234.5,
        deltaMonthly: 0,
        byCloud: [
          { cloud: 'aws', baseMonthly: 1000, headMonthly: 1000, deltaMonthly: 0 },
          { cloud: 'azure', baseMonthly: 234.5, headMonthly: 234.5, deltaMonthly: 0 },
        ],
        byComponent: [
          { cloud: 'aws', component: 'Client VPN', baseMonthly: 1000, headMonthly: 1000, deltaMonthly: 0 },
          {
            cloud: 'azure',
            component: 'VPN Gateway',
            baseMonthly: 234.5,
            headMonthly: 234.5,
            deltaMonthly: 0,
          },
        ],
        basis: [BASIS, '730 h a month'],
      },
      findings: [],
    });
  });

  it('keeps a removed component at head 0 and an added one at base 0, and names both as causes', () => {
    const base = plan(300, [
      { cloud: 'aws', component: 'Client VPN', monthlyUsd: 200 },
      { cloud: 'azure', component: 'VPN Gateway', monthlyUsd: 100 },
    ]);
    const head = plan(250, [
      { cloud: 'aws', component: 'Client VPN', monthlyUsd: 200 },
      { cloud: 'azure', component: 'Azure Firewall', monthlyUsd: 50 },
    ]);
    expect(reviewCost(base, head)).toEqual({
      summary: {
        currency: 'USD',
        baseMonthly: 300,
        headMonthly: 250,
        deltaMonthly: -50,
        byCloud: [
          { cloud: 'aws', baseMonthly: 200, headMonthly: 200, deltaMonthly: 0 },
          { cloud: 'azure', baseMonthly: 100, headMonthly: 50, deltaMonthly: -50 },
        ],
        byComponent: [
          { cloud: 'aws', component: 'Client VPN', baseMonthly: 200, headMonthly: 200, deltaMonthly: 0 },
          { cloud: 'azure', component: 'Azure Firewall', baseMonthly: 0, headMonthly: 50, deltaMonthly: 50 },
          { cloud: 'azure', component: 'VPN Gateway', baseMonthly: 100, headMonthly: 0, deltaMonthly: -100 },
        ],
        basis: [BASIS, '730 h a month'],
      },
      findings: [
        {
          cloud: 'azure',
          stack: '',
          resource: '',
          type: '',
          rule: 'cost-changed',
          severity: 'info',
          category: 'cost',
          cause: ['azure: Azure Firewall', 'azure: VPN Gateway'],
          message: 'monthly cost falls by USD 50 (-16.7 %), from 300 to 250',
          userImpact: IMPACT,
        },
      ],
    });
  });

  it('finds the cloud of a line without a tier id under a tier whose id is empty', () => {
    const head = plan(10, [{ component: 'Gateway', monthlyUsd: 10 }], [{ tierId: '', provider: 'azure' }]);
    expect(reviewCost(undefined, head).summary?.byComponent).toEqual([
      { cloud: 'azure', component: 'Gateway', baseMonthly: 0, headMonthly: 10, deltaMonthly: 10 },
    ]);
  });
});

describe('renderReviewMarkdown: every limit is inclusive', () => {
  const pad = (i: number) => String(i).padStart(15, '0');
  const atLimits = (extra: number) =>
    renderReviewMarkdown(
      report({
        verdict: 'block',
        findings: range(500 + extra, (i) =>
          finding({
            id: `b${pad(i)}`,
            stack: 's',
            resource: `R${i}`,
            type: 'T',
            cause: [],
            message: 'm',
            userImpact: 'u',
          }),
        ),
        warnings: range(500 + extra, (i) => `w${i}`),
        changes: range(200 + extra, (i) => change(`R${i}`, 'add', [], { stack: 's', type: 'T' })),
      }),
      1_000_000,
    );
  const blockingRows = (count: number) =>
    range(count, (i) => `| \`b${pad(i)}\` | s | \`R${i}\` | \`T\` | replacement |  | m. **u** |`);
  const stackRows = (count: number) => range(count, (i) => `| \`R${i}\` | \`T\` | add |  |`);

  it('shows 500 blocking findings, 500 warnings and 200 rows a stack without a "more" line', () => {
    const [, blocking, , , , warnings, changes] = sections(atLimits(0));
    expect([blocking, warnings, changes]).toEqual([
      section('### Blocking findings (500)', '', ...FINDING_HEAD, ...blockingRows(500)),
      section('### Warnings (500)', '', ...range(500, (i) => `- w${i}`)),
      section(
        '### Changes per stack (1 stack(s), 200 resource(s))',
        '',
        '<details><summary>aws <code>s</code>: 200 add</summary>',
        '',
        ...STACK_HEAD,
        ...stackRows(200),
        '',
        '</details>',
      ),
    ]);
  });

  it('says how many more there are from one over each limit', () => {
    const [, blocking, , , , warnings, changes] = sections(atLimits(1));
    expect([blocking, warnings, changes]).toEqual([
      section(
        '### Blocking findings (501)',
        '',
        ...FINDING_HEAD,
        ...blockingRows(500),
        '',
        '... and 1 more blocking finding(s): see the JSON report.',
      ),
      section(
        '### Warnings (501)',
        '',
        ...range(500, (i) => `- w${i}`),
        '- ... and 1 more: see the JSON report',
      ),
      section(
        '### Changes per stack (1 stack(s), 201 resource(s))',
        '',
        '<details><summary>aws <code>s</code>: 201 add</summary>',
        '',
        ...STACK_HEAD,
        ...stackRows(200),
        '',
        '... and 1 more.',
        '',
        '</details>',
      ),
    ]);
  });
});

describe('renderReviewMarkdown: what a comment must not hide or garble', () => {
  test('informational findings are listed even when no resource changes (a cost-only change)', () => {
    const text = renderReviewMarkdown(
      report({
        findings: [
          finding({
            id: 'c000000000000001',
            severity: 'info',
            category: 'cost',
            rule: 'cost-changed',
            stack: '',
            resource: '',
            message: 'monthly estimate +12',
          }),
        ],
      }),
    );
    expect(sections(text).at(-1)).toBe(
      section(
        '### Changes per stack (0 stack(s), 0 resource(s))',
        '',
        'No resource changes.',
        '',
        '<details><summary>Informational findings (1)</summary>',
        '',
        '- info `c000000000000001` monthly estimate +12',
        '',
        '</details>',
      ),
    );
  });

  test('a delta under half a dollar prints as ±0, as it rounds; from half a dollar on it has its sign', () => {
    const costLine = (delta: number) =>
      sections(
        renderReviewMarkdown(
          report({ cost: cost({ baseMonthly: 100, headMonthly: 100 + delta, deltaMonthly: delta }) }),
        ),
      )
        .find((s) => s.startsWith('### Cost'))!
        .split('\n')[2];
    expect(costLine(0.4)).toBe('Base 100, head 100: **±0**.');
    expect(costLine(-0.4)).toBe('Base 100, head 100: **±0**.');
    expect(costLine(0.5)).toBe('Base 100, head 101: **+1**.');
    expect(costLine(-0.6)).toBe('Base 100, head 99: **-1**.');
  });

  test('a `|` in a resource address or type is escaped, so the stack table keeps its columns', () => {
    const text = renderReviewMarkdown(
      report({
        changes: [
          change('azurerm_subnet.s["a|b"]', 'update', ['address_prefixes'], {
            cloud: 'azure',
            stack: 'hub',
            type: 'azurerm_subnet',
          }),
        ],
      }),
    );
    expect(text).toContain(
      '| `azurerm_subnet.s["a\\|b"]` | `azurerm_subnet` | update | `address_prefixes` |',
    );
  });
});
