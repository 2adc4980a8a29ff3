/**
 * The artifact verifiers count exactly: pools across several connection configurations and
 * in both JSON shapes Terraform accepts, the vendor minimum of pools at its boundary, pool
 * sizes one step either side of 10,000 addresses; Client VPN associations per endpoint, each
 * subnet once, never another endpoint's. Small hand-written artifacts, one fact each.
 */
import { clientVpnCapacity } from '../../lib/verify/aws-capacity';
import { p2sGatewayCapacities, verifyAzureP2sCapacity } from '../../lib/verify/azure-capacity';

/** A point-to-site gateway with one connection configuration per entry of `configurations`. */
function gateway(scaleUnit: number, configurations: (string[] | string[][])[], name = 'gw') {
  return {
    resource: {
      azurerm_point_to_site_vpn_gateway: {
        [name]: {
          name: `p2sgw-${name}`,
          location: 'japaneast',
          scale_unit: scaleUnit,
          connection_configuration: configurations.map((pools, i) => ({
            name: `c${i}`,
            // Terraform JSON takes a nested block as an object or as a list of objects.
            vpn_client_address_pool: Array.isArray(pools[0])
              ? (pools as string[][]).map((p) => ({ address_prefixes: p }))
              : { address_prefixes: pools },
          })),
        },
      },
    },
  };
}

const pools = (first: number, n: number) =>
  Array.from({ length: n }, (_, i) => `10.${96 + first + i}.0.0/18`);

describe('Virtual WAN point-to-site gateways from Terraform JSON', () => {
  test('pools are counted across every connection configuration and in both block shapes', () => {
    const [g] = p2sGatewayCapacities(gateway(100, [pools(0, 2), [pools(2, 2), pools(4, 1)]]));
    expect(g!.pools).toEqual([
      '10.96.0.0/18',
      '10.97.0.0/18',
      '10.98.0.0/18',
      '10.99.0.0/18',
      '10.100.0.0/18',
    ]);
    expect(g!.problems).toEqual([]);
    expect(g).toMatchObject({
      scaleUnits: 100,
      connections: 50_000,
      address: 'azurerm_point_to_site_vpn_gateway.gw',
    });
  });

  test('100 scale units need 5 pools: 5 pass, 4 fail', () => {
    expect(p2sGatewayCapacities(gateway(100, [pools(0, 5)]))[0]!.problems).toEqual([]);
    expect(p2sGatewayCapacities(gateway(100, [pools(0, 4)]))[0]!.problems).toEqual([
      '4 client address pool(s); 100 scale units need at least 5',
    ]);
    // 20 scale units need 1 pool, 21 are not a valid count, 40 need 2.
    expect(p2sGatewayCapacities(gateway(20, [pools(0, 1)]))[0]!.problems).toEqual([]);
    expect(p2sGatewayCapacities(gateway(40, [pools(0, 1)]))[0]!.problems).toEqual([
      '1 client address pool(s); 40 scale units need at least 2',
      'pools hold 16384 addresses, fewer than the 20000 connections',
    ]);
  });

  test('a pool needs 10,000 addresses: a /18 (16,384) passes, a /19 (8,192) fails', () => {
    expect(p2sGatewayCapacities(gateway(11, [['10.96.0.0/18']]))[0]!.problems).toEqual([]);
    expect(p2sGatewayCapacities(gateway(11, [['10.96.0.0/19', '10.97.0.0/18']]))[0]!.problems).toEqual([
      expect.stringMatching(/^pool 10\.96\.0\.0\/19 holds 8192 addresses, fewer than 10000 /),
    ]);
  });

  test('the pools together must hold one address per connection', () => {
    // 40 scale units: 20,000 connections; two /18 pools hold 32,768.
    expect(p2sGatewayCapacities(gateway(40, [pools(0, 2)]))[0]!.problems).toEqual([]);
    // 200 scale units: 100,000 connections; ten /19 pools hold 81,920 (and each is too small).
    const small = Array.from({ length: 10 }, (_, i) => `10.${96 + Math.floor(i / 8)}.${(i % 8) * 32}.0/19`);
    expect(p2sGatewayCapacities(gateway(200, [small]))[0]!.problems).toContain(
      'pools hold 81920 addresses, fewer than the 100000 connections',
    );
  });

  test('overlapping pools, in one configuration or across two, are reported once per pair', () => {
    expect(p2sGatewayCapacities(gateway(40, [['10.96.0.0/18'], ['10.96.0.0/17']]))[0]!.problems).toEqual([
      'pools 10.96.0.0/18 and 10.96.0.0/17 overlap',
    ]);
  });

  test('several stacks and gateways add up; every problem names its gateway', () => {
    const result = verifyAzureP2sCapacity([
      gateway(100, [pools(0, 5)], 'east'),
      gateway(1, [pools(8, 1)], 'west'),
      gateway(40, [pools(16, 1)], 'north'),
    ]);
    expect(result.connections).toBe(50_000 + 500 + 20_000);
    expect(result.gateways.map((g) => g.name)).toEqual(['p2sgw-east', 'p2sgw-west', 'p2sgw-north']);
    expect(result.problems).toEqual([
      'p2sgw-north: 1 client address pool(s); 40 scale units need at least 2',
      'p2sgw-north: pools hold 16384 addresses, fewer than the 20000 connections',
    ]);
  });
});

describe('Client VPN endpoints from CloudFormation templates', () => {
  const endpoint = (cidr: string) => ({
    Type: 'AWS::EC2::ClientVpnEndpoint',
    Properties: { ClientCidrBlock: cidr },
  });
  const association = (endpointId: string, subnet: unknown) => ({
    Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
    Properties: { ClientVpnEndpointId: { Ref: endpointId }, SubnetId: subnet },
  });

  test('three subnets give 66,500; the same subnet twice counts once', () => {
    const capacity = clientVpnCapacity([
      {
        Resources: {
          E: endpoint('10.64.0.0/14'),
          A1: association('E', { 'Fn::ImportValue': 'subnet-a' }),
          A2: association('E', { 'Fn::ImportValue': 'subnet-c' }),
          A3: association('E', { 'Fn::ImportValue': 'subnet-d' }),
          A4: association('E', { 'Fn::ImportValue': 'subnet-d' }),
        },
      },
    ]);
    expect(capacity.endpoints).toEqual([
      { logicalId: 'E', clientCidr: '10.64.0.0/14', associations: 3, connections: 66_500 },
    ]);
    expect(capacity.connections).toBe(66_500);
  });

  test('an endpoint counts only its own associations, across templates separately', () => {
    const capacity = clientVpnCapacity([
      { Resources: { E: endpoint('10.64.0.0/14'), X: association('Other', 'subnet-a') } },
      { Resources: { F: endpoint('10.68.0.0/14'), F1: association('F', 'subnet-a') } },
    ]);
    expect(capacity.endpoints.map((e) => [e.logicalId, e.associations, e.connections])).toEqual([
      ['E', 0, 0],
      ['F', 1, 7_000],
    ]);
    expect(capacity.connections).toBe(7_000);
  });

  test('four and five associations follow the quota table (96,500, 126,000)', () => {
    const resources = (n: number) =>
      Object.fromEntries([
        ['E', endpoint('10.64.0.0/14')],
        ...Array.from({ length: n }, (_, i) => [`A${i}`, association('E', `subnet-${i}`)]),
      ]);
    expect(clientVpnCapacity([{ Resources: resources(4) }]).connections).toBe(96_500);
    expect(clientVpnCapacity([{ Resources: resources(5) }]).connections).toBe(126_000);
    expect(clientVpnCapacity([{ Resources: resources(2) }]).connections).toBe(36_500);
  });
});

describe('what the verifiers make of malformed artifacts', () => {
  const raw = (g: Record<string, unknown>) => ({
    resource: { azurerm_point_to_site_vpn_gateway: { lone: g } },
  });

  test('a scale unit that is not a number carries nothing and is reported', () => {
    const [g] = p2sGatewayCapacities(raw({ name: 'x', location: 'japaneast', scale_unit: '100' }));
    expect(g).toMatchObject({ connections: 0, pools: [] });
    expect(g!.problems[0]).toBe('scale_unit 100 is not a valid point-to-site scale unit count');
  });

  test('a pool that is not a CIDR is reported and adds no addresses', () => {
    const [g] = p2sGatewayCapacities(gateway(11, [['10.96.0.0/18', 'ten-ninety-six']]));
    expect(g!.problems).toEqual([expect.stringMatching(/^pool ten-ninety-six is not a CIDR \(/)]);
    expect(g!.pools).toEqual(['10.96.0.0/18', 'ten-ninety-six']);
  });

  test('a gateway without a name or location is named by its logical id', () => {
    const [g] = p2sGatewayCapacities(raw({ scale_unit: 1, connection_configuration: [] }));
    expect(g).toMatchObject({
      name: 'lone',
      location: '',
      address: 'azurerm_point_to_site_vpn_gateway.lone',
      connections: 500,
      problems: [
        '0 client address pool(s); 1 scale units need at least 1',
        'pools hold 0 addresses, fewer than the 500 connections',
      ],
    });
  });

  test('no gateways, no connections', () => {
    expect(verifyAzureP2sCapacity([{}, { resource: {} }])).toEqual({
      connections: 0,
      gateways: [],
      problems: [],
    });
  });

  test('an association that does not Ref the endpoint is not counted; a missing client CIDR reads empty', () => {
    const capacity = clientVpnCapacity([
      {
        Resources: {
          E: { Type: 'AWS::EC2::ClientVpnEndpoint', Properties: {} },
          A1: {
            Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
            Properties: { ClientVpnEndpointId: { 'Fn::GetAtt': ['E', 'Id'] }, SubnetId: 's1' },
          },
          A2: {
            Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
            Properties: { ClientVpnEndpointId: { Ref: 7 }, SubnetId: 's2' },
          },
          A3: {
            Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
            Properties: { ClientVpnEndpointId: { Ref: 'E' }, SubnetId: 's3' },
          },
        },
      },
      {},
    ]);
    expect(capacity).toEqual({
      endpoints: [{ logicalId: 'E', clientCidr: '', associations: 1, connections: 7_000 }],
      connections: 7_000,
    });
  });
});
