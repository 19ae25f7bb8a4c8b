import { StorageUnavailableError } from '../errors/storage-unavailable-error';

/** SQLite codes that mean "the store cannot take writes now" rather than "this request is wrong". */
const unavailableSqliteCodes = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;
/** PostgreSQL classes: 53 insufficient resources, 57 operator intervention, 08 connection, 25006 read-only. */
const unavailablePgCodes = /^(53|57|08)|^25006$/;

/** Whether a driver error is the store being unavailable (disk full, read-only, I/O error…). */
export function isStorageUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return unavailableSqliteCodes.test(code) || unavailablePgCodes.test(code);
}

/** The error to throw: StorageUnavailableError for a store that cannot write now, else the error as it was. */
export function storageFailure(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  return isStorageUnavailable(error) ? new StorageUnavailableError(error) : error;
}
