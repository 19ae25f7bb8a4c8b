import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm start` runs the bundle `npm run build` makes, not the TypeScript source the other tests start:
// a module the bundle leaves out or a path it breaks shows only here.
const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = join(root, 'collector/dist/server.js');

describe('the compiled collector (npm start)', () => {
  let proc: ChildProcess;
  let url: string;
  let output = '';
  // A port of its own for the scraper (EVENTLINE_METRICS_PORT); a clash with another process is unlikely in this range.
  const metricsPort = 30_000 + (process.pid % 20_000);

  beforeAll(async () => {
    expect(existsSync(entry), 'collector/dist/server.js is missing: run npm run build').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'eventline-compiled-'));
    proc = spawn(process.execPath, [entry], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', EVENTLINE_DB: join(dir, 'eventline.db'), EVENTLINE_ADMIN_KEY: 'el_adm_compiled_test_key_0123456789', EVENTLINE_WRITE_KEY: 'el_pub_compiled_test_key_0123456789', EVENTLINE_DATABASE_URL: '', EVENTLINE_METRICS_PORT: String(metricsPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
        if (found) resolve(found);
      };
      proc.stdout!.on('data', read);
      proc.stderr!.on('data', read);
      proc.once('exit', (code) => reject(new Error(`exited (${code}):\n${output}`)));
    });
  });

  afterAll(() => {
    proc?.kill('SIGTERM');
  });

  it('starts without a TypeScript loader, serves the SDK, records an event and renders the console', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const sdk = await fetch(`${url}/sdk/eventline.min.js`);
    expect(sdk.status).toBe(200);
    expect(await sdk.text()).toContain('eventline');
    const answer = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer el_pub_compiled_test_key_0123456789', 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ uuid: '01936b4e-7c4a-7cc2-9d4e-2b1c3f5a6d7e', event: 'page_view', time: Date.now(), anonymousId: 'a1', properties: {} }] }),
    });
    expect(await answer.json()).toMatchObject({ accepted: 1, rejected: [] });
    expect((await fetch(`${url}/console/login`)).status).toBe(200);
    expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
  });

  it('answers long reads from its reader threads (collector/dist/sqlite-reader.js, beside sqlite-writer.js)', async () => {
    const admin = { authorization: 'Bearer el_adm_compiled_test_key_0123456789', 'content-type': 'application/json' };
    const res = await fetch(`${url}/v1/customers/query`, { method: 'POST', headers: admin, body: JSON.stringify({ condition: { did: { event: 'page_view' } } }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { count: number }).count).toBe(1);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^eventline_read_queue_calls 0$/m);
  });

  it('serves /metrics without a key on EVENTLINE_METRICS_PORT only, and with an admin key on the API port', async () => {
    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/^eventline_events_total\{outcome="accepted",code=""\} \d+$/m);
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer el_adm_compiled_test_key_0123456789' } })).status).toBe(200);
  });
});
