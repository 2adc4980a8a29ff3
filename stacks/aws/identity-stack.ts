/**
 * Identity in one AWS Region: the DNS servers of remote users (Route 53 Resolver inbound
 * endpoint), DNS forwarding to the on-premises forest and, where the
 * profile chooses it, a Managed Microsoft AD trusting that forest. Stateful (the directory):
 * termination-protected, directory retained.
 */
import { Stack, type StackProps } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import {
  type NetworkParameterNames,
  NetworkReference,
  publishParameter,
} from '../../lib/aws/common/network-parameters';
import { Directory } from '../../lib/aws/identity/directory';
import { InboundResolver } from '../../lib/aws/identity/inbound-resolver';
import type { DeploymentModel } from '../../lib/profile/load';

export interface IdentityStackProps extends StackProps {
  readonly model: DeploymentModel;
  readonly namePrefix: string;
  /** The Region's network stack's parameters (read at deploy time; no exports). */
  readonly network: NetworkParameterNames;
}

export class IdentityStack extends Stack {
  readonly directory: Directory;
  readonly inboundResolver: InboundResolver;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { profile, plan } = props.model;
    const network = plan.awsRegions.find((r) => r.region === this.region);
    if (!network) throw new Error(`internal: no network plan for ${this.region}`);
    const shared = new NetworkReference(this, 'Network', { names: props.network, plan: network });
    const services = shared.subnets('services');
    this.inboundResolver = new InboundResolver(this, 'InboundResolver', {
      namePrefix: props.namePrefix,
      vpc: shared.vpc,
      network,
      subnets: services,
    });
    this.directory = new Directory(this, 'Directory', {
      namePrefix: props.namePrefix,
      identity: profile.identity,
      vpc: shared.vpc,
      subnets: services,
      logKey: () => shared.logKey,
      logRetentionDays: profile.audit.logRetentionDays,
    });
    // The inbound endpoint's fixed addresses are taken before anything else in the subnets
    // picks addresses dynamically (outbound endpoint, Managed AD).
    for (const child of [this.directory.resolverEndpoint, this.directory.managedAd]) {
      child?.node.addDependency(this.inboundResolver.endpoint);
    }
    // Remote access authenticates against the directory: its ID, published like the network's.
    if (this.directory.managedAd) {
      publishParameter(this, 'DirectoryIdParameter', props.network.directoryId, this.directory.managedAd.ref);
    }
  }
}
