import { HttpError } from './http-error';

/** SQLite codes that mean "the store cannot take writes now" rather than "this request is wrong". */
const unavailableCodes = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|CORRUPT|NOTADB|PROTOCOL)/;
/** PostgreSQL classes: 53 insufficient resources, 57 operator intervention, 08 connection, 25006 read-only. */
const unavailablePgCodes = /^(53|57|08)|^25006$/;

/** The store could not durably write: nothing was acknowledged, the client should retry later. */
export class StorageUnavailableError extends HttpError {
  constructor(cause?: unknown) {
    super(503, 'storage_unavailable', 'the event store cannot take writes right now; nothing was recorded, retry later', {}, {
      'Retry-After': '5',
    });
    this.cause = cause;
  }

  /** Whether a driver error is the store being unavailable (disk full, read-only, I/O error…). */
  static matches(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string') return false;
    return unavailableCodes.test(code) || unavailablePgCodes.test(code);
  }
}
