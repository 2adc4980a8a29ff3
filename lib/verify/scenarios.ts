/**
 * Every required failure scenario, proved from the synthesized artifacts: the Client VPN
 * endpoints and the zones of their subnet associations (CloudFormation), the point-to-site
 * gateways' scale units (Terraform JSON), and from the profile only what no artifact holds -
 * the zones of each hub, the average traffic per user, the target and the resilience
 * requirements. The failure model is restated here, independently of lib/planner, so that a
 * planner bug and a stack bug have to agree to hide.
 *
 * The zone of an association comes from its logical ID: the stacks name each association
 * `Association<zone>` (construct IDs are never renamed, see COMMON.md), so the zone name
 * with its punctuation removed appears in the logical ID.
 */
import type { Profile } from '../model/deployment-model';
import { clientVpnConnections } from '../quotas/aws-client-vpn';
import {
  P2S_CONNECTIONS_PER_INSTANCE,
  P2S_MBPS_PER_SCALE_UNIT,
  P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS,
  p2sRow,
} from '../quotas/azure-virtual-wan';
import type { CloudFormationTemplate } from './aws-capacity';
import { p2sGatewayCapacities } from './azure-capacity';

export interface ArtifactScenario {
  readonly label: string;
  readonly required: number;
  readonly capacity: number;
  readonly meets: boolean;
}

interface Endpoint {
  readonly region: string;
  readonly zones: readonly string[];
}

const squash = (text: string) => text.replace(/[^A-Za-z0-9]/g, '').toLowerCase();

function refTarget(value: unknown): string | undefined {
  return value && typeof value === 'object' && 'Ref' in value
    ? String((value as { Ref: unknown }).Ref)
    : undefined;
}

/** Client VPN endpoints with the zones they are associated in, per AWS Region of the profile. */
export function clientVpnEndpointsByZone(
  profile: Profile,
  templates: ReadonlyMap<string, CloudFormationTemplate>,
): Endpoint[] {
  const out: Endpoint[] = [];
  for (const template of templates.values()) {
    const resources = Object.entries(template.Resources ?? {});
    for (const [id, r] of resources) {
      if (r.Type !== 'AWS::EC2::ClientVpnEndpoint') continue;
      const associations = resources
        .filter(
          ([, a]) =>
            a.Type === 'AWS::EC2::ClientVpnTargetNetworkAssociation' &&
            refTarget(a.Properties?.ClientVpnEndpointId) === id,
        )
        .map(([logicalId]) => squash(logicalId));
      for (const region of profile.clouds.aws?.regions ?? []) {
        const zones = region.availabilityZones.filter((z) => associations.some((a) => a.includes(squash(z))));
        if (zones.length > 0) out.push({ region: region.region, zones });
      }
    }
  }
  return out;
}

/** Capacity and requirement of every scenario the profile requires, from the artifacts. */
export function verifyScenarios(
  profile: Profile,
  awsTemplates: ReadonlyMap<string, CloudFormationTemplate>,
  azureStacks: readonly unknown[],
): ArtifactScenario[] {
  const endpoints = clientVpnEndpointsByZone(profile, awsTemplates);
  const gateways = azureStacks.flatMap((json) => p2sGatewayCapacities(json as never));
  const mbps = profile.target.averageMbpsPerUser;
  const hubZones = new Map((profile.clouds.azure?.hubs ?? []).map((h) => [h.region, h.availabilityZones]));

  type Failure = { kind: string; provider?: string; region?: string; zone?: string; label: string };
  const failures: Failure[] = [{ kind: 'nominal', label: 'nominal' }];
  for (const r of profile.clouds.aws?.regions ?? []) {
    for (const z of r.availabilityZones)
      failures.push({
        kind: 'availability-zone',
        provider: 'aws',
        region: r.region,
        zone: z,
        label: `zone ${z}`,
      });
    failures.push({ kind: 'region', provider: 'aws', region: r.region, label: `Region ${r.region}` });
  }
  for (const h of profile.clouds.azure?.hubs ?? []) {
    for (const z of h.availabilityZones)
      failures.push({
        kind: 'availability-zone',
        provider: 'azure',
        region: h.region,
        zone: z,
        label: `zone ${z} of ${h.region}`,
      });
    failures.push({ kind: 'region', provider: 'azure', region: h.region, label: `Region ${h.region}` });
  }
  failures.push(
    { kind: 'provider', provider: 'aws', label: 'AWS' },
    { kind: 'provider', provider: 'azure', label: 'Azure' },
  );
  const keep = new Map(profile.resilience.map((r) => [r.failure, r.keepPercent]));

  return failures.flatMap((f) => {
    const percent =
      f.kind === 'nominal' ? 100 + profile.target.growthHeadroomPercent : (keep.get(f.kind as never) ?? 0);
    if (percent === 0) return [];
    const hits = (provider: string, region: string) =>
      (f.kind === 'provider' && f.provider === provider) ||
      (f.kind === 'region' && f.provider === provider && f.region === region);
    let capacity = 0;
    for (const e of endpoints) {
      if (hits('aws', e.region)) continue;
      const lost =
        f.kind === 'availability-zone' && f.provider === 'aws' && e.zones.includes(f.zone!) ? 1 : 0;
      capacity += clientVpnConnections(e.zones.length - lost);
    }
    for (const g of gateways) {
      if (hits('azure', g.location)) continue;
      const row = p2sRow(g.scaleUnits);
      if (!row) continue;
      const zones: readonly string[] = hubZones.get(g.location) ?? [];
      const zoneLost =
        f.kind === 'availability-zone' &&
        f.provider === 'azure' &&
        f.region === g.location &&
        zones.includes(f.zone!);
      const remaining =
        row.gatewayInstances - (zoneLost ? Math.ceil(row.gatewayInstances / zones.length) : 0);
      const share = remaining / row.gatewayInstances;
      const byConnections =
        g.scaleUnits >= P2S_PER_INSTANCE_LIMIT_FROM_SCALE_UNITS.value
          ? Math.min(row.connections, remaining * P2S_CONNECTIONS_PER_INSTANCE.value)
          : Math.floor(row.connections * share);
      capacity += Math.min(
        byConnections,
        Math.floor((g.scaleUnits * P2S_MBPS_PER_SCALE_UNIT.value * share) / mbps),
      );
    }
    const required = Math.ceil((profile.target.concurrentUsers * percent) / 100 - 1e-9);
    return [{ label: f.label, required, capacity, meets: capacity >= required }];
  });
}
