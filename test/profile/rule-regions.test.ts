/**
 * The data-residency rule (lib/profile/rules/regions.ts): every Region field it checks, for
 * each provider, inside and outside Japan and with regionPolicy.additionalRegions; the AWS
 * zones of their Region and listed once; the managed domain's hub; each exact issue.
 *
 * The rule runs directly on a copy of the hyogo fixture as the schema parses it (the schema
 * is not under mutation; the rule is, and it runs only inside the tests).
 */
import { checkRegions } from '../../lib/profile/rules/regions';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture, ruleIssueLines } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');

/** The rule's issues for an edited copy of hyogo, one formatted line each. */
const regionIssues = ruleIssueLines(checkRegions, HYOGO);

const AWS_RULE = 'is not a Japanese AWS Region (allowed: ap-northeast-1, ap-northeast-3)';
const AWS_FIX =
  'use ap-northeast-1 or ap-northeast-3; a Region outside Japan must be listed in regionPolicy.additionalRegions with the approval for it';
const AZURE_RULE = 'is not a Japanese Azure Region (allowed: japaneast, japanwest)';
const AZURE_FIX =
  'use japaneast or japanwest; a Region outside Japan must be listed in regionPolicy.additionalRegions with the approval for it';

const entraDomainServices = (region: string) => ({
  region,
  virtualNetworkCidr: '10.131.0.0/24',
  subnetPrefix: '10.131.0.0/26',
  sku: 'Enterprise',
});

/** Every Region field of hyogo moved out of Japan (zones follow their Region). */
function outsideJapan(p: MutableProfile) {
  p.clouds.aws.regions[1].region = 'us-east-1';
  p.clouds.aws.regions[1].availabilityZones = ['us-east-1a', 'us-east-1b'];
  p.clouds.azure.hubs[1].region = 'eastus';
  p.accessTiers[1].region = 'us-east-1';
  p.accessTiers[3].region = 'eastus';
  p.expressRoute.circuits[1].hubRegion = 'eastus';
  p.identity.entraDomainServices = entraDomainServices('eastus');
}

describe('checkRegions', () => {
  test('the fixture is in Japan', () => {
    expect(regionIssues()).toEqual([]);
  });

  test('each Region field outside Japan, for each provider', () => {
    expect(regionIssues(outsideJapan)).toEqual([
      `clouds.aws.regions[1].region: ${AWS_RULE} (got "us-east-1"); ${AWS_FIX}`,
      `clouds.azure.hubs[1].region: ${AZURE_RULE} (got "eastus"); ${AZURE_FIX}`,
      `accessTiers[1].region: ${AWS_RULE} (got "us-east-1"); ${AWS_FIX}`,
      `accessTiers[3].region: ${AZURE_RULE} (got "eastus"); ${AZURE_FIX}`,
      `expressRoute.circuits[1].hubRegion: ${AZURE_RULE} (got "eastus"); ${AZURE_FIX}`,
      `identity.entraDomainServices.region: ${AZURE_RULE} (got "eastus"); ${AZURE_FIX}`,
    ]);
  });

  test('the first of each list is checked too', () => {
    expect(
      regionIssues((p) => {
        p.clouds.aws.regions[0].region = 'eu-west-1';
        p.clouds.aws.regions[0].availabilityZones = ['eu-west-1a'];
        p.clouds.azure.hubs[0].region = 'westeurope';
        p.accessTiers[0].region = 'eu-west-1';
        p.expressRoute.circuits[0].hubRegion = 'westeurope';
      }),
    ).toEqual([
      `clouds.aws.regions[0].region: ${AWS_RULE} (got "eu-west-1"); ${AWS_FIX}`,
      `clouds.azure.hubs[0].region: ${AZURE_RULE} (got "westeurope"); ${AZURE_FIX}`,
      `accessTiers[0].region: ${AWS_RULE} (got "eu-west-1"); ${AWS_FIX}`,
      `expressRoute.circuits[0].hubRegion: ${AZURE_RULE} (got "westeurope"); ${AZURE_FIX}`,
    ]);
  });

  test('regionPolicy.additionalRegions admits the Regions it lists, and only those', () => {
    expect(
      regionIssues((p) => {
        outsideJapan(p);
        p.regionPolicy.additionalRegions = ['us-east-1', 'eastus'];
        p.clouds.azure.hubs[1].region = 'eastus';
      }),
    ).toEqual([]);
    expect(
      regionIssues((p) => {
        outsideJapan(p);
        p.regionPolicy.additionalRegions = ['us-east-1'];
      }),
    ).toEqual([
      `clouds.azure.hubs[1].region: ${AZURE_RULE} (got "eastus"); ${AZURE_FIX}`,
      `accessTiers[3].region: ${AZURE_RULE} (got "eastus"); ${AZURE_FIX}`,
      `expressRoute.circuits[1].hubRegion: ${AZURE_RULE} (got "eastus"); ${AZURE_FIX}`,
      `identity.entraDomainServices.region: ${AZURE_RULE} (got "eastus"); ${AZURE_FIX}`,
    ]);
  });

  test('a Japanese Region of the other provider is not one of this provider', () => {
    expect(
      regionIssues((p) => {
        p.accessTiers[0].region = 'japaneast';
        p.accessTiers[2].region = 'ap-northeast-1';
      }),
    ).toEqual([
      `accessTiers[0].region: ${AWS_RULE} (got "japaneast"); ${AWS_FIX}`,
      `accessTiers[2].region: ${AZURE_RULE} (got "ap-northeast-1"); ${AZURE_FIX}`,
    ]);
  });

  test('AWS zones: each of its own Region, each once', () => {
    expect(
      regionIssues((p) => {
        p.clouds.aws.regions[0].availabilityZones = ['ap-northeast-1a', 'ap-northeast-3a', 'ap-northeast-1a'];
        p.clouds.aws.regions[1].availabilityZones = ['ap-northeast-3a', 'ap-northeast-1c'];
      }),
    ).toEqual([
      'clouds.aws.regions[0].availabilityZones[1]: is not an Availability Zone of ap-northeast-1 (got "ap-northeast-3a"); use zones named ap-northeast-1a, ap-northeast-1c, ...',
      'clouds.aws.regions[0].availabilityZones: lists a zone twice (got ["ap-northeast-1a","ap-northeast-3a","ap-northeast-1a"]); list each zone once',
      'clouds.aws.regions[1].availabilityZones[1]: is not an Availability Zone of ap-northeast-3 (got "ap-northeast-1c"); use zones named ap-northeast-3a, ap-northeast-3c, ...',
    ]);
  });

  test('a zone named with its Region as a prefix belongs to it; one zone, listed once, is fine', () => {
    expect(
      regionIssues((p) => {
        p.clouds.aws.regions[0].availabilityZones = ['ap-northeast-1d'];
        p.clouds.aws.regions[1].availabilityZones = [];
      }),
    ).toEqual([]);
  });

  test('the managed domain needs a Virtual WAN hub in its Region', () => {
    expect(
      regionIssues((p) => {
        p.identity.entraDomainServices = entraDomainServices('japanwest');
      }),
    ).toEqual([]);
    expect(
      regionIssues((p) => {
        p.identity.entraDomainServices = entraDomainServices('japaneast');
      }),
    ).toEqual([]);
    expect(
      regionIssues((p) => {
        p.clouds.azure.hubs.pop();
        p.expressRoute.circuits[1].hubRegion = 'japaneast';
        p.identity.entraDomainServices = entraDomainServices('japanwest');
      }),
    ).toEqual([
      'identity.entraDomainServices.region: has no Virtual WAN hub (clouds.azure.hubs), so the managed domain could not be reached (got "japanwest"); use a hub Region (japaneast) or add a hub there',
    ]);
    const copy = structuredClone(HYOGO) as MutableProfile;
    copy.clouds.azure.hubs = [{ ...copy.clouds.azure.hubs[0] }, { ...copy.clouds.azure.hubs[1] }];
    copy.identity.entraDomainServices = entraDomainServices('eastus');
    copy.regionPolicy.additionalRegions = ['eastus'];
    expect(checkRegions(copy as Profile)).toEqual([
      {
        path: ['identity', 'entraDomainServices', 'region'],
        message: 'has no Virtual WAN hub (clouds.azure.hubs), so the managed domain could not be reached',
        got: 'eastus',
        fix: 'use a hub Region (japaneast, japanwest) or add a hub there',
        severity: 'error',
      },
    ]);
  });

  test('without Azure (or AWS): the managed domain has no hub at all', () => {
    expect(
      regionIssues((p) => {
        delete p.clouds.azure;
        delete p.clouds.aws;
        p.identity.entraDomainServices = entraDomainServices('japaneast');
      }),
    ).toEqual([
      'identity.entraDomainServices.region: has no Virtual WAN hub (clouds.azure.hubs), so the managed domain could not be reached (got "japaneast"); use a hub Region (none declared) or add a hub there',
    ]);
  });
});
