/**
 * Microsoft 365 "Optimize" endpoints: the Exchange Online, SharePoint Online and Teams
 * ranges that Microsoft asks remote-access designs to keep OUTSIDE the VPN tunnel (about
 * 70-80 % of Microsoft 365 traffic, "about 20 IP subnets"; shared/reference/LIMITS.md,
 * "ExpressRoute" section). Provider-neutral data: no CDK or CDKTF import, so the AWS split
 * tunnel and the Azure point-to-site configuration read the same table.
 *
 * The list changes rarely but does change: Microsoft publishes it through the endpoints web
 * service (https://endpoints.office.com/endpoints/worldwide?clientrequestid=<guid>, rows with
 * category "Optimize", service areas Exchange, SharePoint, Skype). Refresh this table from
 * there (and bump `version`) before a deployment that depends on it.
 */
import type { Sourced } from './source';

export interface OptimizeRange {
  readonly cidr: string;
  readonly serviceArea: 'Exchange' | 'SharePoint' | 'Teams';
}

const SPLIT_TUNNEL_PAGE =
  'https://learn.microsoft.com/microsoft-365/enterprise/microsoft-365-vpn-implement-split-tunnel';

/** IPv4 ranges of the Optimize category (endpoint sets 1 Exchange, 31 SharePoint, 11 Teams). */
export const MICROSOFT365_OPTIMIZE_IPV4: Sourced<readonly OptimizeRange[]> & { readonly version: string } = {
  version: '2026-worldwide',
  source: `${SPLIT_TUNNEL_PAGE} ; https://learn.microsoft.com/microsoft-365/enterprise/urls-and-ip-address-ranges`,
  note: 'Optimize category only (Allow and Default stay on the normal path). Confirm against the endpoints web service before deploying.',
  value: [
    { cidr: '13.107.6.152/31', serviceArea: 'Exchange' },
    { cidr: '13.107.18.10/31', serviceArea: 'Exchange' },
    { cidr: '13.107.128.0/22', serviceArea: 'Exchange' },
    { cidr: '23.103.160.0/20', serviceArea: 'Exchange' },
    { cidr: '40.96.0.0/13', serviceArea: 'Exchange' },
    { cidr: '40.104.0.0/15', serviceArea: 'Exchange' },
    { cidr: '52.96.0.0/14', serviceArea: 'Exchange' },
    { cidr: '131.253.33.215/32', serviceArea: 'Exchange' },
    { cidr: '132.245.0.0/16', serviceArea: 'Exchange' },
    { cidr: '150.171.32.0/22', serviceArea: 'Exchange' },
    { cidr: '204.79.197.215/32', serviceArea: 'Exchange' },
    { cidr: '13.107.136.0/22', serviceArea: 'SharePoint' },
    { cidr: '40.108.128.0/17', serviceArea: 'SharePoint' },
    { cidr: '52.104.0.0/14', serviceArea: 'SharePoint' },
    { cidr: '104.146.128.0/17', serviceArea: 'SharePoint' },
    { cidr: '150.171.40.0/22', serviceArea: 'SharePoint' },
    { cidr: '13.107.64.0/18', serviceArea: 'Teams' },
    { cidr: '52.112.0.0/14', serviceArea: 'Teams' },
    { cidr: '52.122.0.0/15', serviceArea: 'Teams' },
  ],
};

/** The Optimize CIDRs only. */
export function microsoft365OptimizeCidrs(): readonly string[] {
  return MICROSOFT365_OPTIMIZE_IPV4.value.map((r) => r.cidr);
}
