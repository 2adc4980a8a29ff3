/**
 * Azure Monitor / Log Analytics limits the monitoring stack depends on.
 * Sources: https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure and
 * the terraform-provider-azurerm validation of azurerm_log_analytics_workspace(_table)
 * (v4.x: workspace retention 30-730 days; table total retention 4-730 or whole years).
 */
import type { Sourced } from './source';

const RETENTION = 'https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure';

/** Interactive (analytics) retention a workspace accepts, in days. */
export const LOG_ANALYTICS_WORKSPACE_RETENTION_DAYS: Sourced<{ min: number; max: number }> = {
  value: { min: 30, max: 730 },
  source: RETENTION,
};

/** Total (interactive + long-term) retention values a table accepts beyond 730 days. */
export const LOG_ANALYTICS_TOTAL_RETENTION_DAYS_BEYOND_TWO_YEARS: Sourced<readonly number[]> = {
  value: [1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383],
  source: RETENTION,
};
