/**
 * Whole-app checks: cdk-nag AwsSolutions finds nothing unacknowledged for either profile,
 * and a profile twice the size of Hyogo's keeps every template well inside CloudFormation's
 * limits (500 resources, 1 MB body).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { App, Stack, Validations } from 'aws-cdk-lib/core';
import { AwsSolutionsChecks } from '../../lib/aws/common/nag';
import { artifactsDir, synthRecord } from '../support/synthesized';
import { synthesize, variant } from './support/synth';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const MAX_RESOURCES = 500; // CloudFormation quota
const MAX_BODY_BYTES = 1_000_000; // CloudFormation quota (template body via S3)
const MARGIN_RESOURCES = 400;

describe('cdk-nag AwsSolutions', () => {
  // cdk-nag runs as a validation plugin (stacks/aws/index.ts): a finding that is not
  // acknowledged fails the synth, and a clean run writes no plugin report. So: a finding does
  // fail a synth, the fixtures' synths (nag registered) succeeded, and every
  // acknowledgement in the code carries a specific reason.
  test('an unacknowledged finding fails the synth with its rule', () => {
    const app = new App();
    new Bucket(new Stack(app, 'Bad'), 'Plain');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });

  test.each(['hyogo', 'iwate'] as const)(
    '%s: the fixture synth with cdk-nag registered succeeded, offline',
    (name) => {
      expect(synthRecord(name)).toMatchObject({ code: 0 });
      const outdir = join(artifactsDir(name), 'cdk.out');
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
      // Offline: no context lookup was needed (a lookup would need credentials under the CLI).
      expect(manifest.missing).toBeUndefined();
      const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
      for (const plugin of report.pluginReports) expect(plugin.conclusion).toBe('success');
      expect(report.pluginReports.map((p: { pluginName: string }) => p.pluginName)).not.toContain(
        'AwsSolutions',
      );
    },
  );

  test('every acknowledgement in the AWS code names a rule and a specific reason', () => {
    const calls = [
      ...sourceFiles(join(__dirname, '..', '..', 'lib', 'aws')),
      ...sourceFiles(join(__dirname, '..', '..', 'stacks', 'aws')),
    ]
      .flatMap((file) => [
        ...readFileSync(file, 'utf8').matchAll(
          /acknowledge\(\s*[^,]+,\s*'([^']+)',\s*(?:'([^']*)'|`([^`]*)`)/g,
        ),
      ])
      .map((m) => ({ id: m[1]!, reason: (m[2] ?? m[3])! }));
    expect(calls.length).toBeGreaterThan(5);
    for (const { id, reason } of calls) {
      expect(id).toMatch(/^(AwsSolutions-[A-Z0-9]+(\[.+\])?|CloudFormation-Validate::[EW]\d{4})$/);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});

test('a profile twice the size of Hyogo’s stays well inside CloudFormation limits', () => {
  const m = variant('hyogo', (raw) => {
    raw.target.concurrentUsers *= 2;
    for (const p of raw.populations) p.concurrentUsers *= 2;
    // Twice the populations, networks and data-centre devices.
    const extraNetworks = raw.addressPlan.networks
      .filter((n: { protected?: boolean }) => !n.protected)
      .map((n: { name: string; cidrs: string[]; at: string }, i: number) => ({
        name: `${n.name}-b`,
        // Inside the hosting data centre's prefixes (10.0.0.0/12 Kobe, 10.16.0.0/12 Harima).
        cidrs: [n.at === 'dc:dc-kobe' ? `10.${9 + i}.0.0/16` : `10.${18 + i}.0.0/16`],
        at: n.at,
      }));
    raw.addressPlan.networks.push(...extraNetworks);
    raw.populations.push(
      ...raw.populations.map((p: { name: string; accessGroup: string; reach: string[] }) => ({
        ...p,
        name: `${p.name}-b`,
        accessGroup: `${p.accessGroup}-b`,
        reach: p.reach.map((r) => `${r}-b`),
        concurrentUsers: 1,
      })),
    );
    // Azure policy groups and Conditional Access key each SSO population by its Entra group.
    raw.populations
      .filter((p: { name: string }) => p.name.endsWith('-b'))
      .forEach((p: { name: string }, i: number) => {
        raw.clouds.azure.entraGroupObjectIds[p.name] = `00000000-0000-4000-8000-0000000000b${i}`;
      });
    for (const dc of raw.dataCentres) {
      dc.vpnDevices.push(
        ...dc.vpnDevices.map((d: { name: string; publicIp: string }, i: number) => ({
          name: `${d.name}-b`,
          publicIp: d.publicIp.replace(/\d+$/, String(100 + i)),
        })),
      );
    }
    // Six populations each need their own Azure pools (one slot per population): give the
    // Azure tiers /13 blocks, still inside the client pool supernet 10.64.0.0/10.
    const azureBlocks: Record<string, string> = {
      'azure-japaneast': '10.96.0.0/13',
      'azure-japanwest': '10.104.0.0/13',
    };
    raw.accessTiers = raw.accessTiers.map((t: { id: string; clientAddressBlock: string }) => ({
      ...t,
      clientAddressBlock: azureBlocks[t.id] ?? t.clientAddressBlock,
    }));
  });
  expect(m.profile.populations.length).toBe(6);
  // cdk-nag on, as bin/aws.ts registers it: the larger profile stays free of findings too.
  const s = synthesize(m, { nag: true });
  expect(s.app._validationPlugins.some((p) => p instanceof AwsSolutionsChecks)).toBe(true);
  const counts: Record<string, number> = {};
  for (const [stack, json] of s.json) {
    const resources = Object.keys(json.Resources ?? {}).length;
    counts[stack] = resources;
    expect(resources).toBeLessThan(MARGIN_RESOURCES);
    expect(resources).toBeLessThan(MAX_RESOURCES);
    expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(MAX_BODY_BYTES / 2);
  }
  expect(Object.keys(counts).length).toBeGreaterThanOrEqual(8);
});
