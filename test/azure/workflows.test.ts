/**
 * The Azure deploy and revoke workflows: one job per stack group in dependency order with
 * timeouts that fit the gateways' create times, the deploy gate kept in every job, locks
 * enforced; the revoke workflow runs by hand only, changes nothing through Terraform, and
 * writes its audit trail to the run summary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Job {
  needs?: string | string[];
  'timeout-minutes': number;
  steps: { name?: string; run?: string; uses?: string; if?: string }[];
}
const deploy = parse(read('.github/workflows/deploy-azure.yml')) as { jobs: Record<string, Job> };
const revokeText = read('.github/workflows/revoke-azure.yml');
const revoke = parse(revokeText) as { on: Record<string, unknown>; jobs: Record<string, Job> };

const needs = (job: Job) =>
  job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];

describe('deploy-azure.yml', () => {
  test('one job per stack group, each after the groups it reads by name', () => {
    expect(Object.keys(deploy.jobs)).toEqual([
      'synth',
      'connectivity',
      'remote-access',
      'links',
      'identity',
      'monitoring',
    ]);
    expect(needs(deploy.jobs.connectivity!)).toEqual(['synth']);
    for (const group of ['remote-access', 'links', 'identity'])
      expect(needs(deploy.jobs[group]!)).toEqual(['connectivity']);
    expect(needs(deploy.jobs.monitoring!).sort()).toEqual(['identity', 'links', 'remote-access']);
  });

  test('timeouts fit the longest create chain of each stack (a gateway alone can take 90 minutes)', () => {
    const t = (job: string) => deploy.jobs[job]!['timeout-minutes'];
    expect(t('connectivity')).toBeGreaterThanOrEqual(210);
    expect(t('remote-access')).toBeGreaterThanOrEqual(120);
    expect(t('links')).toBeGreaterThanOrEqual(120);
    expect(t('identity')).toBeGreaterThanOrEqual(180);
    // No single job holds every stack any more.
    expect(Math.max(...Object.values(deploy.jobs).map((j) => j['timeout-minutes']))).toBeLessThanOrEqual(240);
  });

  test('every stack job plans to a file, gates it, applies exactly that plan, with the committed lock', () => {
    for (const group of ['connectivity', 'remote-access', 'links', 'identity', 'monitoring']) {
      const run = deploy.jobs[group]!.steps.map((s) => s.run ?? '').join('\n');
      const order = [
        'init -input=false -lockfile=readonly',
        'plan -input=false -out=tfplan',
        'show -json tfplan',
        'npx tsunagi gate --terraform-plan',
        'apply -input=false tfplan',
      ].map((needle) => run.indexOf(needle));
      expect({ group, order: order.every((i) => i >= 0) }).toEqual({ group, order: true });
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });
});

describe('revoke-azure.yml', () => {
  test('runs by hand only, asks for a ticket, and records the audit trail in the run summary', () => {
    expect(Object.keys(revoke.on)).toEqual(['workflow_dispatch']);
    const inputs = (revoke.on.workflow_dispatch as { inputs: Record<string, { required: boolean }> }).inputs;
    expect(inputs.ticket!.required).toBe(true);
    expect(revokeText).toMatch(/GITHUB_STEP_SUMMARY/);
    expect(revokeText).toMatch(/GITHUB_ACTOR/);
  });

  test('revokes the thumbprint on the server configurations and disables the device and user through Graph, without Terraform', () => {
    const run = revoke.jobs.revoke!.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toMatch(/az network vpn-server-config update[\s\S]*vpnClientRevokedCertificates/);
    expect(run).toMatch(/az rest --method PATCH --url "https:\/\/graph\.microsoft\.com\/v1\.0\/devices\//);
    expect(run).toMatch(/accountEnabled": false/);
    expect(run).toMatch(/revokeSignInSessions/);
    expect(run).not.toMatch(/terraform (plan|apply)/);
  });
});
