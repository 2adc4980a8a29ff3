/**
 * The customer-managed KMS key that encrypts every CloudWatch Logs log group (and the alarm
 * topic) of one Region. It lives in the Region's network stack (termination-protected) and
 * is retained: deleting it would make every retained log unreadable.
 */

import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import type { LOG_RETENTION_DAYS } from '../../profile/schema';

export interface LogEncryptionKeyProps {
  /** Prefix of resource names, e.g. `hyogo-prod-apne1`. */
  readonly namePrefix: string;
}

export class LogEncryptionKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: LogEncryptionKeyProps) {
    super(scope, id);
    const { account } = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${props.namePrefix}-logs`,
      description: `${props.namePrefix}: CloudWatch Logs, flow logs and alarm notifications`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    allowCloudWatchLogs(this.key);
    // CloudWatch alarms publish to the encrypted alarm topic.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
  }
}

/** Lets CloudWatch Logs use `key`, only for log groups of this account and Region. */
export function allowCloudWatchLogs(key: kms.Key): void {
  const { region, account, partition } = Stack.of(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsOfThisAccount',
      principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*`,
        },
      },
    }),
  );
}

/** Lets a Lambda role write the streams of its own log group, and nothing else in Logs. */
export function allowWritingToLogGroup(role: iam.IRole, logGroup: logs.ILogGroup): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
}

/** A log group encrypted with the Region's key, with the profile's retention, retained on deletion. */
export function encryptedLogGroup(
  scope: Construct,
  id: string,
  props: {
    readonly key: kms.IKey;
    readonly retentionDays: (typeof LOG_RETENTION_DAYS)[number] | number;
    readonly logGroupName?: string;
  },
): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    logGroupName: props.logGroupName,
    encryptionKey: props.key,
    // The schema admits only the periods CloudWatch Logs accepts (LOG_RETENTION_DAYS).
    retention: props.retentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
