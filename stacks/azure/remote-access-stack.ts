/**
 * Remote access: VPN server configurations, policy groups and the point-to-site gateways of
 * the Azure access tiers, in the hubs of the connectivity stack (found by name). The tier
 * sizes come from the capacity plan; lib/verify/azure-capacity.ts re-reads them from the
 * synthesized JSON.
 */
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AzureNames, azureTiers } from '../../lib/azure/inventory';
import { lookupHubs } from '../../lib/azure/lookups';
import { configureProviderAndBackend } from '../../lib/azure/provider';
import { RemoteAccess } from '../../lib/azure/remote-access';
import { microsoft365OptimizeCidrs } from '../../lib/quotas/microsoft365-optimize';
import type { AzureStackProps } from './connectivity-stack';

export class RemoteAccessStack extends TerraformStack {
  readonly remoteAccess: RemoteAccess;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    const { profile, plan, files } = props.model;
    configureProviderAndBackend(this, profile, props.environment, id, props.backend);
    const names = new AzureNames(profile, plan, props.environment);
    const tiers = azureTiers(plan);
    const hubs = lookupHubs(this, names, [...new Set(tiers.map((t) => t.region))]);
    this.remoteAccess = new RemoteAccess(this, 'RemoteAccess', {
      profile,
      files,
      names,
      resourceGroupName: names.connectivityResourceGroup(),
      tiers,
      hubId: (region) => hubs.get(region)!,
      tags: props.tags,
    });
    // For the Azure VPN Client profile (<excluderoutes>) should forced tunnelling ever be
    // enabled: the Microsoft 365 Optimize ranges that must stay outside the tunnel.
    new TerraformOutput(this, 'microsoft365_optimize_exclude_routes', {
      value: [...microsoft365OptimizeCidrs()],
      description:
        'Microsoft 365 Optimize IPv4 ranges (lib/quotas/microsoft365-optimize.ts) kept out of the tunnel',
    });
  }
}
