/**
 * Imported for its effect, first, by bin/aws.ts: starts the CloudFormation validator's worker
 * (lib/aws/validation/validator-worker.ts) before aws-cdk-lib and the stacks load, unless
 * CDK_VALIDATION=false turns the built-in validation off. The plugin registered later
 * (`usePrewarmedValidator`) takes this worker. Measured on the Hyogo profile: the worker
 * started 0.55 s into the AWS app when the plugin started it.
 */
import { startValidatorWorkerEarly } from './validator-worker';

if (process.env.CDK_VALIDATION !== 'false') startValidatorWorkerEarly();
