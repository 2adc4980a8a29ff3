/**
 * Rule: every reference names something the profile declares (networks, Regions, data
 * centres, circuits), and every cloud in use has the account, certificates and identity
 * settings it needs.
 */
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

function list(names: Iterable<string>): string {
  const all = [...names];
  return all.length === 0 ? '(none declared)' : all.join(', ');
}

/** Names of every place a link or network can refer to, as `aws:<region>` etc. */
export function declaredPlaces(profile: Profile): Set<string> {
  return new Set([
    ...(profile.clouds.aws?.regions ?? []).map((r) => `aws:${r.region}`),
    ...(profile.clouds.azure?.hubs ?? []).map((h) => `azure:${h.region}`),
    ...profile.dataCentres.map((d) => `dc:${d.name}`),
  ]);
}

export function checkReferences(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const networks = new Set(profile.addressPlan.networks.map((n) => n.name));
  const places = declaredPlaces(profile);
  const dataCentres = new Set(profile.dataCentres.map((d) => d.name));
  const circuits = new Set(profile.expressRoute.circuits.map((c) => c.name));
  const awsRegions = new Set((profile.clouds.aws?.regions ?? []).map((r) => r.region));
  const azureHubs = new Set((profile.clouds.azure?.hubs ?? []).map((h) => h.region));

  const requireNetwork = (name: string, path: (string | number)[]) => {
    if (!networks.has(name)) {
      found.push(
        issue(
          path,
          'names a network that addressPlan.networks does not declare',
          name,
          `use one of ${list(networks)}, or declare the network`,
        ),
      );
    }
  };
  const requirePlace = (ref: string, path: (string | number)[]) => {
    if (!places.has(ref)) {
      found.push(
        issue(path, 'names a place that the profile does not declare', ref, `use one of ${list(places)}`),
      );
    }
  };
  const requireDataCentre = (name: string, path: (string | number)[]) => {
    if (!dataCentres.has(name)) {
      found.push(
        issue(
          path,
          'names a data centre that dataCentres does not declare',
          name,
          `use one of ${list(dataCentres)}`,
        ),
      );
    }
  };

  profile.populations.forEach((p, i) =>
    p.reach.forEach((n, r) => requireNetwork(n, ['populations', i, 'reach', r])),
  );
  profile.closedMobileNetworks.forEach((c, i) => {
    c.reach.forEach((n, r) => requireNetwork(n, ['closedMobileNetworks', i, 'reach', r]));
    requirePlace(c.landing.at, ['closedMobileNetworks', i, 'landing', 'at']);
  });
  profile.addressPlan.networks.forEach((n, i) => requirePlace(n.at, ['addressPlan', 'networks', i, 'at']));
  profile.dataCentres.forEach((dc, d) =>
    dc.links.forEach((l, i) => requirePlace(l.to, ['dataCentres', d, 'links', i, 'to'])),
  );
  profile.accessTiers.forEach((t, i) => {
    const declared = t.provider === 'aws' ? awsRegions : azureHubs;
    if (!declared.has(t.region)) {
      found.push(
        issue(
          ['accessTiers', i, 'region'],
          `is not declared under clouds.${t.provider}`,
          t.region,
          `declare it under clouds.${t.provider}.${t.provider === 'aws' ? 'regions' : 'hubs'} or use one of ${list(declared)}`,
        ),
      );
    }
  });
  profile.expressRoute.circuits.forEach((c, i) => {
    requireDataCentre(c.dataCentre, ['expressRoute', 'circuits', i, 'dataCentre']);
    if (!azureHubs.has(c.hubRegion)) {
      found.push(
        issue(
          ['expressRoute', 'circuits', i, 'hubRegion'],
          'has no Virtual WAN hub declared',
          c.hubRegion,
          `use one of ${list(azureHubs)} or declare the hub under clouds.azure.hubs`,
        ),
      );
    }
  });
  profile.expressRoute.globalReach.forEach((g, i) =>
    g.circuits.forEach((name, c) => {
      if (!circuits.has(name)) {
        found.push(
          issue(
            ['expressRoute', 'globalReach', i, 'circuits', c],
            'names an unknown circuit',
            name,
            `use one of ${list(circuits)}`,
          ),
        );
      }
    }),
  );
  profile.directConnect?.connections.forEach((c, i) =>
    requireDataCentre(c.dataCentre, ['directConnect', 'connections', i, 'dataCentre']),
  );

  // Each cloud in use needs its account in every environment.
  const usesAws = awsRegions.size > 0;
  const usesAzure = azureHubs.size > 0;
  profile.environments.forEach((env, i) => {
    if (usesAws && !env.aws) {
      found.push(
        issue(
          ['environments', i, 'aws'],
          'is required because the profile declares AWS Regions',
          undefined,
          'add aws.accountId (12 digits)',
        ),
      );
    }
    if (usesAzure && !env.azure) {
      found.push(
        issue(
          ['environments', i, 'azure'],
          'is required because the profile declares Azure hubs',
          undefined,
          'add azure.subscriptionId and azure.tenantId',
        ),
      );
    }
  });

  // Client VPN needs a server certificate in ACM in each Region that hosts an endpoint.
  profile.accessTiers.forEach((t, i) => {
    if (t.provider === 'aws' && !profile.identity.serverCertificateArns[t.region]) {
      found.push(
        issue(
          ['identity', 'serverCertificateArns', t.region],
          `is required: Client VPN in ${t.region} (accessTiers[${i}]) needs a server certificate in ACM`,
          undefined,
          `import the server certificate into ACM in ${t.region} and add its ARN`,
        ),
      );
    }
  });

  // Federated SSO needs the federation settings of every provider that carries it.
  const wantsSso = profile.populations.some((p) => p.authentication.includes('federated-sso'));
  const tierProviders = new Set(profile.accessTiers.map((t) => t.provider));
  if (wantsSso && tierProviders.has('aws') && !profile.identity.federation.saml) {
    found.push(
      issue(
        ['identity', 'federation', 'saml'],
        'is required: a population uses federated-sso on AWS Client VPN',
        undefined,
        'add saml.metadataFile (the IdP metadata XML)',
      ),
    );
  }
  if (wantsSso && tierProviders.has('azure') && !profile.identity.federation.entra) {
    found.push(
      issue(
        ['identity', 'federation', 'entra'],
        'is required: a population uses federated-sso on Azure point-to-site',
        undefined,
        'add entra.tenantId, audience and issuer',
      ),
    );
  }
  return found;
}
