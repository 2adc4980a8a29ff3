/**
 * Capacity verification of the Azure point-to-site gateways from synthesized Terraform JSON
 * only (cdktf.out/stacks/<stack>/cdk.tf.json), independently of the planner: what is verified
 * is what will be deployed. Reads `scale_unit` and the client address pools of every
 * `azurerm_point_to_site_vpn_gateway` and applies the quota table (lib/quotas). No cdktf here.
 */
import { addressCount, overlaps, parseCidr, tryParseCidr } from '../net/cidr';
import { P2S_MIN_ADDRESSES_PER_POOL, p2sMinimumPools, p2sRow } from '../quotas/azure-virtual-wan';

export interface P2sGatewayCapacity {
  /** Terraform resource address, azurerm_point_to_site_vpn_gateway.<logical id>. */
  readonly address: string;
  readonly name: string;
  readonly location: string;
  readonly scaleUnits: number;
  readonly pools: readonly string[];
  /** Concurrent connections the scale units carry (0 for an invalid scale unit count). */
  readonly connections: number;
  /** Every rule the gateway breaks; empty when it complies. */
  readonly problems: readonly string[];
}

interface SynthesizedJson {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

interface P2sGatewayJson {
  readonly name?: unknown;
  readonly location?: unknown;
  readonly scale_unit?: unknown;
  readonly connection_configuration?: readonly {
    readonly vpn_client_address_pool?:
      | { readonly address_prefixes?: readonly unknown[] }
      | readonly { readonly address_prefixes?: readonly unknown[] }[];
  }[];
}

function poolsOf(gateway: P2sGatewayJson): string[] {
  return (gateway.connection_configuration ?? []).flatMap((c) => {
    const pool = c.vpn_client_address_pool;
    const blocks = Array.isArray(pool) ? pool : pool ? [pool] : [];
    return blocks.flatMap((b: { readonly address_prefixes?: readonly unknown[] }) =>
      (b.address_prefixes ?? []).map(String),
    );
  });
}

/** Every point-to-site gateway in one synthesized stack, with its capacity and problems. */
export function p2sGatewayCapacities(json: SynthesizedJson): P2sGatewayCapacity[] {
  const gateways = json.resource?.azurerm_point_to_site_vpn_gateway ?? {};
  return Object.entries(gateways).map(([logicalId, raw]) => {
    const g = raw as P2sGatewayJson;
    const problems: string[] = [];
    const scaleUnits = typeof g.scale_unit === 'number' ? g.scale_unit : Number.NaN;
    const row = Number.isInteger(scaleUnits) ? p2sRow(scaleUnits) : undefined;
    if (!row)
      problems.push(`scale_unit ${String(g.scale_unit)} is not a valid point-to-site scale unit count`);
    const pools = poolsOf(g);
    const minimum = p2sMinimumPools(Number.isFinite(scaleUnits) ? scaleUnits : 0);
    if (pools.length < minimum)
      problems.push(
        `${pools.length} client address pool(s); ${scaleUnits} scale units need at least ${minimum}`,
      );
    const parsed = pools.map((p) => ({ text: p, cidr: tryParseCidr(p) }));
    for (const p of parsed) {
      if (typeof p.cidr === 'string') {
        problems.push(`pool ${p.text} is not a CIDR (${p.cidr})`);
      } else if (addressCount(p.cidr) < BigInt(P2S_MIN_ADDRESSES_PER_POOL.value)) {
        problems.push(
          `pool ${p.text} holds ${addressCount(p.cidr)} addresses, fewer than ${P2S_MIN_ADDRESSES_PER_POOL.value} (${P2S_MIN_ADDRESSES_PER_POOL.source})`,
        );
      }
    }
    const cidrs = pools.flatMap((p) => (typeof tryParseCidr(p) === 'string' ? [] : [parseCidr(p)]));
    cidrs.forEach((a, i) =>
      cidrs.slice(i + 1).forEach((b) => {
        if (overlaps(a, b)) problems.push(`pools ${a.text} and ${b.text} overlap`);
      }),
    );
    const total = cidrs.reduce((sum, c) => sum + addressCount(c), 0n);
    if (row && total < BigInt(row.connections))
      problems.push(`pools hold ${total} addresses, fewer than the ${row.connections} connections`);
    return {
      address: `azurerm_point_to_site_vpn_gateway.${logicalId}`,
      name: String(g.name ?? logicalId),
      location: String(g.location ?? ''),
      scaleUnits,
      pools,
      connections: row?.connections ?? 0,
      problems,
    };
  });
}

/** Total point-to-site connections the synthesized stacks carry, with every gateway's problems. */
export function verifyAzureP2sCapacity(stacks: readonly SynthesizedJson[]): {
  readonly connections: number;
  readonly gateways: readonly P2sGatewayCapacity[];
  readonly problems: readonly string[];
} {
  const gateways = stacks.flatMap(p2sGatewayCapacities);
  return {
    connections: gateways.reduce((sum, g) => sum + g.connections, 0),
    gateways,
    problems: gateways.flatMap((g) => g.problems.map((p) => `${g.name}: ${p}`)),
  };
}
