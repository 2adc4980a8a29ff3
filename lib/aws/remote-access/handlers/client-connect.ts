/**
 * Client VPN client-connect handler (`AWSClientVPN-*`): denies a device that the device
 * registry (a DynamoDB global table, written by the MDM) reports lost or revoked. Client VPN
 * calls it synchronously for every new connection with a fixed 30 s timeout; an error or a
 * throttle of the handler itself denies the connection (shared/reference/LIMITS.md).
 *
 * Two different answers, never confused:
 * - "device blocked": the registry answered and the device is `lost` or `revoked`: always
 *   denied.
 * - "registry unavailable": the registry did not answer (throttling, timeout, outage):
 *   the policy REGISTRY_UNAVAILABLE_POLICY decides (profile
 *   operations.deviceRegistry.whenUnavailable; default allow, because the device has
 *   already passed mutual TLS against the CRL and the SAML sign-in, while denying would lock
 *   out every user on a DynamoDB throttle). Either way it is logged and counted in the
 *   metric Tsunagi/ClientConnect RegistryUnavailable, which raises an alarm.
 *
 * Devices absent from the registry are allowed: mutual TLS and the CRL have already
 * vouched for the certificate; the registry only adds the MDM's "lost" verdict, which can
 * be faster than a CRL refresh.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { METRIC_NAMESPACE, REGISTRY_UNAVAILABLE_METRIC } from '../client-connect-metric';

interface ClientConnectEvent {
  readonly 'connection-id'?: string;
  readonly 'endpoint-id'?: string;
  readonly 'common-name'?: string;
  readonly username?: string;
  readonly platform?: string;
}

interface ClientConnectResponse {
  readonly allow: boolean;
  readonly 'error-msg-on-denied-connection': string;
  readonly 'posture-compliance-statuses': string[];
  readonly 'schema-version': 'v3';
}

const DENIED_STATUSES = new Set(['lost', 'revoked']);
// Fail fast: two attempts within a few seconds, far inside Client VPN's 30 s.
const client = new DynamoDBClient({
  maxAttempts: 2,
  requestHandler: { requestTimeout: 2_000, connectionTimeout: 1_000 },
});

function respond(allow: boolean, message = ''): ClientConnectResponse {
  return {
    allow,
    'error-msg-on-denied-connection': message,
    'posture-compliance-statuses': [],
    'schema-version': 'v3',
  };
}

/** One log line that is also a CloudWatch metric (embedded metric format). */
function countRegistryUnavailable(fields: Record<string, unknown>): void {
  console.log(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: METRIC_NAMESPACE,
            Dimensions: [['FunctionName']],
            Metrics: [{ Name: REGISTRY_UNAVAILABLE_METRIC, Unit: 'Count' }],
          },
        ],
      },
      FunctionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown',
      [REGISTRY_UNAVAILABLE_METRIC]: 1,
      ...fields,
    }),
  );
}

export async function handler(event: ClientConnectEvent): Promise<ClientConnectResponse> {
  const table = process.env.DEVICE_TABLE_NAME;
  const policy = process.env.REGISTRY_UNAVAILABLE_POLICY === 'deny' ? 'deny' : 'allow';
  const deviceId = event['common-name'];
  if (!table) throw new Error('DEVICE_TABLE_NAME is not set');
  if (!deviceId) {
    console.log(
      JSON.stringify({ decision: 'deny', reason: 'no-certificate', connection: event['connection-id'] }),
    );
    return respond(false, 'No device certificate was presented.');
  }
  let status: string | undefined;
  try {
    const result = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { deviceId: { S: deviceId } },
        ProjectionExpression: '#s',
        ExpressionAttributeNames: { '#s': 'status' },
        ConsistentRead: false,
      }),
    );
    status = result.Item?.status?.S;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    countRegistryUnavailable({
      decision: policy,
      reason: 'registry-unavailable',
      policy,
      error: `${e.name}: ${e.message}`,
      device: deviceId,
      connection: event['connection-id'],
      endpoint: event['endpoint-id'],
    });
    return policy === 'deny'
      ? respond(false, 'The device check is temporarily unavailable. Try again in a few minutes.')
      : respond(true);
  }
  const deny = status !== undefined && DENIED_STATUSES.has(status);
  console.log(
    JSON.stringify({
      decision: deny ? 'deny' : 'allow',
      reason: deny ? 'device-blocked' : 'device-not-blocked',
      device: deviceId,
      status: status ?? 'unregistered',
      connection: event['connection-id'],
      endpoint: event['endpoint-id'],
    }),
  );
  return deny
    ? respond(false, 'This device has been reported lost or revoked. Contact the help desk.')
    : respond(true);
}
