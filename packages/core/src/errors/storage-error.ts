import { EventlineError } from './eventline-error';

/** The persistent storage failed (private mode, quota); the tracker goes on in memory. */
export class StorageError extends EventlineError {
  override readonly name = 'StorageError';
}
