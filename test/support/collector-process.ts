import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { createTestDatabase } from '../../collector/src/testing/test-database';
import { collectorEntry } from './collector-entry';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningCollector {
  url: string;
  /** The running process's id (for /proc/<pid>/status). */
  pid: number;
  adminKey: string;
  writeKey: string;
  /** The SQLite file (unused when the collector runs on PostgreSQL). */
  dbPath: string;
  /** SIGTERM: a graceful stop, at the end of a test (on PostgreSQL its schema is then dropped). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, nothing flushed or closed. */
  kill(): Promise<void>;
  /** Stops (if running) and starts again on the same port and database. */
  restart(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  dbPath?: string;
}

/**
 * Starts a real collector process (the same entry `npm start` runs) on a free port and a file database,
 * or a fresh PostgreSQL schema in the "postgres" vitest project unless the options name a database.
 */
export async function startCollector(options: StartOptions = {}): Promise<RunningCollector> {
  const database = options.dbPath || options.env?.EVENTLINE_DATABASE_URL ? undefined : createTestDatabase();
  const dbPath = options.dbPath ?? database?.dbPath ?? join(mkdtempSync(join(tmpdir(), 'eventline-')), 'eventline.db');
  const adminKey = `el_adm_test_${randomBytes(12).toString('hex')}`;
  const writeKey = `el_pub_test_${randomBytes(12).toString('hex')}`;
  let port = 0;
  let child: ChildProcess | undefined;

  const launch = async () => {
    const server = await collectorEntry();
    return new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, ['--conditions=@eventline/source', server], {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          EVENTLINE_DB: dbPath,
          ...database?.env,
          EVENTLINE_ADMIN_KEY: adminKey,
          EVENTLINE_WRITE_KEY: writeKey,
          EVENTLINE_LOG: 'silent',
          // Tests deliver triggers to receivers on loopback, which a deployed collector refuses.
          EVENTLINE_TRIGGER_ALLOWED_HOSTS: '127.0.0.1',
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match) {
          port = Number(match[1]);
          proc.stdout!.off('data', onData);
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      proc.once('exit', (code) => reject(new Error(`collector exited (${code}) before listening:\n${output}`)));
    });
  };

  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });

  await launch();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get pid() {
      return child!.pid!;
    },
    adminKey,
    writeKey,
    dbPath,
    async stop() {
      await waitExit('SIGTERM');
      await database?.drop();
    },
    kill: () => waitExit('SIGKILL'),
    async restart() {
      await waitExit('SIGTERM');
      await launch();
    },
  };
}

export interface StoredEventRow {
  uuid: string;
  event: string;
  customer_id: string;
  time: number;
  properties: Record<string, unknown>;
}

/** The events in a collector's database file, read directly (the collector may be running). */
export function readEvents(dbPath: string): StoredEventRow[] {
  const db = new Sqlite(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('select uuid, event, customer_id, time, properties from events order by seq').all() as (Omit<StoredEventRow, 'properties'> & { properties: string })[];
    return rows.map((r) => ({ ...r, properties: JSON.parse(r.properties) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

export function countEvents(dbPath: string): number {
  return readEvents(dbPath).length;
}
