/** Audit of the AWS account, in the home Region: CloudTrail archive. Stateful: protected, retained. */
import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { AuditArchive } from '../../lib/aws/audit/audit-archive';
import type { DeploymentModel } from '../../lib/profile/load';

export interface AuditStackProps extends StackProps {
  readonly model: DeploymentModel;
  readonly namePrefix: string;
}

export class AuditStack extends Stack {
  readonly archive: AuditArchive;

  constructor(scope: Construct, id: string, props: AuditStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { audit } = props.model.profile;
    this.archive = new AuditArchive(this, 'Archive', {
      namePrefix: props.namePrefix,
      archiveRetentionDays: audit.archiveRetentionDays,
      logRetentionDays: audit.logRetentionDays,
    });
  }
}
