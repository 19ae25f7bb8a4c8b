import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import { newEvent } from '../conformance-stores';
import type { Store } from '../store';
import { openPostgresStore } from './postgres-store';

const url = process.env.EVENTLINE_TEST_DATABASE_URL;

it('answers storage_unavailable when the database refuses connections', async () => {
  const error = await openPostgresStore({ url: 'postgres://postgres@127.0.0.1:1/eventline' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StorageUnavailableError);
});

// The rest needs a server: EVENTLINE_TEST_DATABASE_URL (bash scripts/ensure-postgres.sh).
describe.skipIf(!url)('the PostgreSQL store on a server', () => {
  const schema = `pgstore_${randomBytes(6).toString('hex')}`;
  let store: Store;
  const admin = () => {
    const client = new pg.Client({ connectionString: url });
    return client.connect().then(() => client);
  };
  afterAll(async () => {
    await store?.close();
    const client = await admin();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it('keeps each month of events in a partition of its own', async () => {
    store = await openPostgresStore({ url: url!, schema });
    await store.events.write({ events: [newEvent({ time: Date.UTC(2026, 0, 31, 23) }), newEvent({ time: Date.UTC(2026, 1, 1) })], quarantine: [] });
    const client = await admin();
    const { rows } = await client.query(
      `select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_namespace n on n.oid = c.relnamespace
       where i.inhparent = $1::regclass and n.nspname = $2 order by 1`,
      [`${schema}.events`, schema],
    );
    await client.end();
    expect(rows.map((r: { relname: string }) => r.relname)).toEqual(['events_2026_01', 'events_2026_02']);
  });

  it('fails only the batch the database refuses, not the others committed with it', async () => {
    const good = newEvent({ anonymousId: 'fine' });
    const bad = newEvent({ anonymousId: 'nul\u0000byte' });
    const [ok, refused] = await Promise.allSettled([store.events.write({ events: [good], quarantine: [] }), store.events.write({ events: [bad], quarantine: [] })]);
    expect(ok).toEqual({ status: 'fulfilled', value: ['accepted'] });
    expect(refused.status).toBe('rejected');
    expect(await store.events.get(good.uuid)).toBeDefined();
    expect(await store.events.get(bad.uuid)).toBeUndefined();
  });

  it('keeps customers whole when two stores merge overlapping customers at once', async () => {
    const other = await openPostgresStore({ url: url!, schema });
    try {
      // Devices d0…d9 first seen alone; then each store links random pairs through shared emails at once.
      const devices = Array.from({ length: 10 }, (_, i) => `merge-d${i}`);
      await store.events.write({ events: devices.map((d) => newEvent({ anonymousId: d })), quarantine: [] });
      const link = (k: number) =>
        newEvent({ anonymousId: devices[k % 10]!, identities: [{ type: 'email', value: `u${k % 4}@x.test` }, { type: 'anonymous', value: devices[(k * 7) % 10]! }, { type: 'anonymous', value: devices[k % 10]! }] });
      const writes = Array.from({ length: 24 }, (_, k) => (k % 2 === 0 ? store : other).events.write({ events: [link(k)], quarantine: [] }));
      expect((await Promise.all(writes)).flat()).toEqual(Array(24).fill('accepted'));
      // One store merges a customer away through one of its identities while the other records events
      // through another of its identities: no lock is shared, the late writer must find the survivor.
      await store.events.write({ events: [newEvent({ anonymousId: 'x', identities: [{ type: 'anonymous', value: 'x' }, { type: 'anonymous', value: 'y' }] }), newEvent({ anonymousId: 's', identities: [{ type: 'email', value: 's@x.test' }] })], quarantine: [] });
      await Promise.all([
        store.events.write({ events: [newEvent({ anonymousId: 'x', identities: [{ type: 'email', value: 's@x.test' }, { type: 'anonymous', value: 'x' }] })], quarantine: [] }),
        ...Array.from({ length: 5 }, () => other.events.write({ events: [newEvent({ anonymousId: 'y' })], quarantine: [] })),
      ]);
      expect((await store.customers.findByIdentity('anonymous', 'y'))!.id).toBe((await store.customers.findByIdentity('email', 's@x.test'))!.id);

      const client = await admin();
      await client.query(`set search_path = ${schema}`);
      const orphans = await client.query(`select count(*)::int as n from events e join customers c on c.id = e.customer_id where c.merged_into is not null and e.customer_id like 'c%'`);
      const lostIdentities = await client.query('select count(*)::int as n from identities i join customers c on c.id = i.customer_id where c.merged_into is not null');
      const counts = await client.query(
        `select (select count(*)::int from events) as events, (select sum(event_count)::int from customers where merged_into is null) as counted,
           (select count(*)::int from customers c where merged_into is null and event_count <> (select count(*) from events e where e.customer_id = c.id)) as wrong`,
      );
      await client.end();
      expect(orphans.rows[0].n).toBe(0);
      expect(lostIdentities.rows[0].n).toBe(0);
      expect(counts.rows[0].counted).toBe(counts.rows[0].events);
      expect(counts.rows[0].wrong).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('writes on after the server dropped its connections', async () => {
    await store.checkWritable();
    const client = await admin();
    const killed = await client.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1", [`eventline:${schema}`]);
    await client.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    const e = newEvent();
    expect(await store.events.write({ events: [e], quarantine: [] })).toEqual(['accepted']);
    await expect(store.checkWritable()).resolves.toBeUndefined();
  });
});
