import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Sqlite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

const total = 200_000;
// What the stream holds on to is what survives a collection: without one, the peak heap would count
// garbage that the collector has not got round to yet, which depends on the machine's load.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
let collector: TestCollector;

beforeAll(async () => {
  collector = await createTestCollector();
  // Written straight into the file (ingest would take minutes): rows as ingest leaves them.
  const db = new Sqlite(collector.dbPath);
  const insert = db.prepare(
    `insert into events (uuid, event, type, customer_id, time, client_time, received_at, score, properties, context, anonymous_id, source, key_id)
     values (?, 'page_view', 'inbound', ?, ?, ?, ?, 1, ?, null, ?, 'sdk', null)`,
  );
  const start = Date.UTC(2026, 0, 1);
  db.transaction(() => {
    for (let i = 0; i < total; i++) {
      const time = start + i * 1000;
      const properties = JSON.stringify({ url: `https://shop.example.com/products/${i}`, title: `Product ${i} — a page title of ordinary length`, referrer: 'https://search.example.com/?q=shoes' });
      insert.run(uuidv7({ msecs: time }), `customer-${i % 5000}`, time, time, time, properties, `anon-${i % 5000}`);
    }
  })();
  db.close();
}, 120_000);
afterAll(async () => {
  await collector.close();
});

it('streams 200,000 events as NDJSON with memory that stays flat', async () => {
  gc();
  const before = process.memoryUsage();
  const res = await collector.request('GET', '/v1/events', { key: collector.adminKey, headers: { accept: 'application/x-ndjson' } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let lines = 0;
  let bytes = 0;
  let rest = '';
  let lastTime = 0;
  let outOfOrder = 0;
  let peakHeap = 0;
  let peakRss = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const parts = (rest + decoder.decode(value, { stream: true })).split('\n');
    rest = parts.pop()!;
    for (const line of parts) {
      const e = JSON.parse(line) as { time: number };
      if (e.time <= lastTime) outOfOrder++;
      lastTime = e.time;
      lines++;
    }
    if (++chunks % 25 !== 0) continue;
    gc();
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers);
    peakRss = Math.max(peakRss, m.rss - before.rss);
  }
  expect(rest).toBe('');
  expect(lines).toBe(total);
  expect(outOfOrder).toBe(0);
  const mb = (n: number) => Math.round(n / 1048576);
  console.log(`streamed ${total} events, ${mb(bytes)} MB; peak growth of what was kept: heap ${mb(peakHeap)} MB, rss ${mb(peakRss)} MB`);
  // Holding the export in memory would take several times its 80 MB; streaming holds about a page. RSS
  // also counts SQLite's page cache, which fills up to its configured 64 MB as the file is read.
  expect(chunks).toBeGreaterThan(100);
  expect(peakHeap).toBeLessThan(16 * 1048576);
  expect(peakRss).toBeLessThan(64 * 1048576 + 64 * 1048576);
}, 120_000);
