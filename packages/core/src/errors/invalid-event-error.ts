import { EventlineError } from './eventline-error';

export type InvalidEventCode =
  | 'invalid_event_id'
  | 'invalid_property'
  | 'invalid_identity'
  | 'invalid_tags'
  | 'invalid_time'
  | 'event_too_large';

/** A `track`/`identify`/`register` call that could not be used as given; reported in debug, never thrown. */
export class InvalidEventError extends EventlineError {
  override readonly name = 'InvalidEventError';

  constructor(
    readonly code: InvalidEventCode,
    /** Where in the call: `event`, `properties.cl_price`, `tags.2`. */
    readonly path: string,
  ) {
    // Short on purpose: it ships in the 5 KB script-tag bundle; code and path say the rest.
    super(`${code} at ${path}`);
  }
}
