/**
 * The unique-names rule (lib/profile/rules/names.ts): a duplicate in every list it checks,
 * the key each list is compared by (a different field that matches must not count), and the
 * exact issue each reports (path, message, value, fix).
 *
 * The rule runs directly on a copy of the hyogo fixture as the schema parses it (the schema
 * is not under mutation; the rule is, and it runs only inside the tests).
 */
import { checkUniqueNames } from '../../lib/profile/rules/names';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture, ruleIssueLines } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');

/** The rule's issues for an edited copy of hyogo, one formatted line each. */
const nameIssues = ruleIssueLines(checkUniqueNames, HYOGO);

/** A copy of `list[index]` with `changes`, appended to the list. */
function duplicate(list: MutableProfile[], index: number, changes: MutableProfile = {}) {
  list.push({ ...structuredClone(list[index]), ...changes });
}

describe('checkUniqueNames', () => {
  test('the fixture names each thing once', () => {
    expect(nameIssues()).toEqual([]);
  });

  test('a duplicate in every list, reported at the later index with the first one', () => {
    expect(
      nameIssues((p) => {
        duplicate(p.environments, 0);
        duplicate(p.populations, 1);
        // Same id, another Region: only the id repeats.
        duplicate(p.accessTiers, 2, { region: 'japanwest-2' });
        duplicate(p.addressPlan.networks, 1, { cidrs: ['10.9.0.0/16'] });
        duplicate(p.dataCentres, 1);
        duplicate(p.dataCentres[1].links, 2);
        duplicate(p.expressRoute.circuits, 1);
        duplicate(p.closedMobileNetworks, 0);
        duplicate(p.identity.certificateAuthorities, 0);
        duplicate(p.clouds.aws.regions, 1);
        duplicate(p.clouds.azure.hubs, 0);
        duplicate(p.directConnect.connections, 0, { name: 'dx-kobe-tokyo-2' });
      }),
    ).toEqual([
      'environments[1].name: duplicates the environment at index 0 (got "prod"); give each environment a unique name',
      'populations[3].name: duplicates the population at index 1 (got "municipal-staff"); give each population a unique name',
      'accessTiers[4].id: duplicates the access tier at index 2 (got "azure-japaneast"); give each access tier a unique name',
      'addressPlan.networks[4].name: duplicates the network at index 1 (got "my-number"); give each network a unique name',
      'dataCentres[2].name: duplicates the data centre at index 1 (got "dc-harima"); give each data centre a unique name',
      'dataCentres[1].links[4].name: duplicates the link at index 2 (got "harima-azure-east-vpn"); give each link a unique name',
      // The copied data centre (index 2) carries dc-harima's links once each: no duplicate.
      'expressRoute.circuits[2].name: duplicates the circuit at index 1 (got "er-iij-osaka"); give each circuit a unique name',
      'closedMobileNetworks[1].name: duplicates the closed mobile network at index 0 (got "iij-private-gateway"); give each closed mobile network a unique name',
      'identity.certificateAuthorities[1].name: duplicates the certificate authority at index 0 (got "hyogo-device-ca"); give each certificate authority a unique name',
      'clouds.aws.regions[2].region: duplicates the AWS Region at index 1 (got "ap-northeast-3"); give each AWS Region a unique name',
      'clouds.azure.hubs[2].region: duplicates the Azure hub Region at index 0 (got "japaneast"); give each Azure hub Region a unique name',
      'directConnect.connections[1].connectionId: duplicates the Direct Connect connection at index 0 (got "dxcon-fgh1jk2l"); give each Direct Connect connection a unique name',
    ]);
  });

  test('two access tiers of one provider in one Region, keyed by provider and Region', () => {
    expect(
      nameIssues((p) => {
        duplicate(p.accessTiers, 0, { id: 'aws-tokyo-2' });
        // Same Region name under the other provider is another tier.
        duplicate(p.accessTiers, 0, { id: 'azure-tokyo', provider: 'azure' });
      }),
    ).toEqual([
      'accessTiers[4].region: duplicates the access tier Region (one concentrator tier per provider and Region) at index 0 (got "aws:ap-northeast-1"); give each access tier Region (one concentrator tier per provider and Region) a unique name',
    ]);
  });

  test('the first data centre’s links are checked, and each repeat names the first index', () => {
    const copy = structuredClone(HYOGO) as MutableProfile;
    duplicate(copy.dataCentres[0].links, 0);
    duplicate(copy.dataCentres[0].links, 0);
    expect(checkUniqueNames(copy as Profile)).toEqual([
      {
        path: ['dataCentres', 0, 'links', 6, 'name'],
        message: 'duplicates the link at index 0',
        got: 'kobe-harima',
        fix: 'give each link a unique name',
        severity: 'error',
      },
      {
        path: ['dataCentres', 0, 'links', 7, 'name'],
        message: 'duplicates the link at index 0',
        got: 'kobe-harima',
        fix: 'give each link a unique name',
        severity: 'error',
      },
    ]);
  });

  test('lists are keyed by their own name field, not by another one', () => {
    expect(
      nameIssues((p) => {
        // Same everything but the key: no duplicate.
        duplicate(p.environments, 0, { name: 'staging' });
        duplicate(p.closedMobileNetworks, 0, { name: 'iij-second' });
        duplicate(p.identity.certificateAuthorities, 0, { name: 'hyogo-device-ca-2' });
        duplicate(p.directConnect.connections, 0, { connectionId: 'dxcon-abcdefgh' });
        duplicate(p.dataCentres, 0, { name: 'dc-third' });
        duplicate(p.expressRoute.circuits, 0, { name: 'er-third' });
      }),
    ).toEqual([]);
  });

  test('a profile without AWS, Azure or Direct Connect', () => {
    expect(
      nameIssues((p) => {
        delete p.clouds.aws;
        delete p.clouds.azure;
        delete p.directConnect;
      }),
    ).toEqual([]);
  });
});
