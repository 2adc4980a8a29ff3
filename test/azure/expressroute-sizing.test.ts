import { expressRouteGatewayScaleUnits } from '../../lib/azure/expressroute-sizing';
import { EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT } from '../../lib/quotas/expressroute';

describe('expressRouteGatewayScaleUnits (1 unit = 2 Gbps, 1-10 units)', () => {
  test('at least one unit, also without circuits or for small ones', () => {
    expect(EXPRESSROUTE_GATEWAY_MBPS_PER_SCALE_UNIT.value).toBe(2_000);
    expect(expressRouteGatewayScaleUnits([])).toBe(1);
    expect(expressRouteGatewayScaleUnits([50])).toBe(1);
    expect(expressRouteGatewayScaleUnits([1_000, 1_000])).toBe(1);
  });

  test('rounds the sum of the circuit bandwidths up to whole units', () => {
    expect(expressRouteGatewayScaleUnits([2_000, 50])).toBe(2);
    expect(expressRouteGatewayScaleUnits([5_000])).toBe(3);
    expect(expressRouteGatewayScaleUnits([10_000, 10_000])).toBe(10);
  });

  test('refuses more than a gateway can carry', () => {
    expect(() => expressRouteGatewayScaleUnits([10_000, 10_000, 50])).toThrow(/at most 10/);
  });
});
