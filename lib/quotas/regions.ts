/**
 * Regions Tsunagi deploys to. Data residency: a Japanese local government keeps its
 * platform in Japan, so only these are accepted unless a profile explicitly extends them.
 * Availability Zone counts are from shared/reference/LIMITS.md.
 */
export const JAPAN_REGIONS = {
  aws: ['ap-northeast-1', 'ap-northeast-3'],
  azure: ['japaneast', 'japanwest'],
} as const;

export type CloudProvider = keyof typeof JAPAN_REGIONS;

/** Short Region codes used in resource names (stable: names feed logical IDs). */
export const REGION_SHORT_NAMES: Readonly<Record<string, string>> = {
  'ap-northeast-1': 'apne1',
  'ap-northeast-3': 'apne3',
  japaneast: 'jpe',
  japanwest: 'jpw',
};

export function regionShortName(region: string): string {
  return REGION_SHORT_NAMES[region] ?? region.replace(/[^a-z0-9]/g, '');
}
