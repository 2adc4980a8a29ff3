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
import type { AzureNames } from './inventory';

export interface VirtualWanNetworkProps {
  /** Deterministic names (lib/azure/inventory.ts); the primary Region hosts the group and the WAN. */
  readonly names: AzureNames;
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
      name: props.names.connectivityResourceGroup(),
      location: props.names.primaryRegion,
      tags,
      lifecycle: { preventDestroy: true },
    });
    this.virtualWan = new VirtualWan(this, 'VirtualWan', {
      name: props.names.virtualWan(),
      resourceGroupName: this.resourceGroup.name,
      location: props.names.primaryRegion,
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
          name: props.names.hub(hub.region),
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
