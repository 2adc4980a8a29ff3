/**
 * Connectivity: the resource group, the Virtual WAN (Standard) and its hubs as the plan lays
 * them out, and the ExpressRoute closed links (circuits, peerings, route filters, gateways,
 * connections, Global Reach; stage 2 only once the provider has provisioned a circuit), and a
 * secured hub per Region (Azure Firewall, segmentation policy, routing intent). Long-lead
 * resources live here, in their own state, so that routine remote-access changes never plan
 * against them.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ExpressRouteLinks } from '../../lib/azure/expressroute';
import { hubFirewallSizing } from '../../lib/azure/firewall-sizing';
import { AzureNames } from '../../lib/azure/inventory';
import { type BackendKind, configureProviderAndBackend } from '../../lib/azure/provider';
import { SecuredHub } from '../../lib/azure/secured-hub';
import { segmentationPlan } from '../../lib/azure/segmentation';
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
  /** Secured hubs (firewall, policy, routing intent) by Region. */
  readonly securedHubs = new Map<string, SecuredHub>();

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
    const segmentation = segmentationPlan(profile, plan);
    for (const hub of plan.azureHubs) {
      this.securedHubs.set(
        hub.region,
        new SecuredHub(this, `SecuredHub-${hub.region}`, {
          names,
          resourceGroupName: this.network.resourceGroup.name,
          hub: this.network.hubs.get(hub.region)!,
          region: hub.region,
          tier: hubFirewallSizing(profile, plan, hub.region).tier,
          zones: hub.zones,
          segmentation,
          tags: props.tags,
        }),
      );
    }
    this.expressRoute = new ExpressRouteLinks(this, 'ExpressRoute', {
      profile,
      names,
      resourceGroupName: this.network.resourceGroup.name,
      hubs: this.network.hubs,
      tags: props.tags,
    });
  }
}
