/**
 * The deploy gates on realistic inputs: describe-change-set JSON of a change that replaces a
 * Client VPN endpoint and of one that only updates tags; `terraform show -json` of a plan
 * that replaces an ExpressRoute circuit and of one that changes a point-to-site gateway's
 * scale units in place. Fixtures are in ./fixtures (written from the AWS CLI and Terraform
 * output formats, with the logical IDs and addresses the hyogo profile synthesizes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  buildGateReport,
  checkChangeSet,
  checkTerraformPlan,
  exemptionsFromGateReport,
  GateInputError,
  parseChangeSet,
  parseTerraformPlan,
  renderGateMarkdown,
  runGate,
  stackOfPlanArgument,
  stackPolicyFor,
  type TemplateResources,
} from '../../../lib/review/gate';
import { changedPaths } from '../../../lib/review/gate/terraform-plan';
import { runTsunagi } from '../../support/run-tsunagi';

const ROOT = join(__dirname, '../../..');
const FIXTURES = join(__dirname, 'fixtures');
const REPLACE_CVPN = join(FIXTURES, 'change-set-replace-client-vpn.json');
const TAGS_ONLY = join(FIXTURES, 'change-set-tags-only.json');
const REPLACE_CIRCUIT = join(FIXTURES, 'plan-hyogo-prod-connectivity-replace-circuit.json');
const SCALE_UNIT = join(FIXTURES, 'plan-hyogo-prod-remote-access-scale-unit.json');
const TODAY = '2026-12-01';

const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** The remote-access stack's resources as the template has them (one endpoint, its CRL importer). */
const REMOTE_ACCESS_TEMPLATE: TemplateResources = {
  awstokyo0Endpoint835FFD86: {
    Type: 'AWS::EC2::ClientVpnEndpoint',
    Properties: { ClientCidrBlock: '10.64.0.0/14' },
  },
  awstokyo0RevocationList0A608EB2: {
    Type: 'Custom::AWS',
    Properties: { Update: '{"service":"EC2","action":"ImportClientVpnClientCertificateRevocationList"}' },
  },
  awstokyo0Associationapnortheast1aA504ADCF: { Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation' },
  ClientConnectDeviceRegistryE3FE0317: { Type: 'AWS::DynamoDB::Table' },
  MonitoringDashboard0C3675C6: { Type: 'AWS::CloudWatch::Dashboard' },
};

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tsunagi-gate-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function acksFile(fingerprints: readonly string[], expires = '2027-01-31'): string {
  const file = join(scratch, `acks-${fingerprints.join('-').slice(0, 40)}-${expires}.yaml`);
  writeFileSync(
    file,
    stringify({
      acknowledgements: fingerprints.map((fingerprint) => ({
        fingerprint,
        reason: 'planned re-addressing in the maintenance window of 2026-12-12',
        reference: 'CR-2026-118',
        expires,
      })),
    }),
  );
  return file;
}

describe('AWS change set gate', () => {
  const changeSet = parseChangeSet(json(REPLACE_CVPN), REPLACE_CVPN);

  test('a replaced Client VPN endpoint blocks, with the cause and what it means; what is replaced with it is folded in', () => {
    const check = checkChangeSet(changeSet, REPLACE_CVPN);
    const blocking = check.findings.filter((f) => f.severity === 'block');
    expect(blocking.map((f) => [f.rule, f.resource, f.action])).toEqual([
      ['stateful-replaced', 'awstokyo0Endpoint835FFD86', 'replacement'],
    ]);
    const endpoint = blocking[0]!;
    expect(endpoint.cause).toEqual(['Properties.ClientCidrBlock']);
    expect(endpoint.category).toBe('replacement');
    expect(endpoint.userImpact).toMatch(/new DNS name/);
    // Associations, routes and the authorization rule are replaced because they refer to the
    // endpoint: one info finding each, pointing at it (the review does the same).
    const folded = check.findings.filter((f) => f.rule === 'replaced-with-parent');
    expect(folded).toHaveLength(6);
    expect(
      folded.every((f) => f.severity === 'info' && f.message.includes('awstokyo0Endpoint835FFD86')),
    ).toBe(true);
    expect(folded[0]!.cause).toEqual(['Properties.ClientVpnEndpointId']);
    expect(check.input.counts).toEqual({ add: 0, update: 2, replace: 7, delete: 0, other: 0 });
  });

  test('a stateful resource replaced because of a non-stateful one still blocks', () => {
    const cs = parseChangeSet(
      {
        StackName: 's',
        Changes: [
          {
            ResourceChange: {
              Action: 'Modify',
              LogicalResourceId: 'SubnetA',
              ResourceType: 'AWS::EC2::Subnet',
              Replacement: 'True',
              Details: [
                { Target: { Attribute: 'Properties', Name: 'CidrBlock', RequiresRecreation: 'Always' } },
              ],
            },
          },
          {
            ResourceChange: {
              Action: 'Modify',
              LogicalResourceId: 'AssociationA',
              ResourceType: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
              Replacement: 'True',
              Details: [
                {
                  Target: { Attribute: 'Properties', Name: 'SubnetId', RequiresRecreation: 'Always' },
                  ChangeSource: 'ResourceReference',
                  CausingEntity: 'SubnetA',
                },
              ],
            },
          },
        ],
      },
      's.json',
    );
    expect(checkChangeSet(cs, 's.json').findings.map((f) => [f.rule, f.resource, f.severity])).toEqual([
      ['resource-replaced', 'SubnetA', 'warn'],
      ['stateful-replaced', 'AssociationA', 'block'],
    ]);
  });

  test('with the template: every endpoint of the stack replaced (cannot be acknowledged) and the CRL re-import drops sessions', () => {
    const check = checkChangeSet(changeSet, REPLACE_CVPN, REMOTE_ACCESS_TEMPLATE);
    const tier = check.findings.find((f) => f.rule === 'tier-all-endpoints-replaced');
    expect(tier?.acknowledgeable).toBe(false);
    expect(tier?.severity).toBe('block');
    const crl = check.findings.find((f) => f.rule === 'session-client-vpn-crl-import');
    expect(crl?.severity).toBe('warn');
    expect(crl?.category).toBe('interruption');
    expect(crl?.message).toContain('API_ImportClientVpnClientCertificateRevocationList');
  });

  test('acknowledging the replacements lets it pass; the whole-tier finding still blocks', () => {
    const check = checkChangeSet(changeSet, REPLACE_CVPN);
    const ids = check.findings.filter((f) => f.severity === 'block').map((f) => f.id);
    const report = runGate({ awsChangeSets: [REPLACE_CVPN], acks: acksFile(ids), today: TODAY });
    expect(report.verdict).toBe('pass');
    expect(report.acks.applied).toHaveLength(1);

    const withTemplate = buildGateReport(
      [checkChangeSet(changeSet, REPLACE_CVPN, REMOTE_ACCESS_TEMPLATE)],
      ids.map((fingerprint) => ({
        fingerprint,
        reason: 'planned',
        reference: 'CR-1',
        expires: '2027-01-31',
      })),
      TODAY,
    );
    expect(withTemplate.verdict).toBe('block');
    expect(
      withTemplate.findings.filter((f) => f.severity === 'block' && !f.acknowledged).map((f) => f.rule),
    ).toEqual(['tier-all-endpoints-replaced']);
  });

  test('an expired acknowledgement no longer applies', () => {
    const ids = checkChangeSet(changeSet, REPLACE_CVPN)
      .findings.filter((f) => f.severity === 'block')
      .map((f) => f.id);
    const report = runGate({
      awsChangeSets: [REPLACE_CVPN],
      acks: acksFile(ids, '2026-11-30'),
      today: TODAY,
    });
    expect(report.verdict).toBe('block');
    expect(report.acks.expired).toHaveLength(1);
  });

  test('a change set that only updates tags passes with no findings', () => {
    const report = runGate({ awsChangeSets: [TAGS_ONLY], acks: acksFile([]), today: TODAY });
    expect(report.verdict).toBe('pass');
    expect(report.findings).toEqual([]);
    expect(report.changes.map((c) => c.action)).toEqual(['update', 'update', 'update']);
    expect(report.changes[0]?.paths).toEqual(['Properties.Tags.Value']);
  });

  test('a deleted directory blocks; a retained (orphaned) one warns; a deleted alarm warns', () => {
    const remove = (LogicalResourceId: string, ResourceType: string, PolicyAction?: string) => ({
      Type: 'Resource',
      ResourceChange: {
        Action: 'Remove',
        LogicalResourceId,
        ResourceType,
        Scope: [],
        Details: [],
        PolicyAction,
      },
    });
    const cs = parseChangeSet(
      {
        StackName: 'hyogo-prod-identity-apne1',
        Status: 'CREATE_COMPLETE',
        Changes: [
          remove('DirectoryManagedAd', 'AWS::DirectoryService::MicrosoftAD', 'Delete'),
          remove('AuditBucket', 'AWS::S3::Bucket', 'Retain'),
          remove('SomeAlarm', 'AWS::CloudWatch::Alarm', 'Delete'),
        ],
      },
      'inline.json',
    );
    const { findings } = checkChangeSet(cs, 'inline.json');
    expect(findings.map((f) => [f.rule, f.severity, f.action])).toEqual([
      ['stateful-deleted', 'block', 'delete'],
      ['stateful-orphaned', 'warn', 'orphan'],
      ['resource-deleted', 'warn', 'delete'],
    ]);
  });

  test('a conditional replacement of a stateful resource blocks as may-replace', () => {
    const cs = parseChangeSet(
      {
        StackName: 's',
        Changes: [
          {
            Type: 'Resource',
            ResourceChange: {
              Action: 'Modify',
              LogicalResourceId: 'Key',
              ResourceType: 'AWS::KMS::Key',
              Replacement: 'Conditional',
              Details: [
                { Target: { Attribute: 'Properties', Name: 'KeySpec', RequiresRecreation: 'Conditionally' } },
              ],
            },
          },
        ],
      },
      'x.json',
    );
    const [finding] = checkChangeSet(cs, 'x.json').findings;
    expect(finding).toMatchObject({
      rule: 'stateful-replaced',
      action: 'may-replace',
      cause: ['Properties.KeySpec'],
    });
  });

  test('a replaced resource with a fixed physical name blocks (the update would fail)', () => {
    const cs = parseChangeSet(
      {
        StackName: 's',
        Changes: [
          {
            Type: 'Resource',
            ResourceChange: {
              Action: 'Modify',
              LogicalResourceId: 'Topic',
              ResourceType: 'AWS::SNS::Topic',
              Replacement: 'True',
              AfterContext: JSON.stringify({ Properties: { TopicName: 'alarms', FifoTopic: true } }),
              Details: [
                { Target: { Attribute: 'Properties', Name: 'FifoTopic', RequiresRecreation: 'Always' } },
              ],
            },
          },
        ],
      },
      'x.json',
    );
    expect(checkChangeSet(cs, 'x.json').findings.map((f) => [f.rule, f.severity, f.cause])).toEqual([
      ['resource-replaced', 'warn', ['Properties.FifoTopic']],
      ['fixed-name-replacement', 'block', ['Properties.TopicName', 'Properties.FifoTopic']],
    ]);
  });

  test('malformed input is a GateInputError naming the file and field', () => {
    expect(() => parseChangeSet({ Changes: [] }, 'bad.json')).toThrow(GateInputError);
    expect(() => parseChangeSet({ Changes: [] }, 'bad.json')).toThrow(/bad\.json: .*StackName/);
    expect(() =>
      parseChangeSet({ StackName: 's', Changes: [{ ResourceChange: { Action: 'Explode' } }] }, 'b.json'),
    ).toThrow(/Changes\.0\.ResourceChange\.Action/);
  });

  test('pages of one change set are merged', () => {
    const page = json(REPLACE_CVPN) as { Changes: unknown[] };
    const pages = [
      { ...page, Changes: page.Changes.slice(0, 3), NextToken: 'abc' },
      { ...page, Changes: page.Changes.slice(3) },
    ];
    expect(parseChangeSet(pages, 'pages.json').Changes).toHaveLength(page.Changes.length);
  });
});

describe('Terraform saved-plan gate', () => {
  test('a replaced ExpressRoute circuit and its peering block, with replace_paths as the cause', () => {
    const plan = parseTerraformPlan(json(REPLACE_CIRCUIT), REPLACE_CIRCUIT);
    const check = checkTerraformPlan(plan, REPLACE_CIRCUIT, 'hyogo-prod-connectivity');
    const blocking = check.findings.filter((f) => f.severity === 'block');
    expect(blocking.map((f) => [f.rule, f.type, f.cause])).toEqual([
      ['stateful-replaced', 'azurerm_express_route_circuit', ['peering_location']],
      ['stateful-replaced', 'azurerm_express_route_circuit_peering', ['express_route_circuit_name']],
    ]);
    expect(blocking[0]!.userImpact).toMatch(/provider .* must provision the circuit again/);
    expect(blocking[0]!.message).toContain('replace_because_cannot_update');
    // The no-op resource group is not a change.
    expect(check.changes.map((c) => c.type)).toEqual([
      'azurerm_express_route_circuit',
      'azurerm_express_route_circuit_peering',
    ]);
  });

  test('a scale-unit change is in place: no block, a cited downtime warning', () => {
    const report = runGate({
      terraformPlans: [`hyogo-prod-remote-access=${SCALE_UNIT}`],
      acks: acksFile([]),
      today: TODAY,
    });
    expect(report.verdict).toBe('pass');
    expect(report.changes.map((c) => [c.action, c.paths])).toEqual([['update', ['scale_unit']]]);
    expect(report.findings.map((f) => [f.rule, f.severity, f.category, f.cause])).toEqual([
      ['session-p2s-scale-unit', 'warn', 'interruption', ['scale_unit']],
    ]);
    expect(report.findings[0]?.message).toMatch(/LIMITS\.md/);
  });

  test('a replaced point-to-site gateway is every endpoint of its tier: cannot be acknowledged', () => {
    const plan = parseTerraformPlan(json(SCALE_UNIT), SCALE_UNIT);
    const rc = plan.resource_changes[0]!;
    const replaced = {
      ...plan,
      resource_changes: [
        {
          ...rc,
          change: {
            ...rc.change,
            actions: ['delete', 'create'] as const,
            replace_paths: [['vpn_server_configuration_id']],
          },
        },
      ],
    };
    const findings = checkTerraformPlan(
      parseTerraformPlan(replaced, 'x'),
      'x',
      'hyogo-prod-remote-access',
    ).findings;
    expect(findings.map((f) => [f.rule, f.acknowledgeable])).toEqual([
      ['stateful-replaced', true],
      ['tier-all-endpoints-replaced', false],
    ]);
  });

  test('destroy of a stateful resource blocks; forget warns', () => {
    const plan = parseTerraformPlan(
      {
        format_version: '1.2',
        resource_changes: [
          {
            address: 'azurerm_log_analytics_workspace.w',
            type: 'azurerm_log_analytics_workspace',
            change: { actions: ['delete'], before: {}, after: null },
            action_reason: 'delete_because_no_resource_config',
          },
          {
            address: 'azurerm_virtual_hub.h',
            type: 'azurerm_virtual_hub',
            change: { actions: ['forget'], before: {}, after: null },
          },
        ],
      },
      'p.json',
    );
    expect(checkTerraformPlan(plan, 'p.json', 's').findings.map((f) => [f.rule, f.severity])).toEqual([
      ['stateful-deleted', 'block'],
      ['stateful-orphaned', 'warn'],
    ]);
  });

  test('changed paths include list indexes and unknown-after values', () => {
    expect(
      changedPaths({ a: [{ b: 1 }, { b: 2 }], c: 'x' }, { a: [{ b: 1 }, { b: 3 }], c: 'x' }, {}),
    ).toEqual(['a.1.b']);
    expect(changedPaths({ id: 'x' }, {}, { id: true })).toEqual(['id']);
  });

  test('the stack comes from name=file, cdktf.out/stacks/<name>/ or plan-<name>.json', () => {
    expect(stackOfPlanArgument('conn=/tmp/p.json')).toEqual({ stack: 'conn', file: '/tmp/p.json' });
    expect(stackOfPlanArgument('cdktf.out/stacks/hyogo-prod-links/plan.json').stack).toBe('hyogo-prod-links');
    expect(stackOfPlanArgument('out/plan-hyogo-prod-links.json').stack).toBe('hyogo-prod-links');
  });

  test('not a plan: GateInputError', () => {
    expect(() => parseTerraformPlan({ resource_changes: [] }, 'x.json')).toThrow(/x\.json: .*format_version/);
  });
});

describe('report', () => {
  test('Markdown: verdict first, the blocking table with fingerprints', () => {
    const report = runGate({
      awsChangeSets: [REPLACE_CVPN],
      terraformPlans: [REPLACE_CIRCUIT],
      acks: acksFile([]),
      today: TODAY,
    });
    const md = renderGateMarkdown(report);
    expect(md.split('\n')[0]).toMatch(
      /^\*\*Deploy gate: BLOCK\*\* - 3 unacknowledged blocking finding\(s\) in 2 input\(s\)/,
    );
    expect(md).toContain('| id | stack | resource | type | action | cause | what it means for users |');
    for (const f of report.findings.filter((x) => x.severity === 'block'))
      expect(md).toContain(`\`${f.id}\``);
  });
});

describe('stack policy', () => {
  test('denies replace and delete on the stateful resources only, minus the exempted ones', () => {
    const policy = stackPolicyFor(REMOTE_ACCESS_TEMPLATE);
    expect(policy.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: 'Update:*',
      Principal: '*',
      Resource: '*',
    });
    expect(policy.Statement[1]).toEqual({
      Effect: 'Deny',
      Action: ['Update:Replace', 'Update:Delete'],
      Principal: '*',
      Resource: [
        'LogicalResourceId/ClientConnectDeviceRegistryE3FE0317',
        'LogicalResourceId/awstokyo0Associationapnortheast1aA504ADCF',
        'LogicalResourceId/awstokyo0Endpoint835FFD86',
      ],
    });
    const exempt = stackPolicyFor(REMOTE_ACCESS_TEMPLATE, ['awstokyo0Endpoint835FFD86']);
    expect(exempt.Statement[1]?.Resource).not.toContain('LogicalResourceId/awstokyo0Endpoint835FFD86');
  });
});

describe('tsunagi gate (built CLI)', () => {
  const BIN = join(ROOT, 'bin', 'tsunagi.cjs');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, 'gate', ...args], { cwd: ROOT, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  /** The same command in-process (test/support/run-tsunagi.ts), where the bundle is not the point. */
  const here = (...args: string[]) => runTsunagi(['gate', ...args]);
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'tsunagi.js')))
      throw new Error('dist/ is missing: run `node scripts/build.mjs`');
  });

  test('exit 1 and a BLOCK verdict for the endpoint replacement, 0 for tags only (in-process)', async () => {
    const empty = acksFile([]);
    const block = run('--aws-change-set', REPLACE_CVPN, '--acks', empty);
    expect(block.code).toBe(1);
    expect(block.stdout.split('\n')[0]).toContain('Deploy gate: BLOCK');
    const pass = await here('--aws-change-set', TAGS_ONLY, '--acks', empty, '--format', 'json');
    expect(pass.code).toBe(0);
    expect(JSON.parse(pass.stdout)).toMatchObject({
      schemaVersion: 1,
      kind: 'gate',
      verdict: 'pass',
      findings: [],
    });
  });

  test('exit 2 with a message (no stack trace) for bad input and bad usage', async () => {
    const bad = join(scratch, 'not-a-change-set.json');
    writeFileSync(bad, '{"hello": 1}');
    const r = await here('--aws-change-set', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /not-a-change-set\.json: is not the JSON of `aws cloudformation describe-change-set`/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await here()).code).toBe(2);
    expect((await here('--terraform-plan', join(scratch, 'missing.json'))).stderr).toMatch(
      /missing\.json: does not exist/,
    );
  });

  test('--stack-policy prints the policy of a template', async () => {
    const template = join(scratch, 'template.json');
    writeFileSync(template, JSON.stringify({ Resources: REMOTE_ACCESS_TEMPLATE }));
    const r = await here('--stack-policy', template, '--allow', 'ClientConnectDeviceRegistryE3FE0317');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).Statement[1].Resource).toEqual([
      'LogicalResourceId/awstokyo0Associationapnortheast1aA504ADCF',
      'LogicalResourceId/awstokyo0Endpoint835FFD86',
    ]);
  });
});

test('a Terraform replacement for an attribute the ForceNew table calls in place is reported as a warning', () => {
  const plan = parseTerraformPlan(
    {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'azurerm_point_to_site_vpn_gateway.g',
          type: 'azurerm_point_to_site_vpn_gateway',
          change: {
            actions: ['delete', 'create'],
            before: { scale_unit: 1 },
            after: { scale_unit: 2 },
            replace_paths: [['scale_unit']],
          },
        },
      ],
    },
    'p.json',
  );
  const { warnings } = checkTerraformPlan(plan, 'p.json', 's');
  expect(warnings).toEqual([
    expect.stringMatching(/scale_unit, which the ForceNew table \(azurerm 4\.55\.0\) lists as in place/),
  ]);
});

test('a passing gate report exempts what its change set replaces or removes; a blocking one exempts nothing', () => {
  const changeSet = parseChangeSet(json(REPLACE_CVPN), REPLACE_CVPN);
  const check = checkChangeSet(changeSet, REPLACE_CVPN);
  const acks = check.findings
    .filter((f) => f.severity === 'block')
    .map((f) => ({
      fingerprint: f.id,
      reason: 'planned re-addressing',
      reference: 'CR-1',
      expires: '2027-01-31',
    }));
  const passing = buildGateReport([check], acks, TODAY);
  expect(passing.verdict).toBe('pass');
  // The endpoint and everything replaced with it (associations, routes, the authorization rule).
  expect(exemptionsFromGateReport(passing, 'hyogo-prod-remote-access-apne1')).toHaveLength(7);
  expect(exemptionsFromGateReport(passing, 'hyogo-prod-remote-access-apne1')).toContain(
    'awstokyo0Associationapnortheast1aA504ADCF',
  );
  expect(exemptionsFromGateReport(passing, 'another-stack')).toEqual([]);
  expect(() => exemptionsFromGateReport(buildGateReport([check], [], TODAY), undefined)).toThrow(/blocks/);
});
