import { DomainError } from './domain-error';

/** Every reader is busy and the read queue (EVENTLINE_READ_QUEUE) is full: nothing was read, retry shortly. */
export class ReadsBusyError extends DomainError {
  override readonly name = 'ReadsBusyError';
  readonly code = 'reads_busy';
  /** A read takes milliseconds to seconds: a second lets the queue drain without clients hammering it. */
  static readonly retryAfterMs = 1_000;

  constructor(readonly queueLimit: number) {
    super(`the collector is answering as many reads as it queues (${queueLimit}, EVENTLINE_READ_QUEUE); nothing was read, retry shortly`);
  }
}
