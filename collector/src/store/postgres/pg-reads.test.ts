import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTimeoutError } from '../../errors/query-timeout-error';
import { newEvent } from '../conformance-stores';
import type { Store } from '../store';
import { openPostgresStore } from './postgres-store';

const url = process.env.EVENTLINE_TEST_DATABASE_URL;

/**
 * Reads made long for real: another session holds a lock on event_tags, which every export page and
 * timeline reads after its events, so a read runs exactly as long as the test keeps the lock.
 */
describe.skipIf(!url)('reads on the PostgreSQL read pool', () => {
  const schema = `pgreads_${randomBytes(6).toString('hex')}`;
  let store: Store;
  let customerId: string;
  const admin = async () => {
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    return client;
  };
  const whileLocked = async <T>(read: () => Promise<T>, holdMs: number): Promise<T> => {
    const locker = await admin();
    try {
      await locker.query('begin');
      await locker.query('lock table event_tags in access exclusive mode');
      const result = read();
      result.catch(() => {});
      await new Promise((r) => setTimeout(r, holdMs));
      await locker.query('rollback');
      return await result;
    } finally {
      await locker.end();
    }
  };

  beforeAll(async () => {
    store = await openPostgresStore({ url: url!, schema, pools: { write: 2, read: 2 }, queryTimeoutMs: 100 });
    const event = newEvent({ tags: ['vip'] });
    await store.events.write({ events: [event], quarantine: [] });
    customerId = (await store.events.get(event.uuid))!.customerId;
  });
  afterAll(async () => {
    await store?.close();
    const client = await admin();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('stops a read past the limit (statement_timeout) with QueryTimeoutError naming it, and counts it', async () => {
    const error = await whileLocked(() => store.customers.timeline(customerId, { limit: 10 }).catch((e: unknown) => e), 400);
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect((error as Error).message).toMatch(/100 ms limit \(EVENTLINE_QUERY_TIMEOUT_MS\)/);
    expect(store.reads.timeouts).toBe(1);
    expect((await store.customers.timeline(customerId, { limit: 10 })).items).toHaveLength(1);
  });

  it('lets an export page run past the limit: each page is one chunk of a stream', async () => {
    const page = await whileLocked(() => store.events.page({ limit: 10 }), 400);
    expect(page.items.map((e) => e.tags)).toEqual([['vip']]);
    // The exemption is the page's own: the connection it used is back under the limit.
    await expect(whileLocked(() => store.customers.tagCounts(customerId, 10), 400)).rejects.toBeInstanceOf(QueryTimeoutError);
  });
});
