/** Where a quota or price comes from. Every figure in lib/quotas carries one. */
export interface Sourced<T> {
  readonly value: T;
  /** Vendor page the figure was read from (see shared/reference/LIMITS.md). */
  readonly source: string;
  /** Whether the vendor can raise it on request. */
  readonly adjustable?: boolean;
  readonly note?: string;
}
