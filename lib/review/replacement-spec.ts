/**
 * The CloudFormation replacement rules that the review needs, without loading the whole
 * resource specification. @aws-cdk/cloudformation-diff asks its `loadResourceModel(type)` for
 * each changed resource's property models (`causesReplacement`, `scrutinizable`); by default
 * that loads the full @aws-cdk/aws-service-spec database (15 MB of JSON, about 1.4 s, most of
 * a review's run time). scripts/derive-replacement-spec.mjs writes the fields the diff reads,
 * for every resource type, to dist/cfn-replacement-spec.json at build time (~0.5 MB, ~20 ms);
 * `useReplacementSpec` answers the diff's lookups from it.
 *
 * Safe by construction: the table is used only when it was derived from the installed
 * specification's version; otherwise (or if the diff module's internals move) the diff loads
 * the full specification as before. test/review/replacement-spec.test.ts proves that a review
 * through the table equals one through the full specification.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../profile/project-root';

export const REPLACEMENT_SPEC_FILE = 'cfn-replacement-spec.json';

/** What the diff reads of one property of a resource type. */
export interface PropertyReplacementModel {
  /** 'yes' | 'maybe' | 'no'; absent: an in-place update. */
  readonly causesReplacement?: string;
  readonly scrutinizable?: string;
}

/** What the diff reads of one resource type. */
export interface ResourceReplacementModel {
  readonly properties: Readonly<Record<string, PropertyReplacementModel>>;
  readonly scrutinizable?: string;
  /** The property that holds the type's tags (Tags, TagSpecifications, ...), if any. */
  readonly tagPropertyName?: string;
}

export interface ReplacementSpec {
  /** The specification it was derived from, and the derivation (scripts/derive-replacement-spec.mjs). */
  readonly source: { readonly package: string; readonly version: string; readonly deriver?: string };
  readonly resources: Readonly<Record<string, ResourceReplacementModel>>;
}

function installedSpecVersion(): string | undefined {
  try {
    return (require('@aws-cdk/aws-service-spec/package.json') as { version: string }).version;
  } catch {
    return undefined;
  }
}

/**
 * The derived table in dist/, when it exists and matches the installed specification;
 * undefined otherwise (callers then use the full specification).
 */
export function loadReplacementSpec(
  file = join(projectRoot(), 'dist', REPLACEMENT_SPEC_FILE),
): ReplacementSpec | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const spec = JSON.parse(readFileSync(file, 'utf8')) as ReplacementSpec;
    return spec.source?.version === installedSpecVersion() ? spec : undefined;
  } catch {
    return undefined;
  }
}

interface DiffUtilModule {
  loadResourceModel?: (type: string) => unknown;
}

/**
 * Makes @aws-cdk/cloudformation-diff read resource models from `spec`. Call before the first
 * diff. Returns false (and changes nothing) when the diff module does not look as expected.
 */
export function useReplacementSpec(spec: ReplacementSpec): boolean {
  let util: DiffUtilModule;
  try {
    util = require('@aws-cdk/cloudformation-diff/lib/diff/util') as DiffUtilModule;
  } catch {
    return false;
  }
  if (typeof util.loadResourceModel !== 'function') return false;
  // Every call site in the diff reads this export at call time (`(0, util_1.loadResourceModel)(t)`).
  util.loadResourceModel = (type: string) => spec.resources[type];
  return true;
}
