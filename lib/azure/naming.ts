/**
 * Azure resource names: `<type abbreviation>-<organisation>-<environment>-<region>-<purpose>`,
 * with the Cloud Adoption Framework abbreviations (rg, vwan, vhub, ...). One convention,
 * checked against Azure's length and character rules at construction time.
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

/** Length and character rules per resource type (Microsoft naming rules). */
const RULES: Readonly<Record<string, { max: number; pattern: RegExp }>> = {
  rg: { max: 90, pattern: /^[a-zA-Z0-9._()-]*[a-zA-Z0-9_()-]$/ },
  vwan: { max: 80, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]$/ },
  vhub: { max: 80, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]$/ },
};
const DEFAULT_RULE = { max: 80, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]$/ };

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
  const rule = RULES[abbreviation] ?? DEFAULT_RULE;
  if (name.length > rule.max || !rule.pattern.test(name)) {
    throw new Error(
      `Azure name ${name} breaks the ${abbreviation} naming rule (max ${rule.max} characters, ${rule.pattern})`,
    );
  }
  return name;
}
