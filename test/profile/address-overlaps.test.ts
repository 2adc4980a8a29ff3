/**
 * The address-plan overlap rule (lib/profile/rules/addresses.ts) on both sides of each pair it
 * treats specially: a carrier's device pool and an on-premises prefix (refused with the
 * translation hint unless the pool is translated), an Azure hub and the client supernet, and the
 * RFC 1918 warning, which is for Virtual WAN pools only. Each test loads its own variant, so a
 * mutation run sees which test covers the rule.
 */
import type { LoadResult } from '../../lib/model/deployment-model';
import { formatPath } from '../../lib/profile/issues';
import { loadVariant, type MutableProfile } from '../support/profiles';

function issuesAt(result: LoadResult, path: string) {
  const all = result.ok ? result.model.warnings : result.issues;
  return all
    .filter((i) => formatPath(i.path) === path)
    .map((i) => ({ severity: i.severity, message: i.message, fix: i.fix }));
}

test('an untranslated device pool inside an on-premises prefix is refused, with the translation as the fix', () => {
  const result = loadVariant('iwate', (p: MutableProfile) => {
    p.closedMobileNetworks[0].devicePool = '10.32.0.0/19'; // inside dc-morioka 10.32.0.0/12
  });
  expect(result.ok).toBe(false);
  expect(issuesAt(result, 'closedMobileNetworks[0].devicePool')).toContainEqual({
    severity: 'error',
    message: 'overlaps dataCentres[0].prefixes[0] (10.32.0.0/12, on-premises)',
    fix: 'pick a carrier pool that does not collide, or translate it (closedMobileNetworks[].translation)',
  });
});

test('a translated device pool may overlap an on-premises prefix: its addresses never leave the carrier side', () => {
  const result = loadVariant('hyogo', (p: MutableProfile) => {
    p.closedMobileNetworks[0].devicePool = '10.0.0.0/20'; // inside dc-kobe 10.0.0.0/12, translated
  });
  expect(issuesAt(result, 'closedMobileNetworks[0].devicePool')).toEqual([]);
});

test('an Azure hub inside the client supernet is refused, naming both ranges', () => {
  const result = loadVariant('hyogo', (p: MutableProfile) => {
    p.clouds.azure.hubs[1].hubAddressPrefix = '10.64.2.0/23'; // inside the clients' 10.64.0.0/10
  });
  expect(result.ok).toBe(false);
  expect(issuesAt(result, 'clouds.azure.hubs[1].hubAddressPrefix')).toContainEqual({
    severity: 'error',
    message: 'overlaps addressPlan.clientPoolSupernets[0] (10.64.0.0/10, client)',
    fix: 'move one of the two ranges so they do not overlap',
  });
});

test('a client block outside RFC 1918 is a warning on a Virtual WAN tier, and nothing on a Client VPN tier', () => {
  const result = loadVariant('hyogo', (p: MutableProfile) => {
    p.addressPlan.clientPoolSupernets.push('100.64.0.0/10');
    p.accessTiers[0].clientAddressBlock = '100.64.0.0/12'; // aws-tokyo: AWS Client VPN
    p.accessTiers[3].clientAddressBlock = '100.80.0.0/14'; // azure-japanwest: Virtual WAN
  });
  expect(issuesAt(result, 'accessTiers[3].clientAddressBlock')).toEqual([
    {
      severity: 'warning',
      message: 'is not RFC 1918 space, which Virtual WAN client address pools should use',
      fix: 'use a block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
    },
  ]);
  expect(issuesAt(result, 'accessTiers[0].clientAddressBlock')).toEqual([]);
});
