import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleBrowser } from '../console/console-browser';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeAll(async () => {
  collector = await createTestCollector();
});
afterAll(async () => {
  await collector.close();
});

describe('the definitions template', () => {
  it('is the same file from the API and from the console', async () => {
    const api = await collector.request('GET', '/v1/definitions/template.csv', { key: collector.adminKey });
    const b = consoleBrowser(collector);
    await b.login(collector.adminKey);
    const console = await b.request('GET', '/console/events/template.csv');
    expect([api.status, console.status]).toEqual([200, 200]);
    const [fromApi, fromConsole] = [Buffer.from(await api.arrayBuffer()), Buffer.from(await console.arrayBuffer())];
    expect(fromApi.length).toBeGreaterThan(100);
    expect(fromConsole.equals(fromApi)).toBe(true);
    for (const header of ['content-type', 'content-disposition']) expect(console.headers.get(header)).toBe(api.headers.get(header));
    // What the API documents: UTF-8 with a BOM (so spreadsheets read the Chinese example), CRLF line ends.
    expect([...fromApi.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(fromApi.toString('utf8')).toContain('\r\n');
  });
});
