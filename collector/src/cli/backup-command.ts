import { existsSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { UsageError, type CliCommand } from './cli-io';
import { sqliteDatabaseOf } from './load-cli-config';

const usage = `usage: eventline backup <file>

  Copies the SQLite database EVENTLINE_DB (default ./data/eventline.db) to <file> with SQLite's online
  backup: a consistent copy taken while the collector keeps recording. <file> must not exist.
  On PostgreSQL (EVENTLINE_DATABASE_URL set) use pg_dump instead: see docs/operations.md.
`;

/** `eventline backup <file>`: SQLite's online backup API, page by page, beside a running collector. */
export const backupCommand: CliCommand = {
  summary: 'copy the SQLite database while the collector runs (online backup)',
  usage,
  async run(args, io) {
    if (args.length !== 1) throw new UsageError('name one file to write the backup to');
    const target = args[0]!;
    const dbPath = sqliteDatabaseOf(io, 'backup', 'pg_dump -Fc -n <schema>');
    if (dbPath === undefined) return 1;
    if (!existsSync(dbPath)) {
      io.stderr(`eventline backup: there is no database at ${dbPath}\n`);
      return 1;
    }
    if (existsSync(target)) {
      io.stderr(`eventline backup: ${target} exists; name a new file\n`);
      return 1;
    }
    const db = new Sqlite(dbPath, { readonly: true, fileMustExist: true });
    try {
      const started = Date.now();
      // One step for the whole file: in WAL mode a read holds up no writer, while a copy taken in small
      // steps starts over whenever the collector commits between two of them (never ending under ingest).
      const { totalPages } = await db.backup(target, { progress: ({ totalPages: pages }) => Math.max(pages, 1) });
      io.stdout(`backed up ${dbPath} to ${target}: ${totalPages} pages in ${Date.now() - started} ms\n`);
      return 0;
    } catch (error) {
      io.stderr(`eventline backup: ${(error as Error).message}\n`);
      return 1;
    } finally {
      db.close();
    }
  },
};
