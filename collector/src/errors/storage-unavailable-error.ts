import { DomainError } from './domain-error';

/** The store could not durably write: nothing was acknowledged, the client should retry later. */
export class StorageUnavailableError extends DomainError {
  override readonly name = 'StorageUnavailableError';
  readonly code = 'storage_unavailable';
  /**
   * How long a client should wait before retrying. Readiness stays down as long after a failed commit,
   * so a load balancer and the clients it fronts back off alike.
   */
  static readonly retryAfterMs = 5_000;

  constructor(cause?: unknown) {
    super('the event store cannot take writes right now; nothing was recorded, retry later');
    this.cause = cause;
  }
}
