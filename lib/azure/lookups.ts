/**
 * Data sources for resources another stack owns, found by their deterministic names
 * (lib/azure/inventory.ts). Each stack stays a standalone Terraform root module: no remote
 * state, no cross-stack outputs. Terraform reads these at plan time, so the owning stack must
 * be applied first (docs/azure.md gives the order).
 */
import { DataAzurermVirtualHub } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-hub';
import { DataAzurermVirtualWan } from '@cdktf/provider-azurerm/lib/data-azurerm-virtual-wan';
import type { Construct } from 'constructs';
import type { AzureNames } from './inventory';

/** Hub resource IDs by Region, read from the connectivity stack's hubs. */
export function lookupHubs(
  scope: Construct,
  names: AzureNames,
  regions: readonly string[],
): Map<string, string> {
  const hubs = new Map<string, string>();
  for (const region of regions) {
    const hub = new DataAzurermVirtualHub(scope, `Hub-${region}`, {
      name: names.hub(region),
      resourceGroupName: names.connectivityResourceGroup(),
    });
    hubs.set(region, hub.id);
  }
  return hubs;
}

export function lookupVirtualWan(scope: Construct, names: AzureNames): string {
  return new DataAzurermVirtualWan(scope, 'VirtualWan', {
    name: names.virtualWan(),
    resourceGroupName: names.connectivityResourceGroup(),
  }).id;
}
