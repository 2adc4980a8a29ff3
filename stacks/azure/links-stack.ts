/**
 * Data-centre and carrier links: site-to-site VPN gateways in the hubs, VPN sites for the
 * data centres and the carrier closed mobile networks, their connections and the static NAT
 * of carrier device pools. The hubs and the Virtual WAN are found by name.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AzureNames } from '../../lib/azure/inventory';
import { lookupHubs, lookupVirtualWan } from '../../lib/azure/lookups';
import { configureProviderAndBackend } from '../../lib/azure/provider';
import { SiteLinks } from '../../lib/azure/site-links';
import type { AzureStackProps } from './connectivity-stack';

export class LinksStack extends TerraformStack {
  readonly links: SiteLinks;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    const { profile, plan } = props.model;
    configureProviderAndBackend(this, profile, props.environment, id, props.backend);
    const names = new AzureNames(profile, plan, props.environment);
    this.links = new SiteLinks(this, 'Links', {
      profile,
      names,
      resourceGroupName: names.connectivityResourceGroup(),
      virtualWanId: lookupVirtualWan(this, names),
      hubIds: lookupHubs(
        this,
        names,
        plan.azureHubs.map((h) => h.region),
      ),
      tags: props.tags,
    });
  }
}
