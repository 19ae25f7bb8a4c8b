import { chmodSync, closeSync, openSync, statSync } from 'node:fs';

/** Owner read and write only: the database holds every customer's identities and events. */
const privateMode = 0o600;

/**
 * Creates the database file readable by its owner alone (with the usual umask it would be 0644) and
 * narrows the files of an existing one. SQLite gives the -wal and -shm files it creates later the main
 * file's mode, so only those left from an earlier run need narrowing here.
 */
export function makeDatabaseFilesPrivate(path: string): void {
  // A file that cannot be created or changed (a read-only mount, another owner) is left for SQLite to
  // open or refuse with its own error, which start-up reports as storage_unavailable.
  try {
    closeSync(openSync(path, 'wx', privateMode));
  } catch {}
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if ((statSync(file).mode & 0o777) !== privateMode) chmodSync(file, privateMode);
    } catch {}
  }
}
