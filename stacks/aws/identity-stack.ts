/**
 * Identity in one AWS Region: DNS forwarding to the on-premises forest and, where the
 * profile chooses it, a Managed Microsoft AD trusting that forest. Stateful (the directory):
 * termination-protected, directory retained.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { Directory } from '../../lib/aws/identity/directory';
import type { DeploymentModel } from '../../lib/profile/load';

export interface IdentityStackProps extends StackProps {
  readonly model: DeploymentModel;
  readonly namePrefix: string;
  readonly vpc: ec2.IVpc;
  readonly logKey: kms.IKey;
}

export class IdentityStack extends Stack {
  readonly directory: Directory;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { profile } = props.model;
    this.directory = new Directory(this, 'Directory', {
      namePrefix: props.namePrefix,
      identity: profile.identity,
      vpc: props.vpc,
      subnets: props.vpc.selectSubnets({ subnetGroupName: 'services' }).subnets,
      logKey: props.logKey,
      logRetentionDays: profile.audit.logRetentionDays,
    });
  }
}
