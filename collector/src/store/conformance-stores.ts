import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openPostgresStore } from './postgres/postgres-store';
import { openSqliteStore } from './sqlite/sqlite-store';
import type { NewEvent } from './event-store';
import type { Store } from './store';

const pgUrl = process.env.EVENTLINE_TEST_DATABASE_URL;
if (!pgUrl) {
  console.warn(
    'store conformance: EVENTLINE_TEST_DATABASE_URL is not set, so the PostgreSQL half of the store tests is SKIPPED. ' +
      'Run `bash scripts/ensure-postgres.sh` and set the URL it prints to run it.',
  );
}

/** One database of an engine: `open()` gives another store on it (another collector, as far as the store can tell). */
export interface ConformanceDatabase {
  open(): Promise<Store>;
}

export interface ConformanceEngine {
  name: 'sqlite' | 'postgres';
  skip: boolean;
  /** A fresh, empty database; closed and removed by `cleanup`. */
  database(options?: { strongIdentityTypes?: string[] }): ConformanceDatabase;
  cleanup(): Promise<void>;
}

function engine(name: ConformanceEngine['name'], skip: boolean, fresh: (options: { strongIdentityTypes?: string[] }, opened: Store[], schemas: string[]) => () => Promise<Store>): ConformanceEngine {
  const opened: Store[] = [];
  const schemas: string[] = [];
  return {
    name,
    skip,
    database: (options = {}) => ({ open: fresh(options, opened, schemas) }),
    async cleanup() {
      await Promise.all(opened.splice(0).map((s) => s.close()));
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      for (const schema of schemas.splice(0)) await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** SQLite on a temp file; PostgreSQL on a fresh schema of EVENTLINE_TEST_DATABASE_URL (skipped when unset). */
export const conformanceEngines: ConformanceEngine[] = [
  engine('sqlite', false, (options, opened) => {
    const path = join(mkdtempSync(join(tmpdir(), 'eventline-conformance-')), 'eventline.db');
    return async () => {
      const store = await openSqliteStore({ path, ...options });
      opened.push(store);
      return store;
    };
  }),
  engine('postgres', !pgUrl, (options, opened, schemas) => {
    const schema = `conformance_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    return async () => {
      const store = await openPostgresStore({ url: pgUrl!, schema, ...options });
      opened.push(store);
      return store;
    };
  }),
];

/** A valid event as the ingest pipeline hands it to the store, with what a test changes about it. */
export function newEvent(overrides: Partial<NewEvent> & { anonymousId?: string | null } = {}): NewEvent {
  const time = overrides.time ?? Date.UTC(2026, 10, 2, 10);
  const anonymousId = overrides.anonymousId === undefined ? 'anon-1' : overrides.anonymousId;
  return {
    uuid: uuidv7(),
    event: 'page_view',
    type: 'inbound',
    time,
    clientTime: time,
    receivedAt: time + 5,
    score: 1,
    stage: null,
    stageRank: -1,
    properties: '{}',
    context: null,
    identities: anonymousId === null ? [] : [{ type: 'anonymous', value: anonymousId }],
    tags: [],
    keyId: null,
    source: 'api',
    ...overrides,
    anonymousId,
  };
}
