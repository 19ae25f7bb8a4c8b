import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/sqlite-store';
import { bootstrapKeys } from './bootstrap-keys';
import { hashKey } from './hash-key';

it('generates an admin and a write key at first start only, and stores only their hashes', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'eventline-')), 'k.db');
  const store = await openSqliteStore({ path });
  const first = await bootstrapKeys(store.keys, { adminKey: undefined, writeKey: undefined, writeKeyOrigins: [] });
  expect(first.generated.map((k) => k.scope)).toEqual(['admin', 'ingest']);
  const admin = first.generated[0]!.key;
  expect(await store.keys.findByHash(hashKey(admin))).toMatchObject({ scope: 'admin' });
  expect((await bootstrapKeys(store.keys, { adminKey: undefined, writeKey: undefined, writeKeyOrigins: [] })).generated).toEqual([]);
  await store.close();
  const Sqlite = (await import('better-sqlite3')).default;
  const raw = new Sqlite(path, { readonly: true });
  const dump = JSON.stringify(raw.prepare('select * from keys').all());
  raw.close();
  expect(dump).not.toContain(admin);
});

it('sets up a configured key once when collectors on one database start together', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'eventline-')), 'k.db');
  const stores = [await openSqliteStore({ path }), await openSqliteStore({ path })];
  const config = { adminKey: 'el_adm_shared_0123456789abcdef', writeKey: 'el_pub_shared_0123456789abcdef', writeKeyOrigins: [] };
  // Both look the keys up before either stores them: the second insert meets the first one's row.
  await Promise.all(stores.map((s) => bootstrapKeys(s.keys, config)));
  expect((await stores[0]!.keys.list()).map((k) => k.scope).sort()).toEqual(['admin', 'ingest']);
  await Promise.all(stores.map((s) => s.close()));
});
