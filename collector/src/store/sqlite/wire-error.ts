import Sqlite from 'better-sqlite3';

/**
 * An error as it crosses between the request thread and a SQLite thread (writer or reader): a structured
 * clone would drop the SQLite `code` it is judged by (SQLITE_BUSY, SQLITE_FULL: storage unavailable).
 */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(error.stack ? { stack: error.stack } : {}) };
}

/** Rebuilds the error on the request thread: a SqliteError stays one, with its code, as if thrown here. */
export function fromWireError(wire: WireError): Error {
  const error = wire.name === 'SqliteError' && wire.code !== undefined ? new Sqlite.SqliteError(wire.message, wire.code) : new Error(wire.message);
  if (!(error instanceof Sqlite.SqliteError)) {
    error.name = wire.name;
    if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  }
  if (wire.stack) error.stack = wire.stack;
  return error;
}
