import { randomBytes } from 'node:crypto';
import { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from './postgres-store';
import { SchemaDialect } from './schema-dialect';

const url = process.env.EVENTLINE_TEST_DATABASE_URL;

// Needs a server: EVENTLINE_TEST_DATABASE_URL (bash scripts/ensure-postgres.sh).
describe.skipIf(!url)('SchemaDialect on a server', () => {
  const id = randomBytes(6).toString('hex');
  const schemas: string[] = [];
  const admin = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return client;
  };
  afterAll(async () => {
    const client = await admin();
    for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });

  it("lists its own schema's tables only, the migrator's when asked", async () => {
    const [own, other] = [`dialect_own_${id}`, `dialect_other_${id}`];
    schemas.push(own, other);
    const client = await admin();
    await client.query(`create schema ${own}; create table ${own}.mine (id int); create table ${own}.kysely_migration (name text)`);
    await client.query(`create schema ${other}; create table ${other}.theirs (id int)`);
    await client.end();

    const db = new Kysely<unknown>({ dialect: new SchemaDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }, own) });
    expect((await db.introspection.getTables()).map((t) => [t.schema, t.name])).toEqual([[own, 'mine']]);
    expect((await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name)).toEqual(['kysely_migration', 'mine']);
    expect(await db.introspection.getSchemas()).toEqual([{ name: own }]);
    await db.destroy();
  });

  it('migrates new stores while other schemas are created and dropped beside them', async () => {
    // What other collectors and tests on the same server do; the stock introspector read their
    // half-dropped schemas and failed the migration now and then.
    const churn = await admin();
    let stop = false;
    const churning = (async () => {
      for (let n = 0; !stop; n++) {
        const schema = `dialect_churn_${id}_${n}`;
        await churn.query(`create schema ${schema}; create table ${schema}.a (id serial primary key, note text); create table ${schema}.b (id int)`);
        await churn.query(`drop schema ${schema} cascade`);
      }
    })();
    try {
      for (let n = 0; n < 6; n++) {
        const schema = `dialect_store_${id}_${n}`;
        schemas.push(schema);
        const store = await openPostgresStore({ url: url!, schema });
        await store.close();
      }
    } finally {
      stop = true;
      await churning;
      await churn.end();
    }
  }, 120_000);
});
