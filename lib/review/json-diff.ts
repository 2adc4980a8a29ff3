/**
 * Attribute-level differences between two JSON values, as dotted paths
 * (`connection_configuration.0.vpn_client_address_pool.address_prefixes.1`). Used for the
 * Terraform JSON and to refine CloudFormation property changes below the top level.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Paths at which `a` and `b` differ, descending into objects and into arrays of equal
 * length; an array whose length changed is reported as a whole. `maxDepth` bounds the
 * descent (the path then names the subtree that differs).
 */
export function changedPaths(a: unknown, b: unknown, prefix = '', maxDepth = 8): string[] {
  if (jsonEqual(a, b)) return [];
  const join = (key: string | number) => (prefix === '' ? String(key) : `${prefix}.${key}`);
  if (maxDepth > 0 && isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => changedPaths(a[k], b[k], join(k), maxDepth - 1));
  }
  if (maxDepth > 0 && Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((x, i) => changedPaths(x, b[i], join(i), maxDepth - 1));
  }
  return [prefix === '' ? '(whole value)' : prefix];
}

/** Value at a dotted path, or undefined. */
export function valueAtPath(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isPlainObject(node)) node = node[part];
    else return undefined;
  }
  return node;
}

/** Share of top-level keys whose values are equal, for "same resource, new name" matching. */
export function similarity(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  if (keys.size === 0) return 1;
  let same = 0;
  for (const k of keys) if (jsonEqual(a[k], b[k])) same++;
  return same / keys.size;
}
