/** Connectivity: resource group, Virtual WAN and its hubs, as the plan lays them out. */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { type BackendKind, configureProviderAndBackend } from '../../lib/azure/provider';
import { VirtualWanNetwork } from '../../lib/azure/virtual-wan';
import type { DeploymentModel } from '../../lib/profile/load';

export interface ConnectivityStackProps {
  readonly model: DeploymentModel;
  readonly environment: string;
  readonly backend: BackendKind;
  readonly tags: Readonly<Record<string, string>>;
}

export class ConnectivityStack extends TerraformStack {
  readonly network: VirtualWanNetwork;

  constructor(scope: Construct, id: string, props: ConnectivityStackProps) {
    super(scope, id);
    const { profile, plan } = props.model;
    configureProviderAndBackend(this, profile, props.environment, id, props.backend);
    this.network = new VirtualWanNetwork(this, 'VirtualWan', {
      names: { organisation: profile.organisation.id, environment: props.environment },
      primaryRegion: plan.azureHubs[0]!.region,
      hubs: plan.azureHubs,
      tags: props.tags,
    });
  }
}
