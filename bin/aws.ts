/**
 * The CDK app (cdk.json "app"): profile -> plan -> AWS stacks -> cdk.out.
 * `npx cdk synth -c profile=iwate -c environment=prod` selects another profile.
 */
import { App } from 'aws-cdk-lib';
import { loadOrExit, readToolContext } from '../lib/cli/selection';
import { addAwsStacks } from '../stacks/aws';

// Under the CDK CLI (or `tsunagi synth`) the context arrives in CDK_CONTEXT_JSON; run bare,
// the app reads cdk.json itself so that feature flags are the same either way.
const underCli = process.env.CDK_CONTEXT_JSON !== undefined;
const app = new App(underCli ? {} : { context: readToolContext('cdk.json'), outdir: 'cdk.out' });
const { model, environment } = loadOrExit(
  app.node.tryGetContext('profile'),
  app.node.tryGetContext('environment'),
);
addAwsStacks(app, model, environment);
app.synth();
