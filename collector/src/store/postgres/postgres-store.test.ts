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
