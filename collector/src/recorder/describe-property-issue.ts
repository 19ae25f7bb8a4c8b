import type { RejectionCode } from '@eventline/protocol';
import type { z } from 'zod';
import { describeValue } from './describe-value';

const fixes: Record<string, string> = {
  string: 'send it as text',
  number: 'send it as a number, without quotes',
  boolean: 'send true or false',
};

/** The rejection for a property that fails its definition, in the sender's words: field, expected, fix. */
export function describePropertyIssue(issue: z.core.$ZodIssue, properties: Record<string, unknown>, eventId: string): { code: RejectionCode; path: string; message: string } {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    return {
      code: 'unknown_property',
      path: `properties.${key}`,
      message: `properties.${key}: unknown property — it is neither a preset property nor defined on ${eventId}; add it to the definition or leave it out`,
    };
  }
  const key = String(issue.path[0]);
  const path = `properties.${key}`;
  const got = properties[key];
  if (got === undefined || (got === null && issue.code === 'invalid_type')) {
    return { code: 'missing_property', path, message: `${path}: missing — the definition of ${eventId} requires it; send it` };
  }
  if (issue.code === 'invalid_type') {
    return { code: 'invalid_property', path, message: `${path}: expected ${issue.expected}, got ${describeValue(got)} — ${fixes[issue.expected] ?? `send a ${issue.expected}`}` };
  }
  return {
    code: 'invalid_property',
    path,
    message: `${path}: expected an ISO 8601 datetime with a time zone, got ${describeValue(got)} — send it as 2026-11-27T10:00:00+08:00 or …Z`,
  };
}
