// npm run bench:analysis [-- --events 1000000 --no-write --store postgres]
// Seeds a collector database (1,000,000 events, 10,000 customers, 20 event types, 90 days), then times
// has-event, the 30-day customer filter, the time distribution and a 3-step funnel through the real
// HTTP app in-process (routing, auth, validation, JSON; no socket) and, beside them, the store call alone.
// Also measures what the two indexes of migration 0005-analysis cost the SQLite ingest writer.
// --store postgres: the same queries on a fresh schema in EVENTLINE_BENCH_DATABASE_URL (else
// EVENTLINE_TEST_DATABASE_URL), dropped at the end.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createApp } from '../collector/src/app';
import { loadConfig } from '../collector/src/config';
import { createServices } from '../collector/src/create-services';
import type { CustomerCondition } from '../collector/src/analysis/customer-condition';
import { zoneIntervals } from '../collector/src/analysis/zone-intervals';
import { openSqliteStore } from '../collector/src/store/sqlite/sqlite-store';
import type { NewEvent } from '../collector/src/store/store';
import { seedDatabase, seedPostgres } from './seed-database';
import { writeSection } from './write-section';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '1000000' }, 'no-write': { type: 'boolean', default: false }, store: { type: 'string', default: 'sqlite' } },
});
if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error('--store is sqlite or postgres');
const pgUrl = process.env.EVENTLINE_BENCH_DATABASE_URL ?? process.env.EVENTLINE_TEST_DATABASE_URL;
if (values.store === 'postgres' && !pgUrl) throw new Error('--store postgres needs EVENTLINE_BENCH_DATABASE_URL (or EVENTLINE_TEST_DATABASE_URL): bash scripts/ensure-postgres.sh prints one');
const postgres = values.store === 'postgres' ? { url: pgUrl!, schema: `bench_${randomBytes(4).toString('hex')}` } : undefined;
const total = Number(values.events);
const dir = mkdtempSync(join(tmpdir(), 'eventline-bench-analysis-'));
const dbPath = join(dir, 'analysis.db');
console.log(`seeding ${total} events${postgres ? ` into PostgreSQL schema ${postgres.schema}` : ''}…`);
const seedOptions = { events: total, customers: 10_000, eventTypes: 20, days: 90 };
const seed = postgres ? await seedPostgres(postgres, seedOptions) : await seedDatabase(dbPath, seedOptions);
if (!postgres) copyFileSync(dbPath, join(dir, 'ingest-with.db'));

const adminKey = 'el_adm_bench_analysis_0123456789';
const where = postgres ? { EVENTLINE_DATABASE_URL: postgres.url, EVENTLINE_DATABASE_SCHEMA: postgres.schema } : { EVENTLINE_DB: dbPath };
const config = loadConfig({ ...where, EVENTLINE_ADMIN_KEY: adminKey, EVENTLINE_LOG: 'silent' });
const { services } = await createServices(config);
const app = createApp(services);
const { analysis } = services.store;

/** Min, median, p95 and max of `runs` timed calls after `warm` untimed ones, in ms. */
async function time(runs: number, call: (i: number) => Promise<unknown>, warm = 3) {
  for (let i = 0; i < warm; i++) await call(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await call(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
  return { min: ms[0]!, p50: at(0.5), p95: at(0.95), max: ms[ms.length - 1]! };
}

async function http(method: string, path: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const now = Date.now();
const day = 86_400_000;
const [e1, e2, e3] = seed.eventIds as [string, string, string];
const customer = (i: number) => seed.customerIds[(i * 7919) % seed.customerIds.length]!;
const did30: CustomerCondition = { kind: 'did', event: e1, from: now - 30 * day, to: null, where: [], atLeast: 1, atMost: null };
const amountOver = [{ property: 'cl_amount', op: '>', value: 500 }] as const;
const funnelBody = { steps: [e1, e2, e3], window: '7d', from: now - 30 * day, to: now };

const load = loadavg()[0]!;
const rows: [string, string, Awaited<ReturnType<typeof time>>, string][] = [];
const add = (figure: string, level: string, t: Awaited<ReturnType<typeof time>>, target = '') => {
  rows.push([figure, level, t, target]);
  console.log(`${figure} (${level}): p50 ${t.p50.toFixed(3)} ms, p95 ${t.p95.toFixed(3)} ms`);
};

add('has-event, 24 h', 'HTTP', await time(1000, (i) => http('GET', `/v1/customers/${customer(i)}/has-event?event=${e1}&within=24h`)), '≤ 1 ms');
add('has-event, 24 h', 'store', await time(1000, (i) => analysis.lastEvent(customer(i), { event: e1, from: now - day, to: null, where: [] })));
add('has-event, 30 d, with where cl_amount > 500', 'HTTP', await time(1000, (i) => http('GET', `/v1/customers/${customer(i)}/has-event?event=${e1}&within=30d&where=${encodeURIComponent(JSON.stringify(amountOver))}`)));

const filterResult = (await http('POST', '/v1/customers/query', { condition: { did: { event: e1, within: '30d' } }, limit: 50 })) as { count: number };
add(`filter: did ${e1} in the last 30 days (count ${filterResult.count} + first page of 50)`, 'HTTP', await time(30, () => http('POST', '/v1/customers/query', { condition: { did: { event: e1, within: '30d' } }, limit: 50 })), '≤ 20 ms');
add('filter: same', 'store', await time(30, () => analysis.filterCustomers(did30, { limit: 50 })));
add('filter: same with where cl_amount > 500', 'HTTP', await time(20, () => http('POST', '/v1/customers/query', { condition: { did: { event: e1, within: '30d', where: amountOver } }, limit: 50 })));
add(
  'filter: did E1 ≥ 2 times in 30 d and not E2 in 7 d',
  'HTTP',
  await time(20, () => http('POST', '/v1/customers/query', { condition: { all: [{ did: { event: e1, within: '30d', atLeast: 2 } }, { didNot: { event: e2, within: '7d' } }] }, limit: 50 })),
);

const distribution = (by: string, days: number) => ({ event: e1, from: now - days * day, to: now, by, timezone: 'Asia/Shanghai' });
add('distribution: 30 d by hour, Asia/Shanghai', 'HTTP', await time(30, () => http('POST', '/v1/analysis/distribution', distribution('hour', 30))), '≤ 20 ms');
add('distribution: same', 'store', await time(30, () => analysis.distribution({ event: e1, from: now - 30 * day, to: now, where: [] }, 'hour', zoneIntervals('Asia/Shanghai', now - 30 * day, now))));
add('distribution: 90 d by day, America/New_York (crosses DST)', 'HTTP', await time(30, () => http('POST', '/v1/analysis/distribution', { ...distribution('day', 90), timezone: 'America/New_York' })));

add('funnel: 3 steps, 7 d window, first step in the last 30 d', 'HTTP', await time(10, () => http('POST', '/v1/analysis/funnel', funnelBody)), '≤ 100 ms');
add('funnel: same', 'store', await time(10, () => analysis.funnel({ steps: [e1, e2, e3].map((event) => ({ event, where: [] })), window: 7 * day, from: now - 30 * day, to: now, where: [] })));
add('funnel: 3 steps, first step anywhere in the 90 d', 'HTTP', await time(10, () => http('POST', '/v1/analysis/funnel', { ...funnelBody, from: now - 90 * day })));
await services.store.close();

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const table = `| figure | level | min | p50 | p95 | max | target |
| --- | --- | --- | --- | --- | --- | --- |
${rows.map(([f, l, t, target]) => `| ${f} | ${l} | ${fmt(t.min)} ms | ${fmt(t.p50)} ms | ${fmt(t.p95)} ms | ${fmt(t.max)} ms | ${target} |`).join('\n')}`;

if (postgres) {
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  const { rows: [server] } = await client.query<{ version: string }>('select version()');
  await client.query(`drop schema "${postgres.schema}" cascade`);
  await client.end();
  rmSync(dir, { recursive: true, force: true });
  if (!values['no-write']) {
    writeSection(
      'analysis-postgres',
      `## Analysis on PostgreSQL (\`npm run bench:analysis -- --store postgres\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${server!.version.split(' on ')[0]} on the same machine,
load average ${load.toFixed(1)} when the timings began. The same queries as the SQLite figures above, on a fresh schema seeded
with the same generator (${total.toLocaleString('en')} events, 10,000 customers, 20 event types over 90 days) through the PostgreSQL
store's writer, then analyzed. "HTTP" is the real app in-process; "store" is the store call alone.

${table}`,
    );
  }
  process.exit(0);
}

// What the two indexes cost ingest: the same 20,000 events through the writer, with and without them.
async function ingestRate(path: string, dropIndexes: boolean): Promise<number> {
  if (dropIndexes) {
    const db = new Sqlite(path);
    db.exec('drop index events_customer_event_time; drop index events_event_time_customer');
    db.close();
  }
  // NORMAL: with FULL the fsync per transaction hides what the indexes cost.
  const store = await openSqliteStore({ path, synchronous: 'NORMAL' });
  const batches = Array.from({ length: 400 }, (_, b): NewEvent[] => {
    const anonymousId = seed.anonymousIds[(b * 7919) % seed.anonymousIds.length]!;
    return Array.from({ length: 50 }, (_, i) => ({
      uuid: uuidv7(),
      event: seed.eventIds[(b + i) % seed.eventIds.length]!,
      type: 'inbound',
      time: Date.now(),
      clientTime: Date.now(),
      receivedAt: Date.now(),
      score: 1,
      stage: null,
      stageRank: -1,
      properties: `{"cl_amount":${i},"cl_sku":"sku-${i}"}`,
      context: null,
      anonymousId,
      identities: [{ type: 'anonymous', value: anonymousId }],
      tags: [],
      keyId: null,
      source: 'api',
    }));
  });
  const t = performance.now();
  for (const events of batches) await store.events.write({ events, quarantine: [] });
  const rate = 20_000 / ((performance.now() - t) / 1000);
  await store.close();
  return rate;
}
// Alternating, best of two each, on fresh copies: a busy machine moves single runs a lot.
const rates = { with: 0, without: 0 };
for (let run = 0; run < 4; run++) {
  const drop = run % 2 === 0;
  const copy = join(dir, `ingest-${run}.db`);
  copyFileSync(join(dir, 'ingest-with.db'), copy);
  const rate = await ingestRate(copy, drop);
  rates[drop ? 'without' : 'with'] = Math.max(rates[drop ? 'without' : 'with'], rate);
  rmSync(copy);
}
const { with: withIndexes, without } = rates;
rmSync(dir, { recursive: true, force: true });
console.log(`ingest writer: ${Math.round(withIndexes)} events/s with the 0005 indexes, ${Math.round(without)} without`);

if (!values['no-write']) {
  writeSection(
    'analysis',
    `## Analysis (\`npm run bench:analysis\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, load average ${load.toFixed(1)} when
the timings began (other work on the machine slows every figure; min is the least disturbed).
A collector SQLite file (WAL) seeded by \`seedDatabase\`: ${total.toLocaleString('en')} events, 10,000 customers, 20 event
types spread evenly over 90 days (so one event type has about ${Math.round(total / 20 / 3).toLocaleString('en')} events in 30 days).
"HTTP" is the real app in-process (\`app.request\`: routing, key check, validation, JSON; no socket); "store" is the
store call alone. Each figure is over repeated calls after a warm-up, with varying customers for has-event.

${table}

Indexes added by migration \`0005-analysis\` (beside those of \`0001-initial\`):

- \`events (customer_id, event, time)\`: has-event and each funnel step after the first are one seek per customer,
  read from the index alone.
- \`events (event, time, customer_id)\`: the filter's \`customer_id in (…)\` sets and the funnel's first step are read
  from the index alone; with only \`(event, time)\` each of the ~${Math.round(total / 20 / 3 / 1000)}k matching rows cost a table lookup.

A property condition (\`where\`) needs each matching row's JSON, so those figures pay a table lookup per event.
Their cost on ingest, the same 20,000 events through the store's writer in 50-event transactions (synchronous NORMAL,
so fsync does not hide it; best of two alternating runs each):
${Math.round(withIndexes).toLocaleString('en')} events/s with them, ${Math.round(without).toLocaleString('en')} without.`,
  );
}
