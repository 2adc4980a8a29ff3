/**
 * What an AWS Client VPN endpoint lets each population do, derived from the profile alone
 * (pure, no CDK): the authentication options, one authorization rule per (population group,
 * reachable network CIDR), and the split-tunnel routes. Protected segments and the
 * Microsoft 365 Optimize ranges are refused here, before any construct exists, so a profile
 * mistake cannot become a rule.
 */
import { overlaps, parseCidr } from '../../net/cidr';
import type { Profile } from '../../profile/schema';
import {
  CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT,
  CLIENT_VPN_ROUTES_PER_ASSOCIATION,
} from '../../quotas/aws-client-vpn';
import { microsoft365OptimizeCidrs } from '../../quotas/microsoft365-optimize';

export interface AuthorizationRulePlan {
  /** Stable construct id: population (or `all-users`) and CIDR, never an index. */
  readonly id: string;
  readonly network: string;
  readonly cidr: string;
  /** IdP / directory group; undefined means every authenticated user (no user-based method). */
  readonly accessGroup?: string;
  readonly description: string;
}

export interface ClientVpnAccessPolicy {
  readonly mutualTls: boolean;
  readonly userMethod?: 'federated-sso' | 'directory';
  readonly rules: readonly AuthorizationRulePlan[];
  /** Destinations routed into the tunnel (split tunnel): the reachable networks' CIDRs. */
  readonly routes: readonly { readonly network: string; readonly cidr: string }[];
}

export function cidrId(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}

function refuseOverlap(what: string, cidr: string, others: readonly string[], label: string): void {
  const parsed = parseCidr(cidr);
  const hit = others.find((o) => overlaps(parsed, parseCidr(o)));
  if (hit)
    throw new Error(`${what} ${cidr} overlaps ${label} ${hit}: the Client VPN endpoint must never reach it`);
}

export function clientVpnAccessPolicy(profile: Profile): ClientVpnAccessPolicy {
  const methods = new Set(profile.populations.flatMap((p) => p.authentication));
  const userMethods = [...methods].filter((m) => m !== 'certificate') as ('federated-sso' | 'directory')[];
  if (userMethods.length > 1) {
    // lib/profile/rules/authentication.ts rejects this first; kept as an invariant.
    throw new Error('one Client VPN endpoint supports one user-based method (populations mix them)');
  }
  const networks = new Map(profile.addressPlan.networks.map((n) => [n.name, n]));
  const protectedCidrs = profile.addressPlan.networks.filter((n) => n.protected).flatMap((n) => n.cidrs);
  const optimize = microsoft365OptimizeCidrs();
  const userMethod = userMethods[0];

  const reachOf = (names: readonly string[]) =>
    names.flatMap((name) => {
      const network = networks.get(name);
      if (!network) throw new Error(`population reach names unknown network ${name}`);
      if (network.protected) throw new Error(`network ${name} is protected and cannot be reached remotely`);
      return network.cidrs.map((cidr) => ({ network: name, cidr }));
    });

  const rules: AuthorizationRulePlan[] = [];
  if (userMethod) {
    for (const population of profile.populations) {
      for (const { network, cidr } of reachOf(population.reach)) {
        rules.push({
          id: `${population.name}-${cidrId(cidr)}`,
          network,
          cidr,
          accessGroup: population.accessGroup,
          description: `${population.name} to ${network}`,
        });
      }
    }
  } else {
    // Certificate only: the endpoint cannot tell populations apart (the profile rules then
    // require every population to reach the same networks), so every user gets their union.
    const seen = new Set<string>();
    for (const target of reachOf(profile.populations.flatMap((p) => p.reach))) {
      if (seen.has(target.cidr)) continue;
      seen.add(target.cidr);
      rules.push({
        id: `all-users-${cidrId(target.cidr)}`,
        ...target,
        description: `every certificate holder to ${target.network}`,
      });
    }
  }
  const routes = [...new Map(rules.map((r) => [r.cidr, { network: r.network, cidr: r.cidr }])).values()];
  for (const rule of rules) {
    refuseOverlap('authorization rule', rule.cidr, protectedCidrs, 'protected segment');
    refuseOverlap('authorization rule', rule.cidr, optimize, 'Microsoft 365 Optimize range');
  }
  if (rules.length > CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT.value) {
    throw new Error(
      `${rules.length} authorization rules exceed the ${CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT.value} per endpoint (${CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT.source})`,
    );
  }
  if (routes.length > CLIENT_VPN_ROUTES_PER_ASSOCIATION.value) {
    throw new Error(
      `${routes.length} routes exceed the ${CLIENT_VPN_ROUTES_PER_ASSOCIATION.value} per association (${CLIENT_VPN_ROUTES_PER_ASSOCIATION.source})`,
    );
  }
  return { mutualTls: methods.has('certificate'), userMethod, rules, routes };
}

/** CIDRs of every network a remote user may reach (routes into the VPC's Transit Gateway). */
export function reachableCidrs(profile: Profile): string[] {
  const reach = new Set(profile.populations.flatMap((p) => p.reach));
  return profile.addressPlan.networks
    .filter((n) => reach.has(n.name) && !n.protected)
    .flatMap((n) => n.cidrs);
}
