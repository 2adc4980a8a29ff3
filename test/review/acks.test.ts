import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIssue } from '../../lib/profile/issues';
import { acksJsonSchema, applyAcks, parseAcks, verdictOf } from '../../lib/review/acks';
import { readSynthTree } from '../../lib/review/artifacts';
import { ReviewInputError } from '../../lib/review/errors';
import { makeFinding } from '../../lib/review/finding';

const replaced = makeFinding({
  severity: 'block',
  category: 'replacement',
  rule: 'stateful-replaced',
  cloud: 'aws',
  stack: 'hyogo-prod-remote-access-apne1',
  resource: 'Endpoint',
  type: 'AWS::EC2::ClientVpnEndpoint',
  action: 'replacement',
  cause: ['Properties.ClientCidrBlock'],
  message: 'replaced',
  userImpact: 'every user is dropped',
});
const capacity = makeFinding({
  severity: 'block',
  category: 'capacity',
  rule: 'capacity-below-target',
  cloud: 'aws',
  stack: '',
  resource: '',
  type: '',
  cause: [],
  message: 'short',
  userImpact: 'users cannot connect',
});

const yamlFor = (fingerprint: string, expires: string) =>
  `acknowledgements:\n  - fingerprint: ${fingerprint}\n    reason: maintenance window approved by CAB\n    reference: CR-1234\n    expires: ${expires}\n`;

describe('acknowledgements', () => {
  test('fingerprints are stable and depend on what changed, not on the wording', () => {
    const again = makeFinding({ ...replaced, message: 'other words', userImpact: 'x' } as never);
    expect(again.id).toBe(replaced.id);
    expect(makeFinding({ ...replaced, cause: ['Properties.TransportProtocol'] } as never).id).not.toBe(
      replaced.id,
    );
    expect(replaced.id).toMatch(/^[0-9a-f]{16}$/);
  });

  test('a valid acknowledgement stops a finding from blocking', () => {
    const load = parseAcks(yamlFor(replaced.id, '2026-12-31'), 'acks.yaml');
    if (!load.ok) throw new Error(load.issues.map((i) => formatIssue(i)).join('\n'));
    expect(verdictOf([replaced])).toBe('block');
    const { findings, report } = applyAcks([replaced], load.acknowledgements, '2026-12-01');
    expect(findings[0]!.acknowledged).toBe(true);
    expect(verdictOf(findings)).toBe('pass');
    expect(report.applied.map((a) => a.fingerprint)).toEqual([replaced.id]);
  });

  test('an expired acknowledgement no longer applies and is reported', () => {
    const load = parseAcks(yamlFor(replaced.id, '2026-11-30'), 'acks.yaml');
    if (!load.ok) throw new Error('invalid');
    const { findings, report } = applyAcks([replaced], load.acknowledgements, '2026-12-01');
    expect(verdictOf(findings)).toBe('block');
    expect(report.expired).toEqual([
      { fingerprint: replaced.id, expires: '2026-11-30', reference: 'CR-1234' },
    ]);
    // The last day still counts.
    expect(verdictOf(applyAcks([replaced], load.acknowledgements, '2026-11-30').findings)).toBe('pass');
  });

  test('an acknowledgement that matches nothing is reported as unmatched', () => {
    const load = parseAcks(yamlFor('00000000deadbeef', '2026-12-31'), 'acks.yaml');
    if (!load.ok) throw new Error('invalid');
    const { report } = applyAcks([replaced], load.acknowledgements, '2026-12-01');
    expect(report.unmatched).toEqual([{ fingerprint: '00000000deadbeef', reference: 'CR-1234' }]);
  });

  test('capacity below target cannot be acknowledged', () => {
    expect(capacity.acknowledgeable).toBe(false);
    const load = parseAcks(yamlFor(capacity.id, '2026-12-31'), 'acks.yaml');
    if (!load.ok) throw new Error('invalid');
    const { findings, report } = applyAcks([capacity], load.acknowledgements, '2026-12-01');
    expect(verdictOf(findings)).toBe('block');
    expect(report.refused).toHaveLength(1);
  });

  test('bad files name the field, the line and the fix', () => {
    const load = parseAcks(
      'acknowledgements:\n  - fingerprint: nothex\n    reason: short\n    reference: CR\n    expires: 31/12/2026\n',
      'acks.yaml',
    );
    expect(load.ok).toBe(false);
    if (load.ok) return;
    const lines = load.issues.map((i) => formatIssue(i, load.file));
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^acks\.yaml:2: acknowledgements\[0\]\.fingerprint: must be the 16-character id/,
        ),
        expect.stringMatching(/^acks\.yaml:3: acknowledgements\[0\]\.reason: must say why/),
        expect.stringMatching(/^acks\.yaml:5: acknowledgements\[0\]\.expires: must be a date YYYY-MM-DD/),
      ]),
    );
    const dup = parseAcks(
      `${yamlFor(replaced.id, '2026-12-31')}${yamlFor(replaced.id, '2026-12-31').replace('acknowledgements:\n', '')}`,
      'a.yaml',
    );
    expect(dup.ok).toBe(false);
    const syntax = parseAcks('acknowledgements: [', 'a.yaml');
    expect(syntax.ok).toBe(false);
    const unknown = parseAcks('acknowledgement: []\n', 'a.yaml');
    expect(unknown.ok).toBe(false);
  });
});

test('config/review-acks.schema.json is the schema of the acknowledgements file', () => {
  const committed = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'config', 'review-acks.schema.json'), 'utf8'),
  );
  expect(committed).toEqual(acksJsonSchema());
});

test('a synth tree that does not exist is bad input (exit 2 in the CLI), with the path in the message', () => {
  expect(() => readSynthTree('/nonexistent/tree')).toThrow(ReviewInputError);
  expect(() => readSynthTree('/nonexistent/tree')).toThrow(/\/nonexistent\/tree: no such directory/);
});

test('an empty directory is an empty deployment (a profile new in this pull request)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsunagi-empty-'));
  try {
    expect(readSynthTree(dir)).toMatchObject({ empty: true, aws: new Map(), azure: new Map() });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
