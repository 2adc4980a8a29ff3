/**
 * Dashboard and alarms of one Region's Client VPN endpoints: active connections against the
 * planned capacity of each endpoint (80 % warns, 95 % pages), authentication failures, and
 * client-connect handler denials and errors. Thresholds come from the plan, never typed.
 */

import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Duration } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { CAPACITY_ALARM_PERCENTS, capacityAlarmThreshold } from '../../monitoring/thresholds';
import type { ClientVpnEndpointPlan } from '../../planner/types';
import { METRIC_NAMESPACE, REGISTRY_UNAVAILABLE_METRIC } from './client-connect-metric';
/**
 * Authentication failures in 5 minutes that raise an alarm: 0.5 % of the endpoint's planned
 * connections, at least 50 (assumption: a mass expiry or an IdP fault, not one user's typo).
 */
export function authenticationFailureThreshold(maxConnections: number): number {
  return Math.max(50, Math.ceil(maxConnections * 0.005));
}

/** Who an alarm reaches (profile `operations.alarmRecipients`). */
export interface AlarmRecipients {
  /** Mailboxes subscribed to the alarm topic (each confirms the subscription once). */
  readonly emails: readonly string[];
  /**
   * An existing SNS topic in this Region that every alarm also publishes to.
   * @default - none
   */
  readonly existingTopicArn?: string;
}

export interface RemoteAccessMonitoringProps {
  readonly namePrefix: string;
  readonly key: kms.IKey;
  /**
   * Recipients of the alarms. At least one e-mail address or an existing topic: an alarm
   * that reaches nobody is refused at construction.
   */
  readonly recipients: AlarmRecipients;
  readonly endpoints: readonly { readonly plan: ClientVpnEndpointPlan; readonly endpointId: string }[];
  readonly handler: lambda.IFunction;
  /**
   * The handler's policy when the device registry cannot be read; named in the alarm.
   * @default 'allow'
   */
  readonly registryUnavailablePolicy?: 'allow' | 'deny';
}

export class RemoteAccessMonitoring extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: RemoteAccessMonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Alarms', {
      topicName: `${props.namePrefix}-remote-access-alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.recipients.emails.length === 0 && !props.recipients.existingTopicArn) {
      throw new Error(
        'RemoteAccessMonitoring: recipients names no e-mail address and no existing topic; the alarms would reach nobody (profile operations.alarmRecipients)',
      );
    }
    for (const email of props.recipients.emails) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
    const topicActions: cloudwatch.IAlarmAction[] = [new actions.SnsAction(this.topic)];
    if (props.recipients.existingTopicArn) {
      topicActions.push(
        new actions.SnsAction(
          sns.Topic.fromTopicArn(this, 'ExistingTopic', props.recipients.existingTopicArn),
        ),
      );
    }
    const notify = (alarm: cloudwatch.Alarm) => alarm.addAlarmAction(...topicActions);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${props.namePrefix}-remote-access`,
    });

    for (const { plan, endpointId } of props.endpoints) {
      const metric = (metricName: string, statistic: string) =>
        new cloudwatch.Metric({
          namespace: 'AWS/ClientVPN',
          metricName,
          dimensionsMap: { Endpoint: endpointId },
          statistic,
          period: Duration.minutes(5),
        });
      const active = metric('ActiveConnectionsCount', 'Maximum');
      const failures = metric('AuthenticationFailures', 'Sum');
      const denied = metric('ClientConnectHandlerDeniedConnections', 'Sum');
      const handlerErrors = new cloudwatch.MathExpression({
        expression: 'timeouts + invalid + other + throttled',
        usingMetrics: {
          timeouts: metric('ClientConnectHandlerTimeouts', 'Sum'),
          invalid: metric('ClientConnectHandlerInvalidResponses', 'Sum'),
          other: metric('ClientConnectHandlerOtherExecutionErrors', 'Sum'),
          throttled: metric('ClientConnectHandlerThrottlingErrors', 'Sum'),
        },
        label: 'client-connect handler errors (each denies a user)',
        period: Duration.minutes(5),
      });

      for (const percent of CAPACITY_ALARM_PERCENTS) {
        const threshold = capacityAlarmThreshold(plan.maxConnections, percent);
        const alarm = new cloudwatch.Alarm(this, `${plan.name}-Active${percent}`, {
          alarmName: `${props.namePrefix}-${plan.name}-active-connections-${percent}pct`,
          alarmDescription: `${plan.name}: active connections at ${percent} % of the planned ${plan.maxConnections}`,
          metric: active,
          threshold,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
        notify(alarm);
        this.alarms.push(alarm);
      }
      const failureAlarm = new cloudwatch.Alarm(this, `${plan.name}-AuthFailures`, {
        alarmName: `${props.namePrefix}-${plan.name}-authentication-failures`,
        alarmDescription: `${plan.name}: authentication failures (certificate, SAML or directory) above normal`,
        metric: failures,
        threshold: authenticationFailureThreshold(plan.maxConnections),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      notify(failureAlarm);
      this.alarms.push(failureAlarm);
      const handlerAlarm = new cloudwatch.Alarm(this, `${plan.name}-HandlerErrors`, {
        alarmName: `${props.namePrefix}-${plan.name}-connect-handler-errors`,
        alarmDescription: `${plan.name}: the client-connect handler failed, which denies users`,
        metric: handlerErrors,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      notify(handlerAlarm);
      this.alarms.push(handlerAlarm);

      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${plan.name}: active connections (planned ${plan.maxConnections})`,
          left: [active],
          leftAnnotations: CAPACITY_ALARM_PERCENTS.map((percent) => ({
            value: capacityAlarmThreshold(plan.maxConnections, percent),
            label: `${percent} %`,
          })),
          leftYAxis: { min: 0, max: plan.maxConnections },
          width: 12,
        }),
        new cloudwatch.GraphWidget({
          title: `${plan.name}: authentication failures and handler denials`,
          left: [failures, denied],
          right: [handlerErrors],
          width: 12,
        }),
      );
    }
    // The registry could not be read: with policy allow the lost-device lock is off; with deny users are refused.
    const registryUnavailable = new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName: REGISTRY_UNAVAILABLE_METRIC,
      dimensionsMap: { FunctionName: props.handler.functionName },
      statistic: 'Sum',
      period: Duration.minutes(1),
    });
    const policy = props.registryUnavailablePolicy ?? 'allow';
    const registryAlarm = new cloudwatch.Alarm(this, 'RegistryUnavailable', {
      alarmName: `${props.namePrefix}-device-registry-unavailable`,
      alarmDescription:
        policy === 'allow'
          ? 'The device registry could not be read: connections are ADMITTED without the lost-device check (policy allow). Revoke lost devices by CRL now (docs/operations/lost-device.md).'
          : 'The device registry could not be read: connections are REFUSED (policy deny). Users cannot connect until DynamoDB answers.',
      metric: registryUnavailable,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    notify(registryAlarm);
    this.alarms.push(registryAlarm);
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'client-connect handler',
        left: [
          props.handler.metricInvocations(),
          props.handler.metricErrors(),
          props.handler.metricThrottles(),
        ],
        right: [props.handler.metricDuration({ statistic: 'p99' })],
        width: 24,
      }),
    );
  }
}
