/**
 * Runs the `tsunagi` program in this test's process, as bin/tsunagi.ts would run it in its own:
 * the same command tree (lib/cli/program.ts) and code, with what it writes to stdout and stderr
 * (streams and console) captured and its exit code returned. A `process.exit` in a command ends
 * the run with that code instead of the worker. It saves a Node.js start and a cold bundle per
 * call (about 0.35 s of CPU); the few tests that prove the built bundle behaves the same spawn
 * bin/tsunagi.cjs (test/cli/tsunagi.test.ts).
 */
import { format } from 'node:util';
import { CommanderError } from 'commander';
import { reportInternalError } from '../../lib/cli/internal-error';
import { tsunagiProgram } from '../../lib/cli/program';

export interface TsunagiRun {
  /** The exit code the process would have had. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

class ProcessExit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
  }
}

/** `tsunagi ...args` in-process; `env` is set for the run and restored after it. */
export async function runTsunagi(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<TsunagiRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture =
    (into: string[]) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    };
  const line =
    (into: string[]) =>
    (...values: unknown[]): void => {
      into.push(`${format(...values)}\n`);
    };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture(stdout)),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture(stderr)),
    jest.spyOn(console, 'log').mockImplementation(line(stdout)),
    jest.spyOn(console, 'info').mockImplementation(line(stdout)),
    jest.spyOn(console, 'error').mockImplementation(line(stderr)),
    jest.spyOn(console, 'warn').mockImplementation(line(stderr)),
    jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new ProcessExit(Number(code ?? 0));
    }),
  ];
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const savedExitCode = process.exitCode;
  process.exitCode = undefined;
  let code: number;
  try {
    const program = tsunagiProgram().exitOverride();
    // Commands added with addCommand do not inherit the override; gate and review set their own.
    for (const command of program.commands) if (!hasExitOverride(command)) command.exitOverride();
    await program.parseAsync(['node', 'tsunagi', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof ProcessExit) code = error.code;
    else if (error instanceof CommanderError) code = error.exitCode;
    else {
      reportInternalError(error);
      code = 2;
    }
  } finally {
    process.exitCode = savedExitCode;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (const spy of spies) spy.mockRestore();
  }
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

function hasExitOverride(command: object): boolean {
  return (command as { _exitCallback?: unknown })._exitCallback != null;
}
