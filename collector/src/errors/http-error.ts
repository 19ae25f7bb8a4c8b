import type { ErrorBody, ErrorCode } from '@eventline/protocol';

type Status = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/**
 * A whole-request failure: the status and code the client sees, as `{ error: { code, message } }`.
 * `details` adds fields beside code and message (for example the rows of a CSV that failed).
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: Status,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { ...this.details, code: this.code, message: this.message } };
  }
}
