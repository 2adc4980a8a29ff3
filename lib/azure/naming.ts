/**
 * Azure resource names: `<type abbreviation>-<organisation>-<environment>-<region>-<purpose>`,
 * with the Cloud Adoption Framework abbreviations (rg, vwan, vhub, erc, ...). One convention,
 * checked against Azure's length and character rules at construction time, and again by
 * test/azure/names.test.ts on every name in the synthesized JSON of every profile.
 *
 * Rules: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 * (Microsoft.Network: 1-80 characters, alphanumerics, underscores, periods and hyphens, start
 * alphanumeric, end alphanumeric or underscore; resource groups 1-90 and may end in ")";
 * virtual networks 2-64; Log Analytics workspaces 4-63, alphanumerics and hyphens; metric
 * alerts and diagnostic settings up to 260 characters without <>*%{}&:\?+/#| characters).
 */
import { regionShortName } from '../quotas/regions';

export interface AzureNameParts {
  readonly organisation: string;
  readonly environment: string;
  /** Azure Region; omitted for global resources such as the Virtual WAN itself. */
  readonly region?: string;
  /** What the resource is for, kebab-case (e.g. "connectivity", "er-iij-tokyo"). */
  readonly purpose?: string;
}

export interface AzureNameRule {
  /** Terraform resource type the abbreviation names. */
  readonly resourceType: string;
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
}

const NETWORK = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]$/;
const MONITOR = /^[^<>*%{}&:\\?+/#|]*[^<>*%{}&:\\?+/#|. ]$/;

function network(resourceType: string, max = 80): AzureNameRule {
  return { resourceType, min: 1, max, pattern: NETWORK };
}

/** Length and character rules per abbreviation (Microsoft naming rules, see above). */
export const AZURE_NAME_RULES: Readonly<Record<string, AzureNameRule>> = {
  rg: {
    resourceType: 'azurerm_resource_group',
    min: 1,
    max: 90,
    pattern: /^[a-zA-Z0-9._()-]*[a-zA-Z0-9_()-]$/,
  },
  vwan: network('azurerm_virtual_wan'),
  vhub: network('azurerm_virtual_hub'),
  erc: network('azurerm_express_route_circuit'),
  rf: network('azurerm_route_filter'),
  ergw: network('azurerm_express_route_gateway'),
  ercn: network('azurerm_express_route_connection'),
  gr: network('azurerm_express_route_circuit_connection'),
  vpnsc: network('azurerm_vpn_server_configuration'),
  vpnpg: network('azurerm_vpn_server_configuration_policy_group'),
  p2sgw: network('azurerm_point_to_site_vpn_gateway'),
  vpng: network('azurerm_vpn_gateway'),
  vst: network('azurerm_vpn_site'),
  vcn: network('azurerm_vpn_gateway_connection'),
  natr: network('azurerm_vpn_gateway_nat_rule'),
  vnet: network('azurerm_virtual_network', 64),
  snet: network('azurerm_subnet'),
  nsg: network('azurerm_network_security_group'),
  nsgsr: network('azurerm_network_security_rule'),
  hcn: network('azurerm_virtual_hub_connection'),
  aadds: network('azurerm_active_directory_domain_service'),
  afw: network('azurerm_firewall', 56),
  afwp: network('azurerm_firewall_policy'),
  rcg: network('azurerm_firewall_policy_rule_collection_group'),
  ri: network('azurerm_virtual_hub_routing_intent'),
  erca: network('azurerm_express_route_circuit_authorization'),
  ag: { resourceType: 'azurerm_monitor_action_group', min: 1, max: 260, pattern: MONITOR },
  cap: {
    resourceType: 'azuread_conditional_access_policy',
    min: 1,
    max: 256,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9 _.()-]*$/,
  },
  log: {
    resourceType: 'azurerm_log_analytics_workspace',
    min: 4,
    max: 63,
    pattern: /^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$/,
  },
  diag: { resourceType: 'azurerm_monitor_diagnostic_setting', min: 1, max: 260, pattern: MONITOR },
  alert: { resourceType: 'azurerm_monitor_metric_alert', min: 1, max: 260, pattern: MONITOR },
};

/**
 * Resources whose name Azure fixes (not ours to choose): checked for presence only.
 * azurerm_log_analytics_workspace_table names a built-in table such as AzureDiagnostics.
 */
export const AZURE_FIXED_NAME_TYPES: ReadonlySet<string> = new Set(['azurerm_log_analytics_workspace_table']);

/** The rule for a Terraform resource type, or undefined when the type has no name rule here. */
export function nameRuleForResourceType(resourceType: string): AzureNameRule | undefined {
  return Object.values(AZURE_NAME_RULES).find((r) => r.resourceType === resourceType);
}

/** Why `name` breaks `rule`, or undefined when it complies. */
export function nameRuleViolation(name: string, rule: AzureNameRule): string | undefined {
  if (name.length < rule.min || name.length > rule.max)
    return `is ${name.length} characters (allowed ${rule.min}-${rule.max})`;
  if (!rule.pattern.test(name)) return `does not match ${rule.pattern}`;
  return undefined;
}

export function azureName(abbreviation: string, parts: AzureNameParts): string {
  const name = [
    abbreviation,
    parts.organisation,
    parts.environment,
    parts.region ? regionShortName(parts.region) : undefined,
    parts.purpose,
  ]
    .filter(Boolean)
    .join('-');
  const rule = AZURE_NAME_RULES[abbreviation];
  if (!rule) throw new Error(`internal: no Azure naming rule for abbreviation ${abbreviation}`);
  const violation = nameRuleViolation(name, rule);
  if (violation) {
    throw new Error(
      `Azure name ${name} breaks the ${rule.resourceType} naming rule: it ${violation}; shorten the organisation id, environment or the purpose name in the profile`,
    );
  }
  return name;
}
