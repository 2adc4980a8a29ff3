/**
 * The lost-device registry: ONE DynamoDB global table (AWS::DynamoDB::GlobalTable) with a
 * replica in every AWS Region of the profile that runs Client VPN, so a device the MDM
 * blocks in one Region is blocked in all (a table per Region let a device blocked in Tokyo
 * still connect in Osaka). Each Region's connect handler reads its local replica by the
 * table's deterministic name; no cross-stack reference.
 *
 * Items: deviceId (certificate common name) -> status (active | lost | revoked), written by
 * the MDM (or by hand, docs/operations/lost-device.md).
 */

import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { RemovalPolicy, Stack } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';

/** The registry's name, the same in every Region: `<org>-<env>-device-registry`. */
export function deviceRegistryTableName(organisation: string, environment: string): string {
  return `${organisation}-${environment}-device-registry`;
}

export interface DeviceRegistryProps {
  /** Table name, identical in every replica (see deviceRegistryTableName). */
  readonly tableName: string;
  /**
   * Every Region that reads the registry, including this stack's own. Adding a Region adds
   * a replica in place; the list must contain the stack's Region.
   */
  readonly regions: readonly string[];
}

export class DeviceRegistry extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: DeviceRegistryProps) {
    super(scope, id);
    const home = Stack.of(this).region;
    if (!props.regions.includes(home)) {
      throw new Error(
        `DeviceRegistry: regions (${props.regions.join(', ')}) must include this stack's Region ${home}`,
      );
    }
    if (new Set(props.regions).size !== props.regions.length) {
      throw new Error(`DeviceRegistry: regions lists a Region twice (${props.regions.join(', ')})`);
    }
    this.table = new dynamodb.TableV2(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: 'deviceId', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      replicas: props.regions
        .filter((r) => r !== home)
        .map((region) => ({
          region,
          deletionProtection: true,
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        })),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
