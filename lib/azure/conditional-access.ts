/**
 * Conditional Access for populations that asked for certificate and SSO together: Azure
 * point-to-site cannot require a certificate and Entra ID in one handshake (it admits either),
 * so such a population signs in with Entra ID alone and these policies require, for the
 * Azure VPN application and the population's group only:
 * - `<population>-vpn-mfa`: multi-factor authentication;
 * - `<population>-vpn-device`: a compliant (Intune) or hybrid Entra joined device; the
 *   managed device stands in for the device certificate.
 * Entra applies every policy that matches, so a sign-in needs MFA and a managed device.
 * Written with @cdktf/provider-azuread; the deploying identity needs the Graph permission
 * Policy.ReadWrite.ConditionalAccess (docs/azure.md).
 */
import { ConditionalAccessPolicy } from '@cdktf/provider-azuread/lib/conditional-access-policy';
import { Construct } from 'constructs';
import type { AzureNames } from './inventory';

export interface VpnConditionalAccessProps {
  /** Deterministic names (lib/azure/inventory.ts). */
  readonly names: AzureNames;
  /** Application (client) ID of the Azure VPN application: the server configuration's audience. */
  readonly vpnApplicationId: string;
  /** Populations to cover, each with its Entra group object ID. */
  readonly populations: readonly { readonly name: string; readonly entraGroupObjectId: string }[];
  /**
   * Policy state; `enabledForReportingButNotEnforced` lets a tenant trial the policies first.
   * @default 'enabled'
   */
  readonly state?: 'enabled' | 'enabledForReportingButNotEnforced';
}

export class VpnConditionalAccess extends Construct {
  /** Policies by population, then control. */
  readonly policies = new Map<string, { mfa: ConditionalAccessPolicy; device: ConditionalAccessPolicy }>();

  constructor(scope: Construct, id: string, props: VpnConditionalAccessProps) {
    super(scope, id);
    const state = props.state ?? 'enabled';
    for (const p of props.populations) {
      const conditions = {
        clientAppTypes: ['all'],
        applications: { includedApplications: [props.vpnApplicationId] },
        users: { includedGroups: [p.entraGroupObjectId] },
      };
      const mfa = new ConditionalAccessPolicy(this, `Mfa-${p.name}`, {
        displayName: props.names.conditionalAccessPolicy(p.name, 'mfa'),
        state,
        conditions,
        grantControls: { operator: 'AND', builtInControls: ['mfa'] },
        lifecycle: { preventDestroy: true },
      });
      const device = new ConditionalAccessPolicy(this, `Device-${p.name}`, {
        displayName: props.names.conditionalAccessPolicy(p.name, 'device'),
        state,
        conditions,
        grantControls: { operator: 'OR', builtInControls: ['compliantDevice', 'domainJoinedDevice'] },
        lifecycle: { preventDestroy: true },
      });
      this.policies.set(p.name, { mfa, device });
    }
  }
}
