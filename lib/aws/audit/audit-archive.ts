/**
 * The audit archive of the AWS account: a multi-Region CloudTrail trail with log-file
 * validation, delivered to an encrypted, versioned, TLS-only bucket with public access
 * blocked, Object Lock (governance) and the profile's archive retention, plus a copy in an
 * encrypted CloudWatch Logs group. Everything is retained on stack deletion.
 */

import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { allowCloudWatchLogs, encryptedLogGroup } from '../common/log-encryption-key';

export interface AuditArchiveProps {
  readonly namePrefix: string;
  /** Retention of the archive (S3), in days. */
  readonly archiveRetentionDays: number;
  /** Retention of the CloudWatch Logs copy, in days (a CloudWatch Logs period). */
  readonly logRetentionDays: number;
}

export class AuditArchive extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly trail: cloudtrail.Trail;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${props.namePrefix}-audit`,
      description: `${props.namePrefix}: CloudTrail archive and its log group`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    allowCloudWatchLogs(this.key);
    const trailName = `${props.namePrefix}-audit`;
    allowCloudTrail(this.key, trailName);

    const lifecycle: s3.LifecycleRule = {
      id: 'archive-retention',
      expiration: Duration.days(props.archiveRetentionDays),
      noncurrentVersionExpiration: Duration.days(30),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    };
    // Server access logs: S3 delivers them only to an SSE-S3 bucket (not SSE-KMS).
    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [lifecycle],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new s3.Bucket(this, 'Archive', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(
        Duration.days(props.archiveRetentionDays),
      ),
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'archive/',
      lifecycleRules: [lifecycle],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const logGroup = encryptedLogGroup(this, 'TrailLogs', {
      key: this.key,
      retentionDays: props.logRetentionDays,
      logGroupName: `/tsunagi/${props.namePrefix}/cloudtrail`,
    });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName,
      bucket: this.bucket,
      encryptionKey: this.key,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      sendToCloudWatchLogs: true,
      cloudWatchLogGroup: logGroup,
      managementEvents: cloudtrail.ReadWriteType.ALL,
    });
    this.trail.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}

/**
 * Lets CloudTrail encrypt this trail's log files with `key`. Without these statements
 * CreateTrail fails with InsufficientEncryptionPolicyException:
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 * GenerateDataKey* only with the encryption context of a trail of this account and only for
 * this trail (aws:SourceArn); DescribeKey so CloudTrail can check the key at CreateTrail.
 * The trail ARN is built from its name, so the key policy does not depend on the trail.
 */
export function allowCloudTrail(key: kms.Key, trailName: string): void {
  const { region, account, partition } = Stack.of(key);
  const principal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${trailName}`;
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailEncryptLogFiles',
      principals: [principal],
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceArn': trailArn },
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${account}:trail/*`,
        },
      },
    }),
  );
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudTrailDescribeKey',
      principals: [principal],
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceArn': trailArn } },
    }),
  );
}
