/**
 * The client-connect handler against a stubbed DynamoDB client: "device blocked" is always
 * refused; "registry unavailable" follows the configured policy and is counted for the alarm.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import {
  METRIC_NAMESPACE,
  REGISTRY_UNAVAILABLE_METRIC,
} from '../../../lib/aws/remote-access/client-connect-metric';
import { handler } from '../../../lib/aws/remote-access/handlers/client-connect';

const dynamo = mockClient(DynamoDBClient);
const EVENT = {
  'common-name': 'device-0042',
  'connection-id': 'cvpn-connection-1',
  'endpoint-id': 'cvpn-endpoint-1',
};
let logs: string[];

beforeEach(() => {
  dynamo.reset();
  process.env.DEVICE_TABLE_NAME = 'hyogo-prod-device-registry';
  delete process.env.REGISTRY_UNAVAILABLE_POLICY;
  logs = [];
  jest.spyOn(console, 'log').mockImplementation((line: string) => {
    logs.push(line);
  });
});
afterEach(() => jest.restoreAllMocks());

const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
const metricLines = () =>
  logs
    .map((l) => JSON.parse(l))
    .filter((l) => l._aws?.CloudWatchMetrics?.[0]?.Namespace === METRIC_NAMESPACE);

describe('device blocked', () => {
  test.each(['lost', 'revoked'])('status %s: refused, whatever the policy', async (status) => {
    for (const policy of ['allow', 'deny']) {
      process.env.REGISTRY_UNAVAILABLE_POLICY = policy;
      dynamo.on(GetItemCommand).resolves({ Item: { status: { S: status } } });
      const answer = await handler(EVENT);
      expect(answer.allow).toBe(false);
      expect(answer['error-msg-on-denied-connection']).toMatch(/reported lost or revoked/);
    }
    expect(metricLines()).toHaveLength(0);
  });

  test('active or unregistered: admitted; reads the named table by the certificate CN', async () => {
    dynamo.on(GetItemCommand).resolves({ Item: { status: { S: 'active' } } });
    expect((await handler(EVENT)).allow).toBe(true);
    dynamo.on(GetItemCommand).resolves({});
    expect((await handler(EVENT)).allow).toBe(true);
    expect(dynamo.commandCalls(GetItemCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'hyogo-prod-device-registry',
      Key: { deviceId: { S: 'device-0042' } },
    });
  });
});

describe('registry unavailable', () => {
  test('policy allow (default): admitted, logged as registry-unavailable and counted', async () => {
    dynamo.on(GetItemCommand).rejects(throttled);
    const answer = await handler(EVENT);
    expect(answer.allow).toBe(true);
    const [metric] = metricLines();
    expect(metric[REGISTRY_UNAVAILABLE_METRIC]).toBe(1);
    expect(metric).toMatchObject({ reason: 'registry-unavailable', policy: 'allow' });
    expect(metric.error).toMatch(/ThrottlingException/);
  });

  test('policy deny: refused with a "temporarily unavailable" message (not "lost"), counted', async () => {
    process.env.REGISTRY_UNAVAILABLE_POLICY = 'deny';
    dynamo.on(GetItemCommand).rejects(throttled);
    const answer = await handler(EVENT);
    expect(answer.allow).toBe(false);
    expect(answer['error-msg-on-denied-connection']).toMatch(/temporarily unavailable/);
    expect(answer['error-msg-on-denied-connection']).not.toMatch(/lost/);
    expect(metricLines()).toHaveLength(1);
  });
});
