/**
 * The CDK app (cdk.json "app"): profile -> plan -> AWS stacks -> cdk.out.
 * `npx cdk synth -c profile=iwate -c environment=prod` selects another profile (or
 * TSUNAGI_PROFILE / TSUNAGI_ENVIRONMENT; lib/cli/selection.ts `chooseProfile`).
 * A profile that uses no AWS Region synthesizes no AWS stack.
 */
// First, for its effect: the validator's engine starts initialising in a worker thread now,
// before aws-cdk-lib and the stacks load (lib/aws/validation/start-validator-worker.ts).
import '../lib/aws/validation/start-validator-worker';
import { App } from 'aws-cdk-lib/core';
import { usePrewarmedValidator } from '../lib/aws/validation/prewarmed-validator';
import { cleanCdkOut } from '../lib/cli/clean-output';
import { unusedCloudNotice, usesCloud } from '../lib/cli/clouds';
import { chooseProfile, loadOrExit, readToolContext, runApp } from '../lib/cli/selection';
import { addAwsStacks } from '../stacks/aws';

// Under the CDK CLI (or `tsunagi synth`) the context arrives in CDK_CONTEXT_JSON; run bare,
// the app reads cdk.json itself so that feature flags are the same either way.
const underCli = process.env.CDK_CONTEXT_JSON !== undefined;
const app = new App(underCli ? {} : { context: readToolContext('cdk.json'), outdir: 'cdk.out' });
const choice = chooseProfile(
  { profile: app.node.tryGetContext('profile'), environment: app.node.tryGetContext('environment') },
  'cdk',
);
runApp(choice.profile, () => {
  const { model, environment } = loadOrExit(choice.profile, choice.environment);
  // Under `tsunagi synth`: the previous cloud assembly goes only now that the profile passed,
  // and before any construct stages an asset into the output directory.
  if (process.env.TSUNAGI_CLEAN_OUTPUT === '1') cleanCdkOut(app.outdir);
  if (usesCloud(model, 'aws')) addAwsStacks(app, model, environment);
  else process.stderr.write(`${unusedCloudNotice(model, 'aws')}\n`);
  // The built-in CloudFormation validator, its engine already initialising in the worker;
  // registered after the stacks' cdk-nag plugin, which then runs first (see usePrewarmedValidator).
  usePrewarmedValidator(app);
  app.synth();
});
