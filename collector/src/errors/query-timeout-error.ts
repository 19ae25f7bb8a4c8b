import { DomainError } from './domain-error';

/**
 * A read ran past EVENTLINE_QUERY_TIMEOUT_MS and was stopped. Retrying the same query would only hit
 * the limit again, so the message says what to change rather than when to come back.
 */
export class QueryTimeoutError extends DomainError {
  override readonly name = 'QueryTimeoutError';
  readonly code = 'query_timeout';

  constructor(readonly limitMs: number) {
    super(`the query took longer than the ${limitMs} ms limit (EVENTLINE_QUERY_TIMEOUT_MS) and was stopped; narrow it (a shorter time range, fewer customers) or raise the limit`);
  }
}
