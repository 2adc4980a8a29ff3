/**
 * An acknowledgement written for the pull-request review must cover the same finding at
 * deploy time: the review (templates, Terraform JSON) and the gates (change set, saved plan)
 * give the same change the same fingerprint.
 */
import type { SynthTree } from '../../../lib/review/artifacts';
import { diffAws } from '../../../lib/review/aws-diff';
import { diffAzure } from '../../../lib/review/azure-diff';
import { makeFinding } from '../../../lib/review/finding';
import {
  checkChangeSet,
  checkTerraformPlan,
  parseChangeSet,
  parseTerraformPlan,
} from '../../../lib/review/gate';

function awsTree(cidr: string, withTrail: boolean): SynthTree {
  const template = {
    Resources: {
      EndpointA: {
        Type: 'AWS::EC2::ClientVpnEndpoint',
        Properties: {
          ClientCidrBlock: cidr,
          ServerCertificateArn: 'arn:aws:acm:ap-northeast-1:111111111111:certificate/a',
          AuthenticationOptions: [{ Type: 'certificate-authentication' }],
          ConnectionLogOptions: { Enabled: false },
        },
      },
      EndpointB: {
        Type: 'AWS::EC2::ClientVpnEndpoint',
        Properties: {
          ClientCidrBlock: '10.68.0.0/14',
          ServerCertificateArn: 'arn:aws:acm:ap-northeast-1:111111111111:certificate/a',
          AuthenticationOptions: [{ Type: 'certificate-authentication' }],
          ConnectionLogOptions: { Enabled: false },
        },
      },
      ...(withTrail
        ? { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'b' } } }
        : {}),
    },
  };
  const stack = {
    name: 's-remote-access',
    region: 'ap-northeast-1',
    template,
    text: JSON.stringify(template),
  };
  return {
    source: 'x',
    aws: new Map([[stack.name, stack]]),
    azure: new Map(),
    clouds: { aws: true, azure: false },
  };
}

function azureTree(peeringLocation: string, withWorkspace: boolean): SynthTree {
  const json = {
    resource: {
      azurerm_express_route_circuit: {
        circuit: {
          name: 'erc',
          location: 'japaneast',
          resource_group_name: 'rg',
          service_provider_name: 'IIJ',
          peering_location: peeringLocation,
          bandwidth_in_mbps: 1000,
          sku: { tier: 'Standard', family: 'MeteredData' },
        },
      },
      ...(withWorkspace
        ? {
            azurerm_log_analytics_workspace: {
              logs: { name: 'log', location: 'japaneast', resource_group_name: 'rg' },
            },
          }
        : {}),
    },
  };
  const stack = { name: 's-connectivity', json, text: JSON.stringify(json) };
  return {
    source: 'x',
    aws: new Map(),
    azure: new Map([[stack.name, stack]]),
    clouds: { aws: false, azure: true },
  };
}

const ids = (inputs: Parameters<typeof makeFinding>[0][], rule: string) =>
  inputs.filter((f) => f.rule === rule).map((f) => makeFinding(f).id);

test('AWS: a replaced endpoint and a deleted trail have the same fingerprints in the review and the change-set gate', () => {
  const reviewed = diffAws(awsTree('10.64.0.0/14', true), awsTree('10.80.0.0/14', false)).findings;
  const changeSet = parseChangeSet(
    {
      StackName: 's-remote-access',
      Changes: [
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Modify',
            LogicalResourceId: 'EndpointA',
            ResourceType: 'AWS::EC2::ClientVpnEndpoint',
            Replacement: 'True',
            Details: [
              { Target: { Attribute: 'Properties', Name: 'ClientCidrBlock', RequiresRecreation: 'Always' } },
            ],
          },
        },
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Remove',
            LogicalResourceId: 'Trail',
            ResourceType: 'AWS::CloudTrail::Trail',
            PolicyAction: 'Delete',
          },
        },
      ],
    },
    'cs.json',
  );
  const gated = checkChangeSet(changeSet, 'cs.json').findings;
  for (const rule of ['stateful-replaced', 'stateful-deleted']) {
    const fromReview = ids(reviewed, rule);
    expect({ rule, count: fromReview.length }).toEqual({ rule, count: 1 });
    expect(gated.filter((f) => f.rule === rule).map((f) => f.id)).toEqual(fromReview);
  }
});

test('Azure: a replaced circuit and a deleted workspace have the same fingerprints in the review and the plan gate', () => {
  const reviewed = diffAzure(azureTree('Tokyo', true), azureTree('Tokyo2', false)).findings;
  const plan = parseTerraformPlan(
    {
      format_version: '1.2',
      resource_changes: [
        {
          address: 'azurerm_express_route_circuit.circuit',
          type: 'azurerm_express_route_circuit',
          change: {
            actions: ['delete', 'create'],
            before: { peering_location: 'Tokyo' },
            after: { peering_location: 'Tokyo2' },
            replace_paths: [['peering_location']],
          },
        },
        {
          address: 'azurerm_log_analytics_workspace.logs',
          type: 'azurerm_log_analytics_workspace',
          change: { actions: ['delete'], before: { name: 'log' }, after: null },
        },
      ],
    },
    'plan.json',
  );
  const gated = checkTerraformPlan(plan, 'plan.json', 's-connectivity').findings;
  for (const rule of ['stateful-replaced', 'stateful-deleted']) {
    const fromReview = ids(reviewed, rule);
    expect({ rule, count: fromReview.length }).toEqual({ rule, count: 1 });
    expect(gated.filter((f) => f.rule === rule).map((f) => f.id)).toEqual(fromReview);
  }
});
