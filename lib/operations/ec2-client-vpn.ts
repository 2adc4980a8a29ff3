/**
 * The two EC2 API calls `tsunagi revoke` makes (DescribeClientVpnEndpoints,
 * ImportClientVpnClientCertificateRevocationList), through the AWS SDK's EC2Client, loaded when
 * the command runs.
 *
 * Typed here rather than with @aws-sdk/client-ec2's declarations: that package declares every
 * EC2 API in 19 MB of .d.ts, and any command's declarations import its whole index, so typing
 * these two calls with it doubled `tsc --noEmit` for the whole project (5.1 s to 2.4 s without
 * it, 9.7 to 4.4 s of CPU on two cores). The shapes below are the fields of the EC2 API
 * (version 2016-11-15) that this code sends and reads; the SDK still builds, signs and sends the
 * requests, and test/operations stubs the real EC2Client with aws-sdk-client-mock.
 */

/** An EC2 client of the AWS SDK (`EC2Client`), as far as this code uses it. */
export interface Ec2Client {
  send(command: object): Promise<unknown>;
}

/** A Client VPN endpoint as DescribeClientVpnEndpoints returns it: the fields read here. */
export interface ClientVpnEndpointSummary {
  readonly ClientVpnEndpointId?: string;
  readonly Tags?: readonly { readonly Key?: string; readonly Value?: string }[];
}

interface DescribeClientVpnEndpointsPage {
  readonly ClientVpnEndpoints?: readonly ClientVpnEndpointSummary[];
  readonly NextToken?: string;
}

interface Ec2Sdk {
  EC2Client: new (config: { region?: string }) => Ec2Client;
  DescribeClientVpnEndpointsCommand: new (input: object) => object;
  ImportClientVpnClientCertificateRevocationListCommand: new (input: object) => object;
}

function ec2Sdk(): Ec2Sdk {
  return require('@aws-sdk/client-ec2') as Ec2Sdk;
}

/** The SDK's EC2 client for a Region, with the default credential chain. */
export function ec2Client(region: string): Ec2Client {
  return new (ec2Sdk().EC2Client)({ region });
}

/** One page of DescribeClientVpnEndpoints. */
export async function describeClientVpnEndpoints(
  ec2: Ec2Client,
  input: { readonly NextToken?: string; readonly MaxResults: number },
): Promise<DescribeClientVpnEndpointsPage> {
  return (await ec2.send(
    new (ec2Sdk().DescribeClientVpnEndpointsCommand)(input),
  )) as DescribeClientVpnEndpointsPage;
}

/** ImportClientVpnClientCertificateRevocationList: `Return` is false when EC2 did not take it. */
export async function importClientVpnCrl(
  ec2: Ec2Client,
  input: { readonly ClientVpnEndpointId: string; readonly CertificateRevocationList: string },
): Promise<{ readonly Return?: boolean }> {
  return (await ec2.send(new (ec2Sdk().ImportClientVpnClientCertificateRevocationListCommand)(input))) as {
    Return?: boolean;
  };
}
