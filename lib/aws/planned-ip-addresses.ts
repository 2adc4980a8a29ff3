/**
 * An IIpAddresses that hands the VPC construct the planner's subnet CIDRs instead of
 * letting it split the range itself: the address plan is decided once, in lib/planner,
 * and a subnet never moves when a zone or a subnet group is added.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { SubnetPlan } from '../planner/types';

export class PlannedIpAddresses implements ec2.IIpAddresses {
  constructor(
    private readonly vpcCidr: string,
    private readonly subnets: readonly SubnetPlan[],
  ) {}

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.vpcCidr };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((requested) => {
        const planned = this.subnets.find(
          (s) => s.role === requested.configuration.name && s.zone === requested.availabilityZone,
        );
        if (!planned) {
          throw new Error(
            `internal: no planned subnet for group ${requested.configuration.name} in ${requested.availabilityZone}`,
          );
        }
        return { cidr: planned.cidr };
      }),
    };
  }
}
