import { HttpError } from '../errors/http-error';
import { errorResponse } from './openapi-responses';

/**
 * The 404 of a route on one record: the response its declaration lists and the error its handler throws,
 * worded once per kind of record so the two cannot drift apart.
 */
export class NotFound {
  readonly response: ReturnType<typeof errorResponse>;

  constructor(
    description: string,
    private readonly message: (id: string) => string,
  ) {
    this.response = errorResponse(description);
  }

  error(id: string): HttpError {
    return new HttpError(404, 'not_found', this.message(id));
  }

  /** What the store found under `id`, or this 404 when it found nothing. */
  unless<T>(record: T | null | undefined, id: string): T {
    if (record == null) throw this.error(id);
    return record;
  }
}
