/**
 * `tsunagi diagram`: SVG through Graphviz in WebAssembly, offline, for both fixture profiles,
 * from the artifacts synthesized once in global setup; a scenario that does not exist is
 * refused with the list of ids. Iwate runs the built bundle as a user does (a child process:
 * the bundle must find Graphviz's WebAssembly offline); the rest run the same program
 * in-process (test/support/run-tsunagi.ts).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadModel } from '../support/profiles';
import { runTsunagi } from '../support/run-tsunagi';
import { artifactsDir, type FixtureName } from '../support/synthesized';

const ROOT = join(__dirname, '..', '..');

/** The built command (bin/tsunagi.cjs) in a child process, as a user runs it. */
function builtCommand(args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'tsunagi.cjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test.each<FixtureName>(['hyogo', 'iwate'])(
  '%s: SVG with every tier, population, link and carrier network',
  async (name) => {
    const model = loadModel(name);
    const args = [
      'diagram',
      '-p',
      `test/fixtures/profiles/${name}.yaml`,
      '--artifacts',
      artifactsDir(name),
      '--scenario',
      `region:${model.plan.tiers[0]!.region}`,
    ];
    const { code, stdout, stderr } = name === 'iwate' ? builtCommand(args) : await runTsunagi(args);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^<\?xml[\s\S]*<svg width="\d+pt" height="\d+pt"[\s\S]*<\/svg>\s*$/);
    // Graphviz writes '-' as &#45;, and each node's id as the <title> of its group.
    const svg = stdout.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    const titles = new Set([...svg.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1]));
    for (const tier of model.plan.tiers) expect(titles).toContain(`tier:${tier.tierId}`);
    for (const p of model.profile.populations) expect(titles).toContain(`population:${p.name}`);
    for (const c of model.profile.closedMobileNetworks ?? []) expect(titles).toContain(`carrier:${c.name}`);
    for (const dc of model.profile.dataCentres ?? [])
      for (const link of dc.links) expect(svg).toContain(`${link.name}: ${link.type}`);
    expect(svg).toContain('LOST in this failure');
  },
);

test('an unknown scenario exits 1 and lists the scenarios of the plan', async () => {
  const { code, stdout, stderr } = await runTsunagi([
    'diagram',
    '-p',
    'test/fixtures/profiles/iwate.yaml',
    '--artifacts',
    artifactsDir('iwate'),
    '--scenario',
    'region:us-east-1',
  ]);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toMatch(
    /^tsunagi diagram: --scenario region:us-east-1 is not a scenario of this plan; use one of: zone:aws:/,
  );
});

test('a directory without artifacts exits 1 and says how to make them', async () => {
  const { code, stderr } = await runTsunagi([
    'diagram',
    '-p',
    'test/fixtures/profiles/iwate.yaml',
    '--artifacts',
    __dirname,
  ]);
  expect(code).toBe(1);
  expect(stderr).toMatch(
    /holds neither cdk\.out\/manifest\.json nor cdktf\.out\/manifest\.json; run `tsunagi synth --output/,
  );
});
