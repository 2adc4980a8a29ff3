/**
 * IPv4 CIDR arithmetic for the address planner and the validators.
 *
 * Parsing and address classification come from `ip-address`; this module adds the few
 * set operations the planner needs (overlap, containment, carving the n-th block of a
 * given size), all on bigint so a /0 cannot overflow.
 */
import { Address4 } from 'ip-address';

/** A parsed IPv4 network: `first` and `last` are inclusive, `prefixLength` 0-32. */
export interface Cidr {
  readonly text: string;
  readonly first: bigint;
  readonly last: bigint;
  readonly prefixLength: number;
}

/** Addresses in a block of the given prefix length. */
export function blockSize(prefixLength: number): bigint {
  return 1n << BigInt(32 - prefixLength);
}

/**
 * Parses `a.b.c.d/n`. Returns an error string (not an exception) for bad input, so that
 * validators can report it against the field that held it.
 */
export function tryParseCidr(text: string): Cidr | string {
  if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
    return 'is not an IPv4 CIDR block of the form a.b.c.d/n';
  }
  if (!Address4.isValid(text)) return 'is not a valid IPv4 CIDR block';
  const address = new Address4(text);
  const prefixLength = address.subnetMask;
  if (prefixLength > 32) return 'has a prefix length above 32';
  const first = address.startAddress().bigInt();
  if (new Address4(text.split('/')[0]!).bigInt() !== first) {
    return `has host bits set (the network address is ${address.startAddress().correctForm()}/${prefixLength})`;
  }
  return { text, first, last: first + blockSize(prefixLength) - 1n, prefixLength };
}

/** Parses a CIDR that is already known to be valid (validated profile, planner output). */
export function parseCidr(text: string): Cidr {
  const parsed = tryParseCidr(text);
  if (typeof parsed === 'string') throw new Error(`internal: ${text} ${parsed}`);
  return parsed;
}

export function formatCidr(first: bigint, prefixLength: number): string {
  return `${Address4.fromBigInt(first).correctForm()}/${prefixLength}`;
}

export function formatAddress(value: bigint): string {
  return Address4.fromBigInt(value).correctForm();
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** True when `inner` lies entirely inside `outer` (equal blocks count). */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

export function addressCount(cidr: Cidr): bigint {
  return cidr.last - cidr.first + 1n;
}

/** Smallest prefix length whose block holds at least `addresses` addresses. */
export function prefixLengthFor(addresses: number): number {
  let prefixLength = 32;
  while (prefixLength > 0 && blockSize(prefixLength) < BigInt(addresses)) prefixLength--;
  return prefixLength;
}

/**
 * The `index`-th block of `/prefixLength` inside `parent`, or undefined when the parent
 * holds fewer blocks. Index-based carving is what keeps allocation stable: block i never
 * depends on how many blocks exist after it.
 */
export function nthSubnet(parent: Cidr, prefixLength: number, index: number): Cidr | undefined {
  if (prefixLength < parent.prefixLength) return undefined;
  const size = blockSize(prefixLength);
  const first = parent.first + size * BigInt(index);
  if (first + size - 1n > parent.last) return undefined;
  return { text: formatCidr(first, prefixLength), first, last: first + size - 1n, prefixLength };
}

/** How many `/prefixLength` blocks fit in `parent`. */
export function subnetCount(parent: Cidr, prefixLength: number): number {
  if (prefixLength < parent.prefixLength) return 0;
  return Number(blockSize(parent.prefixLength) / blockSize(prefixLength));
}

/** RFC 1918 private ranges (10/8, 172.16/12, 192.168/16). */
const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(parseCidr);
/** RFC 6598 shared address space, which carriers use for device pools. */
const RFC6598 = parseCidr('100.64.0.0/10');

export function isRfc1918(cidr: Cidr): boolean {
  return RFC1918.some((range) => contains(range, cidr));
}

export function isPrivateOrShared(cidr: Cidr): boolean {
  return isRfc1918(cidr) || contains(RFC6598, cidr);
}
