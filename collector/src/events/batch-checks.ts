import { limits } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';
import { readTime } from '../recorder/parse-time';

/** 413 for a request over the batch limit, naming the field and what to do, for SDK batches and Segment alike. */
export function checkBatchSize(field: string, count: number, noun: string): void {
  if (count <= limits.maxEventsPerBatch) return;
  throw new HttpError(
    413,
    'payload_too_large',
    `${field}: ${count} ${noun} in one request, at most ${limits.maxEventsPerBatch} are allowed — send them in requests of ${limits.maxEventsPerBatch} or fewer`,
  );
}

/**
 * The batch's sentAt as epoch ms, or null when there is none. Only a sentAt that is no time at all
 * fails the request; a wild clock is the events' concern (plausibleSentAt).
 */
export function batchSentAt(value: string | number | undefined): number | null {
  if (value === undefined) return null;
  const t = readTime(value);
  if (!t.ok) throw new HttpError(400, 'invalid_batch', `sentAt: ${t.message}, or leave it out`);
  return t.ms;
}
