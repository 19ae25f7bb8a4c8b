// npm run bench:customers [-- --events 1000000 --customers 10000 --samples 2000]
// Seeds a collector database with a million events, opens it as the collector does and times, in
// process through the app (key check, routing, queries, JSON): a customer read, a timeline page and the
// next page by its cursor, an identity lookup and a page of an activeness level. Writes the figures to
// docs/benchmarks.md.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { createApp } from '../collector/src/app';
import { loadConfig } from '../collector/src/config';
import { createServices } from '../collector/src/create-services';
import { seedDatabase } from './seed-database';
import { writeSection } from './write-section';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '10000' },
    samples: { type: 'string', default: '2000' },
    'no-write': { type: 'boolean', default: false },
  },
});
const events = Number(values.events);
const customerCount = Number(values.customers);
const samples = Number(values.samples);

const dir = mkdtempSync(join(tmpdir(), 'eventline-bench-'));
const path = join(dir, 'customers.db');
console.log(`seeding ${events} events over ${customerCount} customers…`);
const seed = await seedDatabase(path, { events, customers: customerCount, eventTypes: 20, days: 90 });

// The worst case: the customer with the most events (and so the most tags to count).
const db = new Sqlite(path, { readonly: true });
const busiest = db.prepare<[], { id: string; event_count: number }>('select id, event_count from customers order by event_count desc limit 1').get()!;
db.close();

const adminKey = `el_adm_bench_${randomBytes(12).toString('hex')}`;
const { services } = await createServices(loadConfig({ EVENTLINE_DB: path, EVENTLINE_ADMIN_KEY: adminKey, EVENTLINE_LOG: 'silent' }));
const app = createApp(services);
const headers = { authorization: `Bearer ${adminKey}` };

interface Sample {
  /** Wall time: what a caller waits, including time this process was not scheduled. */
  ms: number;
  /** CPU time of this process for the request: its cost, whatever else the machine runs. */
  cpuMs: number;
}

async function timed(path: string): Promise<Sample & { body: unknown }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await app.request(path, { headers });
  const body = await res.json();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, body };
}

const pick = (i: number) => seed.customerIds[(i * 7919) % seed.customerIds.length]!;
const figures = { read: [] as Sample[], timeline: [] as Sample[], next: [] as Sample[], lookup: [] as Sample[], level: [] as Sample[], control: [] as Sample[] };
// Warm the caches (key lookup, prepared statements, page cache) the way a running collector has them.
for (let i = 0; i < 200; i++) await timed(`/v1/customers/${pick(i + samples)}`);
for (let i = 0; i < samples; i++) {
  const id = pick(i);
  figures.read.push(await timed(`/v1/customers/${id}`));
  const first = await timed(`/v1/customers/${id}/events?limit=50`);
  figures.timeline.push(first);
  const cursor = (first.body as { nextCursor: string | null }).nextCursor;
  if (cursor) figures.next.push(await timed(`/v1/customers/${id}/events?limit=50&cursor=${encodeURIComponent(cursor)}`));
  if (i % 3 === 0) figures.lookup.push(await timed(`/v1/customers?identity=anonymous:${seed.anonymousIds[(i * 7919) % seed.anonymousIds.length]}`));
  if (i % 10 === 0) figures.level.push(await timed(`/v1/customers?activeness=high&limit=50`));
  // Control: a route that does no work. Its tail is what the machine adds to every request.
  figures.control.push(await timed('/healthz'));
}
const busiestRead: Sample[] = [];
const busiestTimeline: Sample[] = [];
for (let i = 0; i < 200; i++) {
  busiestRead.push(await timed(`/v1/customers/${busiest.id}`));
  busiestTimeline.push(await timed(`/v1/customers/${busiest.id}/events?limit=50`));
}
const load = os.loadavg()[0]!;
await services.store.close();
rmSync(dir, { recursive: true });

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const targetMs = 5;
const row = (name: string, samples: Sample[], target = false) => {
  const wall = samples.map((s) => s.ms);
  const cpu = samples.map((s) => s.cpuMs);
  const q = (xs: number[], p: number) => quantile(xs, p).toFixed(2);
  const met = (p: number) => (quantile(wall, p) <= targetMs ? 'met' : 'missed');
  const verdict = target ? `≤ ${targetMs} ms: ${met(0.5)} at p50, ${met(0.95)} at p95, ${met(0.99)} at p99` : '';
  return `| ${name} | ${samples.length} | ${q(wall, 0.5)} | ${q(wall, 0.95)} | ${q(wall, 0.99)} | ${q(cpu, 0.5)} | ${q(cpu, 0.99)} | ${verdict} |`;
};
const avgEvents = Math.round(events / customerCount);
const table = [
  '| request | samples | wall p50 ms | wall p95 ms | wall p99 ms | CPU p50 ms | CPU p99 ms | target |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  row('GET /v1/customers/:id (with top 10 tags)', figures.read, true),
  row('GET /v1/customers/:id/events?limit=50', figures.timeline, true),
  row('… next page by cursor', figures.next, true),
  row('GET /v1/customers?identity=anonymous:…', figures.lookup),
  row('GET /v1/customers?activeness=high&limit=50', figures.level),
  row(`busiest customer (${busiest.event_count} events): read`, busiestRead),
  row('busiest customer: timeline page', busiestTimeline),
  row('control: GET /healthz (no key, no query)', figures.control),
].join('\n');
console.log(table);

if (!values['no-write']) {
  writeSection(
    'customers',
    `## Customers (\`npm run bench:customers\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}.
A collector database seeded by \`bench/seed-database.ts\` with ${events.toLocaleString('en')} events over
${customerCount.toLocaleString('en')} customers (about ${avgEvents} events each, 10% of events tagged), opened as the collector opens it;
requests go through the app in process (admin key check, routing, Kysely queries, JSON), no socket.
Customers are sampled across the whole table; "busiest" is the customer with the most events.
Wall time is what a caller waits; CPU time is this process's CPU for the request, less affected by
other work on the machine (1-minute load average at the end of the run: ${load.toFixed(1)} on ${cpus().length} CPUs; on a
busy machine the tails are mostly waiting for a CPU, and rise with the load).

${table}`,
  );
}
