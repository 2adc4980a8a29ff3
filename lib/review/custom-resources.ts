/**
 * What the project's custom resources do when CloudFormation sends them an Update (any
 * property change does). Read from their handlers:
 * - Custom::DirectoryTrust -> lib/aws/identity/handlers/ad-trust.ts: Update creates a new
 *   trust and returns its new ID, so CloudFormation then deletes the old trust.
 * - Custom::AWS (aws-cdk-lib AwsCustomResource) -> the SDK call in its `Update` property
 *   (or `Create` when there is none), e.g. EC2 ImportClientVpnClientCertificateRevocationList
 *   from lib/aws/remote-access.
 */

export interface CustomResourceUpdate {
  /** Completes "CloudFormation runs the handler with Update, which ...". */
  readonly onUpdate: string;
  readonly userImpact: string;
  /** True when the Update amounts to a replacement (a new physical resource). */
  readonly replaces: boolean;
}

export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}

/** `EC2 ImportClientVpnClientCertificateRevocationList` from an AwsCustomResource call. */
function sdkCall(properties: Record<string, unknown> | undefined): string | undefined {
  const call = properties?.Update ?? properties?.Create;
  const text = JSON.stringify(call ?? '');
  const service =
    /\\"service\\":\\"([A-Za-z0-9-]+)\\"/.exec(text)?.[1] ?? /"service":"([A-Za-z0-9-]+)"/.exec(text)?.[1];
  const action =
    /\\"action\\":\\"([A-Za-z0-9]+)\\"/.exec(text)?.[1] ?? /"action":"([A-Za-z0-9]+)"/.exec(text)?.[1];
  return service && action ? `${service} ${action}` : undefined;
}

export function describeCustomResourceUpdate(
  type: string,
  properties: Record<string, unknown> | undefined,
): CustomResourceUpdate {
  if (type === 'Custom::DirectoryTrust') {
    return {
      onUpdate:
        'creates a new trust with the new properties and returns its ID, after which CloudFormation deletes the old trust (lib/aws/identity/handlers/ad-trust.ts)',
      userImpact:
        'the forest trust is re-created: on-premises users cannot use resources of the managed directory until the on-premises side accepts the new trust',
      replaces: true,
    };
  }
  if (type === 'Custom::AWS') {
    const call = sdkCall(properties);
    return {
      onUpdate: call
        ? `calls ${call} again with the new parameters`
        : 'repeats its SDK call with the new parameters',
      userImpact: call?.includes('ImportClientVpnClientCertificateRevocationList')
        ? 'the revocation list is re-imported: AWS resets every existing connection of the endpoint'
        : 'the call runs against the live resource during the deployment; check what it does to running connections',
      replaces: false,
    };
  }
  return {
    onUpdate: 'runs its Update branch (the project has no description of this handler; read its code)',
    userImpact: 'unknown: read the handler before merging',
    replaces: false,
  };
}
