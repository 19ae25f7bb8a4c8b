import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';

/**
 * The read path through the HTTP API, on the store the project runs (SQLite or PostgreSQL): a long
 * read never holds up ingest, stops at EVENTLINE_QUERY_TIMEOUT_MS, and sees what ingest acknowledged.
 *
 * A read made slow for real: on SQLite a customer query over many events, each condition a JSON scan;
 * on PostgreSQL a timeline read that waits on a lock another session holds on `definitions` (which
 * ingest never writes), so it runs exactly as long as the test keeps the lock.
 */
let collector: TestCollector;
let locker: pg.Client | undefined;
afterEach(async () => {
  await locker?.end();
  locker = undefined;
  await collector?.close();
});

const onPostgres = () => collector.dbPath === undefined;
const admin = (method: string, path: string, body?: unknown) => collector.request(method, path, { key: collector.adminKey, ...(body !== undefined && { body }) });
const ingest = async (...events: Record<string, unknown>[]) => {
  const res = await collector.request('POST', '/v1/events', { body: { events } });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ accepted: events.length });
};
const customerId = async (anonymousId: string) => {
  const res = await admin('GET', `/v1/customers?identity=anonymous:${anonymousId}`);
  return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
};
const pending = (promise: Promise<unknown>) => {
  const state = { settled: false };
  void promise.finally(() => (state.settled = true)).catch(() => {});
  return state;
};
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

/** Many events straight into the SQLite file (ingest would take minutes), for 200 customers. */
function seedSqlite(events: number) {
  const db = new Sqlite(collector.dbPath!);
  // Row ids far above the writer's counter, which gives each new customer the next one.
  const start = Date.now() - 86_400_000;
  db.exec(`with recursive n(i) as (select 0 union all select i + 1 from n where i < 199)
    insert into customers (rowid, id, created_at, first_seen, last_seen) select 1000000 + i, 'seed-' || i, ${start}, ${start}, ${start} from n`);
  db.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${events})
    insert into events (uuid, event, type, customer_id, time, client_time, received_at, score, properties, context, anonymous_id, source, key_id)
    select 'seed-' || i, 'page_view', 'inbound', 'seed-' || (i % 200), ${start} + i, ${start} + i, ${start} + i, 1,
      json_object('n', i, 'url', 'https://shop.example.com/products/' || i, 'title', 'Product ' || i), null, null, 'sdk', null from n`);
  db.close();
}

/** Sixteen JSON scans over every page_view: about 110 ms each over 100,000 events on an idle machine, so nearly two seconds. */
const slowCondition = { any: Array.from({ length: 16 }, (_, k) => ({ did: { event: 'page_view', atLeast: 2, where: [{ property: 'n', op: '<', value: -k - 1 }] } })) };

/** Starts a read that stays running until `release` (PostgreSQL) or its scan ends (SQLite). */
async function startLongRead(): Promise<{ read: Promise<Response>; release(): Promise<void> }> {
  if (!onPostgres()) return { read: admin('POST', '/v1/customers/query', { condition: slowCondition }), release: async () => {} };
  await ingest(makeEvent({ anonymousId: 'reader' }));
  const id = await customerId('reader');
  const { databaseUrl, databaseSchema } = collector.services.config;
  locker = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${databaseSchema}` });
  await locker.connect();
  await locker.query('begin');
  await locker.query('lock table definitions in access exclusive mode');
  const client = locker;
  return { read: admin('GET', `/v1/customers/${id}/events`), release: () => client.query('rollback').then(() => {}) };
}

it('stops a read past EVENTLINE_QUERY_TIMEOUT_MS with 503 query_timeout naming the limit, and answers the next read', async () => {
  // Far below the slow read and far above a quick one: the limit covers every read, also the quick one
  // made afterwards on a machine still busy with the stopped scan and other test files.
  collector = await createTestCollector({ EVENTLINE_QUERY_TIMEOUT_MS: '500' });
  if (!onPostgres()) seedSqlite(100_000);
  const { read, release } = await startLongRead();
  const res = await read;
  expect(res.status).toBe(503);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('query_timeout');
  expect(body.error.message).toMatch(/500 ms limit \(EVENTLINE_QUERY_TIMEOUT_MS\)/);
  await release();

  const metrics = await (await admin('GET', '/metrics')).text();
  expect(metrics).toMatch(/^eventline_read_timeouts_total 1$/m);
  // The reader that was stopped is replaced: a quick read afterwards answers.
  await ingest(makeEvent({ anonymousId: 'after' }));
  const after = await admin('GET', `/v1/customers/${await customerId('after')}/events`);
  expect(after.status).toBe(200);
  expect(((await after.json()) as { items: unknown[] }).items).toHaveLength(1);
}, 60_000);

it('acknowledges ingest while a long read is still running', async () => {
  collector = await createTestCollector({ EVENTLINE_QUERY_TIMEOUT_MS: '0', EVENTLINE_PG_READ_POOL: '2' });
  if (!onPostgres()) seedSqlite(100_000);
  const { read, release } = await startLongRead();
  const reads = [read];
  if (onPostgres()) {
    // More waiting reads than the whole pool used to hold: they queue for the read pool, not for ingest's connections.
    const id = await customerId('reader');
    for (let i = 0; i < 11; i++) reads.push(admin('GET', `/v1/customers/${id}/events`));
    await until(() => collector.services.store.reads.running === 2 && collector.services.store.reads.queued === 10);
  } else {
    await until(() => collector.services.store.reads.running === 1);
  }
  const states = reads.map(pending);

  await ingest(makeEvent({ anonymousId: 'while-reading' }));
  expect(states.some((s) => s.settled)).toBe(false);

  await release();
  for (const res of await Promise.all(reads)) expect(res.status).toBe(200);
}, 60_000);

it('shows a read what ingest acknowledged just before it', async () => {
  collector = await createTestCollector();
  for (let i = 1; i <= 3; i++) {
    await ingest(makeEvent({ anonymousId: 'ryw' }));
    const id = await customerId('ryw');
    const timeline = (await (await admin('GET', `/v1/customers/${id}/events`)).json()) as { items: unknown[] };
    expect(timeline.items).toHaveLength(i);
    const query = (await (await admin('POST', '/v1/customers/query', { condition: { did: { event: 'page_view', atLeast: i } } })).json()) as { count: number };
    expect(query.count).toBe(1);
  }
});

it.runIf(process.env.EVENTLINE_TEST_STORE !== 'postgres')('answers 503 reads_busy with Retry-After when every reader is busy and the read queue is full (SQLite)', async () => {
  collector = await createTestCollector({ EVENTLINE_READ_THREADS: '1', EVENTLINE_READ_QUEUE: '0', EVENTLINE_QUERY_TIMEOUT_MS: '0' });
  seedSqlite(100_000);
  const { read } = await startLongRead();
  await until(() => collector.services.store.reads.running === 1);
  const res = await admin('POST', '/v1/customers/query', { condition: { did: { event: 'page_view' } } });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('1');
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('reads_busy');
  expect(body.error.message).toMatch(/EVENTLINE_READ_QUEUE/);
  expect((await read).status).toBe(200);
}, 60_000);
