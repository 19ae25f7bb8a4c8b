import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../support/collector-process';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'eventline-cli-'));
let collector: RunningCollector;

beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  await collector.stop();
});

/** Runs the installed `eventline` launcher the way `npx eventline` does. */
function eventline(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['collector/bin/eventline.mjs', ...args], { cwd: root, env: { ...process.env, EVENTLINE_URL: '', EVENTLINE_ADMIN_KEY: '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const flags = () => ['--url', collector.url, '--key', collector.adminKey];

// Each run starts node and tsx (a second or two), hence the longer timeout.
describe('eventline definitions (against a running collector)', { timeout: 60_000 }, () => {
  it('downloads the template, imports it, and exports the events it created', async () => {
    const templatePath = join(dir, 'template.csv');
    const template = await eventline(['definitions', 'template', '--out', templatePath, ...flags()]);
    expect(template.code).toBe(0);
    expect(readFileSync(templatePath).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readFileSync(templatePath, 'utf8')).toContain('event_name,event_id,event_type,score,stage,property_name,property_id,property_type');

    const imported = await eventline(['definitions', 'import', templatePath, ...flags()]);
    expect(imported).toMatchObject({ code: 0, stdout: expect.stringMatching(/^created 3 events: cl_wishlist_add, cl_purchase, cl_coupon_sent/) });

    const exported = await eventline(['definitions', 'export'], { EVENTLINE_URL: collector.url, EVENTLINE_ADMIN_KEY: collector.adminKey });
    expect(exported.code).toBe(0);
    // The same rows (export orders events by id, the template by example).
    const rows = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').sort();
    expect(rows(exported.stdout)).toEqual(rows(readFileSync(templatePath, 'utf8')));

    const json = await eventline(['definitions', 'export', '--json', ...flags()]);
    expect((JSON.parse(json.stdout) as { items: { id: string }[] }).items.map((d) => d.id)).toEqual(['cl_coupon_sent', 'cl_purchase', 'cl_wishlist_add']);
  });

  it('prints every problem of a bad file by row and column, and exits 1', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'event_name,event_id,event_type,score,stage,property_name,property_id,property_type\nSent,sent,outbound,5,,,,\n');
    const result = await eventline(['definitions', 'import', bad, ...flags()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nothing was imported.*\(422 unprocessable\)/);
    expect(result.stderr).toMatch(/^ {2}row 2, event_id: .*\[invalid_event_id\]$/m);
    expect(result.stderr).toMatch(/^ {2}row 2, score: .*outbound.*\[score_on_outbound\]$/m);
  });

  it('says what is wrong with the key, the address or the arguments', async () => {
    const wrongKey = await eventline(['definitions', 'export', '--url', collector.url, '--key', 'el_nope_0123456789abcdef']);
    expect(wrongKey).toMatchObject({ code: 1, stderr: expect.stringMatching(/401 invalid_key/) });
    const noKey = await eventline(['definitions', 'export', '--url', collector.url]);
    expect(noKey).toMatchObject({ code: 2, stderr: expect.stringMatching(/no admin key/) });
    const unreachable = await eventline(['definitions', 'export', '--url', 'http://127.0.0.1:9', '--key', collector.adminKey]);
    expect(unreachable).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot reach the collector at http:\/\/127\.0\.0\.1:9/) });
    expect((await eventline(['definitions', 'import', ...flags()])).code).toBe(2);
    expect((await eventline(['nope'])).code).toBe(2);
  });
});
