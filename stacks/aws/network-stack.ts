/**
 * Network foundation of one access Region: VPC with the planned subnets, Transit Gateway,
 * routes to the reachable networks, VPC flow logs, and the Region's log encryption key.
 * Stateful (the key and the Transit Gateway): termination-protected.
 */
import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import { LogEncryptionKey } from '../../lib/aws/common/log-encryption-key';
import {
  type NetworkParameterNames,
  publishNetworkParameters,
} from '../../lib/aws/common/network-parameters';
import { NetworkFoundation } from '../../lib/aws/network-foundation';
import type { AwsRegionNetworkPlan } from '../../lib/planner/types';

export interface NetworkStackProps extends StackProps {
  readonly plan: AwsRegionNetworkPlan;
  readonly namePrefix: string;
  /** Where the stack publishes the values the Region's other stacks read (no exports). */
  readonly parameters: NetworkParameterNames;
  /** Keep the exports of earlier versions for one deploy (KEEP_NETWORK_EXPORTS_CONTEXT). */
  readonly keepExports?: boolean;
  /** Reachable networks and on-premises DNS servers (see NetworkFoundationProps.routedCidrs). */
  readonly routedCidrs?: readonly string[];
  /** The profile's retention of flow logs, in days. Default: no flow logs. */
  readonly logRetentionDays?: number;
}

export class NetworkStack extends Stack {
  readonly foundation: NetworkFoundation;
  readonly logKey: LogEncryptionKey;

  private readonly plannedZones: readonly string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    this.plannedZones = props.plan.zones;
    this.logKey = new LogEncryptionKey(this, 'LogEncryption', { namePrefix: props.namePrefix });
    this.foundation = new NetworkFoundation(this, 'Foundation', {
      plan: props.plan,
      namePrefix: props.namePrefix,
      routedCidrs: props.routedCidrs,
      flowLogs:
        props.logRetentionDays === undefined
          ? undefined
          : { key: this.logKey.key, retentionDays: props.logRetentionDays },
    });
    publishNetworkParameters(this, props.parameters, this.foundation, this.logKey.key, {
      keepExports: props.keepExports,
    });
  }

  /**
   * The Region's zones come from the profile, never from a context lookup: with an explicit
   * account and Region, CDK would otherwise ask AWS (credentials) to validate the VPC's zones.
   */
  override get availabilityZones(): string[] {
    return [...this.plannedZones];
  }
}
