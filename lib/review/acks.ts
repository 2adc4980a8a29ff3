/**
 * Acknowledgements of review findings: config/review-acks.yaml lists the fingerprints a
 * person has looked at and accepted, each with a reason, a reference (ticket, change
 * request, maintenance notice) and an expiry date. Validated like profiles: every problem
 * names the field path, the line, the value and the fix; nothing here throws for bad input.
 *
 * An acknowledged finding stops blocking. An expired acknowledgement no longer applies; an
 * acknowledgement that matches no finding is reported so stale entries get removed; findings
 * of the rules in UNACKNOWLEDGEABLE_RULES (capacity below target, every endpoint of a tier
 * replaced at once) cannot be acknowledged, and an attempt is reported as refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { type IssuePath, issue, type ProfileIssue } from '../profile/issues';
import { fromZodIssues } from '../profile/zod-issues';
import type { AckReport, Finding } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The editor schema of the acknowledgements file (docs/review.md), named in fixes. */
const ACKS_SCHEMA_FILE = 'config/review-acks.schema.json';

export const acknowledgementSchema = z
  .strictObject({
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'must be the 16-character id of a finding (`id` in the review JSON)')
      .describe('The `id` of the finding, as printed in the review comment and JSON.'),
    reason: z
      .string()
      .min(10, 'must say why the change is acceptable (at least 10 characters)')
      .describe('Why the finding is acceptable: e.g. the maintenance window and who approved it.'),
    reference: z
      .string()
      .min(1)
      .describe('Where the decision is recorded: a change request, ticket or pull-request URL.'),
    expires: z
      .string()
      .regex(ISO_DATE, 'must be a date YYYY-MM-DD')
      // Date.parse rolls 2026-02-30 over to 2 March: a real date reads back as itself.
      .refine((s) => isCalendarDate(s), 'is not a real date')
      .describe('Last day (UTC) on which the acknowledgement applies; afterwards the finding blocks again.'),
  })
  .describe('One acknowledged finding.');

export const acksFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Editor schema reference; ignored.'),
    acknowledgements: z
      .array(acknowledgementSchema)
      .default([])
      .describe('Findings of `tsunagi review` that a person has accepted.'),
  })
  .describe('Acknowledged findings of `tsunagi review` (docs/review.md).');

export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/** True when `yyyy-mm-dd` names a day of the calendar (not 2026-02-30 or 2026-13-01). */
function isCalendarDate(text: string): boolean {
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

export function acksJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(acksFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://tsunagi.example/review-acks.schema.json',
    title: 'Tsunagi review acknowledgements',
  };
}

export type AcksLoad =
  | { readonly ok: true; readonly file: string; readonly acknowledgements: readonly Acknowledgement[] }
  | { readonly ok: false; readonly file: string; readonly issues: readonly ProfileIssue[] };

function lineOf(doc: Document, counter: LineCounter, path: IssuePath): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return undefined;
}

/** Parses and validates acknowledgements from YAML text. */
export function parseAcks(text: string, file: string): AcksLoad {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      file,
      issues: doc.errors.map((e) => ({
        ...issue([], `is not valid YAML: ${e.message.split('\n')[0]}`, undefined, 'fix the YAML syntax'),
        // With prettyErrors off the parser leaves linePos unset: the offset gives the line.
        line: counter.linePos(e.pos[0]).line,
      })),
    };
  }
  const raw: unknown = doc.toJS() ?? {};
  const parsed = acksFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      file,
      issues: fromZodIssues(raw, parsed.error.issues, ACKS_SCHEMA_FILE).map((i) => ({
        ...i,
        line: lineOf(doc, counter, i.path),
      })),
    };
  }
  const issues: ProfileIssue[] = [];
  const seen = new Map<string, number>();
  parsed.data.acknowledgements.forEach((a, i) => {
    const first = seen.get(a.fingerprint);
    if (first !== undefined) {
      const path = ['acknowledgements', i, 'fingerprint'];
      issues.push({
        ...issue(path, `repeats acknowledgements[${first}]`, a.fingerprint, 'keep one entry per fingerprint'),
        line: lineOf(doc, counter, path),
      });
    } else seen.set(a.fingerprint, i);
  });
  if (issues.length > 0) return { ok: false, file, issues };
  return { ok: true, file, acknowledgements: parsed.data.acknowledgements };
}

/** Reads an acknowledgements file; a missing file is an error only when `required`. */
export function loadAcks(path: string, required: boolean): AcksLoad {
  const file = relative(process.cwd(), path) || path;
  if (!existsSync(path)) {
    if (!required) return { ok: true, file, acknowledgements: [] };
    return {
      ok: false,
      file,
      issues: [issue([], 'does not exist', path, 'pass the path of an existing acknowledgements file')],
    };
  }
  return parseAcks(readFileSync(path, 'utf8'), file);
}

/** True once `today` (YYYY-MM-DD, UTC) is after the acknowledgement's last day. */
export function isExpired(ack: Acknowledgement, today: string): boolean {
  return ack.expires < today;
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Marks the findings that valid acknowledgements cover and reports every acknowledgement
 * that is expired, unmatched or refused. Pure: `today` is passed in.
 */
export function applyAcks(
  findings: readonly Finding[],
  acknowledgements: readonly Acknowledgement[],
  today: string,
): { findings: Finding[]; report: AckReport } {
  const byFingerprint = new Map(acknowledgements.map((a) => [a.fingerprint, a]));
  const matched = new Set<string>();
  const report: {
    applied: AckReport['applied'][number][];
    expired: AckReport['expired'][number][];
    unmatched: AckReport['unmatched'][number][];
    refused: AckReport['refused'][number][];
  } = { applied: [], expired: [], unmatched: [], refused: [] };
  const out = findings.map((finding): Finding => {
    const ack = byFingerprint.get(finding.id);
    if (!ack) return finding;
    matched.add(ack.fingerprint);
    if (isExpired(ack, today)) return finding;
    if (!finding.acknowledgeable) {
      report.refused.push({
        fingerprint: ack.fingerprint,
        why: `${finding.rule} cannot be acknowledged: ${finding.message}`,
      });
      return finding;
    }
    if (!report.applied.some((a) => a.fingerprint === ack.fingerprint))
      report.applied.push({
        fingerprint: ack.fingerprint,
        reason: ack.reason,
        reference: ack.reference,
        expires: ack.expires,
      });
    return {
      ...finding,
      acknowledged: true,
      acknowledgement: { reason: ack.reason, reference: ack.reference, expires: ack.expires },
    };
  });
  for (const ack of acknowledgements) {
    if (isExpired(ack, today))
      report.expired.push({ fingerprint: ack.fingerprint, expires: ack.expires, reference: ack.reference });
    else if (!matched.has(ack.fingerprint))
      report.unmatched.push({ fingerprint: ack.fingerprint, reference: ack.reference });
  }
  return { findings: out, report };
}

/** `block` when any blocking finding is not acknowledged. */
export function verdictOf(findings: readonly Finding[]): 'pass' | 'block' {
  return findings.some((f) => f.severity === 'block' && !f.acknowledged) ? 'block' : 'pass';
}
