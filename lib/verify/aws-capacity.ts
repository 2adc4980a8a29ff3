/**
 * Capacity implied by synthesized CloudFormation templates, recomputed from the artifact
 * alone (never from the profile or the plan): every AWS::EC2::ClientVpnEndpoint, the
 * AWS::EC2::ClientVpnTargetNetworkAssociation resources that reference it, and the
 * connections the quota table grants that many associations (lib/quotas/aws-client-vpn.ts).
 * A bug in a stack cannot hide behind a correct planner.
 */
import { clientVpnConnections } from '../quotas/aws-client-vpn';

export interface CloudFormationTemplate {
  readonly Resources?: Readonly<
    Record<string, { readonly Type: string; readonly Properties?: Readonly<Record<string, unknown>> }>
  >;
}

export interface SynthesizedEndpoint {
  readonly logicalId: string;
  readonly clientCidr: string;
  /** Distinct subnets associated with the endpoint (one per AZ by the service's rules). */
  readonly associations: number;
  readonly connections: number;
}

export interface SynthesizedCapacity {
  readonly endpoints: readonly SynthesizedEndpoint[];
  readonly connections: number;
}

function refTarget(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'Ref' in value) {
    const ref = (value as { Ref: unknown }).Ref;
    return typeof ref === 'string' ? ref : undefined;
  }
  return undefined;
}

function stableKey(value: unknown): string {
  return JSON.stringify(value);
}

/** Client VPN capacity of one or more templates (e.g. every remote-access stack of a Region). */
export function clientVpnCapacity(templates: readonly CloudFormationTemplate[]): SynthesizedCapacity {
  const endpoints: SynthesizedEndpoint[] = [];
  for (const template of templates) {
    const resources = Object.entries(template.Resources ?? {});
    for (const [logicalId, resource] of resources) {
      if (resource.Type !== 'AWS::EC2::ClientVpnEndpoint') continue;
      const subnets = new Set(
        resources
          .filter(
            ([, r]) =>
              r.Type === 'AWS::EC2::ClientVpnTargetNetworkAssociation' &&
              refTarget(r.Properties?.ClientVpnEndpointId) === logicalId,
          )
          .map(([, r]) => stableKey(r.Properties?.SubnetId)),
      );
      const clientCidr = resource.Properties?.ClientCidrBlock;
      endpoints.push({
        logicalId,
        clientCidr: typeof clientCidr === 'string' ? clientCidr : '',
        associations: subnets.size,
        connections: clientVpnConnections(subnets.size),
      });
    }
  }
  return { endpoints, connections: endpoints.reduce((sum, e) => sum + e.connections, 0) };
}
