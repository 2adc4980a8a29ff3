/**
 * Rule: what the AWS stacks need from the profile to build, checked here so that synthesis
 * never throws on a profile the validator accepted (issue 10). Each check names the stack
 * code that depends on it.
 */
import {
  CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT,
  CLIENT_VPN_ROUTES_PER_ASSOCIATION,
} from '../../quotas/aws-client-vpn';
import { regionShortName } from '../../quotas/regions';
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

/**
 * Client VPN invokes only connect handlers whose name starts with this (AWS Client VPN
 * admin guide, "Client connect handler"); lib/aws/remote-access/client-connect-handler.ts.
 */
const CLIENT_CONNECT_PREFIX = 'AWSClientVPN-';
/** Lambda function and IAM role names: at most 64 characters. */
const AWS_NAME_MAX = 64;

/** Every AWS Region runs the identity stack: a Route 53 Resolver endpoint needs two zones. */
const RESOLVER_MIN_ZONES = 2;

export function checkAwsDeployability(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const regions = profile.clouds.aws?.regions ?? [];
  const tiers = profile.accessTiers.filter((t) => t.provider === 'aws');
  const tierRegions = [...new Set(tiers.map((t) => t.region))];
  const methods = new Set(profile.populations.flatMap((p) => p.authentication));

  // lib/aws/identity/directory.ts: Resolver endpoint (and Managed AD) in two zones.
  regions.forEach((r, i) => {
    if (new Set(r.availabilityZones).size < RESOLVER_MIN_ZONES) {
      found.push(
        issue(
          ['clouds', 'aws', 'regions', i, 'availabilityZones'],
          `lists ${r.availabilityZones.length} zone(s); the identity stack's Route 53 Resolver endpoint (and Managed AD) needs ${RESOLVER_MIN_ZONES}`,
          r.availabilityZones,
          `list at least ${RESOLVER_MIN_ZONES} zones of ${r.region}`,
        ),
      );
    }
  });

  // Names the stacks derive from organisation.id and the environment name
  // (`<org>-<env>-<region short name>`): the Lambda connect handler and the CI deploy role.
  for (const env of profile.environments) {
    const names = [
      ...tierRegions.map((region) => ({
        name: `${CLIENT_CONNECT_PREFIX}${profile.organisation.id}-${env.name}-${regionShortName(region)}-connect`,
        what: 'Client VPN connect handler (Lambda function)',
      })),
      ...(profile.ci && regions.length > 0
        ? [
            {
              name: `${profile.organisation.id}-${env.name}-github-deploy`,
              what: 'CI deploy role (IAM role)',
            },
          ]
        : []),
    ];
    const long = names.find((n) => n.name.length > AWS_NAME_MAX);
    if (long) {
      found.push(
        issue(
          ['organisation', 'id'],
          `with environment ${env.name} makes the ${long.what} name ${long.name}, ${long.name.length} characters; AWS allows ${AWS_NAME_MAX}`,
          profile.organisation.id,
          `shorten organisation.id or the environment name by ${long.name.length - AWS_NAME_MAX} characters`,
        ),
      );
    }
  }

  if (tiers.length === 0) return found;

  // stacks/aws/remote-access-stack.ts: mutual TLS needs the device CA in ACM in each Region.
  if (methods.has('certificate')) {
    for (const region of tierRegions) {
      const hasCa = profile.identity.certificateAuthorities.some((ca) => ca.awsCertificateArns[region]);
      if (!hasCa) {
        found.push(
          issue(
            ['identity', 'certificateAuthorities', 0, 'awsCertificateArns', region],
            `is required: populations use certificate authentication and Client VPN in ${region} needs the device CA imported into ACM there`,
            undefined,
            `import the device CA certificate into ACM in ${region} and add its ARN under awsCertificateArns.${region}`,
          ),
        );
      }
    }
  }
  // An ACM ARN names its own Region: a certificate in another Region cannot be used.
  const arnRegion = (arn: string) => arn.split(':')[3];
  for (const [region, arn] of Object.entries(profile.identity.serverCertificateArns)) {
    if (arnRegion(arn) !== region) {
      found.push(
        issue(
          ['identity', 'serverCertificateArns', region],
          `is a certificate in ${arnRegion(arn)}, not in ${region}; Client VPN uses a certificate from its own Region`,
          arn,
          `import the certificate into ACM in ${region} and use that ARN`,
        ),
      );
    }
  }
  profile.identity.certificateAuthorities.forEach((ca, c) => {
    for (const [region, arn] of Object.entries(ca.awsCertificateArns)) {
      if (arnRegion(arn) !== region) {
        found.push(
          issue(
            ['identity', 'certificateAuthorities', c, 'awsCertificateArns', region],
            `is a certificate in ${arnRegion(arn)}, not in ${region}; Client VPN uses a certificate from its own Region`,
            arn,
            `import the CA into ACM in ${region} and use that ARN`,
          ),
        );
      }
    }
  });

  // stacks/aws/remote-access-stack.ts: AD Connector has no CloudFormation resource.
  if (methods.has('directory') && profile.identity.awsDirectory.mode !== 'managed-ad') {
    const index = profile.populations.findIndex((p) => p.authentication.includes('directory'));
    found.push(
      issue(
        ['identity', 'awsDirectory', 'mode'],
        `is ${profile.identity.awsDirectory.mode}, but populations[${index}] uses directory authentication, which Client VPN needs an AWS directory for (an AD Connector has no CloudFormation resource)`,
        profile.identity.awsDirectory.mode,
        'set identity.awsDirectory.mode to managed-ad (with a trust to the forest), or authenticate with federated-sso',
      ),
    );
  }

  // lib/aws/remote-access/monitoring.ts: alarms in each Client VPN Region need a recipient.
  const recipients = profile.operations.alarmRecipients;
  if (recipients.emails.length === 0) {
    for (const region of tierRegions) {
      if (!recipients.awsSnsTopicArns[region]) {
        found.push(
          issue(
            ['operations', 'alarmRecipients', 'awsSnsTopicArns', region],
            `is required: no e-mail recipient is listed, so the Client VPN alarms in ${region} need a topic there`,
            undefined,
            `add an e-mail address under operations.alarmRecipients.emails, or a topic in ${region}`,
          ),
        );
      }
    }
  }

  const networks = new Map(profile.addressPlan.networks.map((n, i) => [n.name, { n, i }]));
  const usesUserMethod = [...methods].some((m) => m !== 'certificate');
  const cidrsOf = (reach: readonly string[]) => reach.flatMap((name) => networks.get(name)?.n.cidrs ?? []);
  const rules = usesUserMethod
    ? profile.populations.reduce((sum, p) => sum + cidrsOf(p.reach).length, 0)
    : new Set(cidrsOf(profile.populations.flatMap((p) => p.reach))).size;
  if (rules > CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT.value) {
    found.push(
      issue(
        ['populations'],
        `need ${rules} Client VPN authorization rules (one per population and reachable CIDR); an endpoint takes ${CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT.value} (${CLIENT_VPN_AUTHORIZATION_RULES_PER_ENDPOINT.source})`,
        rules,
        'summarise the networks into fewer, larger CIDRs or merge populations',
      ),
    );
  }
  const routes = new Set(cidrsOf(profile.populations.flatMap((p) => p.reach))).size;
  if (routes > CLIENT_VPN_ROUTES_PER_ASSOCIATION.value) {
    found.push(
      issue(
        ['addressPlan', 'networks'],
        `give remote users ${routes} routes; a Client VPN association takes ${CLIENT_VPN_ROUTES_PER_ASSOCIATION.value} (${CLIENT_VPN_ROUTES_PER_ASSOCIATION.source})`,
        routes,
        'summarise the reachable networks into fewer, larger CIDRs',
      ),
    );
  }
  return found;
}
