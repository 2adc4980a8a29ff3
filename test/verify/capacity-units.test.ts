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
