import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssue } from './describe-issue';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((i) => describeIssue(i));
};

describe('describeIssue', () => {
  const body = z
    .object({
      from: z.union([z.string(), z.number()]),
      name: z.string().min(1).max(5),
      steps: z.array(z.string()).min(2),
      by: z.enum(['hour', 'day']),
      limit: z.number().int().max(100),
      score: z.number().refine((n) => n % 2 === 0, 'score: an even number, so pairs add up'),
    })
    .strict();

  it('names each field as sent, says what was expected, and what to do', () => {
    expect(issuesOf(body, { name: '', steps: ['a'], by: 'week', limit: 500, score: 3, extra: 1 })).toEqual([
      'from: missing — send an ISO 8601 time or epoch milliseconds',
      'name: missing — write at least 1 character',
      'steps: expected at least 2 items — change it and send again',
      'by: expected one of "hour", "day" — change it and send again',
      'limit: expected at most 100 — change it and send again',
      'score: score: an even number, so pairs add up',
      'body: unknown field "extra" — leave it out',
    ]);
  });

  it('says "missing" for a field not sent, and the type for one sent wrong', () => {
    expect(issuesOf(z.object({ name: z.string() }), {})).toEqual(['name: missing — send a string']);
    expect(issuesOf(z.object({ name: z.string() }), { name: 3 })).toEqual(['name: expected a string — change it and send again']);
  });

  it('lets the caller name a path as its page shows it (1-based rows)', () => {
    const schema = z.object({ properties: z.array(z.object({ name: z.string().min(1) })) });
    const result = schema.safeParse({ properties: [{ name: 'a' }, { name: '' }] });
    const named = (path: readonly PropertyKey[]) => (path[0] === 'properties' && typeof path[1] === 'number' ? `property ${path[1] + 1}, ${path.slice(2).join('.')}` : path.join('.'));
    expect(result.success ? [] : result.error.issues.map((i) => describeIssue(i, named))).toEqual(['property 2, name: missing — write at least 1 character']);
  });

  it('in a union, follows the branch the value took, or names the types it may be', () => {
    const step = z.union([z.string().min(1), z.object({ event: z.string(), where: z.array(z.discriminatedUnion('op', [z.object({ op: z.literal('=') }), z.object({ op: z.enum(['>', '<']) })])) })]);
    const schema = z.object({ steps: z.array(step) });
    expect(issuesOf(schema, { steps: ['a', { event: 'b', where: [{ op: 'about' }] }] })).toEqual(['steps.1.where.0.op: expected one of "=", ">", "<" — change it and send again']);
    expect(issuesOf(schema, { steps: [5] })).toEqual(['steps.0: expected a string or an object — change it and send again']);
  });
});
