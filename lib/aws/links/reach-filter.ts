/**
 * What a carrier's devices may NOT reach, as CIDR blocks: every range the design knows
 * (data-centre prefixes and address-plan networks) minus the carrier's `reach`. The Transit
 * Gateway's carrier-mobile table learns the data centres' routes by propagation (so the
 * data-centre links keep their redundancy), and these blocks are blackholed in it, so the
 * devices reach exactly their `reach` networks.
 */
import { type Cidr, contains, formatCidr, overlaps, parseCidr } from '../../net/cidr';

/** `universe` minus `keep`, as the fewest aligned CIDR blocks, sorted and deduplicated. */
export function subtractCidrs(universe: readonly string[], keep: readonly string[]): string[] {
  const kept = keep.map(parseCidr);
  const out = new Set<string>();
  const visit = (block: Cidr): void => {
    if (kept.some((k) => contains(k, block))) return;
    if (!kept.some((k) => overlaps(k, block))) {
      out.add(formatCidr(block.first, block.prefixLength));
      return;
    }
    const half = 1n << BigInt(31 - block.prefixLength);
    const next = block.prefixLength + 1;
    visit(parseCidr(formatCidr(block.first, next)));
    visit(parseCidr(formatCidr(block.first + half, next)));
  };
  for (const u of universe) visit(parseCidr(u));
  // Drop blocks inside another output block (universe entries may nest).
  const blocks = [...out].map(parseCidr);
  return blocks
    .filter((b) => !blocks.some((o) => o !== b && contains(o, b) && o.prefixLength < b.prefixLength))
    .sort((a, b) => (a.first === b.first ? a.prefixLength - b.prefixLength : a.first < b.first ? -1 : 1))
    .map((b) => formatCidr(b.first, b.prefixLength));
}
