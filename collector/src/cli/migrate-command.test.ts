import { afterEach, expect, it } from 'vitest';
import { sqliteMigrations } from '../store/sqlite/migrations';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { main } from './main';

// On the SQLite file here, on a fresh PostgreSQL schema in the "postgres" vitest project.
let database: TestDatabase;
afterEach(async () => {
  await database?.drop();
});

async function migrate(env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await main(['migrate'], { stdout: (t) => void (stdout += String(t)), stderr: (t) => void (stderr += t), env });
  return { code, stdout, stderr };
}

it('migrates a new database to the latest schema, then finds nothing left to do', async () => {
  database = createTestDatabase();
  const first = await migrate(database.env);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  const [, applied, version] = /: applied (.+); schema now at (\S+)\n$/.exec(first.stdout) ?? [];
  expect(applied!.split(', ')[0]).toBe('0001-initial');
  expect(applied!.split(', ').at(-1)).toBe(version);
  if (database.store === 'sqlite') {
    expect(first.stdout).toMatch(new RegExp(`^SQLite ${database.dbPath}:`));
    expect(version).toBe(Object.keys(sqliteMigrations).sort().at(-1));
  } else {
    expect(first.stdout).toContain(`schema ${database.env.EVENTLINE_DATABASE_SCHEMA}:`);
  }

  expect(await migrate(database.env)).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`: schema up to date at ${version}\\n$`)) });
});

it('says which setting is wrong, as the collector does at start', async () => {
  database = createTestDatabase();
  const result = await migrate({ ...database.env, EVENTLINE_DATABASE_URL: 'mysql://localhost/eventline' });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/EVENTLINE_DATABASE_URL: must be a postgres:\/\//);
});

it('answers 1 and names the store when it cannot be reached', async () => {
  const result = await migrate({ EVENTLINE_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^eventline: cannot migrate PostgreSQL 127\.0\.0\.1:1\/none, schema public: /);
});
