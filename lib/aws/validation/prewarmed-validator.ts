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
 * (lib/aws/validation/validator-worker.ts) while the app loads and builds its constructs, and
 * which validates there, the main thread waiting.
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
import {
  type App,
  CloudFormationValidatePlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  Validations,
} from 'aws-cdk-lib/core';
import { takeEarlyValidatorWorker, ValidatorWorker } from './validator-worker';

export interface PrewarmedValidatorOptions {
  /**
   * How long `validate` waits for the worker before validating in this thread instead.
   * @default 600_000 (10 minutes)
   */
  readonly timeoutMs?: number;
}

export class PrewarmedCloudFormationValidatePlugin extends CloudFormationValidatePlugin {
  private readonly worker: ValidatorWorker;
  private readonly timeoutMs: number;
  /** Why the last `validate` ran in this thread (undefined when the worker answered). */
  fallbackReason: string | undefined;
  /** The engine's version and rule ids as the worker reported them with its last report. */
  private engineIdentity: { version: string; ruleIds: string[] } | undefined;

  /** Takes the worker bin/aws.ts started early, or starts one now. */
  constructor(options: PrewarmedValidatorOptions = {}) {
    super();
    this.timeoutMs = options.timeoutMs ?? 600_000;
    this.worker = takeEarlyValidatorWorker() ?? new ValidatorWorker();
  }

  /**
   * Stops the worker (validate does so itself; for a plugin that will not validate).
   * @returns settles once the worker's thread has exited
   */
  dispose(): Promise<number> {
    return this.worker.terminate();
  }

  /**
   * The engine's version, as the worker's engine reported it. aws-cdk-lib reads it for the
   * validation report after `validate`; the base class would load and compile the 9 MB
   * WebAssembly module in this thread to answer (0.7 s after every synth, measured).
   */
  override get version(): string | undefined {
    return this.engineIdentity?.version ?? super.version;
  }

  /** The engine's rule ids, as the worker's engine reported them (see `version`). */
  override get ruleIds(): string[] | undefined {
    return this.engineIdentity ? [...this.engineIdentity.ruleIds] : super.ruleIds;
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Only data crosses: the App construct stays here (the plugin does not read it).
    const reply = this.worker.request(
      {
        templatePaths: [...context.templatePaths],
        stackTemplates: context.stackTemplates.map((s) => ({ ...s })),
        accountId: context.accountId,
        region: context.region,
      },
      this.timeoutMs,
    );
    if (reply?.ok) {
      this.fallbackReason = undefined;
      this.engineIdentity = { version: reply.version, ruleIds: reply.ruleIds };
      return reply.report;
    }
    this.engineIdentity = undefined;
    this.fallbackReason = reply ? reply.error : `no answer from the worker in ${this.timeoutMs} ms`;
    return super.validate(context);
  }
}

/**
 * Registers the prewarmed built-in validator on the App; nothing when CDK_VALIDATION=false turns
 * the built-in validation off. Call it after the stacks are added: aws-cdk-lib runs validation
 * plugins in the order they were registered, so cdk-nag (registered with the stacks) then runs
 * first, in this thread, while the worker's engine finishes initialising.
 */
export function usePrewarmedValidator(app: App): PrewarmedCloudFormationValidatePlugin | undefined {
  if (process.env.CDK_VALIDATION === 'false') return undefined;
  const plugin = new PrewarmedCloudFormationValidatePlugin();
  Validations.of(app).addPlugins(plugin);
  return plugin;
}
