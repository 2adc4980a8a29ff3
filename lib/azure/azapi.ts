/**
 * The azure/azapi provider and its `azapi_update_resource`, written through cdktf's generic
 * TerraformProvider / TerraformResource (no prebuilt azapi bindings exist for cdktf). Used
 * only where azurerm 4.55 has no argument for an ARM property Tsunagi needs: the binding of
 * VPN server configuration policy groups to a point-to-site gateway's connection
 * configurations (`configurationPolicyGroupAssociations`).
 */
import { type ITerraformDependable, TerraformProvider, TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';

/** The azapi provider version every stack pins (committed lock files record its hashes). */
export const AZAPI_PROVIDER_VERSION = '2.5.0';
export const AZAPI_PROVIDER_SOURCE = 'azure/azapi';

export interface AzapiProviderProps {
  /** Subscription the provider works in (same as azurerm's). */
  readonly subscriptionId: string;
  /** Entra tenant of the subscription. */
  readonly tenantId: string;
  /**
   * Authenticate with GitHub OIDC as azurerm does.
   * @default true
   */
  readonly useOidc?: boolean;
}

export class AzapiProvider extends TerraformProvider {
  private readonly props: AzapiProviderProps;

  constructor(scope: Construct, id: string, props: AzapiProviderProps) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: {
        providerName: 'azapi',
        providerVersion: AZAPI_PROVIDER_VERSION,
        providerVersionConstraint: AZAPI_PROVIDER_VERSION,
      },
      terraformProviderSource: AZAPI_PROVIDER_SOURCE,
    });
    this.props = props;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      subscription_id: this.props.subscriptionId,
      tenant_id: this.props.tenantId,
      use_oidc: this.props.useOidc ?? true,
    };
  }
}

export interface AzapiUpdateResourceProps {
  /** The provider this resource uses. */
  readonly provider: AzapiProvider;
  /** ARM type with API version, for example Microsoft.Network/p2sVpnGateways@2024-05-01. */
  readonly type: string;
  /** ARM ID of the existing resource to update. */
  readonly resourceId: string;
  /** The properties to set, as an object (azapi 2.x takes HCL objects, not JSON strings). */
  readonly body: Record<string, unknown>;
  /**
   * Resources whose change re-applies this update (lifecycle.replace_triggered_by), for
   * example the azurerm resource whose PUT would otherwise drop the properties set here.
   * @default none
   */
  readonly replaceTriggeredBy?: readonly ITerraformDependable[];
  /**
   * Resources to apply first.
   * @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export class AzapiUpdateResource extends TerraformResource {
  private readonly props: AzapiUpdateResourceProps;

  constructor(scope: Construct, id: string, props: AzapiUpdateResourceProps) {
    super(scope, id, {
      terraformResourceType: 'azapi_update_resource',
      terraformGeneratorMetadata: {
        providerName: 'azapi',
        providerVersion: AZAPI_PROVIDER_VERSION,
        providerVersionConstraint: AZAPI_PROVIDER_VERSION,
      },
      provider: props.provider,
      ...(props.dependsOn ? { dependsOn: [...props.dependsOn] } : {}),
      ...(props.replaceTriggeredBy
        ? { lifecycle: { replaceTriggeredBy: [...props.replaceTriggeredBy] } }
        : {}),
    });
    this.props = props;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { type: this.props.type, resource_id: this.props.resourceId, body: this.props.body };
  }
}
