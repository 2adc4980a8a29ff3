/**
 * Identity in one AWS Region: the DNS servers of remote users (Route 53 Resolver inbound
 * endpoint), DNS forwarding to the on-premises forest and, where the
 * profile chooses it, a Managed Microsoft AD trusting that forest. Stateful (the directory):
 * termination-protected, directory retained.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { Directory } from '../../lib/aws/identity/directory';
import { InboundResolver } from '../../lib/aws/identity/inbound-resolver';
import type { DeploymentModel } from '../../lib/profile/load';

export interface IdentityStackProps extends StackProps {
  readonly model: DeploymentModel;
  readonly namePrefix: string;
  readonly vpc: ec2.IVpc;
  readonly logKey: kms.IKey;
}

export class IdentityStack extends Stack {
  readonly directory: Directory;
  readonly inboundResolver: InboundResolver;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { profile, plan } = props.model;
    const network = plan.awsRegions.find((r) => r.region === this.region);
    if (!network) throw new Error(`internal: no network plan for ${this.region}`);
    const services = props.vpc.selectSubnets({ subnetGroupName: 'services' }).subnets;
    this.inboundResolver = new InboundResolver(this, 'InboundResolver', {
      namePrefix: props.namePrefix,
      vpc: props.vpc,
      network,
      subnets: services,
    });
    this.directory = new Directory(this, 'Directory', {
      namePrefix: props.namePrefix,
      identity: profile.identity,
      vpc: props.vpc,
      subnets: services,
      logKey: props.logKey,
      logRetentionDays: profile.audit.logRetentionDays,
    });
    // The inbound endpoint's fixed addresses are taken before anything else in the subnets
    // picks addresses dynamically (outbound endpoint, Managed AD).
    for (const child of [this.directory.resolverEndpoint, this.directory.managedAd]) {
      child?.node.addDependency(this.inboundResolver.endpoint);
    }
  }
}
