/**
 * The repeated-values rule (lib/profile/rules/lists.ts): every list it checks, with a value
 * repeated at a later index (and in the second item of each outer list), the CIDR two
 * networks share, and the exact issue each reports (path, message, value, fix).
 *
 * The rule runs directly on a copy of the hyogo fixture as the schema parses it (the schema
 * is not under mutation; the rule is, and it runs only inside the tests).
 */
import { checkRepeatedValues } from '../../lib/profile/rules/lists';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture, ruleIssueLines } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');

/** The rule's issues for an edited copy of hyogo, one formatted line each. */
const listIssues = ruleIssueLines(checkRepeatedValues, HYOGO);

describe('checkRepeatedValues', () => {
  test('the fixture repeats nothing', () => {
    expect(listIssues()).toEqual([]);
  });

  test('a value repeated in each list, reported at its later index with the first one', () => {
    expect(
      listIssues((p) => {
        p.addressPlan.clientPoolSupernets = ['10.64.0.0/10', '10.128.0.0/10', '10.64.0.0/10'];
        p.addressPlan.networks[1].cidrs = ['10.8.0.0/16', '10.9.0.0/16', '10.9.0.0/16'];
        p.dataCentres[1].prefixes = ['10.16.0.0/12', '10.16.0.0/12'];
        p.populations[1].reach = ['telework-desktops', 'municipal-gateway', 'telework-desktops'];
        p.closedMobileNetworks[0].reach = ['prefectural-lan', 'prefectural-lan'];
        p.identity.domain.dnsServers = ['10.0.0.10', '10.0.0.11', '10.0.0.11'];
        p.operations.alarmRecipients.emails.push('telework-noc@pref.hyogo.example.lg.jp');
        p.dataCentres[1].vpnDevices[1].publicIp = '203.0.113.20';
        const ms = p.expressRoute.circuits[0].microsoftPeering;
        ms.advertisedPublicPrefixes = ['198.51.100.128/27', '198.51.100.160/27', '198.51.100.128/27'];
        ms.communities.push('entra-id');
      }),
    ).toEqual([
      'addressPlan.clientPoolSupernets[2]: repeats the supernet at index 0 (got "10.64.0.0/10"); list each supernet once',
      'addressPlan.networks[1].cidrs[2]: repeats the CIDR at index 1 (got "10.9.0.0/16"); list each CIDR once',
      'dataCentres[1].prefixes[1]: repeats the prefix at index 0 (got "10.16.0.0/12"); list each prefix once',
      'populations[1].reach[2]: repeats the network at index 0 (got "telework-desktops"); list each network once',
      'closedMobileNetworks[0].reach[1]: repeats the network at index 0 (got "prefectural-lan"); list each network once',
      'identity.domain.dnsServers[2]: repeats the DNS server at index 1 (got "10.0.0.11"); list each DNS server once',
      'operations.alarmRecipients.emails[2]: repeats the address at index 0 (got "telework-noc@pref.hyogo.example.lg.jp"); list each address once',
      'dataCentres[1].vpnDevices[1]: repeats the device public IP at index 0 (got "203.0.113.20"); list each device public IP once',
      'expressRoute.circuits[0].microsoftPeering.advertisedPublicPrefixes[2]: repeats the prefix at index 0 (got "198.51.100.128/27"); list each prefix once',
      'expressRoute.circuits[0].microsoftPeering.communities[5]: repeats the community at index 3 (got "entra-id"); list each community once',
    ]);
  });

  test('each repeat of a value is reported against its first index, as an error', () => {
    const copy = structuredClone(HYOGO) as MutableProfile;
    copy.identity.domain.dnsServers = ['10.0.0.10', '10.0.0.10', '10.0.0.11', '10.0.0.10'];
    expect(checkRepeatedValues(copy as Profile)).toEqual([
      {
        path: ['identity', 'domain', 'dnsServers', 1],
        message: 'repeats the DNS server at index 0',
        got: '10.0.0.10',
        fix: 'list each DNS server once',
        severity: 'error',
      },
      {
        path: ['identity', 'domain', 'dnsServers', 3],
        message: 'repeats the DNS server at index 0',
        got: '10.0.0.10',
        fix: 'list each DNS server once',
        severity: 'error',
      },
    ]);
  });

  test('the first items of the outer lists are checked too', () => {
    expect(
      listIssues((p) => {
        p.addressPlan.networks[0].cidrs = ['10.0.0.0/13', '10.0.0.0/13'];
        p.dataCentres[0].prefixes = ['10.0.0.0/12', '10.0.0.0/12'];
        p.dataCentres[0].vpnDevices[1].publicIp = '203.0.113.10';
        p.populations[0].reach = ['prefectural-lan', 'prefectural-lan'];
      }),
    ).toEqual([
      'addressPlan.networks[0].cidrs[1]: repeats the CIDR at index 0 (got "10.0.0.0/13"); list each CIDR once',
      'dataCentres[0].prefixes[1]: repeats the prefix at index 0 (got "10.0.0.0/12"); list each prefix once',
      'populations[0].reach[1]: repeats the network at index 0 (got "prefectural-lan"); list each network once',
      'dataCentres[0].vpnDevices[1]: repeats the device public IP at index 0 (got "203.0.113.10"); list each device public IP once',
    ]);
  });

  test('a CIDR two networks share is reported at the later network, once, at its first index there', () => {
    expect(
      listIssues((p) => {
        // my-number repeats its own range (one CIDR issue) and shares prefectural-lan's: the
        // shared range is reported once, at its first index in my-number.
        p.addressPlan.networks[1].cidrs = ['10.8.0.0/16', '10.0.0.0/13', '10.0.0.0/13'];
        // municipal-gateway shares telework-desktops' range at its first index.
        p.addressPlan.networks[3].cidrs = ['10.16.0.0/16'];
      }),
    ).toEqual([
      'addressPlan.networks[1].cidrs[2]: repeats the CIDR at index 1 (got "10.0.0.0/13"); list each CIDR once',
      'addressPlan.networks[1].cidrs[1]: is also a CIDR of network prefectural-lan (got "10.0.0.0/13"); give each network its own ranges (or merge the two networks)',
      'addressPlan.networks[3].cidrs[0]: is also a CIDR of network telework-desktops (got "10.16.0.0/16"); give each network its own ranges (or merge the two networks)',
    ]);
  });

  test('three networks with one CIDR name the first owner each time', () => {
    expect(
      listIssues((p) => {
        p.addressPlan.networks[2].cidrs = ['10.17.0.0/16'];
        p.addressPlan.networks[3].cidrs = ['10.1.0.0/16', '10.17.0.0/16'];
        p.addressPlan.networks[0].cidrs = ['10.0.0.0/13', '10.17.0.0/16'];
      }),
    ).toEqual([
      'addressPlan.networks[2].cidrs[0]: is also a CIDR of network prefectural-lan (got "10.17.0.0/16"); give each network its own ranges (or merge the two networks)',
      'addressPlan.networks[3].cidrs[1]: is also a CIDR of network prefectural-lan (got "10.17.0.0/16"); give each network its own ranges (or merge the two networks)',
    ]);
  });

  test('a circuit without Microsoft peering has nothing to repeat', () => {
    expect(
      listIssues((p) => {
        delete p.expressRoute.circuits[0].microsoftPeering;
        p.expressRoute.circuits[1].privatePeering.peerAsn = 65_010;
      }),
    ).toEqual([]);
  });
});
