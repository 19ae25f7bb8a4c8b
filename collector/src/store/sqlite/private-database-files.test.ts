import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Store } from '../store';
import { openSqliteStore } from './sqlite-store';

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** Opens the store and writes through it, so SQLite has made its -wal and -shm files. */
async function openAndWrite(path: string) {
  store = await openSqliteStore({ path });
  await store.checkWritable();
}

it('creates the database, its WAL and its shared memory readable by the owner alone, whatever the umask', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'eventline-mode-')), 'eventline.db');
  const umask = process.umask(0o022);
  try {
    await openAndWrite(path);
  } finally {
    process.umask(umask);
  }
  expect([modeOf(path), modeOf(`${path}-wal`), modeOf(`${path}-shm`)]).toEqual(['600', '600', '600']);
});

it('narrows the files of a database created before, the WAL and shared memory included', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'eventline-mode-')), 'eventline.db');
  await openAndWrite(path);
  await store!.close();
  store = undefined;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    writeFileSync(file, '', { flag: 'a' });
    chmodSync(file, 0o644);
  }
  await openAndWrite(path);
  expect([modeOf(path), modeOf(`${path}-wal`), modeOf(`${path}-shm`)]).toEqual(['600', '600', '600']);
});
