/**
 * The audit archive of the AWS account: a multi-Region CloudTrail trail with log-file
 * validation, delivered to an encrypted, versioned, TLS-only bucket with public access
 * blocked, Object Lock (governance) and the profile's archive retention, plus a copy in an
 * encrypted CloudWatch Logs group. Everything is retained on stack deletion.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
      trailName: `${props.namePrefix}-audit`,
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
