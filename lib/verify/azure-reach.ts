/**
 * Reach verification of the Azure half from synthesized Terraform JSON only (every Azure
 * stack's cdk.tf.json), independently of the planner and the segmentation code: what is
 * verified is what will be deployed. No cdktf here; the review engine reuses it.
 *
 * Sources:
 * - every connection configuration of every `azurerm_point_to_site_vpn_gateway` (one per
 *   population): its client address pools, in the hub the gateway's virtual_hub_id names;
 * - every `azurerm_vpn_gateway_connection`: the remote site's range as it appears in the hub,
 *   that is the external mapping of an ingress NAT rule on its links, else the site's
 *   address_cidrs (a BGP site has none and is a destination, not a source).
 * Routing: a source is filtered only when its hub has `azurerm_virtual_hub_routing_intent`
 * sending PrivateTraffic to an `azurerm_firewall`; otherwise the hub routes any-to-any and
 * the source reaches everything (reported as unrestricted, 0.0.0.0/0).
 * Filtering: the firewall's policy, its rule collection groups by priority, their network
 * rule collections by priority, rules in order; the first rule that matches decides. A rule
 * matches a source when their source ranges overlap for Allow (so reach is an upper bound)
 * and when the rule's sources cover the whole source for Deny (so denial is a lower bound):
 * reach computed here can only be larger than the truth, never smaller. Whatever no rule
 * allows is denied (Azure Firewall's default).
 */
import { formatCidr, parseCidr, tryParseCidr } from '../net/cidr';

// biome-ignore lint/suspicious/noExplicitAny: synthesized Terraform JSON
type Json = any;

/** A set of IPv4 addresses as sorted, disjoint, inclusive intervals. */
export type AddressSet = readonly (readonly [bigint, bigint])[];

/**
 * Every IPv4 address. A function rather than a module constant: a constant is evaluated when
 * the module loads, before any test, so mutation testing could not tell which test covers it.
 */
function allAddresses(): AddressSet {
  return [[0n, 2n ** 32n - 1n]];
}

export function addressSetOf(cidrs: readonly string[]): AddressSet {
  const parsed = cidrs.flatMap((c) => {
    if (c === '*' || c === 'Any' || c === '0.0.0.0/0') return allAddresses();
    const p = tryParseCidr(c);
    return typeof p === 'string' ? [] : [[p.first, p.last] as const];
  });
  return normalise(parsed);
}

/** Math.max / Math.min do not take bigint. */
function bigMax(a: bigint, b: bigint): bigint {
  return a >= b ? a : b;
}
function bigMin(a: bigint, b: bigint): bigint {
  return a <= b ? a : b;
}

function normalise(intervals: readonly (readonly [bigint, bigint])[]): AddressSet {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1n) last[1] = bigMax(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function union(a: AddressSet, b: AddressSet): AddressSet {
  return normalise([...a, ...b]);
}

export function intersect(a: AddressSet, b: AddressSet): AddressSet {
  const out: [bigint, bigint][] = [];
  for (const [a0, a1] of a) {
    for (const [b0, b1] of b) {
      const lo = bigMax(a0, b0);
      const hi = bigMin(a1, b1);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return normalise(out);
}

export function subtract(a: AddressSet, b: AddressSet): AddressSet {
  let rest: [bigint, bigint][] = a.map(([x, y]) => [x, y]);
  for (const [b0, b1] of b) {
    rest = rest.flatMap(([x, y]): [bigint, bigint][] => {
      if (b1 < x || b0 > y) return [[x, y]];
      const parts: [bigint, bigint][] = [];
      if (b0 > x) parts.push([x, b0 - 1n]);
      if (b1 < y) parts.push([b1 + 1n, y]);
      return parts;
    });
  }
  return normalise(rest);
}

export function isEmpty(a: AddressSet): boolean {
  return a.length === 0;
}

export function sameSet(a: AddressSet, b: AddressSet): boolean {
  return a.length === b.length && a.every(([x, y], i) => x === b[i]![0] && y === b[i]![1]);
}

/** The smallest list of CIDR blocks that covers exactly `set`. */
export function cidrsOf(set: AddressSet): string[] {
  const out: string[] = [];
  for (const [first, last] of set) {
    let start = first;
    while (start <= last) {
      let prefix = 32;
      while (prefix > 0) {
        const size = 1n << BigInt(33 - prefix);
        if (start % size !== 0n || start + size - 1n > last) break;
        prefix--;
      }
      out.push(formatCidr(start, prefix));
      start += 1n << BigInt(32 - prefix);
    }
  }
  return out;
}

/** `${type.key.attr}` or `${data.type.key.attr}` -> [type, key], else undefined. */
function reference(value: unknown): { data: boolean; type: string; key: string } | undefined {
  const m = typeof value === 'string' ? /^\$\{(data\.)?([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(value) : null;
  return m ? { data: m[1] !== undefined, type: m[2]!, key: m[3]! } : undefined;
}

function listOf<T>(value: T | readonly T[] | undefined): readonly T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value as T];
}

export interface ReachSource {
  /** `p2s:<gateway name>/<connection configuration>` or `site:<vpn site name>`. */
  readonly id: string;
  readonly kind: 'p2s-connection' | 'vpn-site';
  /** Connection configuration name (the population) or VPN site name. */
  readonly name: string;
  /** Hub name the source enters. */
  readonly hub: string;
  readonly sourceCidrs: readonly string[];
  /** Whether private traffic from this hub crosses a firewall (routing intent). */
  readonly filtered: boolean;
  /** Destinations the source can reach (upper bound), as minimal CIDRs. */
  readonly reachable: readonly string[];
  readonly reachableSet: AddressSet;
}

interface Stacks {
  readonly resources: (type: string) => [string, Json][];
  readonly get: (type: string, key: string, data?: boolean) => Json | undefined;
}

function index(stacks: readonly Json[]): Stacks {
  return {
    resources: (type) => stacks.flatMap((s) => Object.entries(s?.resource?.[type] ?? {}) as [string, Json][]),
    get: (type, key, data = false) => {
      for (const s of stacks) {
        const found = (data ? s?.data : s?.resource)?.[type]?.[key];
        if (found) return found;
      }
      return undefined;
    },
  };
}

/** Name of the hub a virtual_hub_id expression points at (a resource or a data source). */
function hubNameOf(st: Stacks, virtualHubId: unknown): string | undefined {
  const ref = reference(virtualHubId);
  if (ref?.type !== 'azurerm_virtual_hub') return undefined;
  return st.get('azurerm_virtual_hub', ref.key, ref.data)?.name;
}

interface FirewallRule {
  readonly action: 'Allow' | 'Deny';
  readonly sources: AddressSet;
  readonly destinations: AddressSet;
}

/** The ordered network rules of the firewall that filters private traffic of `hub`, or undefined. */
function firewallRulesOf(st: Stacks, hub: string): FirewallRule[] | undefined {
  for (const [, intent] of st.resources('azurerm_virtual_hub_routing_intent')) {
    if (hubNameOf(st, intent.virtual_hub_id) !== hub) continue;
    for (const policy of listOf<Json>(intent.routing_policy)) {
      if (!listOf<string>(policy.destinations).includes('PrivateTraffic')) continue;
      const fwRef = reference(policy.next_hop);
      if (fwRef?.type !== 'azurerm_firewall') continue;
      const firewall = st.get('azurerm_firewall', fwRef.key);
      const policyRef = reference(firewall?.firewall_policy_id);
      if (!policyRef) return [];
      const groups = st
        .resources('azurerm_firewall_policy_rule_collection_group')
        .filter(([, g]) => reference(g.firewall_policy_id)?.key === policyRef.key)
        .map(([, g]) => g)
        .sort((a, b) => a.priority - b.priority);
      return groups.flatMap((g) =>
        [...listOf<Json>(g.network_rule_collection)]
          .sort((a, b) => a.priority - b.priority)
          .flatMap((c) =>
            listOf<Json>(c.rule).map((r) => ({
              action: c.action === 'Allow' ? ('Allow' as const) : ('Deny' as const),
              sources: addressSetOf(listOf<string>(r.source_addresses)),
              destinations: addressSetOf(listOf<string>(r.destination_addresses)),
            })),
          ),
      );
    }
  }
  return undefined;
}

/** Destinations `source` reaches through `rules` (first match decides; see the file comment). */
export function reachThrough(rules: readonly FirewallRule[], source: AddressSet): AddressSet {
  let decided: AddressSet = [];
  let allowed: AddressSet = [];
  for (const rule of rules) {
    const overlapsSource = !isEmpty(intersect(rule.sources, source));
    if (rule.action === 'Allow' && overlapsSource) {
      allowed = union(allowed, subtract(rule.destinations, decided));
      decided = union(decided, rule.destinations);
    } else if (rule.action === 'Deny' && sameSet(intersect(rule.sources, source), source)) {
      decided = union(decided, rule.destinations);
    }
  }
  return allowed;
}

function sourcesOf(
  st: Stacks,
): { id: string; kind: ReachSource['kind']; name: string; hub: string; cidrs: string[] }[] {
  const out: { id: string; kind: ReachSource['kind']; name: string; hub: string; cidrs: string[] }[] = [];
  for (const [, g] of st.resources('azurerm_point_to_site_vpn_gateway')) {
    const hub = hubNameOf(st, g.virtual_hub_id) ?? '(unknown hub)';
    for (const c of listOf<Json>(g.connection_configuration)) {
      const cidrs = listOf<Json>(c.vpn_client_address_pool).flatMap((p) =>
        listOf<string>(p.address_prefixes),
      );
      out.push({ id: `p2s:${g.name}/${c.name}`, kind: 'p2s-connection', name: c.name, hub, cidrs });
    }
  }
  for (const [, conn] of st.resources('azurerm_vpn_gateway_connection')) {
    const siteRef = reference(conn.remote_vpn_site_id);
    const site = siteRef ? st.get('azurerm_vpn_site', siteRef.key) : undefined;
    const gwRef = reference(conn.vpn_gateway_id);
    const gateway = gwRef ? st.get('azurerm_vpn_gateway', gwRef.key) : undefined;
    if (!site || !gateway) continue;
    const natKeys = listOf<Json>(conn.vpn_link).flatMap((l) =>
      listOf<string>(l.ingress_nat_rule_ids).flatMap((id) => {
        const r = reference(id);
        return r ? [r.key] : [];
      }),
    );
    const translated = natKeys.flatMap((k) =>
      listOf<Json>(st.get('azurerm_vpn_gateway_nat_rule', k)?.external_mapping).map((m) =>
        String(m.address_space),
      ),
    );
    const cidrs = [
      ...new Set(translated.length > 0 ? translated : listOf<string>(site.address_cidrs).map(String)),
    ];
    if (cidrs.length === 0) continue;
    const hub = hubNameOf(st, gateway.virtual_hub_id) ?? '(unknown hub)';
    out.push({ id: `site:${site.name}@${hub}`, kind: 'vpn-site', name: site.name, hub, cidrs });
  }
  return out;
}

/** Every source of private traffic into the Azure hubs and what it can reach. */
export function azureReach(stacks: readonly Json[]): ReachSource[] {
  const st = index(stacks);
  return sourcesOf(st).map((s) => {
    const rules = firewallRulesOf(st, s.hub);
    const reachableSet = rules ? reachThrough(rules, addressSetOf(s.cidrs)) : allAddresses();
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      hub: s.hub,
      sourceCidrs: s.cidrs,
      filtered: rules !== undefined,
      reachable: cidrsOf(reachableSet),
      reachableSet,
    };
  });
}

/** True when `source` can reach any address of `cidrs`. */
export function reachesAny(source: ReachSource, cidrs: readonly string[]): boolean {
  return !isEmpty(intersect(source.reachableSet, addressSetOf(cidrs)));
}

/** True when `source` reaches exactly the addresses of `cidrs`. */
export function reachesExactly(source: ReachSource, cidrs: readonly string[]): boolean {
  return sameSet(source.reachableSet, addressSetOf(cidrs));
}

/** Parses a CIDR list into an address set (for callers that hold profile CIDRs). */
export function addressSetOfCidrs(cidrs: readonly string[]): AddressSet {
  return normalise(cidrs.map((c) => parseCidr(c)).map((c) => [c.first, c.last] as const));
}
