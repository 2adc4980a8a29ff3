/**
 * The one way to make a Finding: computes its fingerprint from what identifies the change
 * (never from the wording of the message) and whether it may be acknowledged.
 */
import { createHash } from 'node:crypto';
import { type Finding, UNACKNOWLEDGEABLE_RULES } from './types';

export type FindingInput = Omit<Finding, 'id' | 'acknowledgeable' | 'acknowledged' | 'acknowledgement'>;

/**
 * Fingerprint of a finding: rule, cloud, stack, resource, type, action and the sorted
 * cause paths. The same change gives the same id on every run and on every machine.
 */
export function fingerprint(input: FindingInput): string {
  const key = [
    input.rule,
    input.cloud,
    input.stack,
    input.resource,
    input.type,
    input.action ?? '',
    [...input.cause].sort().join(','),
  ].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export function makeFinding(input: FindingInput): Finding {
  return {
    ...input,
    id: fingerprint(input),
    cause: [...input.cause],
    acknowledgeable: !UNACKNOWLEDGEABLE_RULES.has(input.rule),
    acknowledged: false,
  };
}
