/**
 * IPv4 CIDR arithmetic for the address planner and the validators.
 *
 * Parsing follows `ip-address`'s rules (each octet 0-255 without a leading zero, prefix
 * length 0-32) with one regular expression, and addresses are formatted from their bigint
 * directly: the library's Address4 objects cost about 30 ms of every `tsunagi plan` (its
 * load and thousands of constructions). test/net/cidr.test.ts compares both with
 * `ip-address` on generated input. The set operations the planner needs (overlap,
 * containment, carving the n-th block of a given size) are on bigint so a /0 cannot overflow.
 */

/** A parsed IPv4 network: `first` and `last` are inclusive, `prefixLength` 0-32. */
export interface Cidr {
  readonly text: string;
  readonly first: bigint;
  readonly last: bigint;
  readonly prefixLength: number;
}

const SHAPE = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const VALID = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}\\/(\\d{1,2})$`);
const MAX_ADDRESS = (1n << 32n) - 1n;

/** Addresses in a block of the given prefix length. */
export function blockSize(prefixLength: number): bigint {
  return 1n << BigInt(32 - prefixLength);
}

/**
 * Parses `a.b.c.d/n`. Returns an error string (not an exception) for bad input, so that
 * validators can report it against the field that held it.
 */
export function tryParseCidr(text: string): Cidr | string {
  if (!SHAPE.test(text)) {
    return 'is not an IPv4 CIDR block of the form a.b.c.d/n';
  }
  const match = VALID.exec(text);
  const prefixLength = Number(match?.[5]);
  if (!match || prefixLength > 32) return 'is not a valid IPv4 CIDR block';
  const address = BigInt(
    ((Number(match[1]) * 256 + Number(match[2])) * 256 + Number(match[3])) * 256 + Number(match[4]),
  );
  const size = blockSize(prefixLength);
  const first = (address / size) * size;
  if (address !== first) {
    return `has host bits set (the network address is ${formatAddress(first)}/${prefixLength})`;
  }
  return { text, first, last: first + size - 1n, prefixLength };
}

/** Parses a CIDR that is already known to be valid (validated profile, planner output). */
export function parseCidr(text: string): Cidr {
  const parsed = tryParseCidr(text);
  if (typeof parsed === 'string') throw new Error(`internal: ${text} ${parsed}`);
  return parsed;
}

export function formatCidr(first: bigint, prefixLength: number): string {
  return `${formatAddress(first)}/${prefixLength}`;
}

/** Dotted decimal of an address (no leading zeros), as `ip-address`'s correctForm prints it. */
export function formatAddress(value: bigint): string {
  if (value < 0n || value > MAX_ADDRESS) throw new Error('IPv4 BigInt must be in the range 0 to 2**32 - 1');
  const n = Number(value);
  return `${Math.floor(n / 16_777_216)}.${Math.floor(n / 65_536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
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
