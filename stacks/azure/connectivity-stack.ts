/**
 * Connectivity: the resource group, the Virtual WAN (Standard) and its hubs as the plan lays
 * them out, and the ExpressRoute closed links (circuits, peerings, route filters, gateways,
 * connections, Global Reach). Long-lead resources live here, in their own state, so that
 * routine remote-access changes never plan against them.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ExpressRouteLinks } from '../../lib/azure/expressroute';
import { AzureNames } from '../../lib/azure/inventory';
import { type BackendKind, configureProviderAndBackend } from '../../lib/azure/provider';
import { VirtualWanNetwork } from '../../lib/azure/virtual-wan';
import type { DeploymentModel } from '../../lib/profile/load';

export interface AzureStackProps {
  readonly model: DeploymentModel;
  readonly environment: string;
  readonly backend: BackendKind;
  readonly tags: Readonly<Record<string, string>>;
}

export class ConnectivityStack extends TerraformStack {
  readonly network: VirtualWanNetwork;
  readonly expressRoute: ExpressRouteLinks;

  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    const { profile, plan } = props.model;
    configureProviderAndBackend(this, profile, props.environment, id, props.backend);
    const names = new AzureNames(profile, plan, props.environment);
    this.network = new VirtualWanNetwork(this, 'VirtualWan', {
      names,
      hubs: plan.azureHubs,
      tags: props.tags,
    });
    this.expressRoute = new ExpressRouteLinks(this, 'ExpressRoute', {
      profile,
      names,
      resourceGroupName: this.network.resourceGroup.name,
      hubs: this.network.hubs,
      tags: props.tags,
    });
  }
}
