/**
 * Client VPN client-connect handler (`AWSClientVPN-*`): denies a device that the device
 * registry (DynamoDB, written by the MDM) reports lost or revoked. Client VPN calls it
 * synchronously for every new connection with a fixed 30 s timeout; an error or a throttle
 * denies the connection (shared/reference/LIMITS.md), so the function is kept warm with
 * provisioned concurrency and does one GetItem.
 *
 * Devices absent from the registry are allowed: mutual TLS and the CRL have already
 * vouched for the certificate; the registry only adds the MDM's "lost" verdict, which can
 * be faster than a CRL refresh.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

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
const client = new DynamoDBClient({});

function respond(allow: boolean, message = ''): ClientConnectResponse {
  return {
    allow,
    'error-msg-on-denied-connection': message,
    'posture-compliance-statuses': [],
    'schema-version': 'v3',
  };
}

export async function handler(event: ClientConnectEvent): Promise<ClientConnectResponse> {
  const table = process.env.DEVICE_TABLE_NAME;
  const deviceId = event['common-name'];
  if (!table) throw new Error('DEVICE_TABLE_NAME is not set');
  if (!deviceId) {
    console.log(
      JSON.stringify({ decision: 'deny', reason: 'no-certificate', connection: event['connection-id'] }),
    );
    return respond(false, 'No device certificate was presented.');
  }
  const result = await client.send(
    new GetItemCommand({
      TableName: table,
      Key: { deviceId: { S: deviceId } },
      ProjectionExpression: '#s',
      ExpressionAttributeNames: { '#s': 'status' },
      ConsistentRead: false,
    }),
  );
  const status = result.Item?.status?.S;
  const deny = status !== undefined && DENIED_STATUSES.has(status);
  console.log(
    JSON.stringify({
      decision: deny ? 'deny' : 'allow',
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
