import { existsSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { ConfigError, loadConfig } from '../config';
import { UsageError, type CliCommand } from './cli-io';

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
    let config;
    try {
      config = loadConfig(io.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`eventline: ${error.message}\n`);
      return 1;
    }
    if (config.databaseUrl) {
      io.stderr('eventline backup: the store is PostgreSQL; back it up with pg_dump -Fc -n <schema> (docs/operations.md)\n');
      return 1;
    }
    if (!existsSync(config.dbPath)) {
      io.stderr(`eventline backup: there is no database at ${config.dbPath}\n`);
      return 1;
    }
    if (existsSync(target)) {
      io.stderr(`eventline backup: ${target} exists; name a new file\n`);
      return 1;
    }
    const db = new Sqlite(config.dbPath, { readonly: true, fileMustExist: true });
    try {
      const started = Date.now();
      // One step for the whole file: in WAL mode a read holds up no writer, while a copy taken in small
      // steps starts over whenever the collector commits between two of them (never ending under ingest).
      const { totalPages } = await db.backup(target, { progress: ({ totalPages: pages }) => Math.max(pages, 1) });
      io.stdout(`backed up ${config.dbPath} to ${target}: ${totalPages} pages in ${Date.now() - started} ms\n`);
      return 0;
    } catch (error) {
      io.stderr(`eventline backup: ${(error as Error).message}\n`);
      return 1;
    } finally {
      db.close();
    }
  },
};
