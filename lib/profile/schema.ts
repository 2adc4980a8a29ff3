/**
 * The organisation profile: one YAML file per organisation (config/<id>.yaml), checked by
 * this schema field by field, then by the cross-field rules in ./rules. The JSON Schema
 * committed as config/profile.schema.json is generated from it (`npm run schema`), so
 * editors complete and check the YAML.
 *
 * Every field carries a description (it becomes the editor's hover text) and, where a
 * field is optional, its default.
 */
import { z } from 'zod';
import { tryParseCidr } from '../net/cidr';
import { EXPRESSROUTE_BANDWIDTHS_MBPS, EXPRESSROUTE_SERVICE_COMMUNITIES } from '../quotas/expressroute';
import type { DeepReadonly } from '../util/immutable';
import { FIX_SEPARATOR } from './zod-issues';

/**
 * A check's message with its fix. Zod carries only a message through refinements, so the
 * fix rides after FIX_SEPARATOR and ./zod-issues.ts splits it off again.
 */
function rule(message: string, fixText: string) {
  return { message: `${message}${FIX_SEPARATOR}${fixText}` };
}

const identifier = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/,
    rule(
      'must be 2-32 characters of lower-case letters, digits and hyphens, starting with a letter',
      'use a lower-case kebab-case name such as "dc-kobe"',
    ),
  )
  .describe('Lower-case kebab-case name, 2-32 characters; used in resource names.');

const cidr = z
  .string()
  .superRefine((value, ctx) => {
    const parsed = tryParseCidr(value);
    if (typeof parsed === 'string') {
      ctx.addIssue({
        code: 'custom',
        ...rule(parsed, 'write the network address and prefix length, for example 10.64.0.0/12'),
      });
    }
  })
  .describe('IPv4 CIDR block, network address and prefix length (a.b.c.d/n).');

const ipv4 = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/,
    rule('is not an IPv4 address', 'write a dotted-quad address such as 192.0.2.10'),
  )
  .describe('IPv4 address.');

const acmCertificateArn = z
  .string()
  .regex(
    /^arn:aws:acm:/,
    rule(
      'is not an ACM certificate ARN',
      'import the certificate into ACM in that Region and copy its ARN (arn:aws:acm:...)',
    ),
  );

const asn = z
  .number()
  .int()
  .min(1)
  .max(4_294_967_294)
  .describe('BGP autonomous system number (private: 64512-65534 or 4200000000-4294967294).');

const uuid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    rule(
      'is not a lower-case GUID',
      'copy the GUID from the Azure portal (Subscriptions / Microsoft Entra ID overview)',
    ),
  );

/** Reference to a place traffic can land: a cloud Region or a data centre. */
const placeRef = z
  .string()
  .regex(
    /^(aws|azure|dc):[a-z0-9-]+$/,
    rule(
      'is not a place reference',
      'write aws:<region>, azure:<region> or dc:<data-centre name>, for example azure:japaneast',
    ),
  )
  .describe('Where a link or network lands: aws:<region>, azure:<region> or dc:<data-centre name>.');

export const AUTHENTICATION_METHODS = ['certificate', 'federated-sso', 'directory'] as const;
export const FAILURE_KINDS = ['availability-zone', 'region', 'provider'] as const;
/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const organisation = z
  .object({
    id: identifier.describe('Organisation id, used as the prefix of every stack and resource name.'),
    name: z.string().min(1).describe('Display name of the organisation.'),
    tags: z
      .object({
        costCentre: z.string().min(1).describe('Cost centre charged for the platform.'),
        owner: z.string().min(1).describe('Team or role that owns the platform.'),
      })
      .catchall(z.string())
      .describe('Tags applied to every resource. costCentre and owner are required; more may follow.'),
  })
  .strict();

const environment = z
  .object({
    name: identifier.describe('Environment name, for example prod or staging.'),
    aws: z
      .object({
        accountId: z
          .string()
          .regex(
            /^\d{12}$/,
            rule(
              'is not a 12-digit AWS account ID',
              'copy the account ID (12 digits, quoted) from the AWS console',
            ),
          ),
        githubOidcProviderArn: z
          .string()
          .regex(
            /^arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/,
            rule(
              'is not the ARN of a GitHub Actions OIDC provider',
              'copy it from IAM > Identity providers: arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com',
            ),
          )
          .optional()
          .describe(
            'The account\u2019s existing GitHub Actions OIDC provider, reused by the CI deploy role (an account holds at most one per URL). Default: none, the ci-deploy stack creates it.',
          ),
      })
      .strict()
      .superRefine((aws, ctx) => {
        const arnAccount = aws.githubOidcProviderArn?.split(':')[4];
        if (arnAccount !== undefined && arnAccount !== aws.accountId) {
          ctx.addIssue({
            code: 'custom',
            path: ['githubOidcProviderArn'],
            ...rule(
              `is in account ${arnAccount}, not this environment's account ${aws.accountId}`,
              'use the OIDC provider of this environment\u2019s own account',
            ),
          });
        }
      })
      .optional()
      .describe('AWS account of this environment. Required when any AWS Region is used.'),
    azure: z
      .object({ subscriptionId: uuid, tenantId: uuid })
      .strict()
      .optional()
      .describe('Azure subscription and tenant. Required when any Azure Region is used.'),
    terraformBackend: z
      .object({
        resourceGroupName: z.string().min(1),
        storageAccountName: z
          .string()
          .regex(
            /^[a-z0-9]{3,24}$/,
            rule('is not a valid storage account name', 'use 3-24 lower-case letters and digits'),
          ),
        containerName: z.string().min(3),
      })
      .strict()
      .optional()
      .describe('azurerm backend for Terraform state. Default: local state (synth needs no credentials).'),
  })
  .strict();

const target = z
  .object({
    concurrentUsers: z
      .number()
      .int()
      .positive()
      .describe('Peak concurrent remote-access connections the platform must carry.'),
    growthHeadroomPercent: z
      .number()
      .min(0)
      .max(200)
      .default(0)
      .describe('Extra nominal capacity for growth, in percent of the target. Default 0.'),
    averageMbpsPerUser: z
      .number()
      .positive()
      .max(1_000)
      .describe(
        'Average tunnelled throughput per connected user at peak, in Mbps (Microsoft 365 Optimize excluded).',
      ),
    peakMbpsPerUser: z
      .number()
      .positive()
      .max(10_000)
      .describe('Peak throughput one user must get, in Mbps; checked against per-connection limits.'),
  })
  .strict();

const population = z
  .object({
    name: identifier.describe('Population name, for example prefectural-staff.'),
    description: z.string().optional(),
    concurrentUsers: z.number().int().positive().describe('Peak concurrent connections of this population.'),
    authentication: z
      .array(z.enum(AUTHENTICATION_METHODS))
      .min(1)
      .describe(
        'Methods that must all pass: certificate (device certificate, mutual TLS), federated-sso (SAML / Entra ID federated with AD), directory (AD user and password).',
      ),
    accessGroup: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Directory or IdP group that identifies the population (authorization rules). Default: none.',
      ),
    reach: z
      .array(identifier)
      .min(1)
      .describe('Names of networks (addressPlan.networks) the population may reach.'),
  })
  .strict();

const resilience = z
  .object({
    failure: z.enum(FAILURE_KINDS).describe('The single failure the platform must survive.'),
    keepPercent: z
      .number()
      .min(0)
      .max(100)
      .describe('Share of target.concurrentUsers that must still connect after the failure.'),
  })
  .strict();

const awsRegion = z
  .object({
    region: z.string().min(1).describe('AWS Region code, for example ap-northeast-1.'),
    vpcCidr: cidr.describe('CIDR of the network VPC in this Region.'),
    availabilityZones: z
      .array(
        z
          .string()
          .regex(
            /^[a-z]{2}-[a-z]+-\d[a-z]$/,
            rule('is not an Availability Zone name', 'use a zone name such as ap-northeast-1a'),
          ),
      )
      .min(1)
      .describe('Availability Zone names to use, for example ap-northeast-1a.'),
    transitGatewayAsn: asn.describe('Amazon-side ASN of the Transit Gateway.'),
  })
  .strict();

const azureHub = z
  .object({
    region: z.string().min(1).describe('Azure Region name, for example japaneast.'),
    hubAddressPrefix: cidr.describe('Address prefix of the Virtual WAN hub (/23 or larger recommended).'),
    availabilityZones: z
      .array(z.enum(['1', '2', '3']))
      .default([])
      .describe('Zones the hub gateways spread over. Default: none (the Region is one failure domain).'),
  })
  .strict();

const accessTier = z
  .object({
    id: identifier.describe('Tier id, for example aws-tokyo. Keys the stable address allocation.'),
    provider: z.enum(['aws', 'azure']).describe('aws: AWS Client VPN; azure: Virtual WAN point-to-site.'),
    region: z.string().min(1).describe('Region, which must be declared under clouds.<provider>.'),
    clientAddressBlock: cidr.describe(
      'Block the planner carves this tier\u2019s client pools from, by index, so pools never move. Must lie in an addressPlan.clientPoolSupernets entry.',
    ),
    transportProtocol: z
      .enum(['udp', 'tcp'])
      .default('udp')
      .describe('Client VPN transport (AWS only; create-only). Default udp.'),
    minimumEndpoints: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        'AWS: never plan fewer Client VPN endpoints than this (pin what is deployed, so a new tier cannot remove one). Default 1.',
      ),
    minimumScaleUnits: z
      .number()
      .int()
      .min(1)
      .max(200)
      .optional()
      .describe('Azure: never plan fewer point-to-site scale units than this. Default: the smallest size.'),
  })
  .strict();

const network = z
  .object({
    name: identifier,
    cidrs: z.array(cidr).min(1),
    at: placeRef.describe('Where the network lives.'),
    protected: z
      .boolean()
      .default(false)
      .describe(
        'A protected segment (for example the My Number business segment): no remote user may reach it.',
      ),
    description: z.string().optional(),
  })
  .strict();

const addressPlan = z
  .object({
    clientPoolSupernets: z
      .array(cidr)
      .min(1)
      .describe('Ranges reserved for remote-access client pools; every tier block must lie inside one.'),
    networks: z.array(network).min(1).describe('Named networks that populations reach or must never reach.'),
  })
  .strict();

const link = z
  .object({
    name: identifier,
    type: z.enum(['site-to-site-vpn', 'direct-connect', 'expressroute', 'prefectural-network-vpn']),
    to: placeRef,
    bandwidthMbps: z
      .number()
      .int()
      .positive()
      .describe(
        'What the link carries, in Mbps; the back-haul check trusts it. An expressroute link may not declare more than its circuits from this data centre to that hub carry.',
      ),
  })
  .strict();

const dataCentre = z
  .object({
    name: identifier,
    prefixes: z.array(cidr).min(1).describe('On-premises prefixes this data centre advertises.'),
    bgpAsn: asn,
    vpnDevices: z
      .array(z.object({ name: identifier, publicIp: ipv4 }).strict())
      .default([])
      .describe('VPN devices (customer gateways) and their public IPs. Default: none.'),
    links: z.array(link).default([]),
  })
  .strict();

const peeringPrefixes = {
  vlanId: z.number().int().min(1).max(4094),
  primaryPeerAddressPrefix: cidr.describe('/30 for the primary link.'),
  secondaryPeerAddressPrefix: cidr.describe('/30 for the secondary link.'),
};

const expressRouteCircuit = z
  .object({
    name: identifier,
    serviceProvider: z.string().min(1).describe('Provider name exactly as Azure lists it.'),
    peeringLocation: z.enum(['Tokyo', 'Tokyo2', 'Tokyo3', 'Osaka']),
    bandwidthMbps: z.number().refine((v) => EXPRESSROUTE_BANDWIDTHS_MBPS.value.includes(v), {
      message: `is not an ExpressRoute provider bandwidth (${EXPRESSROUTE_BANDWIDTHS_MBPS.value.join(', ')} Mbps)`,
    }),
    sku: z
      .object({
        tier: z.enum(['Local', 'Standard', 'Premium']),
        family: z.enum(['MeteredData', 'UnlimitedData']),
      })
      .strict(),
    hubRegion: z.string().min(1).describe('Azure Region of the Virtual WAN hub the circuit connects to.'),
    providerProvisioned: z
      .boolean()
      .default(false)
      .describe(
        'Set to true once the provider reports the circuit provisioned (after you sent it the service key): only then are peerings, the hub connection and Global Reach generated. Default false (stage 1: the circuit and its authorization alone).',
      ),
    dataCentre: identifier.describe('Data centre the circuit reaches on premises.'),
    privatePeering: z.object({ ...peeringPrefixes, peerAsn: asn }).strict(),
    microsoftPeering: z
      .object({
        ...peeringPrefixes,
        customerAsn: asn,
        advertisedPublicPrefixes: z.array(cidr).min(1),
        routingRegistryName: z.string().default('OTHER'),
        communities: z
          .array(z.enum(Object.keys(EXPRESSROUTE_SERVICE_COMMUNITIES.value) as [string, ...string[]]))
          .min(1),
      })
      .strict()
      .optional()
      .describe('Microsoft peering for Microsoft 365. Microsoft advises against it except in rare cases.'),
  })
  .strict();

const expressRoute = z
  .object({
    circuits: z.array(expressRouteCircuit).default([]),
    globalReach: z
      .array(
        z
          .object({
            circuits: z.tuple([identifier, identifier]),
            addressPrefix: cidr
              .optional()
              .describe('/29 for the Global Reach link (Azure: address_prefix_ipv4). Required on Azure.'),
          })
          .strict(),
      )
      .default([])
      .describe('Circuit pairs linked by Global Reach (at different peering locations).'),
  })
  .strict();

const directConnect = z
  .object({
    gatewayAsn: asn.describe('Amazon-side ASN of the Direct Connect gateway.'),
    connections: z
      .array(
        z
          .object({
            name: identifier,
            connectionId: z
              .string()
              .regex(
                /^dxcon-[a-z0-9]{8}$/,
                rule(
                  'is not a Direct Connect connection ID',
                  'copy the ID (dxcon-xxxxxxxx) from the Direct Connect console',
                ),
              ),
            dataCentre: identifier,
            vlan: z.number().int().min(1).max(4094),
            customerAsn: asn,
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const closedMobileNetwork = z
  .object({
    name: identifier,
    carrier: z.string().min(1),
    service: z.string().min(1).describe('Carrier service name, for example IIJ Mobile private gateway.'),
    devices: z.number().int().positive(),
    devicePool: cidr.describe('Private addresses the carrier assigns to devices.'),
    landing: z
      .object({
        type: z.enum(['vpn', 'direct-connect-hosted', 'expressroute', 'data-centre']),
        at: placeRef,
        aws: z
          .object({
            bgpAsn: asn.describe('ASN of the carrier\u2019s router.'),
            gatewayIp: ipv4.optional().describe('type vpn: public IP of the carrier\u2019s VPN gateway.'),
            connectionId: z
              .string()
              .regex(/^dxcon-[a-z0-9]{8}$/, { message: 'is not a Direct Connect connection ID' })
              .optional()
              .describe('type direct-connect-hosted: the accepted hosted connection.'),
            vlan: z.number().int().min(1).max(4094).optional().describe('type direct-connect-hosted: VLAN.'),
          })
          .strict()
          .optional()
          .describe('The carrier peer when the landing is an AWS Region (at: aws:<region>). Default: none.'),
      })
      .strict(),
    azureVpnSite: z
      .object({
        links: z
          .array(z.object({ name: identifier, publicIp: ipv4 }).strict())
          .min(1)
          .describe('The carrier gateway\u2019s IPsec endpoints (one VPN site link each).'),
      })
      .strict()
      .optional()
      .describe('Azure VPN site of the carrier gateway; required when landing is vpn at azure:<region>.'),
    translation: z
      .object({
        at: z.enum(['aws', 'azure', 'data-centre', 'carrier']),
        translatedRange: cidr.describe('Prefecture-local range the device pool is translated to (1:1).'),
      })
      .strict()
      .optional()
      .describe(
        'Static 1:1 translation of the device pool. Default: none (device addresses are routed as is).',
      ),
    reach: z.array(identifier).min(1),
  })
  .strict();

const identity = z
  .object({
    domain: z
      .object({
        name: z
          .string()
          .regex(
            /^[a-z0-9-]+(\.[a-z0-9-]+)+$/,
            rule(
              'is not a DNS domain name',
              'write the AD DNS domain in lower case, e.g. ad.pref.example.lg.jp',
            ),
          ),
        netbiosName: z
          .string()
          .regex(
            /^[A-Z0-9-]{1,15}$/,
            rule(
              'is not a NetBIOS name (1-15 upper-case)',
              'write the NetBIOS domain name in upper case, e.g. HYOGO',
            ),
          ),
        dnsServers: z.array(ipv4).min(1),
      })
      .strict(),
    awsDirectory: z
      .object({
        mode: z.enum(['managed-ad', 'on-premises']),
        edition: z.enum(['Standard', 'Enterprise']).default('Enterprise'),
        trust: z
          .object({
            direction: z.enum(['one-way-outgoing', 'one-way-incoming', 'two-way']),
            secretName: z.string().min(1).describe('Secrets Manager secret holding the trust password.'),
            selectiveAuth: z
              .boolean()
              .default(false)
              .describe(
                'Selective authentication on the trust (changes in place). Default false: forest-wide authentication.',
              ),
          })
          .strict()
          .optional(),
      })
      .strict()
      .describe('Directory used by AWS: a Managed Microsoft AD, or the on-premises forest over the links.'),
    federation: z
      .object({
        saml: z
          .object({ metadataFile: z.string().min(1).describe('IdP metadata XML, relative to the profile.') })
          .strict()
          .optional(),
        entra: z
          .object({ tenantId: uuid, audience: z.string().min(1), issuer: z.string().url() })
          .strict()
          .optional(),
      })
      .strict(),
    certificateAuthorities: z
      .array(
        z
          .object({
            name: identifier,
            certificateFile: z.string().min(1).describe('PEM root certificate, relative to the profile.'),
            awsCertificateArns: z
              .record(z.string(), acmCertificateArn)
              .default({})
              .describe('The CA imported into ACM, per AWS Region (Client VPN mutual TLS). Default: none.'),
          })
          .strict(),
      )
      .min(1),
    serverCertificateArns: z
      .record(z.string(), acmCertificateArn)
      .default({})
      .describe('ACM server certificate per AWS Region (Client VPN requires one).'),
    deviceRevocation: z
      .object({
        source: z.enum(['mdm', 'crl']),
        crlFile: z.string().optional(),
      })
      .strict(),
    entraDomainServices: z
      .object({
        region: z.string().min(1).describe('Azure Region of the managed domain.'),
        virtualNetworkCidr: cidr.describe('Address space of the VNet that hosts the managed domain.'),
        subnetPrefix: cidr.describe('Subnet for the domain controllers, inside virtualNetworkCidr.'),
        sku: z.enum(['Standard', 'Enterprise', 'Premium']).default('Enterprise'),
        domainName: z
          .string()
          .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: 'is not a DNS domain name' })
          .optional()
          .describe(
            'DNS name of the managed domain. Default: aadds.<identity.domain.name> (distinct from the on-premises forest).',
          ),
      })
      .strict()
      .optional()
      .describe(
        'Microsoft Entra Domain Services for LDAP/Kerberos applications in Azure. Default: not deployed.',
      ),
  })
  .strict();

const audit = z
  .object({
    logRetentionDays: z
      .number()
      .refine(
        (v) => (LOG_RETENTION_DAYS as readonly number[]).includes(v),
        rule(
          'is not a retention period CloudWatch Logs accepts',
          `use one of ${LOG_RETENTION_DAYS.join(', ')}`,
        ),
      )
      .describe('Retention of connection and flow logs, in days.'),
    archiveRetentionDays: z.number().int().positive().describe('Retention of the audit archive, in days.'),
  })
  .strict();

const ci = z
  .object({
    github: z
      .object({
        repository: z
          .string()
          .regex(
            /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
            rule('is not owner/name', 'write the GitHub repository as owner/name'),
          ),
        branch: z.string().min(1).default('main'),
        environment: z.string().min(1).describe('GitHub environment whose jobs may deploy.'),
      })
      .strict(),
  })
  .strict();

const emailAddress = z
  .string()
  .regex(
    /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
    rule('is not an e-mail address', 'write one mailbox such as noc@pref.example.lg.jp'),
  );

const snsTopicArn = z
  .string()
  .regex(
    /^arn:aws:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
    rule('is not an SNS topic ARN', 'copy the topic ARN (arn:aws:sns:<region>:<account>:<name>)'),
  );

/**
 * Who is told when something needs a person: alarm recipients are shared by both clouds
 * (AWS SNS e-mail subscriptions, Azure action group e-mail receivers).
 */
const operations = z
  .object({
    alarmRecipients: z
      .object({
        emails: z
          .array(emailAddress)
          .default([])
          .describe(
            'Mailboxes alarms are sent to (AWS: SNS e-mail subscriptions, which each recipient confirms once; Azure: action group e-mail receivers). Default: none.',
          ),
        awsSnsTopicArns: z
          .record(z.string(), snsTopicArn)
          .default({})
          .describe(
            'An existing SNS topic per AWS Region (key: Region code) that alarms also publish to, for example the operations team\u2019s paging topic. Default: none.',
          ),
      })
      .strict()
      .superRefine((recipients, ctx) => {
        if (recipients.emails.length === 0 && Object.keys(recipients.awsSnsTopicArns).length === 0) {
          ctx.addIssue({
            code: 'custom',
            ...rule(
              'names no recipient, so every alarm would go unheard',
              'add at least one address under emails (or an existing topic under awsSnsTopicArns)',
            ),
          });
        }
        for (const [region, arn] of Object.entries(recipients.awsSnsTopicArns)) {
          if (arn.split(':')[3] !== region) {
            ctx.addIssue({
              code: 'custom',
              path: ['awsSnsTopicArns', region],
              ...rule(
                `is a topic in ${arn.split(':')[3]}, not in ${region} (CloudWatch alarms publish only to a topic in their own Region)`,
                `use a topic in ${region}`,
              ),
            });
          }
        }
      })
      .describe(
        'Recipients of every alarm (capacity at 80 % / 95 %, authentication failures, device registry errors).',
      ),
    deviceRegistry: z
      .object({
        whenUnavailable: z
          .enum(['allow', 'deny'])
          .default('allow')
          .describe(
            'What the Client VPN connect handler does when the device registry cannot be read (throttling, outage). allow (default): admit the connection, which still needs a valid certificate not on the CRL and the SAML sign-in, and raise the registry-unavailable alarm; deny: refuse it, so a DynamoDB throttle locks out every user. A device found blocked is always refused.',
          ),
      })
      .strict()
      .default({ whenUnavailable: 'allow' })
      .describe('The lost-device registry. Default: admit on registry errors, with an alarm.'),
  })
  .strict();

const costAssumptions = z
  .object({
    connectedHoursPerMonth: z
      .number()
      .positive()
      .max(744)
      .default(160)
      .describe('Hours a month each peak seat is connected. Default 160 (20 working days of 8 h).'),
    averageConcurrencyPercent: z
      .number()
      .min(0)
      .max(100)
      .default(60)
      .describe('Average share of the peak connected during those hours. Default 60.'),
  })
  .strict();

// --- planner settings (issue 11): steering objective, explicit assignments, exchange rate ---

/** How the planner steers populations to access tiers in normal operation (PLANNING_OBJECTIVES). */
export const PLANNING_OBJECTIVES = ['cost-optimal', 'balanced', 'explicit'] as const;

const planningAssignment = z
  .object({
    population: identifier.describe('A populations[].name.'),
    tiers: z
      .array(identifier)
      .min(1)
      .describe(
        'accessTiers[].id in failover order: the first carries the population in normal operation, the next take it when those before have failed or are full.',
      ),
  })
  .strict();

const exchangeRate = z
  .object({
    jpyPerUsd: z.number().positive().describe('Japanese yen per US dollar used for the JPY cost figures.'),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'is not a date (YYYY-MM-DD)' }),
    source: z.string().min(1).describe('Where the rate comes from (URL or document).'),
  })
  .strict();

/** Default exchange rate: a stated assumption, to be replaced with the budget's own rate. */
export const DEFAULT_EXCHANGE_RATE = {
  jpyPerUsd: 155,
  date: '2026-12-01',
  source:
    'assumption near the USD/JPY market level of late 2025 (about 155); replace with the rate of your budget, e.g. the Bank of Japan reference at https://www.boj.or.jp/en/statistics/market/forex/fxdaily/index.htm',
} as const;

const planning = z
  .object({
    objective: z
      .enum(PLANNING_OBJECTIVES)
      .default('cost-optimal')
      .describe(
        'cost-optimal: the cheapest design (fixed and per-connection charges) that meets every required failure scenario, normal traffic on the cheapest tiers; balanced: the same search, normal traffic spread to the lowest common utilisation (smaller reconnect storms); explicit: planning.assignments decides. Default cost-optimal.',
      ),
    assignments: z
      .array(planningAssignment)
      .default([])
      .describe(
        'Per-population tier order; required for every population when objective is explicit. Default: none.',
      ),
    exchangeRate: exchangeRate.default(DEFAULT_EXCHANGE_RATE).describe('USD to JPY for the cost figures.'),
    employees: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'People entitled to remote access (for the cost per employee). Default: the populations\u2019 concurrentUsers added up.',
      ),
    downstreamPercent: z
      .number()
      .min(0)
      .max(100)
      .default(80)
      .describe(
        'Share of the tunnelled traffic that flows towards the users (screens, downloads); the rest flows to the data centres. Prices data transfer out. Default 80 (assumption: virtual desktops and file reads dominate).',
      ),
    respectBackhaulLimits: z
      .boolean()
      .default(false)
      .describe(
        'true: the sizing never puts more users on a tier than the back-haul service limits of its place carry (a hub\u2019s ExpressRoute and VPN gateways, its firewall) at target.averageMbpsPerUser. false: those limits are plan findings only, and the plan reports what respecting them would cost. Default false.',
      ),
    reconnectWindowSeconds: z
      .number()
      .positive()
      .max(3_600)
      .default(300)
      .describe(
        'Seconds over which the clients of a failed tier reconnect elsewhere (automatic retry plus users pressing connect); sizes the reconnect storm. Default 300 (assumption).',
      ),
  })
  .strict();

const quotaOverride = z
  .object({
    value: z.number().int().positive(),
    reference: z.string().min(1).describe('Support case or approval.'),
  })
  .strict();

export const profileSchema = z
  .object({
    $schema: z.string().optional(),
    organisation,
    environments: z.array(environment).min(1),
    target,
    populations: z.array(population).min(1),
    resilience: z.array(resilience).default([]),
    regionPolicy: z
      .object({
        additionalRegions: z
          .array(z.string())
          .default([])
          .describe('Regions outside Japan explicitly allowed. Default: none (data residency).'),
      })
      .strict()
      .default({ additionalRegions: [] }),
    clouds: z
      .object({
        aws: z
          .object({
            regions: z.array(awsRegion).min(1),
            connectHandler: z
              .object({
                provisionedConcurrency: z
                  .number()
                  .int()
                  .min(0)
                  .max(1000)
                  .default(0)
                  .describe(
                    'Provisioned concurrency of the Client VPN connect handler per Region. Default 0: a new account\u2019s Lambda concurrency quota (10) refuses any; raise the quota first, then set the figure docs/deploy.md recommends.',
                  ),
              })
              .strict()
              .default({ provisionedConcurrency: 0 })
              .describe(
                'The Client VPN client-connect handler (device registry check). Default: no provisioned concurrency.',
              ),
          })
          .strict()
          .optional(),
        azure: z
          .object({
            hubs: z.array(azureHub).min(1),
            siteToSite: z
              .object({
                scaleUnit: z
                  .number()
                  .int()
                  .min(1)
                  .max(40)
                  .default(1)
                  .describe('VPN gateway scale units per hub. Default 1.'),
                bgpPeeringAddresses: z
                  .record(identifier, ipv4)
                  .default({})
                  .describe(
                    'BGP peering address per VPN device name (dataCentres[].vpnDevices[].name). A device without one is routed statically.',
                  ),
              })
              .strict()
              .default({ scaleUnit: 1, bgpPeeringAddresses: {} })
              .describe('Site-to-site VPN gateways in the hubs. Default: 1 scale unit, static routing.'),
            entraGroupObjectIds: z
              .record(identifier, uuid)
              .default({})
              .describe(
                'Entra ID group object ID per population name, for point-to-site policy groups. Default: none.',
              ),
            certificateGroupDomains: z
              .record(
                identifier,
                z
                  .string()
                  .regex(
                    /^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$/,
                    rule(
                      'is not a domain name',
                      'write the domain part of the client certificates\u2019 Common Name (CN=user@telework.pref.example -> telework.pref.example)',
                    ),
                  ),
              )
              .default({})
              .describe(
                'Certificate group per population name for point-to-site policy groups of certificate-only populations: the domain of the client certificates\u2019 Common Name (user@domain or DOMAIN\\user), which is what Azure matches. Default: none.',
              ),
            revokedCertificates: z
              .array(
                z
                  .object({
                    name: identifier,
                    thumbprint: z
                      .string()
                      .regex(/^[0-9A-Fa-f]{40}$/, { message: 'is not a SHA-1 thumbprint (40 hex digits)' }),
                  })
                  .strict(),
              )
              .default([])
              .describe(
                'Client certificates the point-to-site gateways refuse (Azure revokes by thumbprint, not CRL serial). Default: none.',
              ),
          })
          .strict()
          .optional(),
      })
      .strict(),
    accessTiers: z.array(accessTier).min(1),
    addressPlan,
    dataCentres: z.array(dataCentre).default([]),
    expressRoute: expressRoute.default({ circuits: [], globalReach: [] }),
    directConnect: directConnect.optional(),
    closedMobileNetworks: z.array(closedMobileNetwork).default([]),
    identity,
    audit,
    ci: ci.optional(),
    operations,
    costAssumptions: costAssumptions.default({ connectedHoursPerMonth: 160, averageConcurrencyPercent: 60 }),
    planning: planning
      .default({
        objective: 'cost-optimal',
        assignments: [],
        exchangeRate: DEFAULT_EXCHANGE_RATE,
        downstreamPercent: 80,
        respectBackhaulLimits: false,
        reconnectWindowSeconds: 300,
      })
      .describe(
        'How the planner steers populations and reports cost. Default: cost-optimal, USD at the default rate.',
      ),
    quotaOverrides: z
      .object({ clientVpnEndpointsPerRegion: quotaOverride.optional() })
      .strict()
      .default({})
      .describe('Quotas raised by the vendor for this organisation, each with its reference.'),
  })
  .strict();

/** The profile after schema validation (defaults applied), frozen: nothing downstream may change it. */
export type Profile = DeepReadonly<z.output<typeof profileSchema>>;
export type AccessTier = Profile['accessTiers'][number];
export type Population = Profile['populations'][number];
export type AuthenticationMethod = (typeof AUTHENTICATION_METHODS)[number];
export type FailureKind = (typeof FAILURE_KINDS)[number];
export type DataCentre = Profile['dataCentres'][number];
export type ExpressRouteCircuit = Profile['expressRoute']['circuits'][number];
export type ClosedMobileNetwork = Profile['closedMobileNetworks'][number];
export type AddressNetwork = Profile['addressPlan']['networks'][number];
export type Operations = Profile['operations'];
