/**
 * The client-connect handler of one Region: a Lambda named `AWSClientVPN-...` (the prefix
 * Client VPN's service-linked role may invoke), bundled by scripts/build.mjs before synth,
 * published as an alias (provisioned concurrency opt-in), reading the Region's replica of
 * the device registry (./device-registry.ts) by name.
 */

import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Duration, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { HANDLER_RUNTIME, handlerCode } from '../common/handler-code';
import { allowWritingToLogGroup, encryptedLogGroup } from '../common/log-encryption-key';
import { acknowledge } from '../common/nag';

/** Client VPN invokes only functions whose name starts with this (LIMITS.md, client connect handler). */
export const CLIENT_CONNECT_PREFIX = 'AWSClientVPN-';

/**
 * The provisioned concurrency recommended once the account's Lambda concurrency quota is
 * raised (docs/deploy.md, "First deploy into new accounts"): the Region's planned
 * connections arriving over 30 minutes (assumption: the morning ramp, and the reconnection
 * of a lost Region's users to this one, both take about that long), times the handler's
 * latency (assumption: 200 ms, one DynamoDB GetItem), with headroom x2 and at least 2 so one
 * instance can be recycled. Hyogo (66,500 per Region): 15; Iwate (7,000): 2.
 * Little's law: concurrency = arrival rate x time in the system.
 */
const RAMP_SECONDS = 30 * 60;
const HANDLER_SECONDS = 0.2;

export function recommendedProvisionedConcurrency(plannedConnections: number): number {
  return Math.max(2, Math.ceil((plannedConnections / RAMP_SECONDS) * HANDLER_SECONDS * 2));
}

/** The connect handler's answer when the device registry cannot be read. */
export type RegistryUnavailablePolicy = 'allow' | 'deny';

export interface ClientConnectHandlerProps {
  /** Prefix of resource names, e.g. `hyogo-prod-apne1`. */
  readonly namePrefix: string;
  /** The Region's log key (the handler's log group). */
  readonly logKey: kms.IKey;
  /** Retention of the handler's log group, in days (a CloudWatch Logs period). */
  readonly logRetentionDays: number;
  /** Name of the device registry (its replica in this Region is read). */
  readonly deviceTableName: string;
  /**
   * What the handler does when the registry cannot be read: `allow` admits the connection
   * (certificate, CRL and sign-in still apply), `deny` refuses it. A device the registry
   * reports blocked is always refused. Both count RegistryUnavailable, which alarms.
   * @default 'allow'
   */
  readonly whenRegistryUnavailable?: RegistryUnavailablePolicy;
  /**
   * Provisioned concurrency of the `live` alias. A new account's Lambda concurrency quota
   * (10; Lambda keeps 100 unreserved) refuses any, so it stays 0 until the quota is raised;
   * then use recommendedProvisionedConcurrency().
   * @default 0
   */
  readonly provisionedConcurrency?: number;
}

export class ClientConnectHandler extends Construct {
  readonly function: lambda.Function;
  readonly alias: lambda.Alias;

  constructor(scope: Construct, id: string, props: ClientConnectHandlerProps) {
    super(scope, id);
    const provisioned = props.provisionedConcurrency ?? 0;
    if (!Number.isInteger(provisioned) || provisioned < 0) {
      throw new Error(
        `ClientConnectHandler: provisionedConcurrency must be a whole number >= 0 (got ${provisioned})`,
      );
    }
    const functionName = `${CLIENT_CONNECT_PREFIX}${props.namePrefix}-connect`;
    const { partition, region, account } = Stack.of(this);
    if (functionName.length > 64) throw new Error(`internal: ${functionName} is longer than 64 characters`);

    const logGroup = encryptedLogGroup(this, 'Logs', {
      key: props.logKey,
      retentionDays: props.logRetentionDays,
      logGroupName: `/aws/lambda/${functionName}`,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${functionName}: read the device registry, write its own log group`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [`arn:${partition}:dynamodb:${region}:${account}:table/${props.deviceTableName}`],
      }),
    );
    allowWritingToLogGroup(role, logGroup);
    acknowledge(
      role,
      'AwsSolutions-IAM5',
      'Log streams are created by Lambda at run time with generated names; the wildcard is limited to streams of this function’s own log group.',
    );

    this.function = new lambda.Function(this, 'Function', {
      functionName,
      description: 'Client VPN client-connect handler: deny devices the MDM reports lost or revoked',
      runtime: HANDLER_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: handlerCode('client-connect'),
      memorySize: 256,
      // Client VPN waits 30 s at most; fail well before so the log says why.
      timeout: Duration.seconds(10),
      role,
      logGroup,
      environment: {
        DEVICE_TABLE_NAME: props.deviceTableName,
        REGISTRY_UNAVAILABLE_POLICY: props.whenRegistryUnavailable ?? 'allow',
      },
    });
    this.function.node.addDependency(role);
    this.alias = new lambda.Alias(this, 'Live', {
      aliasName: 'live',
      version: this.function.currentVersion,
      provisionedConcurrentExecutions: provisioned > 0 ? provisioned : undefined,
    });
  }
}
