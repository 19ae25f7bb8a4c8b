// npm run bench:ingest [-- --events 1000000 --duration 20 --store postgres]
// Starts a real collector on a temp database preloaded with a million events, drives POST /v1/events
// from this (second) process with autocannon — batches of 50 valid events over 10 connections — and
// measures, in the same run, the raw insert rate of the store's writer without HTTP, JSON or
// validation. Writes the figures to docs/benchmarks.md. --store postgres: the same on a fresh schema in
// EVENTLINE_BENCH_DATABASE_URL (else EVENTLINE_TEST_DATABASE_URL), dropped at the end.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openPostgresStore } from '../collector/src/store/postgres/postgres-store';
import { openSqliteStore } from '../collector/src/store/sqlite/sqlite-store';
import type { NewEvent } from '../collector/src/store/store';
import { countEvents, startCollector } from '../test/support/collector-process';
import { seedDatabase, seedPostgres } from './seed-database';
import { postBatches } from './post-batches';
import { writeSection } from './write-section';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    batch: { type: 'string', default: '50' },
    // Each request is one device's batch, as SDKs send them; --spread gives every event of a batch a
    // different customer instead, the worst case for the indexes.
    spread: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    store: { type: 'string', default: 'sqlite' },
  },
});
if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error('--store is sqlite or postgres');
const pgUrl = process.env.EVENTLINE_BENCH_DATABASE_URL ?? process.env.EVENTLINE_TEST_DATABASE_URL;
if (values.store === 'postgres' && !pgUrl) throw new Error('--store postgres needs EVENTLINE_BENCH_DATABASE_URL (or EVENTLINE_TEST_DATABASE_URL): bash scripts/ensure-postgres.sh prints one');
// PostgreSQL: one seeded schema serves both phases (the raw phase then finds the HTTP phase's events too,
// a few percent of the preload); SQLite: a copy of the seeded file each.
const postgres = values.store === 'postgres' ? { url: pgUrl!, schema: `bench_${randomBytes(4).toString('hex')}` } : undefined;
const preload = Number(values.events);
const duration = Number(values.duration);
const connections = Number(values.connections);
const batchSize = Number(values.batch);
const spread = values.spread;

const dir = mkdtempSync(join(tmpdir(), 'eventline-bench-'));
const seeded = join(dir, 'seeded.db');
console.log(`seeding ${preload} events${postgres ? ` into PostgreSQL schema ${postgres.schema}` : ''}…`);
const seedOptions = { events: preload, customers: 10_000, eventTypes: 20, days: 90 };
const seed = postgres ? await seedPostgres(postgres, seedOptions) : await seedDatabase(seeded, seedOptions);
const httpDb = join(dir, 'http.db');
const rawDb = join(dir, 'raw.db');
if (!postgres) {
  copyFileSync(seeded, httpDb);
  copyFileSync(seeded, rawDb);
}

/** Runs `sql` on the bench schema (PostgreSQL only). */
async function onBenchSchema<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgres!.url });
  await client.connect();
  try {
    return (await client.query<T>(sql.replaceAll('$schema', `"${postgres!.schema}"`))).rows;
  } finally {
    await client.end();
  }
}
const countStored = async () => (postgres ? Number((await onBenchSchema<{ n: string }>('select count(*) n from $schema.events'))[0]!.n) : countEvents(httpDb));

let sequence = 0;
let requestNumber = 0;
/** A customer for event `n` of request `r`: one per request, or one per event with --spread. */
const customerOf = (n: number, r: number) => ((spread ? n : r) * 7919) % seed.anonymousIds.length;
function wireBatch(): string {
  const now = Date.now();
  const events = [];
  const r = requestNumber++;
  for (let i = 0; i < batchSize; i++) {
    const n = sequence++;
    const customer = customerOf(n, r);
    events.push({
      uuid: uuidv7(),
      event: seed.eventIds[n % seed.eventIds.length],
      time: now,
      anonymousId: seed.anonymousIds[customer],
      properties: { cl_amount: n % 1000, cl_sku: `sku-${n % 100}`, channel: 'web' },
      ...(n % 10 === 0 ? { tags: ['summer-sale'] } : {}),
    });
  }
  return JSON.stringify({ sentAt: now, events });
}

// 1. Over HTTP.
const collector = await startCollector(postgres ? { env: { EVENTLINE_DATABASE_URL: postgres.url, EVENTLINE_DATABASE_SCHEMA: postgres.schema } } : { dbPath: httpDb });
const before = await countStored();
const result = await postBatches({ url: collector.url, writeKey: collector.writeKey, connections, duration, body: wireBatch });
await collector.stop();
const stored = (await countStored()) - before;
const httpRate = stored / duration;
if (result.non2xx > 0 || result.errors > 0) console.warn(`warning: ${result.non2xx} non-2xx answers, ${result.errors} errors`);

// 2. Raw: the same statements through the store's writer, one 50-event transaction after another.
const store = postgres ? await openPostgresStore(postgres) : await openSqliteStore({ path: rawDb, synchronous: 'FULL' });
const rawBatches = 400;
const newEvents = (): NewEvent[] => {
  const r = requestNumber++;
  return Array.from({ length: batchSize }, (_, i) => {
    const n = sequence++;
    const now = Date.now();
    const anonymousId = seed.anonymousIds[customerOf(n, r)]!;
    return {
      uuid: uuidv7(),
      event: seed.eventIds[n % seed.eventIds.length]!,
      type: 'inbound',
      time: now,
      clientTime: now,
      receivedAt: now,
      score: 1,
      stage: null,
      stageRank: -1,
      properties: `{"cl_amount":${n % 1000},"cl_sku":"sku-${n % 100}","channel":"web"}`,
      context: null,
      anonymousId,
      identities: [{ type: 'anonymous', value: anonymousId }],
      tags: i % 10 === 0 ? ['summer-sale'] : [],
      keyId: null,
      source: 'api',
    };
  });
};
const batches = Array.from({ length: rawBatches }, newEvents);
const t0 = performance.now();
for (const events of batches) await store.events.write({ events, quarantine: [] });
const rawRate = (rawBatches * batchSize) / ((performance.now() - t0) / 1000);
await store.close();
if (postgres) await onBenchSchema('drop schema $schema cascade');

const ratio = httpRate / rawRate;
const lines = [
  `events/s over HTTP: ${Math.round(httpRate)} (${stored} events stored in ${duration} s, ${result.requests.average.toFixed(0)} requests/s)`,
  `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  `raw ${postgres ? 'PostgreSQL' : 'SQLite'} writer: ${Math.round(rawRate)} events/s (${rawBatches} transactions of ${batchSize}${postgres ? '' : ', synchronous FULL'})`,
  `ratio HTTP / raw: ${ratio.toFixed(2)}`,
  `non-2xx: ${result.non2xx}, errors: ${result.errors}`,
];
console.log(lines.join('\n'));

if (!values['no-write'] && postgres) {
  const [server] = await onBenchSchema<{ version: string; synchronous_commit: string; fsync: string }>(
    "select version(), current_setting('synchronous_commit') synchronous_commit, current_setting('fsync') fsync",
  );
  const { version, synchronous_commit, fsync } = server!;
  writeSection(
    'ingest-postgres',
    `## Ingest on PostgreSQL (\`npm run bench:ingest -- --store postgres\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${version.split(' on ')[0]} on the same
machine (fsync ${fsync}, synchronous_commit ${synchronous_commit}). The same workload as the SQLite figures above: a real collector
process on a fresh schema preloaded with ${preload.toLocaleString('en')} events (seeded through the store's writer), autocannon in a second
process, ${connections} connections, batches of ${batchSize} (${spread ? 'every event from a different customer' : 'each batch from one customer'}), ${duration} s. "Raw" is the PostgreSQL
store's writer in-process, one ${batchSize}-event transaction after another.

| figure | value | target |
| --- | --- | --- |
| events/s over HTTP (stored, counted in the database) | ${Math.round(httpRate).toLocaleString('en')} | |
| p50 latency | ${result.latency.p50} ms | |
| p99 latency | ${result.latency.p99} ms | ≤ 50 ms |
| raw PostgreSQL writer, events/s | ${Math.round(rawRate).toLocaleString('en')} | |
| ratio HTTP / raw | ${ratio.toFixed(2)} | |
| non-2xx answers | ${result.non2xx} | 0 |`,
  );
} else if (!values['no-write']) {
  writeSection(
    'ingest',
    `## Ingest (\`npm run bench:ingest\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}.
A real collector process on a temp SQLite file (WAL, synchronous FULL) preloaded with ${preload.toLocaleString('en')} events;
autocannon in a second process on 127.0.0.1, ${connections} connections, batches of ${batchSize} valid events
(fresh UUIDv7s, 20 custom event types, 10,000 customers; ${spread ? 'every event of a batch from a different customer (--spread, the worst case for the indexes)' : 'each batch from one customer, as an SDK sends it'}), ${duration} s. "Raw" is the same writer and
statements in-process, one ${batchSize}-event transaction after another: no HTTP, no JSON, no validation.

| figure | value | target |
| --- | --- | --- |
| events/s over HTTP (stored, counted in the file) | ${Math.round(httpRate).toLocaleString('en')} | ≥ 50,000 |
| p50 latency | ${result.latency.p50} ms | |
| p99 latency | ${result.latency.p99} ms | ≤ 50 ms |
| raw SQLite writer, events/s | ${Math.round(rawRate).toLocaleString('en')} | |
| ratio HTTP / raw | ${ratio.toFixed(2)} | ≥ 0.8 |
| non-2xx answers | ${result.non2xx} | 0 |`,
  );
}
