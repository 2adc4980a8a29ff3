/**
 * The GitHub workflows wire the review and the deploy gates as docs/deploy-gates.md says:
 * the PR review never runs with a privileged trigger, keeps one comment, fails on block; the
 * deploys check change sets and saved plans between creating and executing them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { name?: string; steps: Step[] }>;
}

describe('review.yml', () => {
  const text = read('.github/workflows/review.yml');
  const workflow = parse(text) as Workflow;
  const steps = workflow.jobs.review!.steps;

  test('plain pull_request trigger, never pull_request_target; no secrets', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const code = text
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    expect(code).not.toMatch(/pull_request_target/);
    expect(code).not.toMatch(/secrets\./);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  test('synthesizes base and head, reviews, summary, artifact, one comment by marker, fails on block', () => {
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/tsunagi synth --profile "\$TSUNAGI_PROFILE" --output "\$OUT\/base"/);
    expect(runs).toMatch(/tsunagi synth --profile "\$TSUNAGI_PROFILE" --output "\$OUT\/head"/);
    expect(runs).toMatch(/tsunagi review --base "\$OUT\/base" --head "\$OUT\/head"/);
    expect(runs).toContain('$GITHUB_STEP_SUMMARY');
    expect(steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
    const comment = steps.find((s) => s.uses?.startsWith('actions/github-script'))!;
    expect(String(comment.with?.script)).toContain('<!-- tsunagi-review -->');
    expect(String(comment.with?.script)).toContain('updateComment');
    expect(comment.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    const last = steps[steps.length - 1]!;
    expect(last.if).toBe("steps.review.outputs.status != '0'");
    expect(last.run).toContain('exit 1');
    expect(workflow.jobs.review!.name).toBe('tsunagi review');
  });

  test('the comment script posts the report with the marker once and the verdict on line 1', async () => {
    const script = String(steps.find((s) => s.uses?.startsWith('actions/github-script'))!.with?.script);
    const dir = mkdtempSync(join(tmpdir(), 'tsunagi-comment-'));
    try {
      const report = join(dir, 'review.md');
      writeFileSync(
        report,
        '<!-- tsunagi-review -->\u274c **tsunagi review: block** \u2014 1 finding\n\nbody\n',
      );
      const posted: string[] = [];
      const github = {
        paginate: async () => [],
        rest: {
          issues: {
            listComments: () => undefined,
            updateComment: async () => undefined,
            createComment: async ({ body }: { body: string }) => posted.push(body),
          },
        },
      };
      const context = { repo: { owner: 'o', repo: 'r' }, payload: { pull_request: { number: 7 } } };
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
      await new AsyncFunction('require', 'github', 'context', 'process', script)(require, github, context, {
        env: { REPORT: report },
      });
      expect(posted).toHaveLength(1);
      expect(posted[0]!.split('<!-- tsunagi-review -->')).toHaveLength(2);
      expect(posted[0]!.split('\n')[0]).toBe(
        '<!-- tsunagi-review -->\u274c **tsunagi review: block** \u2014 1 finding',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('both checkouts fetch full history and keep no credentials; Node 24', () => {
    const checkouts = steps.filter((s) => s.uses?.startsWith('actions/checkout'));
    expect(checkouts).toHaveLength(2);
    for (const c of checkouts)
      expect(c.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(24);
  });
});

describe('deploy-aws.yml and scripts/aws-gated-deploy.sh', () => {
  test('the deploy goes through the gate script; no direct cdk deploy --all', () => {
    const text = read('.github/workflows/deploy-aws.yml');
    expect(text).toContain('bash scripts/aws-gated-deploy.sh cdk.out');
    expect(text).not.toMatch(/cdk deploy --all/);
  });

  test('prepare change set -> describe -> gate -> execute -> stack policy, in that order', () => {
    const script = read('scripts/aws-gated-deploy.sh');
    const order = [
      '--method=prepare-change-set',
      'describe_change_set "$stack"',
      'npx tsunagi gate --aws-change-set',
      'exit "$status"',
      '--allow-gated',
      '--method=execute-change-set',
      'npx tsunagi gate --stack-policy "$template" --output',
      'set-stack-policy',
    ].map((needle) => {
      const at = script.lastIndexOf(needle);
      expect({ needle, found: at >= 0 }).toEqual({ needle, found: true });
      return at;
    });
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(spawnSync('bash', ['-n', join(ROOT, 'scripts/aws-gated-deploy.sh')]).status).toBe(0);
  });

  test('cdk-stacks.mjs orders stacks after their dependencies and prints their Regions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsunagi-cdk-stacks-'));
    try {
      const stack = (env: string, dependencies: string[]) => ({
        type: 'aws:cloudformation:stack',
        environment: env,
        properties: { templateFile: 'x.template.json' },
        dependencies,
      });
      writeFileSync(
        join(dir, 'manifest.json'),
        JSON.stringify({
          artifacts: {
            'o-p-remote-access-apne3': stack('aws://1/ap-northeast-3', [
              'o-p-network-apne3',
              'o-p-remote-access-apne3.assets',
            ]),
            'o-p-network-apne3': stack('aws://1/ap-northeast-3', []),
            'o-p-remote-access-apne3.assets': { type: 'cdk:asset-manifest' },
          },
        }),
      );
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts/cdk-stacks.mjs'), dir], {
        encoding: 'utf8',
      });
      expect(r.stdout.trim().split('\n')).toEqual([
        'o-p-network-apne3 o-p-network-apne3 ap-northeast-3',
        'o-p-remote-access-apne3 o-p-remote-access-apne3 ap-northeast-3',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy-azure.yml', () => {
  test('plan -out, show -json, gate, then apply exactly the saved plan', () => {
    const text = read('.github/workflows/deploy-azure.yml');
    const order = [
      'plan -input=false -out=tfplan',
      'show -json tfplan',
      'npx tsunagi gate --terraform-plan',
      'apply -input=false tfplan',
    ].map((needle) => text.indexOf(needle));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Plan JSON carries sensitive values in clear text: never uploaded.
    expect(text).not.toMatch(/path:[^\n]*plan-\*\.json/);
  });
});
