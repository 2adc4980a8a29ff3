/**
 * The built-in CloudFormation validator, its engine started early in a worker thread.
 *
 * aws-cdk-lib validates every template after synthesis with `CloudFormationValidatePlugin`
 * (the offline engine of @aws/cloudformation-validate, on by `validateAgainstDefaultRules`).
 * Its WebAssembly engine takes about 2 s to load and initialise, and synthesis waits for it:
 * 3.5 s of the AWS app's 5.8 s on two cores. aws-cdk-lib lets an app register the plugin
 * explicitly (`Validations.of(app).addPlugins`; an explicit instance replaces the auto-registered
 * default, see CloudFormationValidatePluginProps.includeDefaultRules). This subclass is that
 * plugin: the same class, rules and engine, whose engine is initialised in a worker thread
 * while the app builds its constructs, and which validates there, the main thread waiting.
 *
 * - Same result: the worker runs `CloudFormationValidatePlugin.validate` itself on the same
 *   template files; the report comes back as data. The engine is initialised with every
 *   built-in rule (the default loads only rules whose resource types occur; a rule for absent
 *   types finds nothing), so one engine serves any template.
 * - Safe: any worker failure or a wait over `timeoutMs` falls back to validating in this
 *   thread exactly as the default plugin would.
 * - `CDK_VALIDATION=false` (unit tests) still turns validation off: `usePrewarmedValidator()`
 *   registers nothing then, as the default would not run either.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import {
  type App,
  CloudFormationValidatePlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  Validations,
} from 'aws-cdk-lib';

/** Runs in the worker: initialise the engine at once, validate on request, reply and notify. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { port, flag: flagBuffer, awsCdkLib } = workerData;
const flag = new Int32Array(flagBuffer);
let plugin;
let startup;
try {
  // Baseline (Liftoff) WebAssembly code only: V8 otherwise recompiles the 9 MB engine with
  // TurboFan on background threads, which doubled the validator's CPU (4.7 s against 2.4 s for
  // the Hyogo templates) on two cores shared with the Azure synth, for the same report
  // (byte-identical). A V8 compile-tier flag, read when the module compiles, so it may be set
  // here; it reaches no JavaScript.
  require('node:v8').setFlagsFromString('--liftoff-only');
  const { CloudFormationValidatePlugin } = require(awsCdkLib);
  plugin = new CloudFormationValidatePlugin();
  // Every built-in rule: a set that has every resource type.
  plugin.initializeEngine({ has: () => true, [Symbol.iterator]: function* () {} });
} catch (error) {
  startup = String((error && error.stack) || error);
}
port.on('message', (context) => {
  let reply;
  if (startup) reply = { ok: false, error: startup };
  else {
    try {
      reply = { ok: true, report: plugin.validate(context) };
    } catch (error) {
      reply = { ok: false, error: String((error && error.stack) || error) };
    }
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

type Reply = { ok: true; report: PolicyValidationPluginReport } | { ok: false; error: string };

export interface PrewarmedValidatorOptions {
  /**
   * How long `validate` waits for the worker before validating in this thread instead.
   * @default 600_000 (10 minutes)
   */
  readonly timeoutMs?: number;
}

export class PrewarmedCloudFormationValidatePlugin extends CloudFormationValidatePlugin {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly timeoutMs: number;
  /** Why the last `validate` ran in this thread (undefined when the worker answered). */
  fallbackReason: string | undefined;

  constructor(options: PrewarmedValidatorOptions = {}) {
    super();
    this.timeoutMs = options.timeoutMs ?? 600_000;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, flag: this.flag.buffer, awsCdkLib: require.resolve('aws-cdk-lib') },
      transferList: [port2],
    });
    // Never keeps the process alive (an app that synthesizes no stack never calls validate).
    this.worker.unref();
    this.port.unref();
  }

  /** Stops the worker (validate does so itself; for a plugin that will not validate). */
  dispose(): void {
    void this.worker.terminate();
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    Atomics.store(this.flag, 0, 0);
    // Only data crosses: the App construct stays here (the plugin does not read it).
    this.port.postMessage({
      templatePaths: [...context.templatePaths],
      stackTemplates: context.stackTemplates.map((s) => ({ ...s })),
      accountId: context.accountId,
      region: context.region,
    });
    const waited = Atomics.wait(this.flag, 0, 0, this.timeoutMs);
    const reply = receiveMessageOnPort(this.port)?.message as Reply | undefined;
    void this.worker.terminate();
    if (waited !== 'timed-out' && reply?.ok) {
      this.fallbackReason = undefined;
      return reply.report;
    }
    this.fallbackReason =
      reply && !reply.ok ? reply.error : `no answer from the worker in ${this.timeoutMs} ms`;
    return super.validate(context);
  }
}

/**
 * Registers the prewarmed built-in validator on the App (call right after `new App`, before
 * building stacks, so the engine starts early); nothing when CDK_VALIDATION=false turns the
 * built-in validation off.
 */
export function usePrewarmedValidator(app: App): PrewarmedCloudFormationValidatePlugin | undefined {
  if (process.env.CDK_VALIDATION === 'false') return undefined;
  const plugin = new PrewarmedCloudFormationValidatePlugin();
  Validations.of(app).addPlugins(plugin);
  return plugin;
}
