/**
 * The prewarmed validator (lib/aws/validation/prewarmed-validator.ts) reports exactly what
 * aws-cdk-lib's built-in CloudFormationValidatePlugin reports, for a template with real
 * violations and for a clean one; and a worker that cannot answer falls back to validating in
 * this thread. Runs the engine twice (about 2 s each, the worker's in parallel).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CloudFormationValidatePlugin, type IPolicyValidationContext } from 'aws-cdk-lib';
import {
  PrewarmedCloudFormationValidatePlugin,
  usePrewarmedValidator,
} from '../../../lib/aws/validation/prewarmed-validator';

let dir: string;
let context: IPolicyValidationContext;
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
  const stackTemplates = [
    { stackConstructPath: 'Bad', templatePath: bad, accountId: undefined, region: 'ap-northeast-1' },
    { stackConstructPath: 'Clean', templatePath: clean, accountId: undefined, region: 'ap-northeast-1' },
  ];
  context = {
    templatePaths: [bad, clean],
    stackTemplates,
    region: 'ap-northeast-1',
    appConstruct: new App(),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('same report as the built-in plugin: the violations, their rules and resources', () => {
  // The worker initialises its engine while this thread runs the built-in plugin.
  const prewarmed = new PrewarmedCloudFormationValidatePlugin();
  const builtIn = new CloudFormationValidatePlugin().validate(context);
  const report = prewarmed.validate(context);
  expect(prewarmed.fallbackReason).toBeUndefined();
  expect(report).toEqual(builtIn);
  expect(report.success).toBe(false);
  const rules = report.violations.map((v) => v.ruleName);
  expect(rules.length).toBeGreaterThanOrEqual(2);
  const resources = report.violations.flatMap((v) => v.violatingResources.map((r) => r.resourceLogicalId));
  expect(resources).toEqual(expect.arrayContaining(['Vpc', 'Subnet']));
  expect(resources).not.toContain(undefined);
});

test('a worker that does not answer in time: the built-in validation runs here instead', () => {
  const sentinel = { success: true, violations: [] };
  const builtIn = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate').mockReturnValue(sentinel);
  try {
    const prewarmed = new PrewarmedCloudFormationValidatePlugin({ timeoutMs: 0 });
    expect(prewarmed.validate(context)).toBe(sentinel);
    expect(builtIn).toHaveBeenCalledWith(context);
    expect(prewarmed.fallbackReason).toMatch(/no answer from the worker in 0 ms/);
  } finally {
    builtIn.mockRestore();
  }
});

test('CDK_VALIDATION=false registers nothing; otherwise one plugin on the App', () => {
  const saved = process.env.CDK_VALIDATION;
  try {
    process.env.CDK_VALIDATION = 'false';
    expect(usePrewarmedValidator(new App())).toBeUndefined();
    process.env.CDK_VALIDATION = 'true';
    const app = new App();
    const plugin = usePrewarmedValidator(app);
    expect(plugin).toBeInstanceOf(CloudFormationValidatePlugin);
    expect(app._validationPlugins).toEqual([plugin]);
    plugin!.dispose();
  } finally {
    process.env.CDK_VALIDATION = saved;
  }
});
