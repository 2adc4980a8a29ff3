/**
 * The Transit Gateway attachment ID of a VPN connection or a Direct Connect gateway.
 * CloudFormation does not return it (shared/reference/LIMITS.md, "AWS CloudFormation
 * coverage gaps"), yet route-table associations and propagations need it: an
 * AwsCustomResource reads it with DescribeTransitGatewayAttachments on create and update.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../common/nag';

export interface AttachmentLookupProps {
  readonly transitGatewayId: string;
  /** vpn-... or the Direct Connect gateway ID. */
  readonly resourceId: string;
  readonly resourceType: 'vpn' | 'direct-connect-gateway';
  readonly logGroup: ILogGroup;
}

export class TransitGatewayAttachmentLookup extends Construct {
  readonly attachmentId: string;

  constructor(scope: Construct, id: string, props: AttachmentLookupProps) {
    super(scope, id);
    const call: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'DescribeTransitGatewayAttachments',
      parameters: {
        Filters: [
          { Name: 'transit-gateway-id', Values: [props.transitGatewayId] },
          { Name: 'resource-id', Values: [props.resourceId] },
          { Name: 'resource-type', Values: [props.resourceType] },
        ],
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${props.resourceType}-attachment-lookup`),
      outputPaths: ['TransitGatewayAttachments.0.TransitGatewayAttachmentId'],
    };
    const lookup = new cr.AwsCustomResource(this, 'Lookup', {
      onCreate: call,
      onUpdate: call,
      logGroup: props.logGroup,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ec2:DescribeTransitGatewayAttachments'], resources: ['*'] }),
      ]),
    });
    acknowledge(
      lookup,
      'AwsSolutions-IAM5[Resource::*]',
      'ec2:DescribeTransitGatewayAttachments is a read-only List/Describe action without resource-level permissions; it is the only action granted.',
    );
    this.attachmentId = lookup.getResponseField('TransitGatewayAttachments.0.TransitGatewayAttachmentId');
  }
}
