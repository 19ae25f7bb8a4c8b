/** Codes of whole-request errors. Every HTTP error of the collector is an ErrorBody. */
export const errorCodes = [
  'invalid_json',
  'invalid_batch',
  'invalid_request',
  'invalid_key',
  'origin_not_allowed',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'storage_unavailable',
  'query_timeout',
  'reads_busy',
  'internal',
  'invalid_cursor',
  'too_many_requests',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; [detail: string]: unknown };
}
