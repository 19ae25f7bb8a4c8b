// The SQLite writer's cost per event, without a thread, HTTP or JSON: the writer's own statements in
// 500-event transactions (ten 50-event batches, as group commit gathers them), synchronous FULL, on a file
// preloaded with 200,000 events by seed-database.ts. Beside it, the raw SQLite reference the ingest target
// is set against: a table with a text UUIDv7 primary key and two secondary indexes, the same transactions.
// A few seconds: `npm run bench:writer [-- --transactions 40] [--drop-index events_time …] [--statements]`. --drop-index
// (repeatable) drops one of the store's indexes after the preload: what that index costs each write. --statements
// also times each of the writer's prepared statements: µs per event spent in each, the commit not included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Sqlite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { defaultStrongIdentityTypes } from '../collector/src/config';
import { SqliteEventWriter } from '../collector/src/store/sqlite/event-writer';
import type { NewEvent, WriteBatch } from '../collector/src/store/store';
import { seedDatabase } from './seed-database';

const { values } = parseArgs({
  options: { transactions: { type: 'string', default: '40' }, preload: { type: 'string', default: '200000' }, 'drop-index': { type: 'string', multiple: true, default: [] }, statements: { type: 'boolean', default: false } },
});
const transactions = Number(values.transactions);
const preload = Number(values.preload);
const batchSize = 50;
const batchesPerTransaction = 10;
const perTransaction = batchSize * batchesPerTransaction;

const dir = mkdtempSync(join(tmpdir(), 'eventline-writer-cost-'));
const open = (path: string) => {
  const db = new Sqlite(path);
  // The store's pragmas (sqlite-store.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return db;
};

/** µs per event of the writer: its transactions one after another, as the writer thread runs them. */
async function writerCost(): Promise<number> {
  const path = join(dir, 'writer.db');
  const seed = await seedDatabase(path, { events: preload, customers: 10_000, eventTypes: 20, days: 90 });
  const db = open(path);
  for (const index of values['drop-index']) db.exec(`drop index "${index.replaceAll('"', '""')}"`);
  if (values.statements) timeStatements(db);
  const writer = new SqliteEventWriter(db, { strongIdentityTypes: defaultStrongIdentityTypes });
  let n = 0;
  // Each batch from one customer, as an SDK sends it; one event in ten tagged, as in bench/ingest.ts.
  const batch = (): WriteBatch => {
    const c = Math.floor(Math.random() * seed.anonymousIds.length);
    const anonymousId = seed.anonymousIds[c]!;
    const events = Array.from({ length: batchSize }, (): NewEvent => {
      const now = Date.now();
      const i = n++;
      return {
        uuid: uuidv7(),
        event: seed.eventIds[i % seed.eventIds.length]!,
        type: 'inbound',
        time: now,
        clientTime: now,
        receivedAt: now,
        score: 1,
        stage: null,
        stageRank: -1,
        properties: `{"cl_amount":${i % 1000},"cl_sku":"sku-${i % 100}","channel":"web"}`,
        context: null,
        anonymousId,
        identities: [{ type: 'anonymous', value: anonymousId }],
        tags: i % 10 === 0 ? ['summer-sale'] : [],
        keyId: null,
        source: 'api',
      };
    });
    return { events, quarantine: [] };
  };
  const groups = Array.from({ length: transactions }, () => Array.from({ length: batchesPerTransaction }, batch));
  writer.commit(groups.pop()!); // warm the statements and the cache
  statementMs.clear();
  const t0 = performance.now();
  for (const group of groups) writer.commit(group);
  const us = ((performance.now() - t0) * 1000) / ((transactions - 1) * perTransaction);
  db.close();
  return us;
}

/** Time spent in each statement's calls, by its SQL; what the warm-up spent is taken off before the timed run. */
const statementMs = new Map<string, number>();

/** Wraps every statement the writer prepares so that its run/get/all calls add their time to statementMs. */
function timeStatements(db: Sqlite.Database): void {
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    const name = source.replace(/\s+/g, ' ').slice(0, 70);
    for (const method of ['run', 'get', 'all'] as const) {
      const call = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const t = performance.now();
        try {
          return call(...args);
        } finally {
          statementMs.set(name, (statementMs.get(name) ?? 0) + performance.now() - t);
        }
      };
    }
    return statement;
  }) as typeof db.prepare;
}

/** µs per row of plain SQLite: UUIDv7 text primary key, two secondary indexes, the same transactions. */
function referenceCost(): number {
  const db = open(join(dir, 'reference.db'));
  db.exec('create table t (uuid text primary key, customer_id text not null, event text not null, time integer not null, properties text not null) without rowid');
  db.exec('create index t_customer_time on t (customer_id, time); create index t_event_time on t (event, time)');
  const insert = db.prepare('insert into t values (?, ?, ?, ?, ?)');
  let i = 0;
  const rows = db.transaction((count: number) => {
    for (let k = 0; k < count; k++, i++) {
      const now = Date.now();
      insert.run(uuidv7(), `c${(i % 10_000).toString(36)}`, `cl_bench_${i % 20}`, now, `{"cl_amount":${i % 1000},"cl_sku":"sku-${i % 100}"}`);
    }
  });
  db.pragma('synchronous = OFF');
  for (let done = 0; done < preload; done += 50_000) rows(50_000);
  db.pragma('synchronous = FULL');
  const t0 = performance.now();
  for (let t = 0; t < transactions - 1; t++) rows(perTransaction);
  const us = ((performance.now() - t0) * 1000) / ((transactions - 1) * perTransaction);
  db.close();
  return us;
}

try {
  const writer = await writerCost();
  const reference = referenceCost();
  console.log(`writer: ${writer.toFixed(1)} µs/event (${Math.round(1e6 / writer)} events/s)`);
  console.log(`raw SQLite reference: ${reference.toFixed(1)} µs/row (${Math.round(1e6 / reference)} rows/s)`);
  console.log(`writer / reference throughput: ${(reference / writer).toFixed(2)}`);
  console.log(`(${transactions - 1} transactions of ${perTransaction}, synchronous FULL, ${preload.toLocaleString('en')} events preloaded)`);
  if (values['drop-index'].length > 0) console.log(`writer without ${values['drop-index'].join(', ')}`);
  for (const [name, ms] of [...statementMs].sort((a, b) => b[1] - a[1])) {
    console.log(`${((ms * 1000) / ((transactions - 1) * perTransaction)).toFixed(2).padStart(7)} µs/event  ${name}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
