/**
 * The reference rule (lib/profile/rules/references.ts): every field that names a network, a
 * place, a data centre, a Region or a circuit, with the name declared and not; the "use one
 * of" list with several names and with none; each cloud's account required exactly when the
 * profile declares at least one of its Regions (one, two, none); the server certificate per
 * Client VPN Region; the federation settings per provider that carries federated SSO. Each
 * case asserts the exact issues (path, message, value, fix; none of them is a warning).
 *
 * The rule runs directly on a copy of a fixture as the schema parses it (the schema is not
 * under mutation; the rule is, and it runs only inside the tests).
 */
import { checkReferences, declaredPlaces } from '../../lib/profile/rules/references';
import type { Profile } from '../../lib/profile/schema';
import { type MutableProfile, parsedFixture, ruleIssueLines } from '../support/profiles';

const HYOGO = parsedFixture('hyogo');
const IWATE = parsedFixture('iwate');

/** The rule's issues for an edited copy of hyogo (iwate), one formatted line each. */
const hyogoIssues = ruleIssueLines(checkReferences, HYOGO);
const iwateIssues = ruleIssueLines(checkReferences, IWATE);

const NETWORKS = 'prefectural-lan, my-number, telework-desktops, municipal-gateway';
const ALL_PLACES =
  'aws:ap-northeast-1, aws:ap-northeast-3, azure:japaneast, azure:japanwest, dc:dc-kobe, dc:dc-harima';
const PLACE_RULE = 'names a place that the profile does not declare';
const NETWORK_RULE = 'names a network that addressPlan.networks does not declare';
const DC_RULE = 'names a data centre that dataCentres does not declare';
const AWS_ACCOUNT =
  'is required because the profile declares AWS Regions (got nothing); add aws.accountId (12 digits)';
const AZURE_ACCOUNT =
  'is required because the profile declares Azure hubs (got nothing); add azure.subscriptionId and azure.tenantId';
const SAML =
  'identity.federation.saml: is required: a population uses federated-sso on AWS Client VPN (got nothing); add saml.metadataFile (the IdP metadata XML)';
const ENTRA =
  'identity.federation.entra: is required: a population uses federated-sso on Azure point-to-site (got nothing); add entra.tenantId, audience and issuer';

/** Hyogo with nothing on AWS: no Regions, tiers, links, Direct Connect or account. */
function withoutAws(p: MutableProfile) {
  delete p.clouds.aws;
  delete p.directConnect;
  p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider !== 'aws');
  for (const dc of p.dataCentres) dc.links = dc.links.filter((l: { to: string }) => !l.to.startsWith('aws:'));
  delete p.environments[0].aws;
}

/** Hyogo with nothing on Azure: no hubs, tiers, links, circuits, carrier landing or subscription. */
function withoutAzure(p: MutableProfile) {
  delete p.clouds.azure;
  p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider !== 'azure');
  for (const dc of p.dataCentres)
    dc.links = dc.links.filter((l: { to: string }) => !l.to.startsWith('azure:'));
  p.expressRoute = { circuits: [], globalReach: [] };
  p.closedMobileNetworks[0].landing = { type: 'data-centre', at: 'dc:dc-kobe' };
  delete p.environments[0].azure;
}

describe('checkReferences', () => {
  test('both fixtures name only what they declare', () => {
    expect(hyogoIssues()).toEqual([]);
    expect(iwateIssues()).toEqual([]);
  });

  test('declaredPlaces: every AWS Region, Azure hub and data centre, and nothing for a cloud not used', () => {
    expect([...declaredPlaces(HYOGO as Profile)]).toEqual(ALL_PLACES.split(', '));
    const noClouds = structuredClone(HYOGO) as MutableProfile;
    delete noClouds.clouds.aws;
    delete noClouds.clouds.azure;
    expect([...declaredPlaces(noClouds as Profile)]).toEqual(['dc:dc-kobe', 'dc:dc-harima']);
  });

  test('an unknown network in a population and in a carrier network, listing the declared ones', () => {
    expect(
      hyogoIssues((p) => {
        p.populations[2].reach.push('city-hall');
        p.closedMobileNetworks[0].reach.push('nowhere');
      }),
    ).toEqual([
      `populations[2].reach[1]: ${NETWORK_RULE} (got "city-hall"); use one of ${NETWORKS}, or declare the network`,
      `closedMobileNetworks[0].reach[1]: ${NETWORK_RULE} (got "nowhere"); use one of ${NETWORKS}, or declare the network`,
    ]);
    // The first entry of a carrier's reach is checked too.
    expect(hyogoIssues((p) => (p.closedMobileNetworks[0].reach = ['nowhere']))).toEqual([
      `closedMobileNetworks[0].reach[0]: ${NETWORK_RULE} (got "nowhere"); use one of ${NETWORKS}, or declare the network`,
    ]);
  });

  test('an unknown place as a carrier landing, a network location and a link end', () => {
    expect(
      hyogoIssues((p) => {
        p.closedMobileNetworks[0].landing.at = 'azure:koreacentral';
        p.addressPlan.networks[2].at = 'dc:dc-himeji';
        p.dataCentres[1].links[3].to = 'aws:ap-southeast-1';
      }),
    ).toEqual([
      `closedMobileNetworks[0].landing.at: ${PLACE_RULE} (got "azure:koreacentral"); use one of ${ALL_PLACES}`,
      `addressPlan.networks[2].at: ${PLACE_RULE} (got "dc:dc-himeji"); use one of ${ALL_PLACES}`,
      `dataCentres[1].links[3].to: ${PLACE_RULE} (got "aws:ap-southeast-1"); use one of ${ALL_PLACES}`,
    ]);
  });

  test('a place of a cloud the profile does not use: the list holds only what is declared', () => {
    expect(hyogoIssues((p) => delete p.clouds.aws)).toEqual([
      `dataCentres[0].links[1].to: ${PLACE_RULE} (got "aws:ap-northeast-1"); use one of azure:japaneast, azure:japanwest, dc:dc-kobe, dc:dc-harima`,
      `dataCentres[0].links[2].to: ${PLACE_RULE} (got "aws:ap-northeast-1"); use one of azure:japaneast, azure:japanwest, dc:dc-kobe, dc:dc-harima`,
      `dataCentres[1].links[0].to: ${PLACE_RULE} (got "aws:ap-northeast-3"); use one of azure:japaneast, azure:japanwest, dc:dc-kobe, dc:dc-harima`,
      'accessTiers[0].region: is not declared under clouds.aws (got "ap-northeast-1"); declare it under clouds.aws.regions or use one of (none declared)',
      'accessTiers[1].region: is not declared under clouds.aws (got "ap-northeast-3"); declare it under clouds.aws.regions or use one of (none declared)',
    ]);
    expect(
      hyogoIssues((p) => {
        delete p.clouds.azure;
        p.dataCentres[0].links = [p.dataCentres[0].links[3]];
        p.dataCentres[1].links = [];
        p.closedMobileNetworks = [];
      }),
    ).toEqual([
      `dataCentres[0].links[0].to: ${PLACE_RULE} (got "azure:japaneast"); use one of aws:ap-northeast-1, aws:ap-northeast-3, dc:dc-kobe, dc:dc-harima`,
      'accessTiers[2].region: is not declared under clouds.azure (got "japaneast"); declare it under clouds.azure.hubs or use one of (none declared)',
      'accessTiers[3].region: is not declared under clouds.azure (got "japanwest"); declare it under clouds.azure.hubs or use one of (none declared)',
      'expressRoute.circuits[0].hubRegion: has no Virtual WAN hub declared (got "japaneast"); use one of (none declared) or declare the hub under clouds.azure.hubs',
      'expressRoute.circuits[1].hubRegion: has no Virtual WAN hub declared (got "japanwest"); use one of (none declared) or declare the hub under clouds.azure.hubs',
    ]);
  });

  test("an access tier's Region must be declared under its own provider", () => {
    expect(
      hyogoIssues((p) => {
        p.accessTiers[0].region = 'japaneast'; // an Azure hub, but the tier is AWS
        p.accessTiers[3].region = 'ap-northeast-3'; // an AWS Region, but the tier is Azure
        p.identity.serverCertificateArns.japaneast = p.identity.serverCertificateArns['ap-northeast-1'];
      }),
    ).toEqual([
      'accessTiers[0].region: is not declared under clouds.aws (got "japaneast"); declare it under clouds.aws.regions or use one of ap-northeast-1, ap-northeast-3',
      'accessTiers[3].region: is not declared under clouds.azure (got "ap-northeast-3"); declare it under clouds.azure.hubs or use one of japaneast, japanwest',
    ]);
  });

  test('circuits: an unknown data centre, an undeclared hub, an unknown circuit in Global Reach', () => {
    expect(
      hyogoIssues((p) => {
        p.expressRoute.circuits[1].dataCentre = 'dc-akashi';
        p.expressRoute.circuits[0].hubRegion = 'koreacentral';
        p.expressRoute.globalReach[0].circuits = ['er-iij-tokyo', 'er-kix'];
      }),
    ).toEqual([
      'expressRoute.circuits[0].hubRegion: has no Virtual WAN hub declared (got "koreacentral"); use one of japaneast, japanwest or declare the hub under clouds.azure.hubs',
      `expressRoute.circuits[1].dataCentre: ${DC_RULE} (got "dc-akashi"); use one of dc-kobe, dc-harima`,
      'expressRoute.globalReach[0].circuits[1]: names an unknown circuit (got "er-kix"); use one of er-iij-tokyo, er-iij-osaka',
    ]);
    expect(hyogoIssues((p) => (p.expressRoute.globalReach[0].circuits[0] = 'er-kix'))).toEqual([
      'expressRoute.globalReach[0].circuits[0]: names an unknown circuit (got "er-kix"); use one of er-iij-tokyo, er-iij-osaka',
    ]);
  });

  test("a Direct Connect connection at an unknown data centre; a circuit's data centre with none declared", () => {
    expect(hyogoIssues((p) => (p.directConnect.connections[0].dataCentre = 'dc-himeji'))).toEqual([
      `directConnect.connections[0].dataCentre: ${DC_RULE} (got "dc-himeji"); use one of dc-kobe, dc-harima`,
    ]);
    expect(
      iwateIssues((p) => {
        p.dataCentres = [];
        p.closedMobileNetworks = [];
        p.addressPlan.networks.forEach((n: { at: string }) => (n.at = 'aws:ap-northeast-1'));
      }),
    ).toEqual([
      `expressRoute.circuits[0].dataCentre: ${DC_RULE} (got "dc-morioka"); use one of (none declared)`,
    ]);
  });

  test('an AWS account is required in every environment exactly when an AWS Region is declared', () => {
    // iwate declares one Region (the least that needs an account), hyogo two.
    expect(iwateIssues((p) => delete p.environments[0].aws)).toEqual([`environments[0].aws: ${AWS_ACCOUNT}`]);
    expect(
      hyogoIssues((p) => {
        p.environments.push({ ...structuredClone(p.environments[0]), name: 'staging' });
        delete p.environments[1].aws;
      }),
    ).toEqual([`environments[1].aws: ${AWS_ACCOUNT}`]);
    // No AWS Region: no account needed, and no certificate or SAML either.
    expect(hyogoIssues(withoutAws)).toEqual([]);
  });

  test('an Azure subscription is required in every environment exactly when an Azure hub is declared', () => {
    expect(iwateIssues((p) => delete p.environments[0].azure)).toEqual([
      `environments[0].azure: ${AZURE_ACCOUNT}`,
    ]);
    expect(
      hyogoIssues((p) => {
        delete p.environments[0].aws;
        delete p.environments[0].azure;
      }),
    ).toEqual([`environments[0].aws: ${AWS_ACCOUNT}`, `environments[0].azure: ${AZURE_ACCOUNT}`]);
    expect(hyogoIssues(withoutAzure)).toEqual([]);
  });

  test('each Client VPN Region needs its server certificate; a Virtual WAN tier needs none', () => {
    expect(hyogoIssues((p) => delete p.identity.serverCertificateArns['ap-northeast-3'])).toEqual([
      'identity.serverCertificateArns.ap-northeast-3: is required: Client VPN in ap-northeast-3 (accessTiers[1]) needs a server certificate in ACM (got nothing); import the server certificate into ACM in ap-northeast-3 and add its ARN',
    ]);
    expect(hyogoIssues((p) => (p.identity.serverCertificateArns = {}))).toEqual([
      'identity.serverCertificateArns.ap-northeast-1: is required: Client VPN in ap-northeast-1 (accessTiers[0]) needs a server certificate in ACM (got nothing); import the server certificate into ACM in ap-northeast-1 and add its ARN',
      'identity.serverCertificateArns.ap-northeast-3: is required: Client VPN in ap-northeast-3 (accessTiers[1]) needs a server certificate in ACM (got nothing); import the server certificate into ACM in ap-northeast-3 and add its ARN',
    ]);
    expect(
      hyogoIssues((p) => {
        withoutAws(p);
        p.identity.serverCertificateArns = {};
      }),
    ).toEqual([]);
  });

  describe('federated SSO needs the federation settings of each provider that carries it', () => {
    const noFederation = (p: MutableProfile) => (p.identity.federation = {});

    test('both providers, every population on SSO: SAML and Entra', () => {
      expect(hyogoIssues(noFederation)).toEqual([SAML, ENTRA]);
      expect(hyogoIssues((p) => delete p.identity.federation.saml)).toEqual([SAML]);
      expect(hyogoIssues((p) => delete p.identity.federation.entra)).toEqual([ENTRA]);
    });

    test('one population on SSO is enough, whichever it is', () => {
      for (const sso of [0, 2]) {
        expect(
          hyogoIssues((p) => {
            noFederation(p);
            p.populations.forEach((pop: MutableProfile, i: number) => {
              if (i !== sso) pop.authentication = ['certificate'];
            });
          }),
        ).toEqual([SAML, ENTRA]);
      }
    });

    test('no population on SSO: no federation needed', () => {
      expect(
        hyogoIssues((p) => {
          noFederation(p);
          for (const pop of p.populations) pop.authentication = ['certificate'];
        }),
      ).toEqual([]);
    });

    test('only the provider that carries the tiers: AWS needs SAML, Azure needs Entra', () => {
      expect(
        hyogoIssues((p) => {
          noFederation(p);
          p.accessTiers = p.accessTiers.slice(0, 2);
        }),
      ).toEqual([SAML]);
      expect(
        hyogoIssues((p) => {
          noFederation(p);
          p.accessTiers = p.accessTiers.slice(2);
        }),
      ).toEqual([ENTRA]);
    });
  });
});
