/** Monitoring: Log Analytics, diagnostic settings and capacity / BGP alerts. Apply last. */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AzureNames, azureSubscription, azureTiers } from '../../lib/azure/inventory';
import { Monitoring } from '../../lib/azure/monitoring';
import { configureProviderAndBackend } from '../../lib/azure/provider';
import type { AzureStackProps } from './connectivity-stack';

export class MonitoringStack extends TerraformStack {
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    const { profile, plan } = props.model;
    configureProviderAndBackend(this, profile, props.environment, id, props.backend);
    this.monitoring = new Monitoring(this, 'Monitoring', {
      profile,
      names: new AzureNames(profile, plan, props.environment),
      subscriptionId: azureSubscription(profile, props.environment).subscriptionId,
      tiers: azureTiers(plan),
      tags: props.tags,
    });
  }
}
