import { limits } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';
import { parseJsonBody } from './parse-json-body';
import { describeValue } from '../recorder/describe-value';
import { readTime } from '../recorder/parse-time';

export interface SegmentBody {
  messages: unknown[];
  sentAt: number | null;
  context: Record<string, unknown> | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The whole-request checks of the Segment endpoints: /v1/batch takes `{ batch: [...], sentAt?,
 * context? }`, /v1/track and /v1/identify one message. Each message is checked on its own afterwards.
 */
export function parseSegmentBody(text: string, single: boolean): SegmentBody {
  const json = parseJsonBody(text);
  const shape = single ? 'send one Segment message, such as { "userId": "u-1", "event": "cl_signup" }' : 'send { "batch": [ … ], "sentAt"?: time }';
  if (!isObject(json)) throw new HttpError(400, 'invalid_batch', `body: expected an object, got ${describeValue(json)} — ${shape}`);
  if (!single && !Array.isArray(json.batch)) {
    const what = json.batch === undefined ? 'missing' : `expected an array of messages, got ${describeValue(json.batch)}`;
    throw new HttpError(400, 'invalid_batch', `batch: ${what} — ${shape}`);
  }
  const messages = single ? [json] : (json.batch as unknown[]);
  if (messages.length > limits.maxEventsPerBatch) {
    throw new HttpError(
      413,
      'payload_too_large',
      `batch: ${messages.length} messages in one request, at most ${limits.maxEventsPerBatch} are allowed — send them in requests of ${limits.maxEventsPerBatch} or fewer`,
    );
  }
  let sentAt: number | null = null;
  if (typeof json.sentAt === 'string' || typeof json.sentAt === 'number') {
    // Only a sentAt that is no time at all fails the request; a wild clock is the events' concern.
    const t = readTime(json.sentAt);
    if (!t.ok) throw new HttpError(400, 'invalid_batch', `sentAt: ${t.message}, or leave it out`);
    sentAt = t.ms;
  }
  return { messages, sentAt, context: !single && isObject(json.context) ? json.context : undefined };
}
