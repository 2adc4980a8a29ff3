/**
 * The Virtual WAN (Standard) and one hub per planned Region. Hubs are long-lead and carry
 * every gateway, so they are protected from destroy; their address prefix is ForceNew
 * (LIMITS.md, azurerm replacement table) and comes only from the profile.
 */
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { VirtualHub } from '@cdktf/provider-azurerm/lib/virtual-hub';
import { VirtualWan } from '@cdktf/provider-azurerm/lib/virtual-wan';
import { Construct } from 'constructs';
import type { AzureHubPlan } from '../planner/types';
import { type AzureNameParts, azureName } from './naming';

export interface VirtualWanNetworkProps {
  /** Organisation and environment for names. */
  readonly names: Pick<AzureNameParts, 'organisation' | 'environment'>;
  /** Region of the resource group and the Virtual WAN resource itself. */
  readonly primaryRegion: string;
  /** The planner's hubs: Region and address prefix each. */
  readonly hubs: readonly AzureHubPlan[];
  /** Tags for every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export class VirtualWanNetwork extends Construct {
  readonly resourceGroup: ResourceGroup;
  readonly virtualWan: VirtualWan;
  /** Hubs by Region. */
  readonly hubs: ReadonlyMap<string, VirtualHub>;

  constructor(scope: Construct, id: string, props: VirtualWanNetworkProps) {
    super(scope, id);
    const tags = { ...props.tags };
    this.resourceGroup = new ResourceGroup(this, 'ResourceGroup', {
      name: azureName('rg', { ...props.names, region: props.primaryRegion, purpose: 'connectivity' }),
      location: props.primaryRegion,
      tags,
      lifecycle: { preventDestroy: true },
    });
    this.virtualWan = new VirtualWan(this, 'VirtualWan', {
      name: azureName('vwan', { ...props.names, purpose: 'telework' }),
      resourceGroupName: this.resourceGroup.name,
      location: props.primaryRegion,
      type: 'Standard',
      allowBranchToBranchTraffic: true,
      disableVpnEncryption: false,
      tags,
      lifecycle: { preventDestroy: true },
    });
    const hubs = new Map<string, VirtualHub>();
    for (const hub of props.hubs) {
      hubs.set(
        hub.region,
        new VirtualHub(this, `Hub-${hub.region}`, {
          name: azureName('vhub', { ...props.names, region: hub.region }),
          resourceGroupName: this.resourceGroup.name,
          location: hub.region,
          virtualWanId: this.virtualWan.id,
          addressPrefix: hub.hubAddressPrefix,
          sku: 'Standard',
          tags,
          lifecycle: { preventDestroy: true },
        }),
      );
    }
    this.hubs = hubs;
  }
}
