/**
 * Which azurerm attribute changes make Terraform replace a resource, read from the table
 * derived from terraform-provider-azurerm v4.55.0 (the version @cdktf/provider-azurerm
 * 14.23.x pins, LIMITS.md) by scripts/derive-azurerm-force-new.mjs. The table records its
 * source repository, tag, commit and derivation date; regenerate it, never edit it.
 */
import table from './azurerm-force-new.json';

export interface AzurermForceNewEntry {
  /** Dotted attribute paths (no list indexes) that force a new resource. */
  readonly forceNew: readonly string[];
  /** Paths the documentation marks ForceNew but the Go schema scan did not find. */
  readonly docsOnly: readonly string[];
  /** Paths the Go schema marks ForceNew that the documentation does not say. */
  readonly codeOnly: readonly string[];
  /** CustomizeDiff replacements: `decrease` or the provider's condition as Go source. */
  readonly conditional: Readonly<Record<string, string>>;
  /** Number of documented argument paths (a sanity figure for the table). */
  readonly arguments: number;
  readonly docs: string;
  readonly code: string | null;
}

export interface AzurermForceNewTable {
  readonly provider: string;
  readonly providerVersion: string;
  readonly source: string;
  readonly tag: string | null;
  readonly commit: string;
  readonly derived: string;
  readonly resources: Readonly<Record<string, AzurermForceNewEntry>>;
}

export const AZURERM_FORCE_NEW: AzurermForceNewTable = table as AzurermForceNewTable;

/**
 * Normalises an attribute path to the table's form: `connection_configuration[0].name`,
 * `connection_configuration.0.name` and `['connection_configuration', 0, 'name']` all
 * become `connection_configuration.name`.
 */
export function normaliseAttributePath(path: string | readonly (string | number)[]): string {
  const parts = typeof path === 'string' ? path.split(/[.[\]]+/) : path.map(String);
  return parts.filter((p) => p !== '' && !/^\d+$/.test(p)).join('.');
}

function related(a: string, b: string): 'same' | 'ancestor' | 'descendant' | undefined {
  if (a === b) return 'same';
  if (b.startsWith(`${a}.`)) return 'ancestor';
  if (a.startsWith(`${b}.`)) return 'descendant';
  return undefined;
}

/**
 * Whether changing `attributePath` of a resource of `type` makes Terraform replace it.
 * - true: the path, a block containing it, or (for a whole block that changes) an attribute
 *   inside it is ForceNew; also a conditional replacement whose condition is not `decrease`
 *   (the review cannot evaluate the provider's Go condition, so it assumes the worst).
 * - false: updated in place (or a `decrease` condition: use azurermReplacesOnChange with
 *   the values to decide).
 * - undefined: the type is not in the table; the caller must treat the change as a
 *   possible replacement.
 */
export function azurermForcesNew(
  type: string,
  attributePath: string | readonly (string | number)[],
): boolean | undefined {
  const entry = AZURERM_FORCE_NEW.resources[type];
  if (!entry) return undefined;
  const path = normaliseAttributePath(attributePath);
  if (path === '') return false;
  if (entry.forceNew.some((f) => related(f, path) !== undefined)) return true;
  for (const [attr, condition] of Object.entries(entry.conditional)) {
    if (related(attr, path) !== undefined && condition !== 'decrease') return true;
  }
  return false;
}

/**
 * Like azurermForcesNew, with the old and new values so that value-dependent replacements
 * are decided: a `decrease` condition (ExpressRoute circuit bandwidth can grow in place but
 * never shrink, LIMITS.md) forces replacement only when the new number is smaller.
 */
export function azurermReplacesOnChange(
  type: string,
  attributePath: string | readonly (string | number)[],
  before: unknown,
  after: unknown,
): boolean | undefined {
  const forces = azurermForcesNew(type, attributePath);
  if (forces !== false) return forces;
  const entry = AZURERM_FORCE_NEW.resources[type];
  const path = normaliseAttributePath(attributePath);
  const condition = entry?.conditional[path];
  if (condition === 'decrease') {
    const [b, a] = [Number(before), Number(after)];
    return Number.isFinite(b) && Number.isFinite(a) ? a < b : true;
  }
  return false;
}

/** The types the table covers (for tests and for `tsunagi gate` to say what it knows). */
export function azurermForceNewTypes(): string[] {
  return Object.keys(AZURERM_FORCE_NEW.resources).sort();
}
