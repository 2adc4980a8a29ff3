/**
 * Dashboard and alarms of one Region's Client VPN endpoints: active connections against the
 * planned capacity of each endpoint (80 % warns, 95 % pages), authentication failures, and
 * client-connect handler denials and errors. Thresholds come from the plan, never typed.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ClientVpnEndpointPlan } from '../../planner/types';

/** Capacity thresholds, in percent of the endpoint's planned connections (issue #3). */
export const CAPACITY_ALARM_PERCENTS = [80, 95] as const;
/**
 * Authentication failures in 5 minutes that raise an alarm: 0.5 % of the endpoint's planned
 * connections, at least 50 (assumption: a mass expiry or an IdP fault, not one user's typo).
 */
export function authenticationFailureThreshold(maxConnections: number): number {
  return Math.max(50, Math.ceil(maxConnections * 0.005));
}

export interface RemoteAccessMonitoringProps {
  readonly namePrefix: string;
  readonly key: kms.IKey;
  readonly endpoints: readonly { readonly plan: ClientVpnEndpointPlan; readonly endpointId: string }[];
  readonly handler: lambda.IFunction;
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
    const action = new actions.SnsAction(this.topic);
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
        const threshold = Math.floor((plan.maxConnections * percent) / 100);
        const alarm = new cloudwatch.Alarm(this, `${plan.name}-Active${percent}`, {
          alarmName: `${props.namePrefix}-${plan.name}-active-connections-${percent}pct`,
          alarmDescription: `${plan.name}: active connections at ${percent} % of the planned ${plan.maxConnections}`,
          metric: active,
          threshold,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
        alarm.addAlarmAction(action);
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
      failureAlarm.addAlarmAction(action);
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
      handlerAlarm.addAlarmAction(action);
      this.alarms.push(handlerAlarm);

      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${plan.name}: active connections (planned ${plan.maxConnections})`,
          left: [active],
          leftAnnotations: CAPACITY_ALARM_PERCENTS.map((percent) => ({
            value: Math.floor((plan.maxConnections * percent) / 100),
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
