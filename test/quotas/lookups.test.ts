/**
 * The lookups over the quota tables (lib/quotas): the short Region code that feeds resource
 * names and logical IDs, the ExpressRoute provider row a profile's serviceProvider resolves to,
 * and the Microsoft 365 Optimize CIDRs that split tunnelling and the Azure route tables carry.
 * Each expectation is written out, not derived from the table it checks. The last figures
 * are read only by stacks, whose tests are not in the planner's mutation shard.
 */
import {
  LOG_ANALYTICS_TOTAL_RETENTION_DAYS_BEYOND_TWO_YEARS,
  LOG_ANALYTICS_WORKSPACE_RETENTION_DAYS,
} from '../../lib/quotas/azure-monitor';
import { expressRouteProviderOffer } from '../../lib/quotas/expressroute-providers';
import { microsoft365OptimizeCidrs } from '../../lib/quotas/microsoft365-optimize';
import { regionShortName } from '../../lib/quotas/regions';
import {
  DNS_QUERIES_PER_SECOND_PER_USER,
  RESOLVER_ENDPOINT_QUERIES_PER_SECOND_PER_IP,
  VPC_RESOLVER_PACKETS_PER_SECOND_PER_ENI,
} from '../../lib/quotas/route53-resolver';

describe('regionShortName', () => {
  test('the fixed code of each Japanese Region (it feeds logical IDs: never derived)', () => {
    expect(regionShortName('ap-northeast-1')).toBe('apne1');
    expect(regionShortName('ap-northeast-3')).toBe('apne3');
    expect(regionShortName('japaneast')).toBe('jpe');
    expect(regionShortName('japanwest')).toBe('jpw');
  });

  test('any other Region: its name without the characters a resource name cannot hold', () => {
    expect(regionShortName('eu-west-1')).toBe('euwest1');
    expect(regionShortName('us-gov-west-1')).toBe('usgovwest1');
    expect(regionShortName('southeastasia')).toBe('southeastasia');
  });
});

describe('expressRouteProviderOffer', () => {
  const IIJ = 'Internet Initiative Japan Inc. - IIJ';

  test('matches the provider by the name Azure lists, ignoring case and surrounding spaces', () => {
    expect(expressRouteProviderOffer(IIJ)?.serviceProviderName).toBe(IIJ);
    expect(expressRouteProviderOffer('  internet initiative japan inc. - iij ')?.serviceProviderName).toBe(
      IIJ,
    );
    expect(expressRouteProviderOffer('SOFTBANK')?.serviceProviderName).toBe('SoftBank');
  });

  test('matches an alias as well, and only a whole alias', () => {
    expect(expressRouteProviderOffer('IIJ')?.serviceProviderName).toBe(IIJ);
    expect(expressRouteProviderOffer('iij')?.serviceProviderName).toBe(IIJ);
    expect(expressRouteProviderOffer(' Internet Initiative Japan ')?.serviceProviderName).toBe(IIJ);
    expect(expressRouteProviderOffer('softbank corp.')?.serviceProviderName).toBe('SoftBank');
    expect(expressRouteProviderOffer('IIJ Inc')).toBeUndefined();
    expect(expressRouteProviderOffer('Soft')).toBeUndefined();
  });

  test('a provider not in the table is undefined, so the profile rule can refuse it', () => {
    expect(expressRouteProviderOffer('NTT Communications')).toBeUndefined();
    expect(expressRouteProviderOffer('')).toBeUndefined();
  });

  test('the row carries the locations and the standard provider bandwidths', () => {
    const offer = expressRouteProviderOffer('IIJ');
    expect(offer?.peeringLocations).toEqual(['Osaka', 'Tokyo', 'Tokyo2']);
    expect(offer?.bandwidthsMbps).toEqual([50, 100, 200, 500, 1000, 2000, 5000, 10000]);
  });
});

describe('microsoft365OptimizeCidrs', () => {
  test('the 19 Optimize ranges in the table order (Exchange, SharePoint, Teams), CIDRs only', () => {
    const cidrs = microsoft365OptimizeCidrs();
    expect(cidrs).toHaveLength(19);
    expect(cidrs.slice(0, 2)).toEqual(['13.107.6.152/31', '13.107.18.10/31']);
    expect(cidrs[11]).toBe('13.107.136.0/22');
    expect(cidrs.slice(-3)).toEqual(['13.107.64.0/18', '52.112.0.0/14', '52.122.0.0/15']);
    for (const cidr of cidrs) expect(cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  });
});

describe('figures only read by stacks (pinned here; each names its source)', () => {
  test('Route 53 Resolver: 1,024 packets per second per ENI, 10,000 queries per second per endpoint IP', () => {
    expect(VPC_RESOLVER_PACKETS_PER_SECOND_PER_ENI).toMatchObject({ value: 1024, adjustable: false });
    expect(VPC_RESOLVER_PACKETS_PER_SECOND_PER_ENI.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(RESOLVER_ENDPOINT_QUERIES_PER_SECOND_PER_IP).toMatchObject({ value: 10000, adjustable: false });
    expect(RESOLVER_ENDPOINT_QUERIES_PER_SECOND_PER_IP.source).toMatch(/DNSLimitations/);
    expect(DNS_QUERIES_PER_SECOND_PER_USER.value).toBe(0.1);
    expect(DNS_QUERIES_PER_SECOND_PER_USER.source).toMatch(/^assumption/);
  });

  test('Log Analytics: workspace retention 30-730 days; whole years beyond two years', () => {
    expect(LOG_ANALYTICS_WORKSPACE_RETENTION_DAYS.value).toEqual({ min: 30, max: 730 });
    expect(LOG_ANALYTICS_TOTAL_RETENTION_DAYS_BEYOND_TWO_YEARS.value).toEqual([
      1095, 1460, 1826, 2191, 2556, 2922, 3288, 3653, 4018, 4383,
    ]);
    expect(LOG_ANALYTICS_WORKSPACE_RETENTION_DAYS.source).toMatch(/learn\.microsoft\.com.*data-retention/);
  });
});
