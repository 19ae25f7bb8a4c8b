import { existsSync, renameSync, rmSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { UsageError, type CliCommand } from './cli-io';
import { sqliteDatabaseOf } from './load-cli-config';

const usage = `usage: eventline restore <file> [--replace]

  Puts a backup made by "eventline backup" in place as EVENTLINE_DB (default ./data/eventline.db).
  Stop the collector first. An existing database is replaced only with --replace. The backup is
  checked (SQLite integrity, Eventline's tables) before anything is touched.
`;

/** `eventline restore <file>`: checks a backup, then swaps it in whole (copy beside, then rename). */
export const restoreCommand: CliCommand = {
  summary: 'put a backup in place as the SQLite database (collector stopped)',
  usage,
  async run(args, io) {
    const files = args.filter((a) => a !== '--replace');
    if (files.length !== 1 || args.length - files.length > 1) throw new UsageError('name one backup file (and --replace to overwrite a database)');
    const source = files[0]!;
    const target = sqliteDatabaseOf(io, 'restore', 'pg_restore');
    if (target === undefined) return 1;
    if (existsSync(target) && !args.includes('--replace')) {
      io.stderr(`eventline restore: ${target} exists; stop the collector and pass --replace to overwrite it\n`);
      return 1;
    }
    const backup = new Sqlite(source, { readonly: true, fileMustExist: true });
    const staging = `${target}.restoring`;
    try {
      const check = backup.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`${source} is damaged: ${String(check)}`);
      if (!backup.prepare("select 1 from sqlite_master where type = 'table' and name = 'events'").get()) {
        throw new Error(`${source} is not an Eventline database (it has no events table)`);
      }
      rmSync(staging, { force: true });
      await backup.backup(staging);
    } catch (error) {
      io.stderr(`eventline restore: ${(error as Error).message}\n`);
      rmSync(staging, { force: true });
      return 1;
    } finally {
      backup.close();
    }
    // The old database's write-ahead log belongs to the old file: replayed onto the backup it would corrupt it.
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(staging, target);
    io.stdout(`restored ${source} as ${target}\n`);
    return 0;
  },
};
