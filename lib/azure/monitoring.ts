/**
 * Monitoring: a Log Analytics workspace with the profile's retention, diagnostic settings on
 * every point-to-site gateway, VPN gateway, ExpressRoute circuit and ExpressRoute gateway,
 * and metric alerts when point-to-site connections pass 80 % and 95 % of the tier's planned
 * nominal connections and when a circuit's BGP availability drops.
 *
 * The monitored resources live in other stacks (standalone root modules), so they are
 * addressed by ARM resource ID built from their deterministic names (lib/azure/inventory.ts).
 * Apply this stack last.
 */
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { LogAnalyticsWorkspaceTable } from '@cdktf/provider-azurerm/lib/log-analytics-workspace-table';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { MonitorMetricAlert } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import {
  CAPACITY_ALARM_PERCENTS,
  CAPACITY_THRESHOLDS,
  capacityAlarmThreshold,
} from '../monitoring/thresholds';
import type { AzureP2sTierPlan } from '../planner/types';
import type { Profile } from '../profile/schema';
import {
  LOG_ANALYTICS_TOTAL_RETENTION_DAYS_BEYOND_TWO_YEARS,
  LOG_ANALYTICS_WORKSPACE_RETENTION_DAYS,
} from '../quotas/azure-monitor';
import { type AzureNames, azureResourceId, expressRouteGatewayPlans } from './inventory';

/** Percentages of planned capacity at which the connection alerts fire (lib/monitoring/thresholds.ts). */
export const P2S_ALERT_PERCENTS = CAPACITY_ALARM_PERCENTS;

/** Connection count above which the alert at `percent` of `nominal` fires. */
export function p2sAlertThreshold(nominalConnections: number, percent: number): number {
  return capacityAlarmThreshold(nominalConnections, percent);
}

/** Azure Monitor severity of a threshold: a page is Sev1 (critical), a warning Sev2. */
function alertSeverity(percent: number): 1 | 2 {
  return CAPACITY_THRESHOLDS.find((t) => t.percent === percent)?.severity === 'page' ? 1 : 2;
}

/**
 * Workspace (interactive) retention and the table total retention (interactive + long-term)
 * that keeps logs as long as the profile asks: the interactive part is
 * audit.logRetentionDays up to the workspace maximum of 730 days, the total covers the longer
 * of audit.logRetentionDays and audit.archiveRetentionDays (7 years for Hyogo) with the
 * smallest total retention Log Analytics accepts at or above it. Beyond the longest accepted
 * total (12 years) the profile needs a data export to storage, which Tsunagi does not create.
 */
export function logRetention(
  logRetentionDays: number,
  archiveRetentionDays = logRetentionDays,
): { workspaceDays: number; tableTotalDays?: number } {
  const { min, max } = LOG_ANALYTICS_WORKSPACE_RETENTION_DAYS.value;
  const workspaceDays = Math.max(min, Math.min(max, logRetentionDays));
  const wanted = Math.max(logRetentionDays, archiveRetentionDays);
  if (wanted <= max) return { workspaceDays: Math.max(workspaceDays, wanted) };
  const total = LOG_ANALYTICS_TOTAL_RETENTION_DAYS_BEYOND_TWO_YEARS.value.find((v) => v >= wanted);
  if (total === undefined) {
    throw new Error(
      `audit.archiveRetentionDays: ${wanted} days exceeds the longest Log Analytics total retention (${LOG_ANALYTICS_TOTAL_RETENTION_DAYS_BEYOND_TWO_YEARS.value.at(-1)} days); lower it or export the logs to immutable storage outside Tsunagi`,
    );
  }
  return { workspaceDays, tableTotalDays: total };
}

/** Tables the diagnostic settings write to (Azure diagnostics mode) and the platform metrics. */
const DIAGNOSTIC_TABLES = ['AzureDiagnostics', 'AzureMetrics'];

export interface MonitoringProps {
  readonly profile: Profile;
  readonly names: AzureNames;
  readonly subscriptionId: string;
  readonly tiers: readonly AzureP2sTierPlan[];
  readonly tags: Readonly<Record<string, string>>;
}

export class Monitoring extends Construct {
  readonly workspace: LogAnalyticsWorkspace;
  /** The action group every alert notifies (operations.alarmRecipients). */
  readonly actionGroup: MonitorActionGroup;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { profile, names, subscriptionId } = props;
    const tags = { ...props.tags };
    const group = new ResourceGroup(this, 'ResourceGroup', {
      name: names.monitoringResourceGroup(),
      location: names.primaryRegion,
      tags,
      lifecycle: { preventDestroy: true },
    });
    const retention = logRetention(profile.audit.logRetentionDays, profile.audit.archiveRetentionDays);
    this.workspace = new LogAnalyticsWorkspace(this, 'Workspace', {
      name: names.logAnalyticsWorkspace(),
      resourceGroupName: group.name,
      location: names.primaryRegion,
      sku: 'PerGB2018',
      retentionInDays: retention.workspaceDays,
      // Entra ID only: no shared workspace keys that could read or write the audit logs.
      localAuthenticationEnabled: false,
      tags,
      // Audit evidence: losing the workspace loses the connection history.
      lifecycle: { preventDestroy: true },
    });
    if (retention.tableTotalDays !== undefined) {
      for (const table of DIAGNOSTIC_TABLES) {
        new LogAnalyticsWorkspaceTable(this, `Table-${table}`, {
          name: table,
          workspaceId: this.workspace.id,
          retentionInDays: retention.workspaceDays,
          totalRetentionInDays: retention.tableTotalDays,
        });
      }
    }

    // Everyone on operations.alarmRecipients is told of every alert (the profile rule requires
    // at least one e-mail when Azure tiers exist).
    const emails = profile.operations.alarmRecipients.emails;
    this.actionGroup = new MonitorActionGroup(this, 'Operations', {
      name: names.actionGroup(),
      resourceGroupName: group.name,
      shortName: 'tsunagi-ops',
      enabled: true,
      emailReceiver: emails.map((address, i) => ({
        name: `operations-${i + 1}`,
        emailAddress: address,
        useCommonAlertSchema: true,
      })),
      tags,
    });
    const action = [{ actionGroupId: this.actionGroup.id }];

    const rg = names.connectivityResourceGroup();
    const resourceId = (type: string, name: string) => azureResourceId(subscriptionId, rg, type, name);
    const targets: { purpose: string; resourceId: string }[] = [
      ...props.tiers.map((t) => ({
        purpose: `${t.tierId}-p2s`,
        resourceId: resourceId('Microsoft.Network/p2sVpnGateways', names.p2sGateway(t)),
      })),
      ...(profile.clouds.azure?.hubs ?? []).map((h) => ({
        purpose: `${h.region}-vpn`,
        resourceId: resourceId('Microsoft.Network/vpnGateways', names.vpnGateway(h.region)),
      })),
      ...(profile.clouds.azure?.hubs ?? []).map((h) => ({
        purpose: `${h.region}-firewall`,
        resourceId: resourceId('Microsoft.Network/azureFirewalls', names.firewall(h.region)),
      })),
      ...profile.expressRoute.circuits.map((c) => ({
        purpose: c.name,
        resourceId: resourceId('Microsoft.Network/expressRouteCircuits', names.circuit(c)),
      })),
      ...expressRouteGatewayPlans(profile).map((g) => ({
        purpose: `${g.region}-er`,
        resourceId: resourceId('Microsoft.Network/expressRouteGateways', names.expressRouteGateway(g.region)),
      })),
    ];
    for (const target of targets) {
      new MonitorDiagnosticSetting(this, `Diagnostics-${target.purpose}`, {
        name: names.diagnosticSetting(target.purpose),
        targetResourceId: target.resourceId,
        logAnalyticsWorkspaceId: this.workspace.id,
        enabledLog: [{ categoryGroup: 'allLogs' }],
        enabledMetric: [{ category: 'AllMetrics' }],
      });
    }

    for (const tier of props.tiers) {
      for (const percent of P2S_ALERT_PERCENTS) {
        new MonitorMetricAlert(this, `P2sConnections-${tier.tierId}-${percent}`, {
          name: names.metricAlert(tier.region, `${tier.tierId}-p2s-${percent}pct`),
          resourceGroupName: group.name,
          scopes: [resourceId('Microsoft.Network/p2sVpnGateways', names.p2sGateway(tier))],
          description: `Point-to-site connections on ${tier.tierId} passed ${percent} % of the ${tier.nominalConnections} planned (${tier.scaleUnits} scale units).`,
          severity: alertSeverity(percent),
          action,
          // One-minute window: the gateway instances report their counts each minute and the
          // Total (Sum) across them is the gateway's count, the aggregation Microsoft's Virtual
          // WAN monitoring guide prescribes for P2SConnectionCount.
          frequency: 'PT1M',
          windowSize: 'PT1M',
          criteria: [
            {
              metricNamespace: 'Microsoft.Network/p2sVpnGateways',
              metricName: 'P2SConnectionCount',
              aggregation: 'Total',
              operator: 'GreaterThan',
              threshold: p2sAlertThreshold(tier.nominalConnections, percent),
            },
          ],
          tags,
        });
      }
    }
    for (const c of profile.expressRoute.circuits) {
      new MonitorMetricAlert(this, `BgpAvailability-${c.name}`, {
        name: names.metricAlert(c.hubRegion, `${c.name}-bgp-availability`),
        resourceGroupName: group.name,
        scopes: [resourceId('Microsoft.Network/expressRouteCircuits', names.circuit(c))],
        description: `BGP availability of ${c.name} (${c.serviceProvider}, ${c.peeringLocation}) dropped below 100 %.`,
        severity: 1,
        action,
        frequency: 'PT1M',
        windowSize: 'PT5M',
        criteria: [
          {
            metricNamespace: 'Microsoft.Network/expressRouteCircuits',
            metricName: 'BgpAvailability',
            aggregation: 'Average',
            operator: 'LessThan',
            threshold: 100,
          },
        ],
        tags,
      });
    }
  }
}
