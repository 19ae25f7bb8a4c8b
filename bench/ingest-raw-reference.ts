import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { quantile } from './quantile';

export interface RawReferenceOptions {
  /** A directory for the reference's own file. */
  dir: string;
  preload: number;
  transaction: number;
  seconds: number;
}

export interface RawReferenceResult {
  rowsPerSecond: number;
  rows: number;
  /** Per transaction of `transaction` rows, commit included. */
  p50Ms: number;
  p99Ms: number;
}

/**
 * What SQLite alone writes on this machine, the bar the collector's ingest is held to: a table with a
 * text UUIDv7 primary key and two secondary indexes (a customer's timeline, an event's time range),
 * WAL, synchronous FULL, `preload` rows first, then transactions of `transaction` rows for `seconds`.
 * No HTTP, no JSON parsing, no validation, no customers to resolve: only the rows and their indexes.
 */
export function rawSqliteReference(options: RawReferenceOptions): RawReferenceResult {
  const db = new Sqlite(join(options.dir, 'raw-reference.db'));
  db.pragma('journal_mode = WAL');
  db.exec(`create table events (uuid text primary key, customer_id text not null, event text not null, time integer not null, properties text not null);
           create index events_customer_time on events (customer_id, time);
           create index events_event_time on events (event, time);`);
  const insert = db.prepare('insert into events (uuid, customer_id, event, time, properties) values (?, ?, ?, ?, ?)');
  let n = 0;
  const rows = (count: number) =>
    Array.from({ length: count }, () => {
      const i = n++;
      return [uuidv7(), `c${((i * 7919) % 10_000).toString(36)}`, `cl_bench_${String((i % 20) + 1).padStart(2, '0')}`, Date.now(), `{"cl_amount":${i % 1000},"cl_sku":"sku-${i % 100}","cl_count":${i % 64}}`] as const;
    });
  const write = db.transaction((batch: ReturnType<typeof rows>) => {
    for (const row of batch) insert.run(...row);
  });

  db.pragma('synchronous = OFF');
  for (let done = 0; done < options.preload; done += 50_000) write(rows(Math.min(50_000, options.preload - done)));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('synchronous = FULL');

  const ms: number[] = [];
  const end = performance.now() + options.seconds * 1000;
  while (performance.now() < end) {
    // The rows are made before the clock starts: the reference times SQLite, not uuid generation.
    const batch = rows(options.transaction);
    const t0 = performance.now();
    write(batch);
    ms.push(performance.now() - t0);
  }
  db.close();
  const written = ms.length * options.transaction;
  const busy = ms.reduce((a, b) => a + b, 0) / 1000;
  return { rowsPerSecond: written / busy, rows: written, p50Ms: quantile(ms, 0.5), p99Ms: quantile(ms, 0.99) };
}
