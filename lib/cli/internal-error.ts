/**
 * The last line of defence: an exception that escapes a command or an app is a bug in
 * Tsunagi (bad input is always a profile issue with exit 1), reported as such with the
 * profile path and exit 2, never as a bare stack trace.
 */

/** Prints an internal error as a bug report (one paragraph, no stack unless asked) and sets exit 2. */
export function reportInternalError(error: unknown, profile?: string): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(
    `tsunagi: internal error${profile ? ` while processing profile ${profile}` : ''}: ${message.split('\n')[0]}\n` +
      'This is a bug in Tsunagi, not in your profile: the validator accepted it but a later step failed. ' +
      'Please report it with the profile attached (set TSUNAGI_DEBUG=1 to print the stack trace).',
  );
  if (process.env.TSUNAGI_DEBUG === '1' && error instanceof Error && error.stack) console.error(error.stack);
  process.exitCode = 2;
}
