/**
 * The prewarmed validator (lib/aws/validation/prewarmed-validator.ts): its worker runs
 * aws-cdk-lib's built-in CloudFormationValidatePlugin on the templates and returns its report
 * (real violations in one template, none in a clean one, none in any template of the default
 * fixture as the real CLI synthesized it); a worker that cannot answer falls back to the
 * built-in validation in this thread. Runs the engine once (about 2.5 s of CPU to start), for
 * the whole suite: jest's global setup synthesizes with the validator off.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { App, CloudFormationValidatePlugin, type IPolicyValidationContext } from 'aws-cdk-lib/core';
import {
  PrewarmedCloudFormationValidatePlugin,
  usePrewarmedValidator,
} from '../../../lib/aws/validation/prewarmed-validator';
import {
  startValidatorWorkerEarly,
  takeEarlyValidatorWorker,
} from '../../../lib/aws/validation/validator-worker';
import { artifactsDir } from '../../support/synthesized';

/** The default fixture's templates as `tsunagi synth` wrote them (global setup). */
function hyogoTemplates() {
  const outdir = join(artifactsDir('hyogo'), 'cdk.out');
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
  return Object.entries<{ type: string; environment: string; properties: { templateFile: string } }>(
    manifest.artifacts,
  )
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([stack, artifact]) => ({
      stackConstructPath: stack,
      templatePath: join(outdir, artifact.properties.templateFile),
      accountId: undefined,
      region: artifact.environment.split('/').pop()!,
    }));
}

let dir: string;
let context: IPolicyValidationContext;
let hyogo: ReturnType<typeof hyogoTemplates>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsunagi-validate-'));
  const bad = join(dir, 'bad.template.json');
  const clean = join(dir, 'clean.template.json');
  writeFileSync(
    bad,
    JSON.stringify({
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', NoSuchProperty: 1 } },
        Subnet: { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: 42 } },
      },
    }),
  );
  writeFileSync(
    clean,
    JSON.stringify({
      Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } },
    }),
  );
  hyogo = hyogoTemplates();
  const stackTemplates = [
    { stackConstructPath: 'Bad', templatePath: bad, accountId: undefined, region: 'ap-northeast-1' },
    { stackConstructPath: 'Clean', templatePath: clean, accountId: undefined, region: 'ap-northeast-1' },
    ...hyogo,
  ];
  context = {
    templatePaths: stackTemplates.map((t) => t.templatePath),
    stackTemplates,
    region: 'ap-northeast-1',
    appConstruct: new App(),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the worker runs the built-in plugin: real violations, with their rules, properties and resources; none, warnings included, in the default fixture', () => {
  // The worker calls CloudFormationValidatePlugin.validate itself (one engine, about 2.5 s);
  // what comes back is that plugin's report as data.
  expect(hyogo.length).toBeGreaterThanOrEqual(10);
  const prewarmed = new PrewarmedCloudFormationValidatePlugin();
  const report = prewarmed.validate(context);
  expect(prewarmed.fallbackReason).toBeUndefined();
  expect(report.success).toBe(false);
  // The engine's identity came back with the report (the base class would load the engine here).
  const engine = JSON.parse(
    readFileSync(
      join(dirname(require.resolve('aws-cdk-lib')), 'node_modules/@aws/cloudformation-validate/package.json'),
      'utf8',
    ),
  );
  expect(prewarmed.version).toBe(engine.version);
  expect(prewarmed.ruleIds).toEqual([engine.version]);
  const found = report.violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity,
    resources: v.violatingResources.map((r) => [r.resourceLogicalId, r.templatePath]),
    description: v.description,
  }));
  for (const v of found) expect(v.rule).toMatch(/^[EFW]\d{4}$/);
  // Every violation is in the bad template, except one rule: none in the clean template, and
  // in the default fixture's templates only W3010 (a hard-coded Availability Zone) on its
  // subnets, which lib/aws acknowledges (the address plan pins each subnet to a zone), so a
  // real synth reports nothing, warnings included. This is the plugin's raw report: the
  // acknowledgements apply in aws-cdk-lib's synthesis, against the construct tree.
  const resourceType = (template: string, id: string) =>
    JSON.parse(readFileSync(template, 'utf8')).Resources[id]?.Type;
  const elsewhere = found.flatMap((v) =>
    v.resources
      .filter(([, template]) => template !== context.templatePaths[0])
      .map(([id, template]) => `${v.rule} ${resourceType(template!, id!)}`),
  );
  expect(elsewhere.length).toBeGreaterThan(0);
  expect(new Set(elsewhere)).toEqual(new Set(['W3010 AWS::EC2::Subnet']));
  // The unknown property on the VPC, the subnet's missing VpcId, its number for a CIDR string.
  expect(found).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        severity: 'error',
        resources: [['Vpc', context.templatePaths[0]]],
        description: expect.stringMatching(/NoSuchProperty/),
      }),
      expect.objectContaining({
        severity: 'error',
        resources: [['Subnet', context.templatePaths[0]]],
        description: expect.stringMatching(/'VpcId' is a required property/),
      }),
      expect.objectContaining({
        severity: 'warning',
        resources: [['Subnet', context.templatePaths[0]]],
        description: expect.stringMatching(/CidrBlock: 42 is not of type 'string'/),
      }),
    ]),
  );
});

// The tests below start worker threads they never ask to validate, and wait for each to exit: an
// engine still initialising when jest ends the worker process would hold it up until jest kills it.
test('a worker that does not answer in time: the built-in validation runs here instead', async () => {
  const sentinel = { success: true, violations: [] };
  const builtIn = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate').mockReturnValue(sentinel);
  try {
    const prewarmed = new PrewarmedCloudFormationValidatePlugin({ timeoutMs: 0 });
    expect(prewarmed.validate(context)).toBe(sentinel);
    expect(builtIn).toHaveBeenCalledWith(context);
    expect(prewarmed.fallbackReason).toMatch(/no answer from the worker in 0 ms/);
    await prewarmed.dispose();
  } finally {
    builtIn.mockRestore();
  }
});

test('CDK_VALIDATION=false registers nothing; otherwise one plugin on the App', async () => {
  const saved = process.env.CDK_VALIDATION;
  try {
    process.env.CDK_VALIDATION = 'false';
    expect(usePrewarmedValidator(new App())).toBeUndefined();
    process.env.CDK_VALIDATION = 'true';
    const app = new App();
    const plugin = usePrewarmedValidator(app);
    expect(plugin).toBeInstanceOf(CloudFormationValidatePlugin);
    expect(app._validationPlugins).toEqual([plugin]);
    await plugin!.dispose();
  } finally {
    process.env.CDK_VALIDATION = saved;
  }
});

test('the worker started early is handed out once, to the first plugin that asks', async () => {
  startValidatorWorkerEarly();
  const early = takeEarlyValidatorWorker();
  expect(early).toBeDefined();
  expect(takeEarlyValidatorWorker()).toBeUndefined();
  await early!.terminate();
});

test('the built AWS app starts the worker before it loads aws-cdk-lib (bin/aws.ts imports it first)', () => {
  // jest's global setup builds dist/; an import reordered in bin/aws.ts would start the engine
  // 0.55 s later in every synth, with nothing else failing.
  const bundle = readFileSync(join(__dirname, '..', '..', '..', 'dist', 'aws.js'), 'utf8');
  const start = bundle.indexOf('startValidatorWorkerEarly();');
  const awsCdkLib = bundle.indexOf('require("aws-cdk-lib');
  expect(start).toBeGreaterThan(0);
  expect(awsCdkLib).toBeGreaterThan(0);
  expect(start).toBeLessThan(awsCdkLib);
});
