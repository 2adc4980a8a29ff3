/**
 * What the diagram reads from synthesized artifacts (never from the profile): per AWS Region
 * the Transit Gateway, the VPC, the Client VPN endpoints with their subnet associations
 * (lib/verify/aws-capacity.ts), the Site-to-Site VPN connections and transit VIFs; on Azure
 * the virtual hubs, the point-to-site gateways with scale units and pools
 * (lib/verify/azure-capacity.ts) and the ExpressRoute circuits. So the picture shows what
 * will be deployed, and a stack that drifts from the plan shows up as a mismatch.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CloudFormationTemplate,
  clientVpnCapacity,
  type SynthesizedEndpoint,
} from '../verify/aws-capacity';
import { type P2sGatewayCapacity, p2sGatewayCapacities } from '../verify/azure-capacity';

export interface AwsRegionArtifacts {
  readonly region: string;
  /** `AmazonSideAsn` of every AWS::EC2::TransitGateway in the Region. */
  readonly transitGatewayAsns: readonly number[];
  /** `CidrBlock` of every AWS::EC2::VPC in the Region. */
  readonly vpcCidrs: readonly string[];
  readonly clientVpnEndpoints: readonly SynthesizedEndpoint[];
  readonly siteToSiteVpnConnections: number;
  readonly transitVirtualInterfaces: number;
}

export interface AzureHubArtifacts {
  readonly name: string;
  readonly location: string;
  readonly addressPrefix: string;
}

export interface ExpressRouteCircuitArtifacts {
  readonly name: string;
  readonly location: string;
  readonly peeringLocation: string;
  readonly serviceProvider: string;
  readonly bandwidthMbps: number;
}

export interface SynthesizedArtifacts {
  readonly dir: string;
  /** Undefined when the directory holds no cdk.out (AWS not synthesized). */
  readonly aws?: ReadonlyMap<string, AwsRegionArtifacts>;
  /** Undefined when the directory holds no cdktf.out (Azure not synthesized). */
  readonly azure?: {
    readonly hubs: readonly AzureHubArtifacts[];
    readonly p2sGateways: readonly P2sGatewayCapacity[];
    readonly expressRouteCircuits: readonly ExpressRouteCircuitArtifacts[];
  };
}

type Json = Record<string, unknown>;

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function resourcesOfType(template: CloudFormationTemplate, type: string) {
  return Object.values(template.Resources ?? {}).filter((r) => r.Type === type);
}

function readCdkOut(outdir: string): Map<string, AwsRegionArtifacts> {
  const manifest = readJson(join(outdir, 'manifest.json')) as {
    artifacts?: Record<
      string,
      { type: string; environment?: string; properties?: { templateFile?: string } }
    >;
  };
  const byRegion = new Map<string, CloudFormationTemplate[]>();
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    // environment is aws://<account>/<region>
    const region = artifact.environment?.split('/').pop() ?? 'unknown';
    const template = readJson(join(outdir, artifact.properties.templateFile)) as CloudFormationTemplate;
    byRegion.set(region, [...(byRegion.get(region) ?? []), template]);
  }
  const regions = new Map<string, AwsRegionArtifacts>();
  for (const [region, templates] of byRegion) {
    const all = (type: string) => templates.flatMap((t) => resourcesOfType(t, type));
    regions.set(region, {
      region,
      transitGatewayAsns: all('AWS::EC2::TransitGateway').map((r) => Number(r.Properties?.AmazonSideAsn)),
      vpcCidrs: all('AWS::EC2::VPC').map((r) => String(r.Properties?.CidrBlock)),
      clientVpnEndpoints: clientVpnCapacity(templates).endpoints,
      siteToSiteVpnConnections: all('AWS::EC2::VPNConnection').length,
      transitVirtualInterfaces: all('AWS::DirectConnect::TransitVirtualInterface').length,
    });
  }
  return regions;
}

function readCdktfOut(outdir: string): NonNullable<SynthesizedArtifacts['azure']> {
  const manifest = readJson(join(outdir, 'manifest.json')) as {
    stacks?: Record<string, { synthesizedStackPath: string }>;
  };
  const stacks = Object.values(manifest.stacks ?? {}).map(
    (s) =>
      readJson(join(outdir, s.synthesizedStackPath)) as { resource?: Record<string, Record<string, Json>> },
  );
  const resources = (type: string) => stacks.flatMap((s) => Object.values(s.resource?.[type] ?? {}));
  return {
    hubs: resources('azurerm_virtual_hub').map((h) => ({
      name: String(h.name),
      location: String(h.location),
      addressPrefix: String(h.address_prefix),
    })),
    p2sGateways: stacks.flatMap((s) => p2sGatewayCapacities(s)),
    expressRouteCircuits: resources('azurerm_express_route_circuit').map((c) => ({
      name: String(c.name),
      location: String(c.location),
      peeringLocation: String(c.peering_location),
      serviceProvider: String(c.service_provider_name),
      bandwidthMbps: Number(c.bandwidth_in_mbps),
    })),
  };
}

/**
 * Reads `<dir>/cdk.out` and `<dir>/cdktf.out` as `tsunagi synth --output <dir>` writes them.
 * Throws when the directory holds neither.
 */
export function readArtifacts(dir: string): SynthesizedArtifacts {
  const cdkOut = join(dir, 'cdk.out');
  const cdktfOut = join(dir, 'cdktf.out');
  const hasAws = existsSync(join(cdkOut, 'manifest.json'));
  const hasAzure = existsSync(join(cdktfOut, 'manifest.json'));
  if (!hasAws && !hasAzure)
    throw new Error(
      `${dir} holds neither cdk.out/manifest.json nor cdktf.out/manifest.json; run \`tsunagi synth --output ${dir}\` first, or leave out --artifacts to synthesize into a temporary directory`,
    );
  return {
    dir,
    ...(hasAws ? { aws: readCdkOut(cdkOut) } : {}),
    ...(hasAzure ? { azure: readCdktfOut(cdktfOut) } : {}),
  };
}
