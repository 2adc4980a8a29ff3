/**
 * carrierTranslation (lib/model/carrier-translation.ts) on hand-written carriers, with small
 * figures so that every product and the zone-loss arithmetic show: what kind of translation
 * the design gives, the counts, the fit at the limit and one past it, and each sentence.
 */
import {
  type CarrierTranslation,
  carrierTranslation,
  carrierTranslations,
} from '../../lib/model/carrier-translation';
import type { ClosedMobileNetwork, Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture } from '../support/profiles';

const FIGURES = { connectionsPerAddressPerDestination: 1000, deviceConnectionsPerDestination: 4 };

function setUp(zonesInTokyo: number) {
  const profile = structuredClone(parsedFixture('hyogo')) as MutableProfile;
  profile.clouds.aws.regions[0].availabilityZones = ['a', 'b', 'c', 'd'].slice(0, zonesInTokyo);
  const carrier = (changes: Partial<Record<string, unknown>>) =>
    ({
      ...profile.closedMobileNetworks[0],
      name: 'pgw',
      devices: 500,
      devicePool: '172.20.0.0/20',
      landing: { type: 'vpn', at: 'aws:ap-northeast-1' },
      ...changes,
    }) as ClosedMobileNetwork;
  const translate = (changes: Partial<Record<string, unknown>>): CarrierTranslation =>
    carrierTranslation(profile as Profile, carrier(changes), FIGURES);
  return { profile: profile as Profile, translate };
}

const inAws = { translation: { at: 'aws', translatedRange: '10.200.0.0/24' } };

test('in AWS, three zones: three addresses, 3,000 connections, 2,000 after a zone loss; 500 devices need 2,000 and fit', () => {
  const { translate } = setUp(3);
  expect(translate(inAws)).toEqual({
    carrier: 'pgw',
    kind: 'private-nat-many-to-one',
    natGateways: 3,
    addresses: 3,
    connectionsPerDestination: 3000,
    connectionsPerDestinationAfterZoneLoss: 2000,
    demandPerDestination: 2000,
    fits: true,
    statement:
      "pgw: many-to-one translation, not the 1:1 map the profile's translatedRange suggests: " +
      '3 private NAT gateway(s) (one per zone of aws:ap-northeast-1) translate the 500 devices of 172.20.0.0/20 ' +
      'to 3 address(es) of 10.200.0.0/24; each address carries at most 1,000 simultaneous connections per unique destination ' +
      '(3,000 in all, 2,000 after the loss of one zone), and the devices need 2,000 ' +
      '(4 per device to one destination, an assumption): they fit. ' +
      'Connections start only from the devices; on-premises systems cannot address a device.',
  });
});

test('one device past the limit does not fit, and the sentence says so', () => {
  const { translate } = setUp(3);
  const over = translate({ ...inAws, devices: 501 });
  expect(over).toMatchObject({ demandPerDestination: 2004, fits: false });
  expect(over.statement).toContain(
    'the devices need 2,004 (4 per device to one destination, an assumption): they do NOT fit.',
  );
});

test('zone counts: two zones keep one address after a loss; one zone keeps its only address', () => {
  expect(setUp(2).translate(inAws)).toMatchObject({
    natGateways: 2,
    addresses: 2,
    connectionsPerDestination: 2000,
    connectionsPerDestinationAfterZoneLoss: 1000,
    fits: false,
  });
  expect(setUp(1).translate({ ...inAws, devices: 250 })).toMatchObject({
    natGateways: 1,
    addresses: 1,
    connectionsPerDestination: 1000,
    connectionsPerDestinationAfterZoneLoss: 1000,
    demandPerDestination: 1000,
    fits: true,
  });
  expect(setUp(4).translate(inAws)).toMatchObject({
    addresses: 4,
    connectionsPerDestinationAfterZoneLoss: 3000,
  });
});

test('the zones are those of the landing Region; a Region the profile lacks has none', () => {
  const { translate } = setUp(3);
  // Osaka has three zones in the fixture as well: counted from its own entry
  expect(translate({ ...inAws, landing: { type: 'vpn', at: 'aws:ap-northeast-3' } })).toMatchObject({
    natGateways: 3,
  });
  const absent = translate({ ...inAws, landing: { type: 'vpn', at: 'aws:us-east-1' } });
  expect(absent).toMatchObject({ natGateways: 0, addresses: 0, connectionsPerDestination: 0 });
  expect(absent.connectionsPerDestinationAfterZoneLoss).toBe(1000);
});

test('in Azure: static 1:1 on the hub’s VPN gateway', () => {
  const { translate } = setUp(3);
  expect(
    translate({
      landing: { type: 'vpn', at: 'azure:japaneast' },
      translation: { at: 'azure', translatedRange: '10.15.240.0/20' },
    }),
  ).toEqual({
    carrier: 'pgw',
    kind: 'static-one-to-one',
    statement:
      "pgw: static 1:1 translation of 172.20.0.0/20 to 10.15.240.0/20 (a Static NAT rule on the hub's VPN gateway at azure:japaneast); every device keeps its own address, no shared-address connection limit applies.",
  });
});

test('at the carrier or the data centre: outside what Tsunagi builds, named as such', () => {
  const { translate } = setUp(3);
  expect(translate({ translation: { at: 'carrier', translatedRange: '10.15.0.0/20' } })).toEqual({
    carrier: 'pgw',
    kind: 'outside-the-clouds',
    statement:
      'pgw: translated by the carrier to 10.15.0.0/20, outside what Tsunagi builds; the profile states it as 1:1, which Tsunagi does not check.',
  });
  expect(translate({ translation: { at: 'data-centre', translatedRange: '10.15.0.0/20' } }).statement).toBe(
    'pgw: translated by the data centre to 10.15.0.0/20, outside what Tsunagi builds; the profile states it as 1:1, which Tsunagi does not check.',
  );
});

test('no translation: the pool is routed as is', () => {
  const { translate } = setUp(3);
  expect(translate({ translation: undefined })).toEqual({
    carrier: 'pgw',
    kind: 'none',
    statement: 'pgw: no translation; the device pool 172.20.0.0/20 is routed as is.',
  });
});

test('carrierTranslations: one per closed mobile network, in profile order', () => {
  const { profile } = setUp(3);
  const two = {
    ...profile,
    closedMobileNetworks: [
      ...profile.closedMobileNetworks,
      { ...profile.closedMobileNetworks[0]!, name: 'second' },
    ],
  };
  expect(carrierTranslations(two, FIGURES).map((t) => [t.carrier, t.kind])).toEqual([
    ['iij-private-gateway', 'static-one-to-one'],
    ['second', 'static-one-to-one'],
  ]);
});
