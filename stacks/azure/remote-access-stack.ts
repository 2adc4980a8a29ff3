/**
 * Remote access: VPN server configurations, policy groups (bound to the per-population
 * connection configurations through azapi), the point-to-site gateways of the Azure access
 * tiers, and Conditional Access for populations that asked for certificate and SSO together.
 * The hubs of the connectivity stack are found by name. The tier sizes and pools come from
 * the capacity plan; lib/verify/azure-capacity.ts and lib/verify/azure-reach.ts re-read them
 * from the synthesized JSON.
 */
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AzapiProvider } from '../../lib/azure/azapi';
import { VpnConditionalAccess } from '../../lib/azure/conditional-access';
import { AzureNames, azureSubscription, azureTiers } from '../../lib/azure/inventory';
import { lookupHubs } from '../../lib/azure/lookups';
import { configureProviderAndBackend } from '../../lib/azure/provider';
import { populationsNeedingDeviceCompliance, RemoteAccess } from '../../lib/azure/remote-access';
import { microsoft365OptimizeCidrs } from '../../lib/quotas/microsoft365-optimize';
import type { AzureStackProps } from './connectivity-stack';

export class RemoteAccessStack extends TerraformStack {
  readonly remoteAccess: RemoteAccess;
  readonly conditionalAccess?: VpnConditionalAccess;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    const { profile, plan, files } = props.model;
    configureProviderAndBackend(this, profile, props.environment, id, props.backend);
    const subscription = azureSubscription(profile, props.environment);
    const azapi = new AzapiProvider(this, 'azapi', {
      subscriptionId: subscription.subscriptionId,
      tenantId: subscription.tenantId,
    });
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
      azapi,
      tags: props.tags,
    });
    const compliance = populationsNeedingDeviceCompliance(profile);
    const entra = profile.identity.federation.entra;
    if (compliance.length > 0 && entra) {
      new AzureadProvider(this, 'azuread', { tenantId: entra.tenantId, useOidc: true });
      this.conditionalAccess = new VpnConditionalAccess(this, 'ConditionalAccess', {
        names,
        vpnApplicationId: entra.audience,
        populations: compliance.map((p) => ({
          name: p.name,
          entraGroupObjectId: profile.clouds.azure?.entraGroupObjectIds[p.name] ?? '',
        })),
      });
    }
    // For the Azure VPN Client profile (<excluderoutes>) should forced tunnelling ever be
    // enabled: the Microsoft 365 Optimize ranges that must stay outside the tunnel.
    new TerraformOutput(this, 'microsoft365_optimize_exclude_routes', {
      value: [...microsoft365OptimizeCidrs()],
      description:
        'Microsoft 365 Optimize IPv4 ranges (lib/quotas/microsoft365-optimize.ts) kept out of the tunnel',
    });
  }
}
