/**
 * Capacity readers on malformed hand-built artifacts: association references that are not a
 * Ref, resources without Properties, scale units that are not numbers, pools without
 * prefixes, and pool totals at and one under a row's connections.
 */
import { clientVpnCapacity } from '../../lib/verify/aws-capacity';
import { p2sGatewayCapacities } from '../../lib/verify/azure-capacity';

test('Client VPN: only a Ref to the endpoint is an association; an endpoint without Properties has no CIDR', () => {
  const association = (properties?: object) => ({
    Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation',
    ...(properties ? { Properties: properties } : {}),
  });
  expect(
    clientVpnCapacity([
      {
        Resources: {
          E: { Type: 'AWS::EC2::ClientVpnEndpoint' },
          A1: association({ ClientVpnEndpointId: { Ref: 'E' }, SubnetId: 's1' }),
          A2: association(),
          A3: association({ ClientVpnEndpointId: 'E', SubnetId: 's2' }),
          A4: association({ ClientVpnEndpointId: null, SubnetId: 's3' }),
        },
      },
    ] as never),
  ).toEqual({
    endpoints: [{ logicalId: 'E', clientCidr: '', associations: 1, connections: 7_000 }],
    connections: 7_000,
  });
});

test('Client VPN: two endpoints of one template count their own subnets each, and their connections add up', () => {
  const association = (
    endpoint: string,
    subnet: unknown,
    type = 'AWS::EC2::ClientVpnTargetNetworkAssociation',
  ) => ({
    Type: type,
    Properties: { ClientVpnEndpointId: { Ref: endpoint }, SubnetId: subnet },
  });
  expect(
    clientVpnCapacity([
      {
        Resources: {
          E1: { Type: 'AWS::EC2::ClientVpnEndpoint', Properties: { ClientCidrBlock: '10.64.0.0/14' } },
          E2: { Type: 'AWS::EC2::ClientVpnEndpoint', Properties: { ClientCidrBlock: { Ref: 'Cidr' } } },
          A1: association('E1', 'subnet-a'),
          A2: association('E1', 'subnet-c'),
          A3: association('E2', 'subnet-a'),
          A4: association('E2', 'subnet-c'),
          A5: association('E2', 'subnet-d'),
          // Not associations: a route and an authorization rule that name the endpoint and a subnet.
          R1: association('E1', 'subnet-d', 'AWS::EC2::ClientVpnRoute'),
          R2: association('E2', 'subnet-b', 'AWS::EC2::ClientVpnAuthorizationRule'),
        },
      },
      { Resources: { E3: { Type: 'AWS::EC2::ClientVpnEndpoint' } } },
      {},
    ]),
  ).toEqual({
    endpoints: [
      { logicalId: 'E1', clientCidr: '10.64.0.0/14', associations: 2, connections: 36_500 },
      { logicalId: 'E2', clientCidr: '', associations: 3, connections: 66_500 },
      { logicalId: 'E3', clientCidr: '', associations: 0, connections: 0 },
    ],
    connections: 103_000,
  });
});

describe('point-to-site gateways', () => {
  const gateway = (fields: object) =>
    p2sGatewayCapacities({
      resource: { azurerm_point_to_site_vpn_gateway: { g: { name: 'g', location: 'japaneast', ...fields } } },
    } as never)[0]!;

  test('a scale unit that is not a number is NaN, whatever its text', () => {
    expect(gateway({ scale_unit: '10' })).toMatchObject({ scaleUnits: Number.NaN, connections: 0 });
  });

  test('a pool without prefixes holds no pool', () => {
    expect(
      gateway({ scale_unit: 1, connection_configuration: [{ vpn_client_address_pool: {} }] }).pools,
    ).toEqual([]);
  });

  test('pools holding exactly the row’s 500 connections are enough; 498 are not', () => {
    const totals = (last: string) =>
      gateway({
        scale_unit: 1,
        connection_configuration: [
          {
            vpn_client_address_pool: {
              address_prefixes: [
                '10.0.0.0/24',
                '10.0.1.0/25',
                '10.0.1.128/26',
                '10.0.1.192/27',
                '10.0.1.224/28',
                last,
              ],
            },
          },
        ],
      }).problems.filter((p) => p.startsWith('pools hold'));
    expect(totals('10.0.1.240/30')).toEqual([]);
    expect(totals('10.0.1.240/31')).toEqual(['pools hold 498 addresses, fewer than the 500 connections']);
  });
});
