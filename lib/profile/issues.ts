/**
 * A problem found in a profile. Every issue names the field path, what is wrong, the
 * value found and how to fix it, so the person reading it needs no stack trace.
 */
export type IssuePath = readonly (string | number)[];

export interface ProfileIssue {
  readonly path: IssuePath;
  /** What is wrong, phrased to follow the path: "overlaps addressPlan.networks[2] (10.0.0.0/12)". */
  readonly message: string;
  /** The offending value as found in the file. */
  readonly got: unknown;
  /** What to change. */
  readonly fix: string;
  /** Warnings are printed but do not fail validation. */
  readonly severity: 'error' | 'warning';
  /** 1-based line in the YAML file, when known. */
  readonly line?: number;
}

export function issue(
  path: IssuePath,
  message: string,
  got: unknown,
  fix: string,
  severity: 'error' | 'warning' = 'error',
): ProfileIssue {
  return { path, message, got, fix, severity };
}

/** `accessTiers[0].region` from `['accessTiers', 0, 'region']`. */
export function formatPath(path: IssuePath): string {
  if (path.length === 0) return '(profile)';
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}

function formatValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `path: what is wrong (got X); how to fix`, optionally prefixed with file:line. */
export function formatIssue(item: ProfileIssue, file?: string): string {
  const where = file ? `${file}${item.line ? `:${item.line}` : ''}: ` : '';
  const level = item.severity === 'warning' ? 'warning: ' : '';
  return `${where}${level}${formatPath(item.path)}: ${item.message} (got ${formatValue(item.got)}); ${item.fix}`;
}

/** Thrown when a profile cannot be turned into a model; carries every issue found. */
export class ProfileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ProfileIssue[],
  ) {
    super(
      `${file}: ${issues.filter((i) => i.severity === 'error').length} problem(s)\n${issues.map((i) => formatIssue(i, file)).join('\n')}`,
    );
    this.name = 'ProfileError';
  }
}
