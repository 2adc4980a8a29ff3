/**
 * Test support for the review: small synthesized trees built by hand (the real ones come
 * from the jest global setup, test/support/synthesized.ts).
 */
import type { CapacityPlan } from '../../lib/model/plan';
import type {
  AwsStackArtifact,
  AzureStackArtifact,
  CfnTemplate,
  SynthTree,
  TfJson,
} from '../../lib/review/artifacts';
import { diffAws } from '../../lib/review/aws-diff';
import { diffAzure } from '../../lib/review/azure-diff';

/** A tree built by hand: templates and Terraform JSON by stack name. */
export function handTree(
  aws: Record<string, CfnTemplate & { region?: string }>,
  azure: Record<string, TfJson> = {},
  plan?: CapacityPlan,
): SynthTree {
  const awsStacks = new Map<string, AwsStackArtifact>(
    Object.entries(aws).map(([name, { region, ...template }]) => [
      name,
      { name, template, text: JSON.stringify(template), region: region ?? 'ap-northeast-1' },
    ]),
  );
  const azureStacks = new Map<string, AzureStackArtifact>(
    Object.entries(azure).map(([name, json]) => [name, { name, json, text: JSON.stringify(json) }]),
  );
  return {
    source: 'hand-built',
    aws: awsStacks,
    azure: azureStacks,
    clouds: { aws: true, azure: true },
    ...(plan ? { plan } : {}),
  };
}

/** The cloud and stack of the single-stack diffs below, as their changes and findings name them. */
export const NET = { cloud: 'aws', stack: 'net' } as const;
export const HUB = { cloud: 'azure', stack: 'hub' } as const;
/** The consequences the diffs state for a replaced AWS resource and a re-created Azure one. */
export const NEW_ID =
  'the resource gets a new physical ID; CloudFormation updates what refers to it in the same deployment';
export const TF_NEW_ID = 'the resource gets a new ID; Terraform re-creates it in the same apply';

/** Both sides of one AWS stack `net`, diffed. */
export const diffNetStack = (base: CfnTemplate, head: CfnTemplate) =>
  diffAws(handTree({ net: base }), handTree({ net: head }));
/** Both sides of one Terraform stack `hub`, diffed. */
export const diffHubStack = (base: TfJson, head: TfJson) =>
  diffAzure(handTree({}, { hub: base }), handTree({}, { hub: head }));

/** Deep copy, so a test edits head without touching base. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** One line of a hand-built plan's cost: only what lib/review/cost.ts reads. */
export interface CostLineInput {
  cloud?: 'aws' | 'azure';
  component?: string;
  tierId?: string;
  item?: string;
  monthlyUsd: number;
}

/**
 * A capacity plan with only a cost (and the tiers its lines name): what the review's cost
 * comparison reads. A line without an item is 'unnamed item'; `assumptions: null` leaves them out.
 */
export function costPlan(
  monthlyUsd: number,
  lines: readonly CostLineInput[] = [],
  assumptions: readonly string[] | null = [],
  tiers: readonly { tierId: string; provider: 'aws' | 'azure' }[] = [],
): CapacityPlan {
  return {
    organisation: 'hyogo',
    tiers,
    azureHubs: [],
    throughput: [],
    scenarios: [],
    cost: {
      currency: 'USD',
      monthlyUsd,
      lines: lines.map((l) => ({ item: 'unnamed item', ...l })),
      ...(assumptions === null ? {} : { assumptions }),
    },
  } as unknown as CapacityPlan;
}
