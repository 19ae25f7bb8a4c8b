import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';
import { conditionLimitProblem } from './condition-limits';

const did = { did: { event: 'page_view' } };
const nestedNot = (depth: number): unknown => {
  let condition: unknown = did;
  for (let i = 1; i < depth; i++) condition = { not: condition };
  return condition;
};
/** `all` of `groups` × `any` of 50 clauses each. */
const wide = (groups: number) => ({ all: Array.from({ length: groups }, () => ({ any: Array.from({ length: 50 }, () => did) })) });
const limits = { maxClauses: 200, maxDepth: 20 };

describe('conditionLimitProblem', () => {
  it('counts every node and the nesting of all, any and not', () => {
    expect(conditionLimitProblem(nestedNot(20), limits)).toBeUndefined();
    expect(conditionLimitProblem(nestedNot(21), limits)).toMatch(/at most 20 levels/);
    expect(conditionLimitProblem(wide(3), limits)).toBeUndefined(); // 1 + 3 + 150
    expect(conditionLimitProblem(wide(4), limits)).toMatch(/at most 200 clauses/);
  });

  it('walks a tree deeper than the call stack goes without recursing', () => {
    expect(conditionLimitProblem(nestedNot(200_000), { maxClauses: 1_000_000, maxDepth: 1_000_000 })).toBeUndefined();
  });
});

describe('POST /v1/customers/query refuses a condition over the limits with a 400 that names the limit', () => {
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await createTestCollector();
  });
  afterAll(() => collector.close());
  const query = (condition: unknown) => collector.request('POST', '/v1/customers/query', { key: collector.adminKey, body: { condition } });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it('a not nested 1,100 deep (it overflowed the stack: a 500)', async () => {
    const res = await query(nestedNot(1_100));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('EVENTLINE_MAX_CONDITION_DEPTH') });
  });

  it('2,500 clauses (it held the collector for seconds)', async () => {
    const res = await query(wide(50));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('EVENTLINE_MAX_CONDITION_CLAUSES') });
  });

  it('a condition at the limits is answered', async () => {
    expect((await query(nestedNot(20))).status).toBe(200);
    expect((await query(wide(3))).status).toBe(200);
  });

  it('the limits are settings', async () => {
    const tighter = await createTestCollector({ EVENTLINE_MAX_CONDITION_DEPTH: '5' });
    try {
      const ask = (condition: unknown) => tighter.request('POST', '/v1/customers/query', { key: tighter.adminKey, body: { condition } });
      expect((await ask(nestedNot(5))).status).toBe(200);
      expect((await ask(nestedNot(6))).status).toBe(400);
    } finally {
      await tighter.close();
    }
  });
});
