/**
 * The CDK for Terraform app (cdktf.json "app"): profile -> plan -> Azure stacks -> cdktf.out.
 * The CDKTF CLI passes no `-c` context to the app, so `npx cdktf synth` selects the profile
 * with TSUNAGI_PROFILE=iwate (and TSUNAGI_ENVIRONMENT); on Linux `npx cdktf synth -c
 * profile=iwate` is read from the CLI's command line too (lib/cli/selection.ts).
 * TSUNAGI_TF_BACKEND=azurerm writes the remote backend instead of local state.
 * A profile that uses no Azure hub synthesizes no Azure stack.
 */
import { App } from 'cdktf';
import { cleanCdktfOut } from '../lib/cli/clean-output';
import { unusedCloudNotice, usesCloud } from '../lib/cli/clouds';
import { backendIssue, chooseProfile, loadOrExit, readToolContext, runApp } from '../lib/cli/selection';
import { formatIssue } from '../lib/profile/issues';
import { addAzureStacks } from '../stacks/azure';

const underCli = process.env.CDKTF_CONTEXT_JSON !== undefined;
const app = new App(underCli ? {} : { context: readToolContext('cdktf.json') });
const choice = chooseProfile(
  { profile: app.node.tryGetContext('profile'), environment: app.node.tryGetContext('environment') },
  'cdktf',
);
if (choice.source !== 'context' && process.env.TSUNAGI_QUIET_WARNINGS !== '1') {
  process.stderr.write(`tsunagi: synthesizing profile ${choice.profile} (from ${choice.source})\n`);
}
runApp(choice.profile, () => {
  const { model, environment } = loadOrExit(choice.profile, choice.environment);
  const backend = process.env.TSUNAGI_TF_BACKEND === 'azurerm' ? 'azurerm' : 'local';
  const missing = backendIssue(model, environment, backend);
  if (missing) {
    process.stderr.write(`${formatIssue(missing, model.file)}\n`);
    process.exit(1);
  }
  // Under `tsunagi synth`: the previous synth's files go only now that the profile passed
  // (Terraform state and lock files beside them stay, lib/cli/clean-output.ts).
  if (process.env.TSUNAGI_CLEAN_OUTPUT === '1') cleanCdktfOut(app.outdir);
  if (usesCloud(model, 'azure')) addAzureStacks(app, model, environment, backend);
  else process.stderr.write(`${unusedCloudNotice(model, 'azure')}\n`);
  app.synth();
});
