/**
 * Private NAT is many-to-one: the plan states, per closed mobile network, which translation
 * the design gives and whether the devices fit the NAT gateways' per-destination limit; a
 * carrier whose devices cannot fit after the loss of one zone is refused.
 */

import { renderPlanMarkdown } from '../../lib/planner/render-markdown';
import { formatIssue, formatPath } from '../../lib/profile/issues';
import {
  CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION,
  NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION,
} from '../../lib/quotas/nat-gateway';
import { loadVariant, type MutableProfile } from '../support/profiles';

/** Hyogo's carrier landing by VPN in Tokyo (3 zones), translated there, with `devices`. */
const translatedInAws = (devices: number) => (p: MutableProfile) => {
  const c = p.closedMobileNetworks[0];
  c.landing = { type: 'vpn', at: 'aws:ap-northeast-1', aws: { bgpAsn: 65300, gatewayIp: '203.0.113.40' } };
  delete c.azureVpnSite;
  // A pool (and translated range of the same size) large enough for the devices.
  c.devicePool = '172.20.0.0/17';
  c.translation = { at: 'aws', translatedRange: '10.200.0.0/17' };
  c.devices = devices;
};

// 3 zones: 2 NAT gateway addresses after the loss of one, 110,000 connections per destination;
// at 6 connections per device, 18,333 devices fit and 18,334 do not.
const PER_ADDRESS = NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION.value;
const PER_DEVICE = CARRIER_DEVICE_CONNECTIONS_PER_DESTINATION.value;
const LAST_FIT = Math.floor((2 * PER_ADDRESS) / PER_DEVICE);

describe('carrier translation in the plan', () => {
  test('the figures are the sourced ones: 55,000 per address per destination, 6 per device (assumption)', () => {
    expect(PER_ADDRESS).toBe(55_000);
    expect(NAT_CONNECTIONS_PER_ADDRESS_PER_DESTINATION.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(PER_DEVICE).toBe(6);
    expect(LAST_FIT).toBe(18_333);
  });

  test('hyogo (translated in Azure): static 1:1, in the notes of the Markdown and JSON plan', () => {
    const result = loadVariant('hyogo', () => {});
    if (!result.ok) throw new Error('hyogo is valid');
    const note = result.model.plan.notes.find((n) =>
      n.startsWith('Carrier translation: iij-private-gateway'),
    );
    expect(note).toMatch(/static 1:1 translation of 172\.20\.0\.0\/20 to 10\.15\.240\.0\/20/);
    expect(JSON.parse(JSON.stringify(result.model.plan)).notes).toContain(note);
    expect(renderPlanMarkdown(result.model.plan)).toContain(`- ${note}`);
  });

  test('translated in AWS: many-to-one to one address per zone, the limits, and the fit', () => {
    const result = loadVariant('hyogo', translatedInAws(LAST_FIT));
    if (!result.ok)
      throw new Error(result.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n'));
    const note = result.model.plan.notes.find((n) =>
      n.startsWith('Carrier translation: iij-private-gateway'),
    );
    expect(note).toContain('many-to-one translation, not the 1:1 map');
    expect(note).toContain('3 private NAT gateway(s) (one per zone of aws:ap-northeast-1)');
    expect(note).toContain('to 3 address(es) of 10.200.0.0/17');
    expect(note).toContain('at most 55,000 simultaneous connections per unique destination');
    expect(note).toContain('(165,000 in all, 110,000 after the loss of one zone)');
    expect(note).toContain(
      'the devices need 109,998 (6 per device to one destination, an assumption): they fit',
    );
  });

  test('one device more than fits after a zone loss is refused with path, value, rule and fix', () => {
    const result = loadVariant('hyogo', translatedInAws(LAST_FIT + 1));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const errors = result.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => formatPath(i.path))).toEqual(['closedMobileNetworks[0].devices']);
    const [error] = errors;
    expect(error!.message).toMatch(/private NAT is many-to-one, 3 NAT gateway address\(es\)/);
    expect(error!.message).toMatch(
      /110,000 simultaneous connections per unique destination after the loss of one zone/,
    );
    expect(error!.message).toMatch(/18,334 devices at 6 connections each to one destination need 110,004/);
    expect(error!.fix).toMatch(/translation\.at: carrier or data-centre/);
    expect(formatIssue(error!, result.file)).toMatch(
      /^hyogo-variant\.yaml:\d+: closedMobileNetworks\[0\]\.devices: .+ \(got 18334\); .+$/,
    );
  });
});
