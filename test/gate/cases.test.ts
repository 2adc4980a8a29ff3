/**
 * The cases issue 10 lists, each rejected with a field path and a fix, warned, or built:
 * a profile the gate accepts synthesizes (test/gate/properties.test.ts checks that broadly).
 */

import type { LoadResult } from '../../lib/model/deployment-model';
import { planDeployment } from '../../lib/planner/deployment';
import { formatIssue } from '../../lib/profile/issues';
import { loadVariant, type MutableProfile } from '../support/profiles';
import { synthesizeBothClouds } from '../support/synth-both';

function gate(base: string, edit: (p: MutableProfile) => void): LoadResult {
  return planDeployment(loadVariant(base, edit));
}

/** Every issue of the given severity, formatted `path: message (got X); fix`. */
function issues(result: LoadResult, severity: 'error' | 'warning' = 'error'): string[] {
  const all = result.ok ? result.model.warnings : result.issues;
  return all.filter((i) => i.severity === severity).map((i) => formatIssue(i));
}

describe('one-cloud profiles synthesize only their cloud', () => {
  it.each([
    [
      'azure only',
      'aws',
      (p: MutableProfile) => {
        delete p.clouds.aws;
        delete p.environments[0].aws;
        delete p.ci; // the CI deploy role is an AWS stack
        p.resilience = [{ failure: 'availability-zone', keepPercent: 100 }];
        p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider === 'azure');
        p.dataCentres[0].links = p.dataCentres[0].links.filter(
          (l: { to: string }) => !l.to.startsWith('aws:'),
        );
      },
    ],
    [
      'aws only',
      'azure',
      (p: MutableProfile) => {
        delete p.clouds.azure;
        delete p.environments[0].azure;
        delete p.expressRoute;
        // One cloud, one Region: only a zone loss can be survived.
        p.resilience = [{ failure: 'availability-zone', keepPercent: 100 }];
        p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider === 'aws');
        p.dataCentres[0].links = p.dataCentres[0].links.filter(
          (l: { to: string }) => !l.to.startsWith('azure:'),
        );
      },
    ],
  ])('%s', (_, absent, edit) => {
    const result = gate('iwate', edit);
    expect(issues(result)).toEqual([]);
    if (!result.ok) return;
    const built = synthesizeBothClouds(result.model);
    expect(built.problems).toEqual([]);
    expect(absent === 'aws' ? built.awsStacks : built.azureStacks).toBe(0);
    expect(absent === 'aws' ? built.azureStacks : built.awsStacks).toBeGreaterThan(0);
  });
});

describe('rejected with a path, the value and a fix', () => {
  it.each<[string, string, (p: MutableProfile) => void, RegExp]>([
    [
      'a carrier landing on AWS without its peer',
      'iwate',
      (p) => {
        p.closedMobileNetworks[0].landing = { type: 'vpn', at: 'aws:ap-northeast-1' };
      },
      /^closedMobileNetworks\[0\]\.landing\.aws: is required: softbank-sma lands on aws:ap-northeast-1.*; add landing\.aws\.bgpAsn and landing\.aws\.gatewayIp/,
    ],
    [
      'directory authentication without an AWS directory',
      'iwate',
      (p) => {
        p.populations[0].authentication = ['certificate', 'directory'];
        p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider === 'aws');
      },
      /^identity\.awsDirectory\.mode: is on-premises, but populations\[0\] uses directory authentication.*; set identity\.awsDirectory\.mode to managed-ad/,
    ],
    [
      'an AWS Region with no device CA in ACM',
      'iwate',
      (p) => {
        p.identity.certificateAuthorities[0].awsCertificateArns = {};
      },
      /^identity\.certificateAuthorities\[0\]\.awsCertificateArns\.ap-northeast-1: is required: populations use certificate authentication/,
    ],
    [
      'an AWS Region with no server certificate',
      'iwate',
      (p) => {
        p.identity.serverCertificateArns = {};
      },
      /^identity\.serverCertificateArns\.ap-northeast-1: is required: Client VPN in ap-northeast-1/,
    ],
    [
      'a network inside a Microsoft 365 Optimize range',
      'iwate',
      (p) => {
        p.addressPlan.networks[0].cidrs = ['52.96.0.0/14'];
        p.addressPlan.networks[0].at = 'azure:japaneast';
      },
      /^addressPlan\.networks\[0\]\.cidrs\[0\]: overlaps the Microsoft 365 Optimize range 52\.96\.0\.0\/14/,
    ],
    [
      'more ExpressRoute bandwidth on one hub than its gateway takes',
      'hyogo',
      (p) => {
        p.expressRoute.circuits[1].hubRegion = 'japaneast';
        p.expressRoute.circuits[0].bandwidthMbps = 10_000;
        p.expressRoute.circuits[1].bandwidthMbps = 10_000;
        p.expressRoute.circuits.push({
          ...p.expressRoute.circuits[1],
          name: 'er-third',
          bandwidthMbps: 1_000,
        });
      },
      /^expressRoute\.circuits\[2\]\.bandwidthMbps: brings the circuits on the japaneast hub to 21,000 Mbps; one hub's ExpressRoute gateway carries at most 20,000 Mbps/,
    ],
    [
      'an Azure name over 80 characters',
      'iwate',
      (p) => {
        p.organisation.id = 'iwate-prefecture-secure-mobile-a';
        p.environments[0].name = 'production-environment-number-01';
      },
      /^(organisation\.id|clouds\.azure\.hubs\[0\]\.region|expressRoute\.circuits\[0\]\.name|accessTiers\[1\]\.id|populations\[0\]\.name|dataCentres\[0\]\.name): makes the Azure azurerm_\w+ name .* which is \d+ characters \(allowed 1-80\)/,
    ],
    [
      'an AWS name over 64 characters',
      'iwate',
      (p) => {
        p.organisation.id = 'iwate-prefecture-secure-mobile';
        p.environments[0].name = 'production-main';
      },
      /^organisation\.id: with environment production-main makes the Client VPN connect handler \(Lambda function\) name AWSClientVPN-iwate-prefecture-secure-mobile-production-main-apne1-connect, 73 characters; AWS allows 64/,
    ],
    [
      'a repeated alarm recipient',
      'iwate',
      (p) => {
        p.operations.alarmRecipients.emails.push(p.operations.alarmRecipients.emails[0]);
      },
      /^operations\.alarmRecipients\.emails\[2\]: repeats the address at index 0/,
    ],
    [
      'a public ASN where a private one is required',
      'iwate',
      (p) => {
        p.clouds.aws.regions[0].transitGatewayAsn = 64_000;
      },
      /^clouds\.aws\.regions\[0\]\.transitGatewayAsn: is a public ASN, but the Transit Gateway \(Amazon side\) needs a private one \(got 64000\); use a private ASN/,
    ],
    [
      'translation.at contradicting landing.at',
      'iwate',
      (p) => {
        p.closedMobileNetworks[0].translation = { at: 'aws', translatedRange: '10.47.224.0/19' };
      },
      /^closedMobileNetworks\[0\]\.translation\.at: contradicts landing\.at dc:dc-morioka \(data-centre\)/,
    ],
  ])('%s', (_, base, edit, expected) => {
    const result = gate(base, edit);
    expect(result.ok).toBe(false);
    expect(issues(result)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});

it('warns about dataCentres[].links that the Azure side ignores', () => {
  const result = gate('iwate', (p) => {
    p.dataCentres[0].links = p.dataCentres[0].links.filter(
      (l: { name: string }) => l.name !== 'morioka-azure-east-vpn',
    );
    p.dataCentres[0].links.push({
      name: 'morioka-er-osaka',
      type: 'expressroute',
      to: 'azure:japaneast',
      bandwidthMbps: 200,
    });
    p.expressRoute.circuits[0].dataCentre = 'dc-morioka';
    p.expressRoute.circuits[0].hubRegion = 'japaneast';
  });
  expect(result.ok).toBe(true);
  expect(issues(result, 'warning')).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^warning: dataCentres\[0\]\.vpnDevices: are connected by Azure to every hub, including japaneast/,
      ),
    ]),
  );
  const noCircuit = gate('iwate', (p) => {
    p.expressRoute.circuits[0].dataCentre = 'dc-morioka';
    p.dataCentres[0].links.push({
      name: 'morioka-er-west',
      type: 'expressroute',
      to: 'azure:japaneast',
      bandwidthMbps: 200,
    });
    p.expressRoute.circuits = [];
  });
  expect(issues(noCircuit, 'warning')).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^warning: dataCentres\[0\]\.links\[\d\]: builds nothing: Azure builds ExpressRoute only from expressRoute\.circuits/,
      ),
    ]),
  );
});
