/** Identity (optional): Microsoft Entra Domain Services, its network and the hub connection. */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DomainServices } from '../../lib/azure/domain-services';
import { AzureNames } from '../../lib/azure/inventory';
import { lookupHubs } from '../../lib/azure/lookups';
import { configureProviderAndBackend } from '../../lib/azure/provider';
import type { AzureStackProps } from './connectivity-stack';

export class IdentityStack extends TerraformStack {
  readonly domainServices: DomainServices;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    const { profile, plan } = props.model;
    configureProviderAndBackend(this, profile, props.environment, id, props.backend);
    const names = new AzureNames(profile, plan, props.environment);
    const region = profile.identity.entraDomainServices?.region;
    if (!region) throw new Error('internal: identity stack without identity.entraDomainServices');
    const hubs = lookupHubs(this, names, [region]);
    this.domainServices = new DomainServices(this, 'DomainServices', {
      profile,
      names,
      hubId: hubs.get(region)!,
      tags: props.tags,
    });
  }
}
