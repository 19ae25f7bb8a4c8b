/**
 * Why one event of a batch was not recorded. The event is kept in quarantine, not dropped, except
 * `suppressed`: it names an identity erased on request, and nothing of it is kept.
 */
export const rejectionCodes = [
  'invalid_event',
  'unknown_event',
  'invalid_property',
  'unknown_property',
  'missing_property',
  'invalid_uuid',
  'invalid_time',
  'invalid_identity',
  'missing_identity',
  'event_too_large',
  'invalid_tags',
  'not_allowed',
  'invalid_text',
  'suppressed',
] as const;

export type RejectionCode = (typeof rejectionCodes)[number];

export interface Rejection {
  /** Position of the event in the request's `events`. */
  index: number;
  uuid: string | null;
  code: RejectionCode;
  message: string;
  /** Where in the event the problem is, dotted: `properties.cl_count`, `time`, `tags.3`. */
  path: string;
}

/** The 200 answer of POST /v1/events, sent only once the accepted events are committed. */
export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}
