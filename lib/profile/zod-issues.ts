/**
 * Turns zod's issues into ProfileIssues with a value and a fix for each.
 */
import type { z } from 'zod';
import { type IssuePath, issue, type ProfileIssue } from './issues';

function valueAt(root: unknown, path: IssuePath): unknown {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Separates a check's message from its fix inside a zod message (see schema.ts `rule`). */
export const FIX_SEPARATOR = '\u0000fix:';

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

function fixFor(zodIssue: z.core.$ZodIssue, got: unknown, schemaFile: string): string {
  const carried = zodIssue.message.split(FIX_SEPARATOR)[1];
  if (carried) return carried;
  switch (zodIssue.code) {
    case 'invalid_type':
      return got === undefined
        ? `add the field (${article(zodIssue.expected)}); see ${schemaFile}`
        : `write ${article(zodIssue.expected)} here`;
    case 'invalid_value':
      return `use one of ${zodIssue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `remove or correct ${zodIssue.keys.map((k) => `"${k}"`).join(', ')}; the editor schema ${schemaFile} lists the allowed fields`;
    case 'too_small':
      if (zodIssue.origin === 'array')
        return `list at least ${zodIssue.minimum} entr${Number(zodIssue.minimum) === 1 ? 'y' : 'ies'}`;
      return zodIssue.origin === 'string'
        ? `write at least ${zodIssue.minimum} character${Number(zodIssue.minimum) === 1 ? '' : 's'}`
        : `use a value of at least ${zodIssue.minimum}`;
    case 'too_big':
      return zodIssue.origin === 'array'
        ? `list at most ${zodIssue.maximum} entries`
        : `use a value of at most ${zodIssue.maximum}`;
    case 'invalid_format':
      return zodIssue.format === 'regex' && 'pattern' in zodIssue
        ? `write a value that matches ${String(zodIssue.pattern)}`
        : `write a valid ${zodIssue.format}`;
    default:
      return `correct the value; see ${schemaFile} for the field`;
  }
}

function messageFor(zodIssue: z.core.$ZodIssue, got: unknown): string {
  switch (zodIssue.code) {
    case 'invalid_type':
      return got === undefined ? 'is required' : `must be ${article(zodIssue.expected)}`;
    case 'unrecognized_keys':
      return `has unknown field${zodIssue.keys.length > 1 ? 's' : ''} ${zodIssue.keys.join(', ')}`;
    case 'invalid_value':
      return 'is not one of the allowed values';
    default:
      return zodIssue.message.split(FIX_SEPARATOR)[0]!.replace(/^Invalid input: /, '');
  }
}

/**
 * One ProfileIssue per zod issue. `schemaFile` is the editor schema a fix points to: the
 * profile's by default, the acknowledgements file's for lib/review/acks.ts.
 */
export function fromZodIssues(
  raw: unknown,
  zodIssues: readonly z.core.$ZodIssue[],
  schemaFile = 'config/profile.schema.json',
): ProfileIssue[] {
  return zodIssues.map((zodIssue) => {
    const path = zodIssue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const got = zodIssue.code === 'unrecognized_keys' ? zodIssue.keys : valueAt(raw, path);
    return issue(path, messageFor(zodIssue, got), got, fixFor(zodIssue, got, schemaFile));
  });
}
