import { AZURE_FIREWALL_TIERS, azureFirewallTierFor } from '../../lib/quotas/azure-firewall';

describe('Azure Firewall table', () => {
  it('carries the documented throughput per tier, with its source', () => {
    expect(AZURE_FIREWALL_TIERS.Standard.maxThroughputMbps.value).toBe(30_000);
    expect(AZURE_FIREWALL_TIERS.Premium.maxThroughputMbps.value).toBe(100_000);
    for (const row of Object.values(AZURE_FIREWALL_TIERS)) {
      expect(row.maxThroughputMbps.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      expect(row.deploymentHourUsd.source).toMatch(/^https:\/\//);
    }
  });

  it('picks the cheapest tier that carries the demand', () => {
    expect(azureFirewallTierFor(30_000)).toBe('Standard');
    expect(azureFirewallTierFor(30_001)).toBe('Premium');
    expect(azureFirewallTierFor(100_001)).toBeUndefined();
  });
});
