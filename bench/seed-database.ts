import { v7 as uuidv7 } from 'uuid';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { systemDefinitions } from '../collector/src/definitions/system-definitions';
import { openPostgresStore } from '../collector/src/store/postgres/postgres-store';
import { openSqliteStore } from '../collector/src/store/sqlite/sqlite-store';
import type { NewEvent, Store } from '../collector/src/store/store';
import { prng } from '../collector/src/testing/prng';

export interface SeedOptions {
  events: number;
  customers: number;
  /** Custom event types (cl_bench_NN) beside the system ones. */
  eventTypes: number;
  /** Events are spread evenly over the last `days` days. */
  days: number;
  /** Deterministic data for the same seed. */
  seed?: number;
  /** Give every event a numeric `cl_count` (0–63, from its position: the random sequence stays the same). */
  countProperty?: boolean;
}

export interface SeedSummary {
  customerIds: string[];
  eventIds: string[];
  /** The anonymous id of customer i is `anon-${i}`. */
  anonymousIds: string[];
}

/**
 * Fills a collector database (schema from the real migrations) with customers, definitions and events
 * as ingest would have left them — including per-customer activeness, counts and tags — but written
 * directly, so a million events take seconds. For benchmarks only.
 */
export async function seedDatabase(path: string, options: SeedOptions): Promise<SeedSummary> {
  const store = await openSqliteStore({ path });
  const eventIds = await seedDefinitions(store, options.eventTypes);
  await store.close();

  const db = new Sqlite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const random = prng(options.seed ?? 42);
  const now = Date.now();
  const start = now - options.days * 86_400_000;
  const customerIds: string[] = [];
  const anonymousIds: string[] = [];
  const insertCustomer = db.prepare('insert into customers (id, created_at, first_seen, last_seen, activeness, event_count, stage, stage_rank) values (?, ?, ?, ?, 0, 0, null, -1)');
  const insertIdentity = db.prepare('insert into identities (type, value, customer_id, created_at) values (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < options.customers; i++) {
      const id = `c${(i + 1).toString(36)}`;
      customerIds.push(id);
      anonymousIds.push(`anon-${i}`);
      insertCustomer.run(id, start, now, start);
      insertIdentity.run('anonymous', `anon-${i}`, id, start);
      if (i % 3 === 0) insertIdentity.run('mobile', `1380000${String(i).padStart(4, '0')}`, id, start);
    }
  })();

  const scores = new Map(eventIds.map((id, i) => [id, (i % 5) + 1]));
  const insertEvent = db.prepare(
    `insert into events (uuid, event, type, customer_id, time, client_time, received_at, score, properties, context, anonymous_id, source, key_id)
     values (?, ?, 'inbound', ?, ?, ?, ?, ?, ?, null, ?, 'sdk', null)`,
  );
  const insertTag = db.prepare('insert into event_tags (event_uuid, tag, customer_id, time) values (?, ?, ?, ?)');
  const tags = ['summer-sale', 'shoes', 'winter', 'newsletter', 'vip'];
  const chunk = 50_000;
  // Times ascend with the insert order, as they do in production, so uuid v7 ids stay time-ordered.
  const step = (now - start) / options.events;
  for (let done = 0; done < options.events; done += chunk) {
    db.transaction(() => {
      for (let n = done; n < Math.min(done + chunk, options.events); n++) {
        const time = Math.floor(start + n * step);
        const c = Math.floor(random() * options.customers);
        const event = eventIds[Math.floor(random() * eventIds.length)]!;
        const uuid = uuidv7({ msecs: time });
        const properties = `{"cl_amount":${Math.floor(random() * 1000)},"cl_sku":"sku-${Math.floor(random() * 100)}"${countOf(options, n)}}`;
        insertEvent.run(uuid, event, customerIds[c], time, time, time, scores.get(event), properties, anonymousIds[c]);
        if (random() < 0.1) insertTag.run(uuid, tags[Math.floor(random() * tags.length)], customerIds[c], time);
      }
    })();
  }
  db.exec(`update customers set activeness = s.total, event_count = s.n, first_seen = s.first, last_seen = s.last
           from (select customer_id, sum(score) total, count(*) n, min(time) first, max(time) last from events group by customer_id) s
           where s.customer_id = customers.id`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('analyze');
  db.close();
  return { customerIds, eventIds, anonymousIds };
}

/** The `cl_count` member of event `n`'s properties JSON (with its leading comma), or nothing. */
const countOf = (options: SeedOptions, n: number) => (options.countProperty ? `,"cl_count":${(n * 37) % 64}` : '');

/** The system definitions and `count` custom ones (cl_bench_NN, three properties each); answers their ids. */
async function seedDefinitions(store: Store, count: number): Promise<string[]> {
  await store.definitions.seedSystem([...systemDefinitions]);
  const eventIds: string[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `cl_bench_${String(i).padStart(2, '0')}`;
    eventIds.push(id);
    await store.definitions.create({
      id,
      name: `Bench event ${i}`,
      type: 'inbound',
      score: (i % 5) + 1,
      stage: null,
      group: null,
      properties: [
        { id: 'cl_amount', name: 'Amount', type: 'number' },
        { id: 'cl_sku', name: 'SKU', type: 'text' },
        { id: 'cl_count', name: 'Count', type: 'number' },
      ],
      system: false,
    });
  }
  return eventIds;
}

/**
 * The same data (same generator and seed) in a PostgreSQL schema, written through the store's own
 * writer in 1,000-event batches: the partitions, event_ids and customers are then exactly as ingest
 * leaves them, at the cost of a slower seed (a bulk path beside the writer's would need its upkeep).
 */
export async function seedPostgres(database: { url: string; schema: string }, options: SeedOptions): Promise<SeedSummary> {
  const store = await openPostgresStore(database);
  const eventIds = await seedDefinitions(store, options.eventTypes);
  const scores = new Map(eventIds.map((id, i) => [id, (i % 5) + 1]));
  const random = prng(options.seed ?? 42);
  const now = Date.now();
  const start = now - options.days * 86_400_000;
  const anonymousIds = Array.from({ length: options.customers }, (_, i) => `anon-${i}`);
  const tags = ['summer-sale', 'shoes', 'winter', 'newsletter', 'vip'];
  const step = (now - start) / options.events;
  let batch: NewEvent[] = [];
  for (let n = 0; n < options.events; n++) {
    const time = Math.floor(start + n * step);
    const c = Math.floor(random() * options.customers);
    const event = eventIds[Math.floor(random() * eventIds.length)]!;
    const anonymousId = anonymousIds[c]!;
    const properties = `{"cl_amount":${Math.floor(random() * 1000)},"cl_sku":"sku-${Math.floor(random() * 100)}"${countOf(options, n)}}`;
    const identities = [{ type: 'anonymous', value: anonymousId }, ...(c % 3 === 0 ? [{ type: 'mobile', value: `1380000${String(c).padStart(4, '0')}` }] : [])];
    batch.push({
      uuid: uuidv7({ msecs: time }),
      event,
      type: 'inbound',
      time,
      clientTime: time,
      receivedAt: time,
      score: scores.get(event)!,
      stage: null,
      stageRank: -1,
      properties,
      context: null,
      anonymousId,
      identities,
      tags: random() < 0.1 ? [tags[Math.floor(random() * tags.length)]!] : [],
      keyId: null,
      source: 'sdk',
    });
    if (batch.length === 1_000 || n === options.events - 1) {
      await store.events.write({ events: batch, quarantine: [] });
      batch = [];
    }
  }
  const customerIds: string[] = [];
  for (const anonymousId of anonymousIds) {
    const customer = await store.customers.findByIdentity('anonymous', anonymousId);
    if (customer) customerIds.push(customer.id);
  }
  await store.close();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`set search_path = "${database.schema}"`);
  await client.query('analyze');
  await client.end();
  return { customerIds, eventIds, anonymousIds };
}
