// npm run bench:timers [-- --timers 100000 --lead 120 --no-write]
// 100,000 follow-up timers falling due within the same minute, in one collector process on SQLite: how
// late each delivery reaches a receiver on loopback (from its timer's due time), whether every one
// arrives exactly once, and how many events per second ingest still takes while they fire. Writes the
// figures to docs/benchmarks.md.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { createApp } from '../collector/src/app';
import { loadConfig } from '../collector/src/config';
import { createServices } from '../collector/src/create-services';
import { writeSection } from './write-section';

const { values } = parseArgs({
  options: {
    timers: { type: 'string', default: '100000' },
    /** Seconds from the start until the first timer is due: the seeding must be done by then. */
    lead: { type: 'string', default: '120' },
    'no-write': { type: 'boolean', default: false },
  },
});
const count = Number(values.timers);
const leadMs = Number(values.lead) * 1000;
const windowMs = 10 * 60_000;
const spreadMs = 60_000;

/** Lag of each delivery's first receipt; a delivery received again counts as a duplicate. */
const lags: number[] = [];
const seen = new Set<string>();
let duplicates = 0;
let lastReceipt = 0;
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const { delivery, event } = JSON.parse(body) as { delivery: string; event: { time: number } };
    if (seen.has(delivery)) duplicates++;
    else {
      seen.add(delivery);
      lags.push(Date.now() - (event.time + windowMs));
      lastReceipt = Date.now();
    }
    res.writeHead(200).end();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

const dir = mkdtempSync(join(tmpdir(), 'eventline-bench-'));
const adminKey = `el_adm_bench_${randomBytes(12).toString('hex')}`;
const writeKey = `el_pub_bench_${randomBytes(12).toString('hex')}`;
const { services } = await createServices(
  loadConfig({
    EVENTLINE_DB: join(dir, 'timers.db'),
    EVENTLINE_ADMIN_KEY: adminKey,
    EVENTLINE_WRITE_KEY: writeKey,
    EVENTLINE_LOG: 'silent',
    EVENTLINE_TRIGGER_ALLOWED_HOSTS: '127.0.0.1',
    EVENTLINE_DELIVERY_INTERVAL_MS: '10',
    EVENTLINE_RATE_LIMIT: '0',
  }),
);
const app = createApp(services);
const post = async (path: string, key: string, body: unknown) => {
  const res = await app.request(path, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res;
};
await post('/v1/triggers', adminKey, {
  event: 'form_submit',
  unless: { event: 'page_view', within: `${windowMs / 60_000}m` },
  url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`,
  secret: 'bench-timers-secret-0123456789',
});

// Every timer falls due in [firstDue, firstDue + 1 min): event time = due time - the window.
const firstDue = Date.now() + leadMs;
console.log(`recording ${count} events whose follow-up timers fall due in one minute…`);
for (let i = 0; i < count; i += 500) {
  const events = Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
    uuid: uuidv7(),
    event: 'form_submit',
    time: firstDue - windowMs + Math.floor(((i + j) / count) * spreadMs),
    anonymousId: `b${i + j}`,
  }));
  await post('/v1/events', writeKey, { events });
}
if (Date.now() > firstDue) throw new Error('seeding outlasted the lead: run with a larger --lead');

/** Events per second recorded in `ms` by one sender posting batches of 100, one after another. */
async function ingestRate(ms: number): Promise<number> {
  const end = Date.now() + ms;
  let sent = 0;
  const t0 = performance.now();
  while (Date.now() < end) {
    await post('/v1/events', writeKey, { events: Array.from({ length: 100 }, () => ({ uuid: uuidv7(), event: 'page_view', time: Date.now(), anonymousId: `i${sent % 5000}` })) });
    sent += 100;
  }
  return sent / ((performance.now() - t0) / 1000);
}

services.timers.start();
services.deliveries.start();
const before = await ingestRate(Math.min(10_000, Math.max(1_000, firstDue - Date.now() - 1_000)));
await new Promise((r) => setTimeout(r, Math.max(0, firstDue - Date.now())));
console.log('timers falling due; measuring ingest while they fire…');
const during = await ingestRate(spreadMs);
const deadline = Date.now() + 30 * 60_000;
while (lags.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
// Late duplicates (a lease that ran out while its batch was still sending) would arrive after the last first receipt.
await new Promise((r) => setTimeout(r, 2_000));
const load = os.loadavg();
await services.timers.stop();
await services.deliveries.stop();
await services.store.close();
receiver.close();
rmSync(dir, { recursive: true, force: true });

// What limits it, as read from the run written to docs/benchmarks.md (100,000 timers, 3 December 2026):
// rewrite it when a run says something new.
const limits = [
  'Every delivery arrived, once. The timer worker keeps up: five minutes after the first timer fell due no timer',
  'was left (checked on the database during the run) while 43,092 deliveries had been sent. The delivery worker',
  'sets the lag: it sent 208 a second (a few tens before deliveries were batched), so the minute\'s 100,000 took',
  'seven minutes to clear. Per batch of 256 the store work is a few statements (recording the batch takes about',
  '20 ms, measured apart on a 100,000-row outbox); the rest is CPU on one thread — JSON, signing and HTTP on',
  'both ends (the receiver runs in the same process) — shared with ingest, which fell to 264 events/s while the',
  'backlog drained. The machine was shared (load average 13–20 on its 2 cores throughout; the bench process got',
  'about a quarter of a core on average), so these figures are a floor. What lowers the lag is CPU for this',
  'thread: a machine of its own, and the ingest writer and long reads moved to threads of their own.',
];

const sorted = [...lags].sort((a, b) => a - b);
const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const lines = [
  `## Follow-up timers falling due together — \`npm run bench:timers\``,
  '',
  `${count.toLocaleString('en')} follow-up timers due within the same minute, one collector on SQLite, receiver on loopback, ` +
    `\`EVENTLINE_DELIVERY_INTERVAL_MS=10\`, \`EVENTLINE_DELIVERY_CONCURRENCY=${services.config.deliveryConcurrency}\`. ` +
    `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), shared: load average ${load[0]!.toFixed(1)} (1 min) / ${load[1]!.toFixed(1)} (5 min) at the end; Node ${process.version}.`,
  '',
  '| | |',
  '| --- | --- |',
  `| deliveries received | ${lags.length.toLocaleString('en')} of ${count.toLocaleString('en')} |`,
  `| received more than once | ${duplicates.toLocaleString('en')} |`,
  `| lag from due time to receipt, p50 | ${s(at(0.5))} |`,
  `| lag, p99 | ${s(at(0.99))} |`,
  `| lag, max | ${s(sorted.at(-1) ?? NaN)} |`,
  `| deliveries per second, first due time to last receipt | ${Math.round(lags.length / ((lastReceipt - firstDue) / 1000)).toLocaleString('en')} |`,
  `| ingest before they fall due (one sender, batches of 100) | ${Math.round(before).toLocaleString('en')} events/s |`,
  `| ingest during the minute they fall due | ${Math.round(during).toLocaleString('en')} events/s |`,
  '',
  ...limits,
];
console.log(lines.join('\n'));
if (!values['no-write']) writeSection('timers', lines.join('\n'));
