/**
 * The security review's findings, pinned whole: every test compares complete finding objects
 * (cloud, stack, resource, type, action, rule, severity, category, cause, message, userImpact)
 * written out literally, never computed from lib/review/security.ts, so that changing a word of
 * a message, a branch or a comparison there fails a test. security.test.ts checks which rules
 * fire on realistic pairs; this file pins what each finding says, branch by branch, and the
 * boundaries where no finding must appear.
 */
import type { FindingInput } from '../../lib/review/finding';
import { reviewSecurity } from '../../lib/review/security';
import { clone, handTree } from './support';

// biome-ignore lint/suspicious/noExplicitAny: hand-built JSON
type Json = any;
const STACK = 'org-prod-remote-access-apne1';
const OTHER = 'org-prod-shared-apne1';
const AZ = 'az-hub';
const path = (p: string) => ({ 'aws:cdk:path': `${STACK}/${p}` });

/** Findings between two sets of resources of the one AWS stack. */
function awsReview(base: Json, head: Json): FindingInput[] {
  return reviewSecurity(
    handTree({ [STACK]: { Resources: base } }),
    handTree({ [STACK]: { Resources: head } }),
  );
}

/** Findings between base and a copy of base edited by `edit` (one AWS stack). */
function awsChange(base: Json, edit: (head: Json) => void): FindingInput[] {
  const head = clone(base);
  edit(head);
  return awsReview(base, head);
}

/** Findings between two sets of Terraform resources of the one Azure stack. */
function azureReview(base: Json, head: Json): FindingInput[] {
  return reviewSecurity(
    handTree({}, { [AZ]: { resource: base } }),
    handTree({}, { [AZ]: { resource: head } }),
  );
}

function azureChange(base: Json, edit: (head: Json) => void): FindingInput[] {
  const head = clone(base);
  edit(head);
  return azureReview(base, head);
}

describe('authorization rules', () => {
  const auth = (props: Json) => ({
    Type: 'AWS::EC2::ClientVpnAuthorizationRule',
    Properties: { ClientVpnEndpointId: { Ref: 'Endpoint' }, ...props },
  });
  const staff = () => ({ AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/13' }) });

  test('a group newly authorized: its description in parentheses', () => {
    expect(
      awsChange(staff(), (t) => {
        t.AuthOps = auth({
          AccessGroupId: 'ops',
          TargetNetworkCidr: '10.8.0.0/16',
          Description: 'ops to the shared segment',
        });
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'AuthOps',
        type: 'AWS::EC2::ClientVpnAuthorizationRule',
        action: 'add',
        rule: 'authorization-widened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.TargetNetworkCidr', 'Properties.AccessGroupId'],
        message: 'group ops is newly authorized to reach 10.8.0.0/16 (ops to the shared segment)',
        userImpact:
          'members of ops can reach 10.8.0.0/16, which base did not allow; check that the segment may be reached remotely',
      },
    ]);
  });

  test('without a description (or an empty one) the empty parentheses are stripped', () => {
    const expected = (resource: string) => ({
      cloud: 'aws',
      stack: 'org-prod-remote-access-apne1',
      resource,
      type: 'AWS::EC2::ClientVpnAuthorizationRule',
      action: 'add',
      rule: 'authorization-widened',
      severity: 'block',
      category: 'security',
      cause: ['Properties.TargetNetworkCidr', 'Properties.AccessGroupId'],
      message: 'group ops is newly authorized to reach 10.8.0.0/16',
      userImpact:
        'members of ops can reach 10.8.0.0/16, which base did not allow; check that the segment may be reached remotely',
    });
    expect(
      awsChange(staff(), (t) => {
        t.AuthOps = auth({ AccessGroupId: 'ops', TargetNetworkCidr: '10.8.0.0/16' });
        t.AuthOpsEmpty = auth({ AccessGroupId: 'ops', TargetNetworkCidr: '10.8.0.0/16', Description: '' });
      }),
    ).toEqual([expected('AuthOps'), expected('AuthOpsEmpty')]);
  });

  test('AuthorizeAllGroups in head: every connected user, whatever AccessGroupId says', () => {
    // staff already reaches 10.0.0.0/8: read as the staff group, this rule would be covered.
    const base = { AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/8' }) };
    expect(
      awsChange(base, (t) => {
        t.AuthAll = auth({
          AuthorizeAllGroups: true,
          AccessGroupId: 'staff',
          TargetNetworkCidr: '10.16.0.0/16',
          Description: 'all users',
        });
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'AuthAll',
        type: 'AWS::EC2::ClientVpnAuthorizationRule',
        action: 'add',
        rule: 'authorization-widened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.TargetNetworkCidr', 'Properties.AuthorizeAllGroups'],
        message: 'every connected user is newly authorized to reach 10.16.0.0/16 (all users)',
        userImpact:
          'every remote user can reach 10.16.0.0/16, which base did not allow; check that the segment may be reached remotely',
      },
    ]);
  });

  test('AuthorizeAllGroups false reads AccessGroupId', () => {
    const base = { AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/8' }) };
    expect(
      awsChange(base, (t) => {
        t.AuthStaff2 = auth({
          AuthorizeAllGroups: false,
          AccessGroupId: 'staff',
          TargetNetworkCidr: '10.16.0.0/16',
        });
      }),
    ).toEqual([]);
  });

  test('covered when base authorized every group to a containing network', () => {
    // AccessGroupId is ignored when AuthorizeAllGroups is true, in base as in head.
    const allGroups = {
      AuthAll: auth({ AuthorizeAllGroups: true, AccessGroupId: 'ignored', TargetNetworkCidr: '10.0.0.0/8' }),
    };
    expect(
      awsChange(allGroups, (t) => {
        t.AuthOps = auth({ AccessGroupId: 'ops', TargetNetworkCidr: '10.20.0.0/16' });
      }),
    ).toEqual([]);
    // A rule without AccessGroupId authorizes every group too.
    const noGroup = { AuthAny: auth({ TargetNetworkCidr: '10.0.0.0/8' }) };
    expect(
      awsChange(noGroup, (t) => {
        t.AuthOps = auth({ AccessGroupId: 'ops', TargetNetworkCidr: '10.20.0.0/16' });
      }),
    ).toEqual([]);
  });

  test('covered by the same network, by a containing one, up to its last block', () => {
    expect(
      awsChange(staff(), (t) => {
        t.AuthStaffMoved = auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/13' });
        t.AuthStaffLast = auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.7.255.0/24' });
        delete t.AuthStaff;
      }),
    ).toEqual([]);
  });

  test('a network only partly inside what the group reached is not covered', () => {
    const base = { AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/16' }) };
    expect(
      awsChange(base, (t) => {
        t.AuthStaff.Properties.TargetNetworkCidr = '10.0.0.0/15';
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'AuthStaff',
        type: 'AWS::EC2::ClientVpnAuthorizationRule',
        action: 'add',
        rule: 'authorization-widened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.TargetNetworkCidr', 'Properties.AccessGroupId'],
        message: 'group staff is newly authorized to reach 10.0.0.0/15',
        userImpact:
          'members of staff can reach 10.0.0.0/15, which base did not allow; check that the segment may be reached remotely',
      },
    ]);
  });

  test('another group is not covered by what staff reached', () => {
    expect(
      awsChange(staff(), (t) => {
        t.AuthOps = auth({ AccessGroupId: 'ops', TargetNetworkCidr: '10.1.0.0/16' });
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'AuthOps',
        type: 'AWS::EC2::ClientVpnAuthorizationRule',
        action: 'add',
        rule: 'authorization-widened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.TargetNetworkCidr', 'Properties.AccessGroupId'],
        message: 'group ops is newly authorized to reach 10.1.0.0/16',
        userImpact:
          'members of ops can reach 10.1.0.0/16, which base did not allow; check that the segment may be reached remotely',
      },
    ]);
  });

  test('rules are keyed per stack: a group or every group in another stack covers nothing', () => {
    const base = handTree({
      [STACK]: {
        Resources: { AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/8' }) },
      },
      [OTHER]: {
        Resources: { AuthAll: auth({ AuthorizeAllGroups: true, TargetNetworkCidr: '10.0.0.0/8' }) },
      },
    });
    const head = handTree({
      [STACK]: {
        Resources: {
          AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/8' }),
          AuthOps: auth({ AccessGroupId: 'ops', TargetNetworkCidr: '10.2.0.0/16' }),
        },
      },
      [OTHER]: {
        Resources: {
          AuthAll: auth({ AuthorizeAllGroups: true, TargetNetworkCidr: '10.0.0.0/8' }),
          AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.1.0.0/16' }),
        },
      },
    });
    // OTHER/AuthStaff is covered by OTHER's every-group rule; STACK/AuthOps by nothing in STACK.
    expect(reviewSecurity(base, head)).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'AuthOps',
        type: 'AWS::EC2::ClientVpnAuthorizationRule',
        action: 'add',
        rule: 'authorization-widened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.TargetNetworkCidr', 'Properties.AccessGroupId'],
        message: 'group ops is newly authorized to reach 10.2.0.0/16',
        userImpact:
          'members of ops can reach 10.2.0.0/16, which base did not allow; check that the segment may be reached remotely',
      },
    ]);
    const headOther = handTree({
      [STACK]: {
        Resources: { AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/8' }) },
      },
      [OTHER]: {
        Resources: { AuthStaffOther: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.1.0.0/16' }) },
      },
    });
    const baseStaff = handTree({
      [STACK]: {
        Resources: { AuthStaff: auth({ AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/8' }) },
      },
    });
    expect(reviewSecurity(baseStaff, headOther)).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-shared-apne1',
        resource: 'AuthStaffOther',
        type: 'AWS::EC2::ClientVpnAuthorizationRule',
        action: 'add',
        rule: 'authorization-widened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.TargetNetworkCidr', 'Properties.AccessGroupId'],
        message: 'group staff is newly authorized to reach 10.1.0.0/16',
        userImpact:
          'members of staff can reach 10.1.0.0/16, which base did not allow; check that the segment may be reached remotely',
      },
    ]);
  });

  test('a new rule without AccessGroupId is read as (every group)', () => {
    expect(
      awsChange({}, (t) => {
        t.AuthAny = auth({ TargetNetworkCidr: '10.30.0.0/16' });
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'AuthAny',
        type: 'AWS::EC2::ClientVpnAuthorizationRule',
        action: 'add',
        rule: 'authorization-widened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.TargetNetworkCidr', 'Properties.AccessGroupId'],
        message: 'group (every group) is newly authorized to reach 10.30.0.0/16',
        userImpact:
          'members of (every group) can reach 10.30.0.0/16, which base did not allow; check that the segment may be reached remotely',
      },
    ]);
  });
});

describe('security group rules', () => {
  const sg = (ingress?: Json[], egress?: Json[], meta: string | undefined = 'Sg') => ({
    Type: 'AWS::EC2::SecurityGroup',
    ...(meta ? { Metadata: path(meta) } : {}),
    Properties: {
      GroupDescription: 'client vpn',
      ...(ingress ? { SecurityGroupIngress: ingress } : {}),
      ...(egress ? { SecurityGroupEgress: egress } : {}),
    },
  });
  const https = (peer: Json) => ({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ...peer });
  const base = () => ({
    Sg: sg([https({ CidrIp: '10.0.0.0/13' })], [{ IpProtocol: '-1', CidrIp: '10.0.0.0/13' }]),
  });

  test('an inline ingress rule from a network base did not allow warns', () => {
    expect(
      awsChange(base(), (t) => {
        t.Sg.Properties.SecurityGroupIngress.push(https({ CidrIp: '10.16.0.0/16' }));
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Sg',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 443-443 from 10.16.0.0/16 is newly allowed on Sg',
        userImpact: 'traffic from 10.16.0.0/16 that base did not allow now passes',
      },
    ]);
  });

  test('inside a network base allowed on the same protocol and ports: nothing', () => {
    expect(
      awsChange(base(), (t) => {
        t.Sg.Properties.SecurityGroupIngress.push(https({ CidrIp: '10.1.0.0/16' }));
      }),
    ).toEqual([]);
  });

  test('the same protocol on other ports, or other protocol on the same ports, is not covered', () => {
    const widened = (message: string) => ({
      cloud: 'aws',
      stack: 'org-prod-remote-access-apne1',
      resource: 'Sg',
      type: 'AWS::EC2::SecurityGroup',
      action: 'update',
      rule: 'security-rule-widened',
      severity: 'warn',
      category: 'security',
      cause: ['Properties.SecurityGroupIngress'],
      message,
      userImpact: 'traffic from 10.1.0.0/16 that base did not allow now passes',
    });
    expect(
      awsChange(base(), (t) => {
        t.Sg.Properties.SecurityGroupIngress.push(
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.1.0.0/16' },
          { IpProtocol: 'tcp', FromPort: 443, ToPort: 444, CidrIp: '10.1.0.0/16' },
          { IpProtocol: 'udp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.0/16' },
        );
      }),
    ).toEqual([
      widened('ingress tcp 22-22 from 10.1.0.0/16 is newly allowed on Sg'),
      widened('ingress tcp 443-444 from 10.1.0.0/16 is newly allowed on Sg'),
      widened('ingress udp 443-443 from 10.1.0.0/16 is newly allowed on Sg'),
    ]);
  });

  test("protocol '-1' in base covers any protocol and port in the same direction only", () => {
    expect(
      awsChange(base(), (t) => {
        t.Sg.Properties.SecurityGroupEgress.push({
          IpProtocol: 'tcp',
          FromPort: 5432,
          ToPort: 5432,
          CidrIp: '10.2.0.0/16',
        });
      }),
    ).toEqual([]);
    // Base allows all egress to 10.0.0.0/13 and no ingress: ingress from inside it is new.
    const egressOnly = { Sg: sg(undefined, [{ IpProtocol: '-1', CidrIp: '10.0.0.0/13' }]) };
    expect(
      awsChange(egressOnly, (t) => {
        t.Sg.Properties.SecurityGroupIngress = [{ IpProtocol: '-1', CidrIp: '10.1.0.0/16' }];
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Sg',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress all traffic from 10.1.0.0/16 is newly allowed on Sg',
        userImpact: 'traffic from 10.1.0.0/16 that base did not allow now passes',
      },
    ]);
  });

  test('egress: all traffic to, or a port to, a network base did not allow', () => {
    const ingressOnly = { Sg: sg([https({ CidrIp: '10.0.0.0/13' })]) };
    expect(
      awsChange(ingressOnly, (t) => {
        t.Sg.Properties.SecurityGroupEgress = [
          https({ CidrIp: '10.1.0.0/16' }),
          { IpProtocol: '-1', CidrIp: '10.16.0.0/16' },
        ];
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Sg',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupEgress'],
        message: 'egress tcp 443-443 to 10.1.0.0/16 is newly allowed on Sg',
        userImpact: 'traffic to 10.1.0.0/16 that base did not allow now passes',
      },
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Sg',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupEgress'],
        message: 'egress all traffic to 10.16.0.0/16 is newly allowed on Sg',
        userImpact: 'traffic to 10.16.0.0/16 that base did not allow now passes',
      },
    ]);
  });

  test("missing ports read as '*', a missing protocol as all traffic", () => {
    const widened = (message: string, userImpact: string) => ({
      cloud: 'aws',
      stack: 'org-prod-remote-access-apne1',
      resource: 'Sg',
      type: 'AWS::EC2::SecurityGroup',
      action: 'update',
      rule: 'security-rule-widened',
      severity: 'warn',
      category: 'security',
      cause: ['Properties.SecurityGroupIngress'],
      message,
      userImpact,
    });
    expect(
      awsChange(base(), (t) => {
        t.Sg.Properties.SecurityGroupIngress.push(
          { IpProtocol: 'tcp', CidrIp: '10.16.0.0/16' },
          { IpProtocol: 'udp', FromPort: 500, CidrIp: '10.16.0.0/16' },
          { IpProtocol: 'udp', ToPort: 4500, CidrIp: '10.16.0.0/16' },
          { CidrIp: '10.17.0.0/16' },
        );
      }),
    ).toEqual([
      widened(
        'ingress tcp *-* from 10.16.0.0/16 is newly allowed on Sg',
        'traffic from 10.16.0.0/16 that base did not allow now passes',
      ),
      widened(
        'ingress udp 500-* from 10.16.0.0/16 is newly allowed on Sg',
        'traffic from 10.16.0.0/16 that base did not allow now passes',
      ),
      widened(
        'ingress udp *-4500 from 10.16.0.0/16 is newly allowed on Sg',
        'traffic from 10.16.0.0/16 that base did not allow now passes',
      ),
      widened(
        'ingress all traffic from 10.17.0.0/16 is newly allowed on Sg',
        'traffic from 10.17.0.0/16 that base did not allow now passes',
      ),
    ]);
  });

  test('peers: IPv6, security groups (an object as JSON), prefix lists, none', () => {
    const added = (direction: 'ingress' | 'egress', message: string, userImpact: string) => ({
      cloud: 'aws',
      stack: 'org-prod-remote-access-apne1',
      resource: 'Peers',
      type: 'AWS::EC2::SecurityGroup',
      action: 'add',
      rule: 'security-rule-widened',
      severity: 'warn',
      category: 'security',
      cause: [direction === 'ingress' ? 'Properties.SecurityGroupIngress' : 'Properties.SecurityGroupEgress'],
      message,
      userImpact,
    });
    expect(
      awsChange({}, (t) => {
        t.Peers = sg(
          [
            https({ CidrIpv6: '2001:db8::/56' }),
            https({ SourceSecurityGroupId: { 'Fn::GetAtt': ['Bastion', 'GroupId'] } }),
            https({ SourcePrefixListId: 'pl-0123' }),
            https({}),
          ],
          [https({ DestinationSecurityGroupId: 'sg-0abc' }), https({ DestinationPrefixListId: 'pl-4567' })],
          'Peers',
        );
      }),
    ).toEqual([
      added(
        'ingress',
        'ingress tcp 443-443 from 2001:db8::/56 is newly allowed on Peers',
        'traffic from 2001:db8::/56 that base did not allow now passes',
      ),
      added(
        'ingress',
        'ingress tcp 443-443 from {"Fn::GetAtt":["Bastion","GroupId"]} is newly allowed on Peers',
        'traffic from {"Fn::GetAtt":["Bastion","GroupId"]} that base did not allow now passes',
      ),
      added(
        'ingress',
        'ingress tcp 443-443 from pl-0123 is newly allowed on Peers',
        'traffic from pl-0123 that base did not allow now passes',
      ),
      added(
        'ingress',
        'ingress tcp 443-443 from "" is newly allowed on Peers',
        'traffic from "" that base did not allow now passes',
      ),
      added(
        'egress',
        'egress tcp 443-443 to sg-0abc is newly allowed on Peers',
        'traffic to sg-0abc that base did not allow now passes',
      ),
      added(
        'egress',
        'egress tcp 443-443 to pl-4567 is newly allowed on Peers',
        'traffic to pl-4567 that base did not allow now passes',
      ),
    ]);
  });

  test('a peer that is no IPv4 network is covered by the same text only', () => {
    const peers = {
      Sg: sg([https({ CidrIpv6: '2001:db8::/56' }), https({ SourceSecurityGroupId: 'sg-0abc' })]),
    };
    expect(awsChange(peers, () => {})).toEqual([]);
    expect(
      awsChange(peers, (t) => {
        t.Sg.Properties.SecurityGroupIngress.push(https({ SourceSecurityGroupId: 'sg-0def' }));
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Sg',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 443-443 from sg-0def is newly allowed on Sg',
        userImpact: 'traffic from sg-0def that base did not allow now passes',
      },
    ]);
  });

  test('open to the internet (0.0.0.0/0, ::/0) blocks', () => {
    expect(
      awsChange(base(), (t) => {
        t.Sg.Properties.SecurityGroupIngress.push(https({ CidrIp: '0.0.0.0/0' }));
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Sg',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-open',
        severity: 'block',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 443-443 from 0.0.0.0/0 is newly allowed on Sg',
        userImpact: 'the resource is open to the internet',
      },
    ]);
  });

  test('standalone ingress and egress resources, by type, updated or added', () => {
    const standalone = (type: string, props: Json) => ({
      Type: type,
      Properties: { GroupId: { Ref: 'Sg' }, ...props },
    });
    const before = {
      IngressLdaps: standalone('AWS::EC2::SecurityGroupIngress', {
        IpProtocol: 'tcp',
        FromPort: 636,
        ToPort: 636,
        CidrIp: '10.0.0.0/13',
      }),
      EgressDns: standalone('AWS::EC2::SecurityGroupEgress', {
        IpProtocol: 'udp',
        FromPort: 53,
        ToPort: 53,
        CidrIp: '10.0.0.2/32',
      }),
    };
    expect(awsChange(before, () => {})).toEqual([]);
    const head = {
      EgressAll: standalone('AWS::EC2::SecurityGroupEgress', { IpProtocol: '-1', CidrIpv6: '::/0' }),
      IngressHttps: standalone('AWS::EC2::SecurityGroupIngress', https({ CidrIp: '0.0.0.0/0' })),
      IngressLdaps: standalone('AWS::EC2::SecurityGroupIngress', {
        IpProtocol: 'tcp',
        FromPort: 636,
        ToPort: 636,
        CidrIp: '10.0.0.0/8',
      }),
      EgressDns: clone(before.EgressDns),
    };
    expect(awsReview(before, head)).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'IngressHttps',
        type: 'AWS::EC2::SecurityGroupIngress',
        action: 'add',
        rule: 'security-rule-open',
        severity: 'block',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 443-443 from 0.0.0.0/0 is newly allowed on IngressHttps',
        userImpact: 'the resource is open to the internet',
      },
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'IngressLdaps',
        type: 'AWS::EC2::SecurityGroupIngress',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 636-636 from 10.0.0.0/8 is newly allowed on IngressLdaps',
        userImpact: 'traffic from 10.0.0.0/8 that base did not allow now passes',
      },
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'EgressAll',
        type: 'AWS::EC2::SecurityGroupEgress',
        action: 'add',
        rule: 'security-rule-open',
        severity: 'block',
        category: 'security',
        cause: ['Properties.SecurityGroupEgress'],
        message: 'egress all traffic to ::/0 is newly allowed on EgressAll',
        userImpact: 'the resource is open to the internet',
      },
    ]);
  });

  test('matched by construct path when the logical ID changes; a new path is a new group', () => {
    const before = { SgOld: sg([https({ CidrIp: '10.0.0.0/13' })], undefined, 'Net/Sg') };
    expect(
      awsReview(before, {
        SgNew: sg([https({ CidrIp: '10.0.0.0/13' }), https({ CidrIp: '10.8.0.0/16' })], undefined, 'Net/Sg'),
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'SgNew',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 443-443 from 10.8.0.0/16 is newly allowed on SgNew',
        userImpact: 'traffic from 10.8.0.0/16 that base did not allow now passes',
      },
    ]);
    expect(
      awsReview(before, { SgOld: sg([https({ CidrIp: '10.0.0.0/13' })], undefined, 'Net/Moved') }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'SgOld',
        type: 'AWS::EC2::SecurityGroup',
        action: 'add',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 443-443 from 10.0.0.0/13 is newly allowed on SgOld',
        userImpact: 'traffic from 10.0.0.0/13 that base did not allow now passes',
      },
    ]);
  });

  test('without a construct path, matched by logical ID', () => {
    const plain = {
      PlainA: sg([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/16' }], undefined, ''),
      PlainB: sg([{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.1.0.0/16' }], undefined, ''),
    };
    expect(awsChange(plain, () => {})).toEqual([]);
    expect(
      awsChange(plain, (t) => {
        t.PlainA.Properties.SecurityGroupIngress.push({
          IpProtocol: 'tcp',
          FromPort: 22,
          ToPort: 22,
          CidrIp: '10.2.0.0/16',
        });
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'PlainA',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 22-22 from 10.2.0.0/16 is newly allowed on PlainA',
        userImpact: 'traffic from 10.2.0.0/16 that base did not allow now passes',
      },
    ]);
  });
});

describe('Client VPN endpoint: authentication and connection logging', () => {
  const endpoint = (types: string[] | undefined, log: Json, meta = 'tier-0/Endpoint') => ({
    Type: 'AWS::EC2::ClientVpnEndpoint',
    Metadata: path(meta),
    Properties: {
      ...(types ? { AuthenticationOptions: types.map((Type) => ({ Type })) } : {}),
      ...(log === undefined ? {} : { ConnectionLogOptions: log }),
    },
  });
  const LOGGED = { Enabled: true, CloudwatchLogGroup: 'logs' };
  // Listed out of order on purpose: the messages list the types sorted.
  const base = () => ({
    Endpoint: endpoint(['federated-authentication', 'certificate-authentication'], LOGGED),
  });
  const weakened = (resource: string, message: string, userImpact: string) => ({
    cloud: 'aws',
    stack: 'org-prod-remote-access-apne1',
    resource,
    type: 'AWS::EC2::ClientVpnEndpoint',
    action: 'update',
    rule: 'authentication-weakened',
    severity: 'block',
    category: 'security',
    cause: ['Properties.AuthenticationOptions'],
    message,
    userImpact,
  });

  test('SAML dropped: a stolen device certificate is enough', () => {
    expect(
      awsChange(base(), (t) => {
        t.Endpoint = endpoint(['certificate-authentication'], LOGGED);
      }),
    ).toEqual([
      weakened(
        'Endpoint',
        'Endpoint drops federated-authentication (was certificate-authentication + federated-authentication, now certificate-authentication)',
        'users connect with only certificate-authentication: a stolen device certificate is enough',
      ),
    ]);
  });

  test('certificate dropped: a stolen password or session is enough', () => {
    expect(
      awsChange(base(), (t) => {
        t.Endpoint = endpoint(['federated-authentication'], LOGGED);
      }),
    ).toEqual([
      weakened(
        'Endpoint',
        'Endpoint drops certificate-authentication (was certificate-authentication + federated-authentication, now federated-authentication)',
        'users connect with only federated-authentication: a stolen password or session is enough',
      ),
    ]);
  });

  test('two of three dropped, joined with "and", listed sorted', () => {
    const three = {
      Endpoint: endpoint(
        ['federated-authentication', 'directory-service-authentication', 'certificate-authentication'],
        LOGGED,
      ),
    };
    expect(
      awsChange(three, (t) => {
        t.Endpoint = endpoint(['directory-service-authentication'], LOGGED);
      }),
    ).toEqual([
      weakened(
        'Endpoint',
        'Endpoint drops certificate-authentication and federated-authentication (was certificate-authentication + directory-service-authentication + federated-authentication, now directory-service-authentication)',
        'users connect with only directory-service-authentication: a stolen password or session is enough',
      ),
    ]);
  });

  test('every option removed: now none, no authentication', () => {
    const expected = weakened(
      'Endpoint',
      'Endpoint drops certificate-authentication and federated-authentication (was certificate-authentication + federated-authentication, now none)',
      'users connect with no authentication: a stolen password or session is enough',
    );
    expect(
      awsChange(base(), (t) => {
        t.Endpoint = endpoint([], LOGGED);
      }),
    ).toEqual([expected]);
    expect(
      awsChange(base(), (t) => {
        t.Endpoint = endpoint(undefined, LOGGED);
      }),
    ).toEqual([expected]);
  });

  test('matched by construct path when the logical ID changes', () => {
    expect(
      awsChange(base(), (t) => {
        delete t.Endpoint;
        t.EndpointV2 = endpoint(['certificate-authentication'], LOGGED);
      }),
    ).toEqual([
      weakened(
        'EndpointV2',
        'EndpointV2 drops federated-authentication (was certificate-authentication + federated-authentication, now certificate-authentication)',
        'users connect with only certificate-authentication: a stolen device certificate is enough',
      ),
    ]);
  });

  test('an endpoint base did not have is not compared', () => {
    expect(
      awsChange(base(), (t) => {
        t.EndpointNew = endpoint([], undefined, 'tier-1/Endpoint');
      }),
    ).toEqual([]);
  });

  test('connection logging turned off or removed', () => {
    const off = {
      cloud: 'aws',
      stack: 'org-prod-remote-access-apne1',
      resource: 'Endpoint',
      type: 'AWS::EC2::ClientVpnEndpoint',
      action: 'update',
      rule: 'logging-disabled',
      severity: 'block',
      category: 'security',
      cause: ['Properties.ConnectionLogOptions.Enabled'],
      message: 'connection logging of Endpoint is turned off',
      userImpact:
        'who connected when, from where, is no longer recorded: incident investigation and audits lose their evidence',
    };
    expect(
      awsChange(base(), (t) => {
        t.Endpoint.Properties.ConnectionLogOptions.Enabled = false;
      }),
    ).toEqual([off]);
    expect(
      awsChange(base(), (t) => {
        delete t.Endpoint.Properties.ConnectionLogOptions;
      }),
    ).toEqual([off]);
  });

  test('an endpoint without properties in head: authentication first, then logging', () => {
    expect(
      awsChange(base(), (t) => {
        delete t.Endpoint.Properties;
      }),
    ).toEqual([
      weakened(
        'Endpoint',
        'Endpoint drops certificate-authentication and federated-authentication (was certificate-authentication + federated-authentication, now none)',
        'users connect with no authentication: a stolen password or session is enough',
      ),
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Endpoint',
        type: 'AWS::EC2::ClientVpnEndpoint',
        action: 'update',
        rule: 'logging-disabled',
        severity: 'block',
        category: 'security',
        cause: ['Properties.ConnectionLogOptions.Enabled'],
        message: 'connection logging of Endpoint is turned off',
        userImpact:
          'who connected when, from where, is no longer recorded: incident investigation and audits lose their evidence',
      },
    ]);
  });

  test('base not logging: nothing to turn off', () => {
    const unlogged = {
      Endpoint: endpoint(['certificate-authentication'], { Enabled: false }),
    };
    expect(
      awsChange(unlogged, (t) => {
        delete t.Endpoint.Properties.ConnectionLogOptions;
      }),
    ).toEqual([]);
    expect(
      awsChange(unlogged, (t) => {
        t.Endpoint.Properties.ConnectionLogOptions.Enabled = true;
      }),
    ).toEqual([]);
    // Base options that are no object (e.g. a token list) do not count as logging.
    const listed = { Endpoint: endpoint(['certificate-authentication'], [{ Enabled: true }]) };
    expect(
      awsChange(listed, (t) => {
        delete t.Endpoint.Properties.ConnectionLogOptions;
      }),
    ).toEqual([]);
  });
});

describe('encryption removed, public endpoints, trail and bucket', () => {
  const encrypted = () => ({
    Logs: { Type: 'AWS::Logs::LogGroup', Metadata: path('Logs'), Properties: { KmsKeyId: 'arn:key' } },
    Archive: {
      Type: 'AWS::S3::Bucket',
      Metadata: path('Archive'),
      Properties: {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
        },
      },
    },
    Trail: {
      Type: 'AWS::CloudTrail::Trail',
      Metadata: path('Trail'),
      Properties: { KMSKeyId: 'arn:key', IsLogging: true },
    },
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Metadata: path('Table'),
      Properties: { SSESpecification: { SSEEnabled: true, KMSMasterKeyId: 'arn:key' } },
    },
    Topic: { Type: 'AWS::SNS::Topic', Metadata: path('Topic'), Properties: { KmsMasterKeyId: 'arn:key' } },
    Secret: {
      Type: 'AWS::SecretsManager::Secret',
      Metadata: path('Secret'),
      Properties: { KmsKeyId: 'arn:key' },
    },
  });
  const removed = (resource: string, type: string, cause: string, message: string) => ({
    cloud: 'aws',
    stack: 'org-prod-remote-access-apne1',
    resource,
    type,
    action: 'update',
    rule: 'encryption-removed',
    severity: 'block',
    category: 'security',
    cause: [cause],
    message,
    userImpact: 'logs or records are stored without customer-managed encryption',
  });

  test('each encryption property removed', () => {
    expect(
      awsChange(encrypted(), (t) => {
        delete t.Logs.Properties.KmsKeyId;
        delete t.Archive.Properties.BucketEncryption;
        delete t.Trail.Properties.KMSKeyId;
        delete t.Table.Properties.SSESpecification;
        delete t.Topic.Properties.KmsMasterKeyId;
        delete t.Secret.Properties.KmsKeyId;
      }),
    ).toEqual([
      removed(
        'Logs',
        'AWS::Logs::LogGroup',
        'Properties.KmsKeyId',
        "Logs no longer sets KmsKeyId: its data is no longer encrypted with the project's key",
      ),
      removed(
        'Archive',
        'AWS::S3::Bucket',
        'Properties.BucketEncryption',
        "Archive no longer sets BucketEncryption: its data is no longer encrypted with the project's key",
      ),
      removed(
        'Trail',
        'AWS::CloudTrail::Trail',
        'Properties.KMSKeyId',
        "Trail no longer sets KMSKeyId: its data is no longer encrypted with the project's key",
      ),
      removed(
        'Table',
        'AWS::DynamoDB::Table',
        'Properties.SSESpecification',
        "Table no longer sets SSESpecification: its data is no longer encrypted with the project's key",
      ),
      removed(
        'Topic',
        'AWS::SNS::Topic',
        'Properties.KmsMasterKeyId',
        "Topic no longer sets KmsMasterKeyId: its data is no longer encrypted with the project's key",
      ),
      removed(
        'Secret',
        'AWS::SecretsManager::Secret',
        'Properties.KmsKeyId',
        "Secret no longer sets KmsKeyId: its data is no longer encrypted with the project's key",
      ),
    ]);
    // A resource whose properties are all gone.
    expect(
      awsChange(encrypted(), (t) => {
        delete t.Logs.Properties;
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Logs',
        type: 'AWS::Logs::LogGroup',
        action: 'update',
        rule: 'encryption-removed',
        severity: 'block',
        category: 'security',
        cause: ['Properties.KmsKeyId'],
        message: "Logs no longer sets KmsKeyId: its data is no longer encrypted with the project's key",
        userImpact: 'logs or records are stored without customer-managed encryption',
      },
    ]);
  });

  test('a key changed, a key added, or never set: nothing', () => {
    expect(
      awsChange(encrypted(), (t) => {
        t.Logs.Properties.KmsKeyId = 'arn:other-key';
      }),
    ).toEqual([]);
    const plain = { Logs: { Type: 'AWS::Logs::LogGroup', Metadata: path('Logs'), Properties: {} } };
    expect(awsChange(plain, () => {})).toEqual([]);
    expect(
      awsChange(plain, (t) => {
        t.Logs.Properties.KmsKeyId = 'arn:key';
      }),
    ).toEqual([]);
    const bare = { Logs: { Type: 'AWS::Logs::LogGroup', Metadata: path('Logs') } };
    expect(awsChange(bare, () => {})).toEqual([]);
  });

  test('each public type added, with its description', () => {
    const added = (resource: string, type: string, message: string) => ({
      cloud: 'aws',
      stack: 'org-prod-remote-access-apne1',
      resource,
      type,
      action: 'add',
      rule: 'public-endpoint-added',
      severity: 'block',
      category: 'security',
      cause: ['Type'],
      message,
      userImpact: 'a new path from the internet into the platform, which is closed by design',
    });
    expect(
      awsReview(
        {},
        {
          Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
          Eip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
          FnUrl: { Type: 'AWS::Lambda::Url', Properties: { AuthType: 'NONE' } },
          Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: {} },
          RestApi: { Type: 'AWS::ApiGateway::RestApi', Properties: {} },
          HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
          Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
        },
      ),
    ).toEqual([
      added(
        'Igw',
        'AWS::EC2::InternetGateway',
        'Igw adds an internet gateway (the VPC becomes reachable from the internet once routed)',
      ),
      added('Eip', 'AWS::EC2::EIP', 'Eip adds an Elastic IP address'),
      added('FnUrl', 'AWS::Lambda::Url', 'FnUrl adds a public Lambda function URL'),
      added('Alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'Alb adds a load balancer'),
      added('RestApi', 'AWS::ApiGateway::RestApi', 'RestApi adds an API Gateway API'),
      added('HttpApi', 'AWS::ApiGatewayV2::Api', 'HttpApi adds an API Gateway API'),
    ]);
  });

  test('a public type base already had (also under a new logical ID): nothing', () => {
    const before = {
      Igw: { Type: 'AWS::EC2::InternetGateway', Metadata: path('Vpc/Igw'), Properties: {} },
      Eip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
    };
    expect(awsChange(before, () => {})).toEqual([]);
    expect(
      awsChange(before, (t) => {
        t.IgwV2 = t.Igw;
        delete t.Igw;
      }),
    ).toEqual([]);
  });

  test('CloudTrail stops logging (false or unset); still logging or never logging: nothing', () => {
    const stops = {
      cloud: 'aws',
      stack: 'org-prod-remote-access-apne1',
      resource: 'Trail',
      type: 'AWS::CloudTrail::Trail',
      action: 'update',
      rule: 'logging-disabled',
      severity: 'block',
      category: 'security',
      cause: ['Properties.IsLogging'],
      message: 'CloudTrail trail Trail stops logging',
      userImpact: 'API activity is no longer recorded',
    };
    const trail = (isLogging: unknown) => ({
      Trail: {
        Type: 'AWS::CloudTrail::Trail',
        Metadata: path('Trail'),
        Properties: { IsLogging: isLogging },
      },
    });
    expect(
      awsChange(trail(true), (t) => {
        t.Trail.Properties.IsLogging = false;
      }),
    ).toEqual([stops]);
    expect(
      awsChange(trail(true), (t) => {
        delete t.Trail.Properties.IsLogging;
      }),
    ).toEqual([stops]);
    expect(awsChange(trail(true), () => {})).toEqual([]);
    expect(
      awsChange(trail(false), (t) => {
        delete t.Trail.Properties.IsLogging;
      }),
    ).toEqual([]);
    // IsLogging of another type is not a trail's.
    const other = { Audit: { Type: 'Custom::AuditTrail', Properties: { IsLogging: true } } };
    expect(
      awsChange(other, (t) => {
        t.Audit.Properties.IsLogging = false;
      }),
    ).toEqual([]);
  });

  test('the public access block of a bucket changed or removed', () => {
    const blocked = () => ({
      Archive: {
        Type: 'AWS::S3::Bucket',
        Metadata: path('Archive'),
        Properties: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
        },
      },
    });
    const loosened = {
      cloud: 'aws',
      stack: 'org-prod-remote-access-apne1',
      resource: 'Archive',
      type: 'AWS::S3::Bucket',
      action: 'update',
      rule: 'public-access-loosened',
      severity: 'block',
      category: 'security',
      cause: ['Properties.PublicAccessBlockConfiguration.BlockPublicPolicy'],
      message: 'the public access block of bucket Archive no longer sets BlockPublicPolicy',
      userImpact: 'the audit archive may become readable from outside',
    };
    expect(
      awsChange(blocked(), (t) => {
        t.Archive.Properties.PublicAccessBlockConfiguration.BlockPublicPolicy = false;
      }),
    ).toEqual([loosened]);
    const all = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
    expect(
      awsChange(blocked(), (t) => {
        delete t.Archive.Properties.PublicAccessBlockConfiguration;
      }),
    ).toEqual([
      {
        ...loosened,
        cause: all.map((k) => `Properties.PublicAccessBlockConfiguration.${k}`),
        message: `the public access block of bucket Archive no longer sets ${all.join(', ')}`,
      },
    ]);
    expect(awsChange(blocked(), () => {})).toEqual([]);
    // Tightening is not a finding: base blocked less than head does.
    const open = blocked();
    open.Archive.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets = false;
    expect(
      awsChange(open, (t) => {
        t.Archive.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets = true;
      }),
    ).toEqual([]);
    // A setting that was off and stays off is not loosened by another one's change.
    expect(
      awsChange(open, (t) => {
        delete t.Archive.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets;
      }),
    ).toEqual([]);
    // Absent in base: nothing to loosen.
    expect(
      awsChange({ Archive: { Type: 'AWS::S3::Bucket', Metadata: path('Archive'), Properties: {} } }, (t) => {
        t.Archive.Properties.PublicAccessBlockConfiguration = { BlockPublicAcls: false };
      }),
    ).toEqual([]);
    // The same property on another type is not a bucket's.
    const accessPoint = {
      Ap: {
        Type: 'AWS::S3::AccessPoint',
        Properties: { PublicAccessBlockConfiguration: { BlockPublicAcls: true } },
      },
    };
    expect(
      awsChange(accessPoint, (t) => {
        t.Ap.Properties.PublicAccessBlockConfiguration.BlockPublicAcls = false;
      }),
    ).toEqual([]);
  });

  test('a flow log removed; kept under a new logical ID, or another type removed: nothing', () => {
    const before = {
      FlowLog: {
        Type: 'AWS::EC2::FlowLog',
        Metadata: path('Vpc/FlowLog'),
        Properties: { ResourceType: 'VPC' },
      },
      Logs: { Type: 'AWS::Logs::LogGroup', Metadata: path('Logs'), Properties: {} },
    };
    expect(
      awsChange(before, (t) => {
        delete t.FlowLog;
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'FlowLog',
        type: 'AWS::EC2::FlowLog',
        action: 'delete',
        rule: 'logging-disabled',
        severity: 'block',
        category: 'security',
        cause: ['removed from the template'],
        message: 'VPC flow log FlowLog is removed',
        userImpact: 'network traffic of the VPC is no longer recorded',
      },
    ]);
    expect(
      awsChange(before, (t) => {
        t.FlowLogV2 = t.FlowLog;
        delete t.FlowLog;
      }),
    ).toEqual([]);
    expect(
      awsChange(before, (t) => {
        delete t.Logs;
      }),
    ).toEqual([]);
  });
});

describe('Azure VPN server configuration: authentication', () => {
  const APP = 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8';
  const config = (types: string[] | undefined, aad?: Json) => ({
    name: 'vpnsc-hub',
    ...(types ? { vpn_authentication_types: types } : {}),
    ...(aad ? { azure_active_directory_authentication: aad } : {}),
  });
  const policy = (controls: string[] | undefined, apps: string[] | undefined, state = 'enabled') => ({
    display_name: 'cap-staff-vpn-device',
    state,
    conditions: {
      ...(apps ? { applications: { included_applications: apps } } : {}),
      users: { included_groups: ['grp-staff'] },
    },
    ...(controls ? { grant_controls: { operator: 'OR', built_in_controls: controls } } : {}),
  });
  const aad = [{ audience: APP, issuer: 'https://sts.windows.net/t/', tenant: 'https://login/t' }];
  const servers = (types: string[]) => ({ azurerm_vpn_server_configuration: { config: config(types) } });

  test('Certificate dropped: weakened, was A + B, now C', () => {
    expect(
      azureChange(servers(['Certificate', 'AAD']), (t) => {
        t.azurerm_vpn_server_configuration.config.vpn_authentication_types = ['AAD'];
      }),
    ).toEqual([
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_vpn_server_configuration.config',
        type: 'azurerm_vpn_server_configuration',
        action: 'update',
        rule: 'authentication-weakened',
        severity: 'block',
        category: 'security',
        cause: ['vpn_authentication_types'],
        message:
          'azurerm_vpn_server_configuration.config drops Certificate authentication (was Certificate + AAD, now AAD)',
        userImpact: 'point-to-site users authenticate with AAD only',
      },
    ]);
  });

  test('every type removed (or the list unset): now none, with nothing', () => {
    const expected = {
      cloud: 'azure',
      stack: 'az-hub',
      resource: 'azurerm_vpn_server_configuration.config',
      type: 'azurerm_vpn_server_configuration',
      action: 'update',
      rule: 'authentication-weakened',
      severity: 'block',
      category: 'security',
      cause: ['vpn_authentication_types'],
      message:
        'azurerm_vpn_server_configuration.config drops Certificate and AAD authentication (was Certificate + AAD, now none)',
      userImpact: 'point-to-site users authenticate with nothing only',
    };
    expect(
      azureChange(servers(['Certificate', 'AAD']), (t) => {
        t.azurerm_vpn_server_configuration.config.vpn_authentication_types = [];
      }),
    ).toEqual([expected]);
    expect(
      azureChange(servers(['Certificate', 'AAD']), (t) => {
        delete t.azurerm_vpn_server_configuration.config.vpn_authentication_types;
      }),
    ).toEqual([expected]);
  });

  test('a configuration base did not have is not compared', () => {
    expect(azureReview({}, { azurerm_vpn_server_configuration: { config: config([]) } })).toEqual([]);
  });

  test('Certificate replaced by Conditional Access on a managed device: substituted, listing the policies', () => {
    const head = {
      azurerm_vpn_server_configuration: { config: config(['AAD'], aad) },
      azuread_conditional_access_policy: {
        staff: policy(['compliantDevice'], [APP]),
        // No display name: the address stands for it.
        admin: {
          state: 'enabled',
          conditions: policy([], [APP]).conditions,
          grant_controls: { built_in_controls: ['domainJoinedDevice'] },
        },
        mfa: { ...policy(['mfa'], [APP]), display_name: 'cap-mfa' },
        other: { ...policy(['compliantDevice'], ['another-app']), display_name: 'cap-other' },
      },
    };
    expect(azureReview(servers(['Certificate', 'AAD']), head)).toEqual([
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_vpn_server_configuration.config',
        type: 'azurerm_vpn_server_configuration',
        action: 'update',
        rule: 'authentication-substituted',
        severity: 'info',
        category: 'security',
        cause: ['vpn_authentication_types'],
        message:
          'azurerm_vpn_server_configuration.config drops Certificate; Conditional Access (cap-staff-vpn-device, azuread_conditional_access_policy.admin) requires a compliant or domain-joined device for its VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
        userImpact:
          'users connect with an Entra ID sign-in from a managed device; a certificate alone no longer admits, and either-or access (certificate or Entra ID) ends',
      },
    ]);
  });

  test('blocks written as objects or as one-element lists read the same', () => {
    const head = {
      azurerm_vpn_server_configuration: { config: config(['AAD'], { audience: APP }) },
      azuread_conditional_access_policy: {
        staff: {
          display_name: 'cap-staff-vpn-device',
          state: 'enabled',
          conditions: [{ applications: { included_applications: [APP] } }],
          grant_controls: [{ built_in_controls: ['compliantDevice'] }],
        },
      },
    };
    expect(azureReview(servers(['Certificate', 'AAD']), head)).toEqual([
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_vpn_server_configuration.config',
        type: 'azurerm_vpn_server_configuration',
        action: 'update',
        rule: 'authentication-substituted',
        severity: 'info',
        category: 'security',
        cause: ['vpn_authentication_types'],
        message:
          'azurerm_vpn_server_configuration.config drops Certificate; Conditional Access (cap-staff-vpn-device) requires a compliant or domain-joined device for its VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
        userImpact:
          'users connect with an Entra ID sign-in from a managed device; a certificate alone no longer admits, and either-or access (certificate or Entra ID) ends',
      },
    ]);
  });

  test('substituted Certificate, and another type lost besides: both findings', () => {
    const head = {
      azurerm_vpn_server_configuration: { config: config(['AAD'], aad) },
      azuread_conditional_access_policy: { staff: policy(['compliantDevice'], [APP]) },
    };
    expect(azureReview(servers(['Certificate', 'AAD', 'Radius']), head)).toEqual([
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_vpn_server_configuration.config',
        type: 'azurerm_vpn_server_configuration',
        action: 'update',
        rule: 'authentication-substituted',
        severity: 'info',
        category: 'security',
        cause: ['vpn_authentication_types'],
        message:
          'azurerm_vpn_server_configuration.config drops Certificate; Conditional Access (cap-staff-vpn-device) requires a compliant or domain-joined device for its VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
        userImpact:
          'users connect with an Entra ID sign-in from a managed device; a certificate alone no longer admits, and either-or access (certificate or Entra ID) ends',
      },
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_vpn_server_configuration.config',
        type: 'azurerm_vpn_server_configuration',
        action: 'update',
        rule: 'authentication-weakened',
        severity: 'block',
        category: 'security',
        cause: ['vpn_authentication_types'],
        message:
          'azurerm_vpn_server_configuration.config drops Radius authentication (was Certificate + AAD + Radius, now AAD)',
        userImpact: 'point-to-site users authenticate with AAD only',
      },
    ]);
  });

  test('no substitution without an audience, a device-requiring enabled policy for it, or AAD', () => {
    const weakened = {
      cloud: 'azure',
      stack: 'az-hub',
      resource: 'azurerm_vpn_server_configuration.config',
      type: 'azurerm_vpn_server_configuration',
      action: 'update',
      rule: 'authentication-weakened',
      severity: 'block',
      category: 'security',
      cause: ['vpn_authentication_types'],
      message:
        'azurerm_vpn_server_configuration.config drops Certificate authentication (was Certificate + AAD, now AAD)',
      userImpact: 'point-to-site users authenticate with AAD only',
    };
    const variants: [string, Json, Json][] = [
      ['no audience', config(['AAD']), policy(['compliantDevice'], [APP])],
      ['an audience-less block', config(['AAD'], [{ tenant: 't' }]), policy(['compliantDevice'], [APP])],
      ['mfa only', config(['AAD'], aad), policy(['mfa'], [APP])],
      ['disabled', config(['AAD'], aad), policy(['compliantDevice'], [APP], 'disabled')],
      ['another application', config(['AAD'], aad), policy(['compliantDevice'], ['another-app'])],
      ['no grant controls', config(['AAD'], aad), policy(undefined, [APP])],
      ['no applications', config(['AAD'], aad), policy(['compliantDevice'], undefined)],
      [
        'no conditions',
        config(['AAD'], aad),
        { display_name: 'x', state: 'enabled', grant_controls: { built_in_controls: ['compliantDevice'] } },
      ],
      [
        'no built-in controls',
        config(['AAD'], aad),
        { ...policy(['compliantDevice'], [APP]), grant_controls: { operator: 'OR' } },
      ],
    ];
    for (const [why, server, ca] of variants) {
      const found = azureReview(servers(['Certificate', 'AAD']), {
        azurerm_vpn_server_configuration: { config: server },
        azuread_conditional_access_policy: { staff: ca },
      });
      expect({ why, found }).toEqual({ why, found: [weakened] });
    }
    // Without AAD in head, Conditional Access does not stand in for the certificate.
    expect(
      azureReview(servers(['Certificate', 'Radius']), {
        azurerm_vpn_server_configuration: { config: config(['Radius'], aad) },
        azuread_conditional_access_policy: { staff: policy(['compliantDevice'], [APP]) },
      }),
    ).toEqual([
      {
        ...weakened,
        message:
          'azurerm_vpn_server_configuration.config drops Certificate authentication (was Certificate + Radius, now Radius)',
        userImpact: 'point-to-site users authenticate with Radius only',
      },
    ]);
    // Certificate not lost: nothing is substituted.
    expect(
      azureReview(servers(['AAD', 'Radius']), {
        azurerm_vpn_server_configuration: { config: config(['AAD'], aad) },
        azuread_conditional_access_policy: { staff: policy(['compliantDevice'], [APP]) },
      }),
    ).toEqual([
      {
        ...weakened,
        message:
          'azurerm_vpn_server_configuration.config drops Radius authentication (was AAD + Radius, now AAD)',
        userImpact: 'point-to-site users authenticate with AAD only',
      },
    ]);
  });
});

describe('Conditional Access that stood in for the certificate', () => {
  const APP = 'c632b3df-fb67-4d84-bdcf-b95ad541b5c8';
  const APP2 = '41b23e61-6c1e-4545-b367-cd054e0ed4b4';
  const policy = (apps = [APP]) => ({
    display_name: 'cap-staff-vpn-device',
    state: 'enabled',
    conditions: { applications: { included_applications: apps }, users: { included_groups: ['grp-staff'] } },
    grant_controls: { operator: 'OR', built_in_controls: ['compliantDevice', 'domainJoinedDevice'] },
  });
  const base = (apps = [APP]): Json => ({ azuread_conditional_access_policy: { device: policy(apps) } });
  const weakened = (action: string, cause: string, message: string) => ({
    cloud: 'azure',
    stack: 'az-hub',
    resource: 'azuread_conditional_access_policy.device',
    type: 'azuread_conditional_access_policy',
    action,
    rule: 'authentication-weakened',
    severity: 'block',
    category: 'security',
    cause: [cause],
    message,
    userImpact:
      'point-to-site users of that group are admitted by an Entra ID sign-in from any device: the second factor the profile asks for (the device) is gone',
  });

  test('the policy removed', () => {
    expect(azureReview(base(), {})).toEqual([
      weakened(
        'delete',
        'removed from the configuration',
        'Conditional Access policy cap-staff-vpn-device is removed for the VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
      ),
    ]);
  });

  test('the policy disabled, or its state unset', () => {
    expect(
      azureChange(base(), (t) => {
        t.azuread_conditional_access_policy.device.state = 'disabled';
      }),
    ).toEqual([
      weakened(
        'update',
        'state',
        'Conditional Access policy cap-staff-vpn-device is disabled for the VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
      ),
    ]);
    expect(
      azureChange(base(), (t) => {
        delete t.azuread_conditional_access_policy.device.state;
      }),
    ).toEqual([
      weakened(
        'update',
        'state',
        'Conditional Access policy cap-staff-vpn-device is not enabled for the VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
      ),
    ]);
  });

  test('the grant no longer requires a device', () => {
    expect(
      azureChange(base(), (t) => {
        t.azuread_conditional_access_policy.device.grant_controls.built_in_controls = ['mfa'];
      }),
    ).toEqual([
      weakened(
        'update',
        'grant_controls',
        'Conditional Access policy cap-staff-vpn-device no longer requires a compliant or domain-joined device for the VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
      ),
    ]);
  });

  test('applications lost are listed, joined with a comma', () => {
    expect(
      azureChange(base([APP, APP2]), (t) => {
        t.azuread_conditional_access_policy.device.conditions.applications.included_applications = [APP];
      }),
    ).toEqual([
      weakened(
        'update',
        'grant_controls',
        'Conditional Access policy cap-staff-vpn-device no longer requires a compliant or domain-joined device for the VPN application 41b23e61-6c1e-4545-b367-cd054e0ed4b4',
      ),
    ]);
    expect(azureReview(base([APP, APP2]), {})).toEqual([
      weakened(
        'delete',
        'removed from the configuration',
        'Conditional Access policy cap-staff-vpn-device is removed for the VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8, 41b23e61-6c1e-4545-b367-cd054e0ed4b4',
      ),
    ]);
  });

  test('without a display name the address stands for the policy', () => {
    const unnamed = base();
    delete unnamed.azuread_conditional_access_policy.device.display_name;
    expect(azureReview(unnamed, {})).toEqual([
      weakened(
        'delete',
        'removed from the configuration',
        'Conditional Access policy azuread_conditional_access_policy.device is removed for the VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
      ),
    ]);
  });

  test('matched by name: the head address is reported', () => {
    const named = { azuread_conditional_access_policy: { old: { ...policy(), name: 'cap-staff' } } };
    const head = {
      azuread_conditional_access_policy: { renamed: { ...policy(), name: 'cap-staff', state: 'disabled' } },
    };
    expect(azureReview(named, head)).toEqual([
      {
        ...weakened(
          'update',
          'state',
          'Conditional Access policy cap-staff-vpn-device is disabled for the VPN application c632b3df-fb67-4d84-bdcf-b95ad541b5c8',
        ),
        resource: 'azuread_conditional_access_policy.renamed',
      },
    ]);
  });

  test('unchanged, still requiring the device, or never requiring one: nothing', () => {
    expect(azureChange(base(), () => {})).toEqual([]);
    expect(
      azureChange(base(), (t) => {
        t.azuread_conditional_access_policy.device.conditions.users.included_groups = ['grp-other'];
        t.azuread_conditional_access_policy.device.grant_controls.built_in_controls = ['domainJoinedDevice'];
      }),
    ).toEqual([]);
    const mfa = base();
    mfa.azuread_conditional_access_policy.device.grant_controls.built_in_controls = ['mfa'];
    expect(azureReview(mfa, {})).toEqual([]);
    const disabled = base();
    disabled.azuread_conditional_access_policy.device.state = 'disabled';
    expect(azureReview(disabled, {})).toEqual([]);
  });
});

describe('Azure network security, firewall, public IPs, diagnostics', () => {
  const ldaps = {
    name: 'ldaps',
    access: 'Allow',
    direction: 'Inbound',
    protocol: 'Tcp',
    destination_port_range: '636',
    source_address_prefix: '10.0.0.0/13',
  };
  const nsgBase = () => ({
    azurerm_network_security_group: { nsg: { name: 'nsg-aadds', security_rule: [{ ...ldaps }] } },
  });
  const openNsg = (message: string) => ({
    cloud: 'azure',
    stack: 'az-hub',
    resource: 'azurerm_network_security_group.nsg',
    type: 'azurerm_network_security_group',
    action: 'update',
    rule: 'security-rule-open',
    severity: 'block',
    category: 'security',
    cause: ['security_rule'],
    message,
    userImpact: 'the subnet is open to the internet',
  });

  test('an inline rule with a list of sources and of ports, access matched case-insensitively', () => {
    expect(
      azureChange(nsgBase(), (t) => {
        t.azurerm_network_security_group.nsg.security_rule.push({
          name: 'web',
          access: 'allow',
          direction: 'Inbound',
          protocol: 'Tcp',
          destination_port_ranges: ['80', '443'],
          source_address_prefixes: ['10.16.0.0/16', 'Internet'],
        });
      }),
    ).toEqual([
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_network_security_group.nsg',
        type: 'azurerm_network_security_group',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['security_rule'],
        message:
          'Inbound Tcp ["80","443"] from 10.16.0.0/16 is newly allowed by azurerm_network_security_group.nsg',
        userImpact: 'traffic from 10.16.0.0/16 that base did not allow now passes',
      },
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_network_security_group.nsg',
        type: 'azurerm_network_security_group',
        action: 'update',
        rule: 'security-rule-open',
        severity: 'block',
        category: 'security',
        cause: ['security_rule'],
        message:
          'Inbound Tcp ["80","443"] from Internet is newly allowed by azurerm_network_security_group.nsg',
        userImpact: 'the subnet is open to the internet',
      },
    ]);
  });

  test("open sources '*', 'Internet', 'Any', 'any' block", () => {
    const rdp = (source: string) => ({
      name: `rdp-${source}`,
      access: 'Allow',
      direction: 'Inbound',
      protocol: 'Tcp',
      destination_port_range: '3389',
      source_address_prefix: source,
    });
    expect(
      azureChange(nsgBase(), (t) => {
        t.azurerm_network_security_group.nsg.security_rule.push(
          rdp('*'),
          rdp('Internet'),
          rdp('Any'),
          rdp('any'),
        );
      }),
    ).toEqual([
      openNsg('Inbound Tcp 3389 from * is newly allowed by azurerm_network_security_group.nsg'),
      openNsg('Inbound Tcp 3389 from Internet is newly allowed by azurerm_network_security_group.nsg'),
      openNsg('Inbound Tcp 3389 from Any is newly allowed by azurerm_network_security_group.nsg'),
      openNsg('Inbound Tcp 3389 from any is newly allowed by azurerm_network_security_group.nsg'),
    ]);
  });

  test('Deny rules, unchanged rules and groups without rules: nothing', () => {
    expect(
      azureChange(nsgBase(), (t) => {
        t.azurerm_network_security_group.nsg.security_rule.push({
          ...ldaps,
          name: 'deny-all',
          access: 'Deny',
          source_address_prefix: '*',
        });
      }),
    ).toEqual([]);
    expect(
      azureChange(nsgBase(), (t) => {
        t.azurerm_network_security_group.nsg.security_rule[0].priority = 200;
      }),
    ).toEqual([]);
    expect(azureReview({}, { azurerm_network_security_group: { empty: { name: 'nsg-empty' } } })).toEqual([]);
  });

  test('a new group: its rules are added', () => {
    expect(azureReview({}, nsgBase())).toEqual([
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_network_security_group.nsg',
        type: 'azurerm_network_security_group',
        action: 'add',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['security_rule'],
        message: 'Inbound Tcp 636 from 10.0.0.0/13 is newly allowed by azurerm_network_security_group.nsg',
        userImpact: 'traffic from 10.0.0.0/13 that base did not allow now passes',
      },
    ]);
  });

  test('a standalone rule: cause source_address_prefix, added or updated', () => {
    const ssh = {
      name: 'ssh',
      access: 'Allow',
      direction: 'Inbound',
      protocol: 'Tcp',
      destination_port_range: '22',
      source_address_prefix: '10.16.0.0/16',
    };
    const standalone = (action: string, message: string, userImpact: string) => ({
      cloud: 'azure',
      stack: 'az-hub',
      resource: 'azurerm_network_security_rule.ssh',
      type: 'azurerm_network_security_rule',
      action,
      rule: 'security-rule-widened',
      severity: 'warn',
      category: 'security',
      cause: ['source_address_prefix'],
      message,
      userImpact,
    });
    const rules = { azurerm_network_security_rule: { ssh } };
    expect(azureReview({}, rules)).toEqual([
      standalone(
        'add',
        'Inbound Tcp 22 from 10.16.0.0/16 is newly allowed by azurerm_network_security_rule.ssh',
        'traffic from 10.16.0.0/16 that base did not allow now passes',
      ),
    ]);
    expect(azureChange(rules, () => {})).toEqual([]);
    expect(
      azureChange(rules, (t) => {
        t.azurerm_network_security_rule.ssh.source_address_prefix = '10.17.0.0/16';
      }),
    ).toEqual([
      standalone(
        'update',
        'Inbound Tcp 22 from 10.17.0.0/16 is newly allowed by azurerm_network_security_rule.ssh',
        'traffic from 10.17.0.0/16 that base did not allow now passes',
      ),
    ]);
    expect(
      azureChange(rules, (t) => {
        t.azurerm_network_security_rule.ssh.access = 'Deny';
      }),
    ).toEqual([]);
  });

  test('firewall policy rule collection group changed: warn; unchanged or new: nothing', () => {
    const rcg = () => ({
      azurerm_firewall_policy_rule_collection_group: {
        hub: {
          name: 'rcg-hub',
          priority: 100,
          network_rule_collection: [
            { name: 'allow-dns', action: 'Allow', rule: [{ destination_ports: ['53'] }] },
          ],
        },
      },
      azurerm_firewall_policy: { hub: { name: 'fwp-hub', threat_intelligence_mode: 'Deny' } },
    });
    expect(
      azureChange(rcg(), (t) => {
        t.azurerm_firewall_policy_rule_collection_group.hub.network_rule_collection[0].rule[0].destination_ports =
          ['53', '443'];
      }),
    ).toEqual([
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_firewall_policy_rule_collection_group.hub',
        type: 'azurerm_firewall_policy_rule_collection_group',
        action: 'update',
        rule: 'firewall-rules-changed',
        severity: 'warn',
        category: 'security',
        cause: ['network_rule_collection', 'application_rule_collection'],
        message: 'firewall rules of azurerm_firewall_policy_rule_collection_group.hub change',
        userImpact: 'what the hub firewall lets through changes; read the rule diff in the details',
      },
    ]);
    expect(azureChange(rcg(), () => {})).toEqual([]);
    expect(azureReview({}, rcg())).toEqual([]);
    // Another type changed is not a rule collection group.
    expect(
      azureChange(rcg(), (t) => {
        t.azurerm_firewall_policy.hub.threat_intelligence_mode = 'Off';
      }),
    ).toEqual([]);
  });

  test('a public IP added blocks; an existing one or another new resource: nothing', () => {
    const pip = { azurerm_public_ip: { pip: { name: 'pip-vpngw' } } };
    expect(azureReview({}, pip)).toEqual([
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_public_ip.pip',
        type: 'azurerm_public_ip',
        action: 'add',
        rule: 'public-endpoint-added',
        severity: 'block',
        category: 'security',
        cause: ['type'],
        message: 'azurerm_public_ip.pip adds a public IP address',
        userImpact: 'a new path from the internet into the platform, which is closed by design',
      },
    ]);
    expect(azureChange(pip, () => {})).toEqual([]);
    expect(azureReview({}, { azurerm_resource_group: { rg: { name: 'rg-hub' } } })).toEqual([]);
  });

  test('a diagnostic setting removed: by its name, else its address', () => {
    const removed = (message: string) => ({
      cloud: 'azure',
      stack: 'az-hub',
      resource: 'azurerm_monitor_diagnostic_setting.diag',
      type: 'azurerm_monitor_diagnostic_setting',
      action: 'delete',
      rule: 'logging-disabled',
      severity: 'block',
      category: 'security',
      cause: ['removed from the configuration'],
      message,
      userImpact: 'gateway and connection logs of the resource no longer reach Log Analytics',
    });
    expect(azureReview({ azurerm_monitor_diagnostic_setting: { diag: { name: 'diag-p2s' } } }, {})).toEqual([
      removed('diagnostic setting diag-p2s is removed'),
    ]);
    expect(azureReview({ azurerm_monitor_diagnostic_setting: { diag: { target: 'x' } } }, {})).toEqual([
      removed('diagnostic setting azurerm_monitor_diagnostic_setting.diag is removed'),
    ]);
  });

  test('a diagnostic setting kept (also under a new address), or another type removed: nothing', () => {
    const diag = {
      azurerm_monitor_diagnostic_setting: { diag: { name: 'diag-p2s' } },
      azurerm_resource_group: { rg: { name: 'rg-hub' } },
    };
    expect(azureChange(diag, () => {})).toEqual([]);
    expect(
      azureReview(diag, {
        azurerm_monitor_diagnostic_setting: { diag_p2s: { name: 'diag-p2s' } },
        azurerm_resource_group: { rg: { name: 'rg-hub' } },
      }),
    ).toEqual([]);
    expect(
      azureChange(diag, (t) => {
        delete t.azurerm_resource_group;
      }),
    ).toEqual([]);
  });
});

describe('IAM permissions', () => {
  const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:x' };
  const policy = (statements: Json, type = 'AWS::IAM::Policy', meta = 'Role/DefaultPolicy') => ({
    Type: type,
    Metadata: path(meta),
    Properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements } },
  });
  const base = () => ({ Policy: policy([{ ...READ }]) });
  const granted = (resource: string, type: string, cause: string[], message: string, wildcard: boolean) => ({
    cloud: 'aws',
    stack: 'org-prod-remote-access-apne1',
    resource,
    type,
    action: 'update',
    rule: 'iam-permissions-added',
    severity: wildcard ? 'block' : 'warn',
    category: 'security',
    cause,
    message,
    userImpact: wildcard
      ? 'a wildcard permission: whoever holds the role can do far more than before'
      : 'the role can do more than before; check that each action is needed',
  });

  test('a statement with a Sid and an action list: warn, cause by Sid', () => {
    expect(
      awsChange(base(), (t) => {
        t.Policy.Properties.PolicyDocument.Statement.push({
          Sid: 'ReadStacks',
          Effect: 'Allow',
          Action: ['cloudformation:DescribeStacks'],
          Resource: '*',
        });
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Policy',
        type: 'AWS::IAM::Policy',
        action: 'update',
        rule: 'iam-permissions-added',
        severity: 'warn',
        category: 'security',
        cause: ['Statement ReadStacks'],
        message: 'Policy is granted cloudformation:DescribeStacks that base did not grant',
        userImpact: 'the role can do more than before; check that each action is needed',
      },
    ]);
  });

  test("'svc:*' and '*' block; 'svc:Get*' only warns; cause is the JSON of Action without a Sid", () => {
    expect(
      awsChange(base(), (t) => {
        t.Policy.Properties.PolicyDocument.Statement.push({
          Effect: 'Allow',
          Action: 'ec2:*',
          Resource: '*',
        });
      }),
    ).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Policy',
        type: 'AWS::IAM::Policy',
        action: 'update',
        rule: 'iam-permissions-added',
        severity: 'block',
        category: 'security',
        cause: ['Statement "ec2:*"'],
        message: 'Policy is granted ec2:* that base did not grant',
        userImpact: 'a wildcard permission: whoever holds the role can do far more than before',
      },
    ]);
    expect(
      awsChange(base(), (t) => {
        t.Policy.Properties.PolicyDocument.Statement.push({ Effect: 'Allow', Action: ['*'], Resource: '*' });
      }),
    ).toEqual([
      granted(
        'Policy',
        'AWS::IAM::Policy',
        ['Statement ["*"]'],
        'Policy is granted * that base did not grant',
        true,
      ),
    ]);
    expect(
      awsChange(base(), (t) => {
        t.Policy.Properties.PolicyDocument.Statement.push({
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:ListBucket'],
          Resource: '*',
        });
      }),
    ).toEqual([
      granted(
        'Policy',
        'AWS::IAM::Policy',
        ['Statement ["s3:Get*","s3:ListBucket"]'],
        'Policy is granted s3:Get*, s3:ListBucket that base did not grant',
        false,
      ),
    ]);
  });

  test('Deny statements and statements base had are ignored', () => {
    expect(
      awsChange(base(), (t) => {
        t.Policy.Properties.PolicyDocument.Statement.push({ Effect: 'Deny', Action: '*', Resource: '*' });
      }),
    ).toEqual([]);
    expect(
      awsChange(base(), (t) => {
        // Base's statement, its keys in another order, after a new Deny.
        t.Policy.Properties.PolicyDocument.Statement = [
          { Effect: 'Deny', Action: 'iam:*', Resource: '*' },
          { Resource: 'arn:x', Action: 's3:GetObject', Effect: 'Allow' },
        ];
      }),
    ).toEqual([]);
  });

  test('six actions listed whole; from seven on the rest is counted', () => {
    const actions = (n: number) => Array.from({ length: n }, (_, i) => `ssm:Action${i + 1}`);
    const add = (n: number) =>
      awsChange(base(), (t) => {
        t.Policy.Properties.PolicyDocument.Statement.push({
          Sid: 'Ssm',
          Effect: 'Allow',
          Action: actions(n),
          Resource: '*',
        });
      });
    expect(add(6)).toEqual([
      granted(
        'Policy',
        'AWS::IAM::Policy',
        ['Statement Ssm'],
        'Policy is granted ssm:Action1, ssm:Action2, ssm:Action3, ssm:Action4, ssm:Action5, ssm:Action6 that base did not grant',
        false,
      ),
    ]);
    expect(add(7)).toEqual([
      granted(
        'Policy',
        'AWS::IAM::Policy',
        ['Statement Ssm'],
        'Policy is granted ssm:Action1, ssm:Action2, ssm:Action3, ssm:Action4, ssm:Action5, ssm:Action6 (+1) that base did not grant',
        false,
      ),
    ]);
    expect(add(9)).toEqual([
      granted(
        'Policy',
        'AWS::IAM::Policy',
        ['Statement Ssm'],
        'Policy is granted ssm:Action1, ssm:Action2, ssm:Action3, ssm:Action4, ssm:Action5, ssm:Action6 (+3) that base did not grant',
        false,
      ),
    ]);
  });

  test('several statements: one finding, one cause each, their actions together', () => {
    expect(
      awsChange(base(), (t) => {
        t.Policy.Properties.PolicyDocument.Statement.push(
          { Sid: 'Describe', Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' },
          { Effect: 'Allow', Action: ['logs:*'], Resource: '*' },
        );
      }),
    ).toEqual([
      granted(
        'Policy',
        'AWS::IAM::Policy',
        ['Statement Describe', 'Statement ["logs:*"]'],
        'Policy is granted ec2:DescribeInstances, logs:* that base did not grant',
        true,
      ),
    ]);
  });

  test('managed policies and inline role policies, a single statement object, in type order', () => {
    const role = (policies: Json[]) => ({
      Type: 'AWS::IAM::Role',
      Metadata: path('Role'),
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } },
          ],
        },
        Policies: policies,
      },
    });
    const before = {
      Policy: policy([{ ...READ }]),
      Managed: policy([{ ...READ }], 'AWS::IAM::ManagedPolicy', 'Managed'),
      Role: role([{ PolicyName: 'read', PolicyDocument: { Statement: { ...READ } } }]),
    };
    const head = {
      // Listed first, reported last: Policy, then ManagedPolicy, then Role.
      Role: role([
        { PolicyName: 'read', PolicyDocument: { Statement: { ...READ } } },
        {
          PolicyName: 'logs',
          PolicyDocument: { Statement: { Effect: 'Allow', Action: 'logs:*', Resource: '*' } },
        },
      ]),
      Managed: policy(
        { Sid: 'Ssm', Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' },
        'AWS::IAM::ManagedPolicy',
        'Managed',
      ),
      Policy: policy([{ ...READ }, { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }]),
    };
    expect(awsReview(before, clone(before))).toEqual([]);
    expect(awsReview(before, head)).toEqual([
      granted(
        'Policy',
        'AWS::IAM::Policy',
        ['Statement "kms:Decrypt"'],
        'Policy is granted kms:Decrypt that base did not grant',
        false,
      ),
      granted(
        'Managed',
        'AWS::IAM::ManagedPolicy',
        ['Statement Ssm'],
        'Managed is granted ssm:GetParameter that base did not grant',
        false,
      ),
      granted(
        'Role',
        'AWS::IAM::Role',
        ['Statement "logs:*"'],
        'Role is granted logs:* that base did not grant',
        true,
      ),
    ]);
  });

  test('a role without inline policies, a policy without a document: nothing', () => {
    expect(
      awsReview(
        {},
        {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] },
            },
          },
          Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: {} },
          Bare: { Type: 'AWS::IAM::Policy' },
        },
      ),
    ).toEqual([]);
  });

  test('matched by construct path when the logical ID changes', () => {
    expect(
      awsChange(base(), (t) => {
        t.PolicyV2 = t.Policy;
        delete t.Policy;
      }),
    ).toEqual([]);
    expect(
      awsChange(base(), (t) => {
        t.PolicyV2 = t.Policy;
        delete t.Policy;
        t.PolicyV2.Properties.PolicyDocument.Statement.push({
          Sid: 'Kms',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
        });
      }),
    ).toEqual([
      granted(
        'PolicyV2',
        'AWS::IAM::Policy',
        ['Statement Kms'],
        'PolicyV2 is granted kms:Decrypt that base did not grant',
        false,
      ),
    ]);
  });
});

describe('reviewSecurity', () => {
  test('findings in order: IAM, authorization, security groups, endpoint, encryption, Azure', () => {
    const base = {
      Policy: {
        Type: 'AWS::IAM::Policy',
        Metadata: path('Role/DefaultPolicy'),
        Properties: {
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
        },
      },
      AuthStaff: {
        Type: 'AWS::EC2::ClientVpnAuthorizationRule',
        Properties: { AccessGroupId: 'staff', TargetNetworkCidr: '10.0.0.0/13' },
      },
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Metadata: path('Sg'),
        Properties: {
          SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/13' }],
        },
      },
      Endpoint: {
        Type: 'AWS::EC2::ClientVpnEndpoint',
        Metadata: path('Endpoint'),
        Properties: {
          AuthenticationOptions: [
            { Type: 'certificate-authentication' },
            { Type: 'federated-authentication' },
          ],
        },
      },
      Logs: { Type: 'AWS::Logs::LogGroup', Metadata: path('Logs'), Properties: { KmsKeyId: 'arn:key' } },
    };
    // Head lists the resources in the opposite order: the order comes from the review.
    const head = {
      Logs: { Type: 'AWS::Logs::LogGroup', Metadata: path('Logs'), Properties: {} },
      Endpoint: {
        Type: 'AWS::EC2::ClientVpnEndpoint',
        Metadata: path('Endpoint'),
        Properties: { AuthenticationOptions: [{ Type: 'certificate-authentication' }] },
      },
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Metadata: path('Sg'),
        Properties: {
          SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.16.0.0/16' }],
        },
      },
      AuthOps: {
        Type: 'AWS::EC2::ClientVpnAuthorizationRule',
        Properties: { AccessGroupId: 'ops', TargetNetworkCidr: '10.8.0.0/16' },
      },
      Policy: {
        Type: 'AWS::IAM::Policy',
        Metadata: path('Role/DefaultPolicy'),
        Properties: {
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }] },
        },
      },
    };
    const found = reviewSecurity(
      handTree(
        { [STACK]: { Resources: base } },
        { [AZ]: { resource: { azurerm_monitor_diagnostic_setting: { diag: { name: 'diag-p2s' } } } } },
      ),
      handTree({ [STACK]: { Resources: head } }, { [AZ]: { resource: {} } }),
    );
    expect(found).toEqual([
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Policy',
        type: 'AWS::IAM::Policy',
        action: 'update',
        rule: 'iam-permissions-added',
        severity: 'warn',
        category: 'security',
        cause: ['Statement "ec2:DescribeVpcs"'],
        message: 'Policy is granted ec2:DescribeVpcs that base did not grant',
        userImpact: 'the role can do more than before; check that each action is needed',
      },
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'AuthOps',
        type: 'AWS::EC2::ClientVpnAuthorizationRule',
        action: 'add',
        rule: 'authorization-widened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.TargetNetworkCidr', 'Properties.AccessGroupId'],
        message: 'group ops is newly authorized to reach 10.8.0.0/16',
        userImpact:
          'members of ops can reach 10.8.0.0/16, which base did not allow; check that the segment may be reached remotely',
      },
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Sg',
        type: 'AWS::EC2::SecurityGroup',
        action: 'update',
        rule: 'security-rule-widened',
        severity: 'warn',
        category: 'security',
        cause: ['Properties.SecurityGroupIngress'],
        message: 'ingress tcp 443-443 from 10.16.0.0/16 is newly allowed on Sg',
        userImpact: 'traffic from 10.16.0.0/16 that base did not allow now passes',
      },
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Endpoint',
        type: 'AWS::EC2::ClientVpnEndpoint',
        action: 'update',
        rule: 'authentication-weakened',
        severity: 'block',
        category: 'security',
        cause: ['Properties.AuthenticationOptions'],
        message:
          'Endpoint drops federated-authentication (was certificate-authentication + federated-authentication, now certificate-authentication)',
        userImpact:
          'users connect with only certificate-authentication: a stolen device certificate is enough',
      },
      {
        cloud: 'aws',
        stack: 'org-prod-remote-access-apne1',
        resource: 'Logs',
        type: 'AWS::Logs::LogGroup',
        action: 'update',
        rule: 'encryption-removed',
        severity: 'block',
        category: 'security',
        cause: ['Properties.KmsKeyId'],
        message: "Logs no longer sets KmsKeyId: its data is no longer encrypted with the project's key",
        userImpact: 'logs or records are stored without customer-managed encryption',
      },
      {
        cloud: 'azure',
        stack: 'az-hub',
        resource: 'azurerm_monitor_diagnostic_setting.diag',
        type: 'azurerm_monitor_diagnostic_setting',
        action: 'delete',
        rule: 'logging-disabled',
        severity: 'block',
        category: 'security',
        cause: ['removed from the configuration'],
        message: 'diagnostic setting diag-p2s is removed',
        userImpact: 'gateway and connection logs of the resource no longer reach Log Analytics',
      },
    ]);
  });
});
