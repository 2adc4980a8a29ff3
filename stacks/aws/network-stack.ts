/** Network foundation of one access Region: VPC with the planned subnets, Transit Gateway. */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { NetworkFoundation } from '../../lib/aws/network-foundation';
import type { AwsRegionNetworkPlan } from '../../lib/planner/types';

export interface NetworkStackProps extends StackProps {
  readonly plan: AwsRegionNetworkPlan;
  readonly namePrefix: string;
}

export class NetworkStack extends Stack {
  readonly foundation: NetworkFoundation;

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    this.foundation = new NetworkFoundation(this, 'Foundation', {
      plan: props.plan,
      namePrefix: props.namePrefix,
    });
  }
}
