/**
 * A secured hub per Region: an Azure Firewall in the Virtual WAN hub (sku_name AZFW_Hub), its
 * firewall policy with the segmentation rules, and routing intent that sends all private
 * traffic (point-to-site pools, branches, ExpressRoute, carrier sites) through the firewall.
 *
 * Rules (lib/azure/segmentation.ts): one rule collection group; first a Deny collection for
 * every protected network from any source, then one Allow collection per population and per
 * carrier range whose sources are its own pools (or translated range) and whose destinations
 * are its reach networks' CIDRs. Azure Firewall denies whatever no rule allows.
 *
 * The firewall carries every session: replacing it (name, hub, SKU name are ForceNew) drops
 * them all, so firewall, policy, rule collection group and routing intent carry
 * prevent_destroy.
 */
import { Firewall } from '@cdktf/provider-azurerm/lib/firewall';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import type { VirtualHub } from '@cdktf/provider-azurerm/lib/virtual-hub';
import { VirtualHubRoutingIntent } from '@cdktf/provider-azurerm/lib/virtual-hub-routing-intent';
import { Construct } from 'constructs';
import { AZURE_FIREWALL_HUB_SKU_NAME, type AzureFirewallTier } from '../quotas/azure-firewall';
import type { AzureNames } from './inventory';
import type { SegmentationPlan } from './segmentation';

/** Priority of the deny collection for protected networks: read before every allow. */
export const PROTECTED_DENY_PRIORITY = 100;
/** Priority of the first allow collection; each source adds one. */
export const FIRST_ALLOW_PRIORITY = 1000;

export interface SecuredHubProps {
  /** Deterministic names (lib/azure/inventory.ts). */
  readonly names: AzureNames;
  /** Resource group of the Virtual WAN and its hubs. */
  readonly resourceGroupName: string;
  /** The hub the firewall lives in. */
  readonly hub: VirtualHub;
  /** The hub's Azure Region, for example japaneast. */
  readonly region: string;
  /**
   * Firewall tier, from the hub's worst-case demand (lib/azure/firewall-sizing.ts).
   * @default 'Standard'
   */
  readonly tier?: AzureFirewallTier;
  /**
   * Availability zones the firewall spreads over.
   * @default [] (no zones, the Region is one failure domain)
   */
  readonly zones?: readonly string[];
  /** Sources, destinations and protected ranges the rules are generated from. */
  readonly segmentation: SegmentationPlan;
  /** Tags for every resource. */
  readonly tags: Readonly<Record<string, string>>;
}

export class SecuredHub extends Construct {
  readonly firewall: Firewall;
  readonly policy: FirewallPolicy;
  readonly routingIntent: VirtualHubRoutingIntent;

  constructor(scope: Construct, id: string, props: SecuredHubProps) {
    super(scope, id);
    const { names, region, segmentation } = props;
    const tier = props.tier ?? 'Standard';
    const tags = { ...props.tags };
    const protect = { preventDestroy: true };
    this.policy = new FirewallPolicy(this, 'Policy', {
      name: names.firewallPolicy(region),
      resourceGroupName: props.resourceGroupName,
      location: region,
      sku: tier,
      threatIntelligenceMode: 'Deny',
      tags,
      lifecycle: protect,
    });
    const rules = new FirewallPolicyRuleCollectionGroup(this, 'Segmentation', {
      name: names.ruleCollectionGroup(region),
      firewallPolicyId: this.policy.id,
      priority: 100,
      networkRuleCollection: [
        ...(segmentation.protectedCidrs.length > 0
          ? [
              {
                name: 'deny-protected-networks',
                priority: PROTECTED_DENY_PRIORITY,
                action: 'Deny',
                rule: [
                  {
                    name: 'protected-from-anywhere',
                    protocols: ['Any'],
                    sourceAddresses: ['*'],
                    destinationAddresses: [...segmentation.protectedCidrs],
                    destinationPorts: ['*'],
                  },
                ],
              },
            ]
          : []),
        ...segmentation.sources.map((source, i) => ({
          name: `allow-${source.kind}-${source.name}`,
          priority: FIRST_ALLOW_PRIORITY + i,
          action: 'Allow',
          rule: [
            {
              name: `${source.name}-to-reach`,
              description: `${source.kind} ${source.name} reaches ${source.reach.join(', ')}`,
              protocols: ['Any'],
              sourceAddresses: [...source.sourceCidrs],
              destinationAddresses: [...source.destinationCidrs],
              destinationPorts: ['*'],
            },
          ],
        })),
      ],
      lifecycle: protect,
    });
    this.firewall = new Firewall(this, 'Firewall', {
      name: names.firewall(region),
      resourceGroupName: props.resourceGroupName,
      location: region,
      skuName: AZURE_FIREWALL_HUB_SKU_NAME,
      skuTier: tier,
      firewallPolicyId: this.policy.id,
      virtualHub: { virtualHubId: props.hub.id, publicIpCount: 1 },
      ...(props.zones && props.zones.length > 0 ? { zones: [...props.zones] } : {}),
      tags,
      dependsOn: [rules],
      lifecycle: protect,
    });
    this.routingIntent = new VirtualHubRoutingIntent(this, 'RoutingIntent', {
      name: names.routingIntent(region),
      virtualHubId: props.hub.id,
      routingPolicy: [
        { name: 'PrivateTrafficPolicy', destinations: ['PrivateTraffic'], nextHop: this.firewall.id },
      ],
      lifecycle: protect,
    });
  }
}
