import type { RejectionCode } from '@eventline/protocol';
import type { z } from 'zod';
import { describeValue } from './describe-value';

interface FieldRule {
  code: RejectionCode;
  expected: string;
  fix: string;
}

const timeHow = 'send an ISO 8601 string or epoch milliseconds';

/** What each envelope field must be and how to fix it, by its top-level name or `name.*` for what it holds. */
const rules: Record<string, FieldRule> = {
  uuid: { code: 'invalid_uuid', expected: 'a UUID', fix: 'send a UUID per event (crypto.randomUUID(), or UUIDv7): a resent event with the same uuid is stored once' },
  event: { code: 'invalid_event', expected: 'the id of an event definition', fix: 'send a definition id such as page_view or cl_add_to_cart (GET /v1/definitions lists them)' },
  time: { code: 'invalid_time', expected: 'an ISO 8601 string or epoch milliseconds', fix: timeHow },
  anonymousId: { code: 'invalid_identity', expected: 'a string of 1 to 256 characters', fix: 'send the anonymous id as a string, or leave the field out' },
  identities: { code: 'invalid_identity', expected: 'an object of identity type to value', fix: 'send identities as {"email": "ann@shop.example"}' },
  'identities.*': { code: 'invalid_identity', expected: 'a string', fix: 'send each identity value as a string' },
  properties: { code: 'invalid_property', expected: 'an object of property id to value', fix: 'send properties as {"cl_count": 2}' },
  'properties.*': { code: 'invalid_property', expected: 'a string, number, boolean or null', fix: 'send nested data flattened into properties of their own' },
  tags: { code: 'invalid_tags', expected: 'an array of strings', fix: 'send tags as ["summer-sale"]' },
  'tags.*': { code: 'invalid_tags', expected: 'a string', fix: 'send each tag as a string' },
  context: { code: 'invalid_event', expected: 'an object', fix: 'send context as an object, or leave it out' },
};

const missingFixes: Record<string, string> = {
  time: timeHow,
  uuid: 'send a UUID per event (crypto.randomUUID(), or UUIDv7); with a server key, leave every uuid out and send an Idempotency-Key header instead',
  event: 'send the id of an event definition, such as page_view or cl_add_to_cart',
};

const at = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined), value);

/**
 * The rejection for a failed envelope check (wireEventSchema), in the sender's words: the field as sent,
 * what it should have been and how to fix it — not zod's "Invalid input".
 */
export function describeEnvelopeIssue(issue: z.core.$ZodIssue, raw: Record<string, unknown>): { code: RejectionCode; path: string; message: string } {
  const path = issue.path.map(String).join('.');
  const field = String(issue.path[0] ?? '');
  const rule = rules[issue.path.length > 1 ? `${field}.*` : field] ?? rules[field];
  if (!rule) return { code: 'invalid_event', path, message: `${path || 'event'}: ${issue.message}` };
  const got = at(raw, issue.path);
  if (got === undefined) {
    return { code: rule.code, path, message: `${path}: missing — ${missingFixes[field] ?? rule.fix}` };
  }
  if (issue.code === 'invalid_key') {
    return { code: rule.code, path: field, message: `${field}: the key "${String(issue.path.at(-1) ?? '')}" is too long — ${rule.fix}` };
  }
  return { code: rule.code, path, message: `${path}: expected ${rule.expected}, got ${describeValue(got)} — ${rule.fix}` };
}
