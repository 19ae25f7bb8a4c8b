import type { DefinitionImportProblem } from '@eventline/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';
import { definitionCsvHeader } from './definition-csv';
import { maxListedProblems } from './listed-problems';

/** 3,000 rows, each with a 300-character event id and an unknown type: two problems a row, 1 MB in all. */
const rows = 3000;
const badFile = [definitionCsvHeader.join(','), ...Array.from({ length: rows }, (_, i) => `Bad ${i},${'x'.repeat(300)}${i},sideways,1,,,,`)].join('\r\n');

describe('a CSV import with thousands of bad rows', () => {
  let collector: TestCollector;
  beforeAll(async () => {
    collector = await createTestCollector();
  });
  afterAll(() => collector.close());

  it('answers the first 100 problems by row and how many there are, in a bounded body', async () => {
    const res = await collector.request('POST', '/v1/definitions/import', { key: collector.adminKey, body: badFile, headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text.length).toBeLessThan(50_000);
    const { error } = JSON.parse(text) as { error: { code: string; message: string; problems: DefinitionImportProblem[]; problemCount: number } };
    expect(error.code).toBe('unprocessable');
    expect(error.problemCount).toBe(rows * 2);
    expect(error.problems).toHaveLength(maxListedProblems);
    expect(error.problems.map((p) => p.row)).toEqual([...error.problems.map((p) => p.row)].sort((a, b) => a - b));
    expect(error.problems[0]).toMatchObject({ row: 2, column: 'event_id', code: 'invalid_event_id' });
    // The 300-character id is quoted, cut short.
    expect(error.problems[0]!.message.length).toBeLessThan(200);
    expect(error.message).toBe(`nothing was imported: ${rows * 2} problem(s) on ${rows} row(s); the first ${maxListedProblems} are listed`);
  });

  it('the console batch page lists the same first 100 and says how many there are', async () => {
    let cookie = '';
    const keep = (res: Response) => {
      for (const line of res.headers.getSetCookie()) cookie = [cookie, line.split(';')[0]].filter(Boolean).join('; ');
      return res;
    };
    const csrfOf = async (path: string) => /name="_csrf" value="([^"]+)"/.exec(await keep(await collector.app.request(path, { headers: { cookie } })).text())![1]!;
    const loginToken = await csrfOf('/console/login');
    const login = new URLSearchParams({ _csrf: loginToken, key: collector.adminKey });
    keep(await collector.app.request('/console/login', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: login.toString() }));
    const form = new FormData();
    form.set('_csrf', await csrfOf('/console/events/batch'));
    form.set('file', new File([badFile], 'events.csv', { type: 'text/csv' }));

    const res = await collector.app.request('/console/events/batch', { method: 'POST', headers: { cookie }, body: form });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html.length).toBeLessThan(100_000);
    expect(html).toContain(`Nothing was imported: ${rows * 2} problem(s)`);
    expect(html.match(/<tr>/g)).toHaveLength(maxListedProblems + 1);
  });
});
