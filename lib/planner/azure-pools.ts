/**
 * Carving of a Virtual WAN point-to-site tier's client address block into per-population
 * pools. Each population gets its own pools (one connection configuration per population,
 * so the hub firewall can tell populations apart by source address).
 *
 * The carving rule, chosen so that growth never moves an existing pool:
 * 1. The tier block is split into equal population slots, one per population in profile
 *    order; the slot count is the population count rounded up to a power of two. Slot `p`
 *    is block `p` of that size. A population's pools live only in its own slot.
 * 2. Inside its slot a population's pools are /18 blocks (at least 10,000 addresses each)
 *    carved by index: pool `k` is block `k` of the slot, so more pools append and never
 *    move the ones before.
 * 3. A population has max(ceil(need / pool size), ceil(minimum pools / populations)) pools,
 *    where need = min(its concurrent users plus the target's growth headroom, the gateway's
 *    connections) and minimum pools = scale units / 20 (Microsoft's rule). Both terms only
 *    grow with the population's size and with scale units, so growth appends.
 * Consequences: growing one population or adding scale units never moves a pool. Adding a
 * population keeps every pool while the population count stays within the same power of
 * two; crossing it (4 -> 5 populations) halves the slots and re-carves, which the plan notes
 * report. Reordering populations re-carves too: append new populations at the end.
 */
import { type Cidr, nthSubnet, prefixLengthFor, subnetCount } from '../net/cidr';
import { P2S_MIN_ADDRESSES_PER_POOL, p2sMinimumPools } from '../quotas/azure-virtual-wan';

/** Prefix of one Virtual WAN client address pool (at least 10,000 addresses). */
export const P2S_POOL_PREFIX = prefixLengthFor(P2S_MIN_ADDRESSES_PER_POOL.value);

const POOL_ADDRESSES = 2 ** (32 - P2S_POOL_PREFIX);

export interface PopulationDemand {
  readonly name: string;
  readonly concurrentUsers: number;
}

export interface PopulationPoolPlan {
  /** Population name; the connection configuration and policy group are named after it. */
  readonly population: string;
  /** The population's slot of the tier block; its pools never leave it. */
  readonly slot: string;
  /** The population's pools, pool `k` = /18 block `k` of the slot. */
  readonly pools: readonly string[];
}

export type PoolCarving =
  | { readonly fits: true; readonly populations: readonly PopulationPoolPlan[] }
  | { readonly fits: false; readonly reason: string };

/** Prefix length of one population slot in `block` for `populationCount` populations. */
export function populationSlotPrefix(block: Cidr, populationCount: number): number {
  return block.prefixLength + Math.ceil(Math.log2(Math.max(1, populationCount)));
}

/** Pools a population needs on a gateway of `scaleUnits` carrying `gatewayConnections`. */
export function populationPoolCount(
  population: PopulationDemand,
  populationCount: number,
  headroomPercent: number,
  scaleUnits: number,
  gatewayConnections: number,
): number {
  const need = Math.min(
    Math.ceil((population.concurrentUsers * (100 + headroomPercent)) / 100),
    gatewayConnections,
  );
  return Math.max(
    1,
    Math.ceil(need / POOL_ADDRESSES),
    Math.ceil(p2sMinimumPools(scaleUnits) / Math.max(1, populationCount)),
  );
}

/** The per-population pools of a point-to-site tier, or why the block cannot hold them. */
export function carvePopulationPools(
  block: Cidr,
  populations: readonly PopulationDemand[],
  headroomPercent: number,
  scaleUnits: number,
  gatewayConnections: number,
): PoolCarving {
  const slotPrefix = populationSlotPrefix(block, populations.length);
  if (slotPrefix > P2S_POOL_PREFIX) {
    return {
      fits: false,
      reason: `its client block ${block.text} split into ${2 ** (slotPrefix - block.prefixLength)} population slots gives /${slotPrefix} slots, smaller than one /${P2S_POOL_PREFIX} pool`,
    };
  }
  const room = subnetCount({ ...block, prefixLength: slotPrefix }, P2S_POOL_PREFIX);
  const planned: PopulationPoolPlan[] = [];
  for (const [index, population] of populations.entries()) {
    const slot = nthSubnet(block, slotPrefix, index)!;
    const count = populationPoolCount(
      population,
      populations.length,
      headroomPercent,
      scaleUnits,
      gatewayConnections,
    );
    if (count > room) {
      return {
        fits: false,
        reason: `population ${population.name} needs ${count} pool(s) of /${P2S_POOL_PREFIX} at ${scaleUnits} scale units, its /${slotPrefix} slot of ${block.text} holds ${room}`,
      };
    }
    planned.push({
      population: population.name,
      slot: slot.text,
      pools: Array.from({ length: count }, (_, k) => nthSubnet(slot, P2S_POOL_PREFIX, k)!.text),
    });
  }
  return { fits: true, populations: planned };
}
