/** What got wider, on hand-built pairs: each test fails when its check is removed. */
import type { FindingInput } from '../../lib/review/finding';
import { reviewSecurity } from '../../lib/review/security';
import { clone, handTree } from './support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built JSON
type Json = any;
const STACK = 'org-prod-remote-access-apne1';
const path = (p: string) => ({ 'aws:cdk:path': `${STACK}/${p}` });

function aws(): Json {
  return {
    Resources: {
      Endpoint: {
        Type: 'AWS::EC2::ClientVpnEndpoint',
        Metadata: path('tier-0/Endpoint'),
        Properties: {
          AuthenticationOptions: [
            { Type: 'certificate-authentication' },
            { Type: 'federated-authentication' },
          ],
          ConnectionLogOptions: { Enabled: true, CloudwatchLogGroup: 'logs' },
        },
      },
      AuthStaff: {
        Type: 'AWS::EC2::ClientVpnAuthorizationRule',
        Properties: {
          ClientVpnEndpointId: { Ref: 'Endpoint' },
          AccessGroupId: 'staff',
          TargetNetworkCidr: '10.0.0.0/13',
        },
      },
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Metadata: path('Sg'),
        Properties: {
          GroupDescription: 'client vpn',
          SecurityGroupEgress: [{ CidrIp: '10.0.0.0/13', IpProtocol: '-1' }],
        },
      },
      Logs: { Type: 'AWS::Logs::LogGroup', Metadata: path('Logs'), Properties: { KmsKeyId: 'arn:key' } },
      FlowLog: { Type: 'AWS::EC2::FlowLog', Metadata: path('FlowLog'), Properties: { ResourceType: 'VPC' } },
    },
  };
}

function azure(): Json {
  return {
    resource: {
      azurerm_vpn_server_configuration: {
        config: { name: 'vpnsc', vpn_authentication_types: ['Certificate', 'AAD'] },
      },
      azurerm_network_security_group: {
        nsg: {
          name: 'nsg-aadds',
          security_rule: [
            {
              name: 'ldaps',
              access: 'Allow',
              direction: 'Inbound',
              protocol: 'Tcp',
              destination_port_range: '636',
              source_address_prefix: '10.0.0.0/13',
            },
          ],
        },
      },
      azurerm_monitor_diagnostic_setting: { diag: { name: 'diag-p2s' } },
    },
  };
}

function review(editAws: (t: Json) => void, editAzure: (t: Json) => void = () => {}): FindingInput[] {
  const headAws = aws();
  const headAzure = azure();
  editAws(headAws);
  editAzure(headAzure);
  return reviewSecurity(
    handTree({ [STACK]: aws() }, { az: azure() }),
    handTree({ [STACK]: headAws }, { az: headAzure }),
  );
}
const rules = (found: FindingInput[]) => found.map((f) => `${f.rule}:${f.severity}`);

describe('security widening', () => {
  test('nothing changed, nothing wider', () => {
    expect(
      reviewSecurity(
        handTree({ [STACK]: aws() }, { az: azure() }),
        handTree({ [STACK]: clone(aws()) }, { az: clone(azure()) }),
      ),
    ).toEqual([]);
  });

  test('a group newly authorized to a network, and every group authorized', () => {
    expect(
      rules(
        review((t) => {
          t.Resources.AuthStaffNew = {
            Type: 'AWS::EC2::ClientVpnAuthorizationRule',
            Properties: { AccessGroupId: 'staff', TargetNetworkCidr: '10.8.0.0/16' },
          };
        }),
      ),
    ).toEqual(['authorization-widened:block']);
    // Inside what the group already reached: not wider.
    expect(
      review((t) => {
        t.Resources.AuthStaff.Properties.TargetNetworkCidr = '10.1.0.0/16';
      }),
    ).toEqual([]);
    const all = review((t) => {
      t.Resources.AuthStaff.Properties = { AuthorizeAllGroups: true, TargetNetworkCidr: '10.0.0.0/13' };
    });
    expect(all[0]?.message).toMatch(/every connected user is newly authorized to reach 10\.0\.0\.0\/13/);
  });

  test('security group rules: wider warns, open to the internet blocks', () => {
    expect(
      rules(
        review((t) => {
          t.Resources.Sg.Properties.SecurityGroupEgress.push({ CidrIp: '10.16.0.0/16', IpProtocol: '-1' });
        }),
      ),
    ).toEqual(['security-rule-widened:warn']);
    expect(
      rules(
        review((t) => {
          t.Resources.Sg.Properties.SecurityGroupIngress = [
            { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
          ];
        }),
      ),
    ).toEqual(['security-rule-open:block']);
  });

  test('authentication weakened: mutual + SAML to one (AWS), Entra ID removed (Azure)', () => {
    expect(
      rules(
        review((t) => {
          t.Resources.Endpoint.Properties.AuthenticationOptions = [{ Type: 'certificate-authentication' }];
        }),
      ),
    ).toEqual(['authentication-weakened:block']);
    const azureWeak = review(
      () => {},
      (t) => {
        t.resource.azurerm_vpn_server_configuration.config.vpn_authentication_types = ['Certificate'];
      },
    );
    expect(azureWeak).toMatchObject([
      { rule: 'authentication-weakened', cloud: 'azure', cause: ['vpn_authentication_types'] },
    ]);
  });

  test('Azure: Certificate dropped for Conditional Access on a managed device is a substitution, not a weakening', () => {
    const APP = 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8';
    const policy = (controls: string[], state = 'enabled') => ({
      display_name: 'cap-staff-vpn-device',
      state,
      conditions: { applications: { included_applications: [APP] }, users: { included_groups: ['g'] } },
      grant_controls: { built_in_controls: controls, operator: 'OR' },
    });
    const withCa = (t: Json, controls = ['compliantDevice', 'domainJoinedDevice'], state = 'enabled') => {
      t.resource.azurerm_vpn_server_configuration.config.azure_active_directory_authentication = [
        { audience: APP },
      ];
      t.resource.azuread_conditional_access_policy = { device: policy(controls, state) };
    };
    const substituted = review(
      () => {},
      (t) => {
        t.resource.azurerm_vpn_server_configuration.config.vpn_authentication_types = ['AAD'];
        withCa(t);
      },
    );
    expect(substituted.map((f) => `${f.rule}:${f.severity}`)).toEqual(['authentication-substituted:info']);
    expect(substituted[0]!.message).toContain('cap-staff-vpn-device');
    // The same change without a device requirement for that application stays a weakening.
    for (const edit of [
      (t: Json) => withCa(t, ['mfa']),
      (t: Json) => withCa(t, ['compliantDevice'], 'disabled'),
      (t: Json) => {
        withCa(t);
        t.resource.azuread_conditional_access_policy.device.conditions.applications.included_applications = [
          'another-app',
        ];
      },
    ]) {
      const weak = review(
        () => {},
        (t) => {
          t.resource.azurerm_vpn_server_configuration.config.vpn_authentication_types = ['AAD'];
          edit(t);
        },
      );
      expect(weak.map((f) => `${f.rule}:${f.severity}`)).toEqual(['authentication-weakened:block']);
    }
    // Removing or disabling the policy later blocks.
    const caBase = (t: Json) => {
      t.resource.azurerm_vpn_server_configuration.config.vpn_authentication_types = ['AAD'];
      withCa(t);
    };
    const edited = (edit: (t: Json) => void) => {
      const t = azure();
      edit(t);
      return t;
    };
    const removed = reviewSecurity(
      handTree({ [STACK]: aws() }, { az: edited(caBase) }),
      handTree(
        { [STACK]: aws() },
        {
          az: edited((t) => {
            caBase(t);
            delete t.resource.azuread_conditional_access_policy;
          }),
        },
      ),
    );
    expect(removed.map((f) => `${f.rule}:${f.severity}`)).toEqual(['authentication-weakened:block']);
    const disabled = reviewSecurity(
      handTree({ [STACK]: aws() }, { az: edited(caBase) }),
      handTree(
        { [STACK]: aws() },
        {
          az: edited((t) => {
            caBase(t);
            t.resource.azuread_conditional_access_policy.device.state = 'enabledForReportingButNotEnforced';
          }),
        },
      ),
    );
    expect(disabled).toMatchObject([{ rule: 'authentication-weakened', cause: ['state'] }]);
  });

  test('logging or encryption turned off', () => {
    expect(
      rules(
        review((t) => {
          t.Resources.Endpoint.Properties.ConnectionLogOptions = { Enabled: false };
          delete t.Resources.Logs.Properties.KmsKeyId;
          delete t.Resources.FlowLog;
        }),
      ).sort(),
    ).toEqual(['encryption-removed:block', 'logging-disabled:block', 'logging-disabled:block']);
    expect(
      rules(
        review(
          () => {},
          (t) => {
            delete t.resource.azurerm_monitor_diagnostic_setting;
          },
        ),
      ),
    ).toEqual(['logging-disabled:block']);
  });

  test('IAM permissions base did not grant: a warning, a wildcard blocks', () => {
    const withPolicy = (actions: string[]) => (t: Json) => {
      t.Resources.Policy.Properties.PolicyDocument.Statement.push({
        Effect: 'Allow',
        Action: actions,
        Resource: 'arn:x',
      });
    };
    const baseWith = aws();
    baseWith.Resources.Policy = {
      Type: 'AWS::IAM::Policy',
      Metadata: path('Role/DefaultPolicy'),
      Properties: {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:x' }] },
      },
    };
    const run = (edit: (t: Json) => void) => {
      const head = clone(baseWith);
      edit(head);
      return rules(reviewSecurity(handTree({ [STACK]: baseWith }), handTree({ [STACK]: head })));
    };
    expect(run(withPolicy(['cloudformation:DescribeStacks']))).toEqual(['iam-permissions-added:warn']);
    expect(run(withPolicy(['ec2:*']))).toEqual(['iam-permissions-added:block']);
    expect(run(() => {})).toEqual([]);
  });

  test('new public endpoints and open NSG rules block', () => {
    expect(
      rules(
        review(
          (t) => {
            t.Resources.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
          },
          (t) => {
            t.resource.azurerm_public_ip = { pip: { name: 'pip' } };
            t.resource.azurerm_network_security_group.nsg.security_rule.push({
              name: 'rdp',
              access: 'Allow',
              direction: 'Inbound',
              protocol: 'Tcp',
              destination_port_range: '3389',
              source_address_prefix: 'Internet',
            });
          },
        ),
      ).sort(),
    ).toEqual(['public-endpoint-added:block', 'public-endpoint-added:block', 'security-rule-open:block']);
  });
});
