/**
 * The YAML reader's limits. A profile is a few hundred lines written by a person; anything
 * far beyond that is a mistake (the wrong file) or an attack (an alias "billion laughs"
 * bomb, nesting that exhausts the parser's stack). Each limit is a profile error with the
 * file, the rule and the fix, like every other (exit 1), never a crash.
 */
import type { Document } from 'yaml';
import { formatNumber } from '../util/format-number';
import { issue, type ProfileIssue } from './issues';

/** Largest profile accepted, in bytes. The shipped profiles are under 20 KB. */
export const MAX_PROFILE_BYTES = 1024 * 1024;
/** Deepest nesting of mappings and sequences. The schema's deepest path is 7 levels. */
export const MAX_NESTING_DEPTH = 32;
/**
 * Most alias expansions (`*name`) while reading: yaml's own guard (maxAliasCount) stops a
 * document whose aliases expand to more nodes than this many times the alias count.
 */
export const MAX_ALIAS_COUNT = 100;

/** The issue for a profile over MAX_PROFILE_BYTES. */
export function sizeIssue(bytes: number): ProfileIssue {
  return issue(
    [],
    `is ${formatNumber(bytes)} bytes, larger than the ${formatNumber(MAX_PROFILE_BYTES)} bytes a profile may be`,
    undefined,
    'check that this is the profile YAML (not a log or an export); a profile is a few hundred lines',
  );
}

/** Checks the raw text before parsing: size and nesting the parser would choke on. */
export function checkTextLimits(text: string): ProfileIssue | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PROFILE_BYTES) return sizeIssue(bytes);
  // Flow collections ([ and {) nest without indentation; count them outside quotes and
  // comments so that a deeply nested line cannot exhaust the parser's stack.
  let depth = 0;
  let deepest = 0;
  let quote: string | undefined;
  let comment = false;
  let line = 1;
  let deepestLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) comment = true;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        deepestLine = line;
      }
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
  // Indentation nests block collections: one level per indented line at least.
  const indent = Math.max(0, ...text.split('\n').map((l) => /^ */.exec(l)![0].length));
  if (deepest > MAX_NESTING_DEPTH || indent > MAX_NESTING_DEPTH * 4) {
    const atLine = deepest > MAX_NESTING_DEPTH ? deepestLine : undefined;
    return {
      ...issue(
        [],
        `nests collections deeper than the ${MAX_NESTING_DEPTH} levels a profile may use`,
        deepest > MAX_NESTING_DEPTH ? `${deepest} levels of [ or {` : `indentation of ${indent} spaces`,
        'flatten the structure; config/profile.schema.json shows the fields and their nesting',
      ),
      ...(atLine ? { line: atLine } : {}),
    };
  }
  return undefined;
}

/** The document as plain data, or the issue that stops it (alias bomb, too deep). */
export function toDataWithinLimits(
  doc: Document,
): { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly issue: ProfileIssue } {
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const aliases = /alias/i.test(message);
    return {
      ok: false,
      issue: issue(
        [],
        aliases
          ? `expands YAML aliases (*name) to too many nodes: ${message}`
          : `cannot be read as data: ${message}`,
        undefined,
        aliases
          ? 'write the repeated values out instead of nesting aliases of aliases; a profile needs no aliases'
          : 'simplify the YAML: plain mappings, lists and scalars',
      ),
    };
  }
  const tooDeep = (value: unknown, depth: number): boolean => {
    if (depth > MAX_NESTING_DEPTH) return true;
    if (value === null || typeof value !== 'object') return false;
    return Object.values(value).some((child) => tooDeep(child, depth + 1));
  };
  if (tooDeep(data, 0)) {
    return {
      ok: false,
      issue: issue(
        [],
        `nests collections deeper than the ${MAX_NESTING_DEPTH} levels a profile may use`,
        undefined,
        'flatten the structure; config/profile.schema.json shows the fields and their nesting',
      ),
    };
  }
  return { ok: true, data };
}
