/**
 * The worker thread in which the built-in CloudFormation validator's engine initialises while
 * the app loads its modules and builds its constructs (lib/aws/validation/prewarmed-validator.ts
 * is the plugin that uses it).
 *
 * This module loads nothing but node:worker_threads, so bin/aws.ts can start the worker before
 * aws-cdk-lib itself loads (lib/aws/validation/start-validator-worker.ts): the engine's 1.8 s
 * of initialisation then overlaps the app's 0.5 s of module loading as well. The worker never
 * writes to stdout or stderr: the main thread blocks in `Atomics.wait` while it validates, and
 * a worker's stdio passes through the main thread.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
// Types only (erased by esbuild): this module must not load aws-cdk-lib.
import type { PolicyValidationPluginReport } from 'aws-cdk-lib/core';

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
      // The engine's version and rule ids too: aws-cdk-lib's report asks the plugin for them,
      // and the base class would load the WebAssembly module in the main thread to answer.
      reply = { ok: true, report: plugin.validate(context), version: plugin.version, ruleIds: plugin.ruleIds };
    } catch (error) {
      reply = { ok: false, error: String((error && error.stack) || error) };
    }
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** What the worker answers: the built-in plugin's report with its engine's identity, or why not. */
export type ValidatorReply =
  | {
      readonly ok: true;
      readonly report: PolicyValidationPluginReport;
      readonly version: string;
      readonly ruleIds: string[];
    }
  | { readonly ok: false; readonly error: string };

/** The templates to validate, as data (IPolicyValidationContext without the App construct). */
export interface ValidationRequest {
  readonly templatePaths: string[];
  readonly stackTemplates: { [key: string]: unknown }[];
  readonly accountId?: string;
  readonly region?: string;
}

/** One worker thread running one engine; answers one request. */
export class ValidatorWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, flag: this.flag.buffer, awsCdkLib: require.resolve('aws-cdk-lib') },
      transferList: [port2],
    });
    // Never keeps the process alive (an app that synthesizes no stack never asks).
    this.worker.unref();
    this.port.unref();
  }

  /**
   * Validates in the worker, this thread waiting up to `timeoutMs`; stops the worker after.
   * @returns the worker's answer, or undefined when it gave none in time
   */
  request(request: ValidationRequest, timeoutMs: number): ValidatorReply | undefined {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(request);
    const waited = Atomics.wait(this.flag, 0, 0, timeoutMs);
    const reply = receiveMessageOnPort(this.port)?.message as ValidatorReply | undefined;
    void this.terminate();
    return waited === 'timed-out' ? undefined : reply;
  }

  /**
   * Stops the worker.
   * @returns settles once the thread has exited (an engine initialising in WebAssembly stops at
   * its next JavaScript step; a process that exits before then waits for it)
   */
  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

let early: ValidatorWorker | undefined;

/** Starts the process's worker now (lib/aws/validation/start-validator-worker.ts calls it). */
export function startValidatorWorkerEarly(): void {
  early ??= new ValidatorWorker();
}

/** The worker started early, once (the first plugin takes it), or undefined. */
export function takeEarlyValidatorWorker(): ValidatorWorker | undefined {
  const worker = early;
  early = undefined;
  return worker;
}
