import { EventlineError } from './eventline-error';

/**
 * The collector refused a whole request (4xx other than 408/429), or could not take it (5xx, 429).
 * The events stay queued either way.
 */
export class CollectorError extends EventlineError {
  override readonly name = 'CollectorError';

  constructor(
    readonly status: number,
    /** The collector's `error.code` (`invalid_key`, `payload_too_large`, …) or `http_<status>`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
