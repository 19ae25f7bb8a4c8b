import Sqlite from 'better-sqlite3';
import pg from 'pg';

/** Where a phase's collector keeps its events: a copy of the seeded SQLite file, or the seeded PostgreSQL schema. */
export type IngestTarget = { store: 'sqlite'; path: string } | { store: 'postgres'; url: string; schema: string };

/** The environment that points a collector process at `target`. */
export function collectorOptions(target: IngestTarget): { dbPath?: string; env?: Record<string, string> } {
  return target.store === 'sqlite' ? { dbPath: target.path } : { env: { EVENTLINE_DATABASE_URL: target.url, EVENTLINE_DATABASE_SCHEMA: target.schema } };
}

/** Runs `sql` with `$schema` standing for the target's quoted schema name. */
export async function onSchema<T extends pg.QueryResultRow>(target: { url: string; schema: string }, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    return (await client.query<T>(sql.replaceAll('$schema', `"${target.schema}"`))).rows;
  } finally {
    await client.end();
  }
}

/** The events stored, counted in the store itself (what was acknowledged and kept, not what was sent). */
export async function countStored(target: IngestTarget): Promise<number> {
  if (target.store === 'postgres') return Number((await onSchema<{ n: string }>(target, 'select count(*) n from $schema.events'))[0]!.n);
  const db = new Sqlite(target.path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select count(*) n from events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
