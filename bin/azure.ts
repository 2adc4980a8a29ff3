/**
 * The CDK for Terraform app (cdktf.json "app"): profile -> plan -> Azure stacks -> cdktf.out.
 * Context `profile` and `environment` select the profile (cdktf.json, or CDKTF_CONTEXT_JSON);
 * TSUNAGI_TF_BACKEND=azurerm writes the remote backend instead of local state.
 */
import { App } from 'cdktf';
import { loadOrExit, readToolContext } from '../lib/cli/selection';
import { addAzureStacks } from '../stacks/azure';

const underCli = process.env.CDKTF_CONTEXT_JSON !== undefined;
const app = new App(underCli ? {} : { context: readToolContext('cdktf.json') });
const { model, environment } = loadOrExit(
  app.node.tryGetContext('profile'),
  app.node.tryGetContext('environment'),
);
const backend = process.env.TSUNAGI_TF_BACKEND === 'azurerm' ? 'azurerm' : 'local';
addAzureStacks(app, model, environment, backend);
app.synth();
