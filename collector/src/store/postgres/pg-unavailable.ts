import { StorageUnavailableError } from '../../errors/storage-unavailable-error';
import { isStorageUnavailable } from '../storage-unavailable';

/** Socket errors and pg's own messages for a server that is gone, refusing, or cut off mid-query. */
const connectionCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const connectionMessages = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly/;

/** Whether a pg error means the database cannot take work now (down, full, read-only, out of connections). */
export function isPgUnavailable(error: unknown): boolean {
  if (isStorageUnavailable(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && connectionCodes.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isPgUnavailable);
  return error instanceof Error && connectionMessages.test(error.message);
}

/** The error to throw: StorageUnavailableError for an unavailable database, else as it was. */
export function pgFailure(error: unknown): unknown {
  return error instanceof StorageUnavailableError || !isPgUnavailable(error) ? error : new StorageUnavailableError(error);
}
