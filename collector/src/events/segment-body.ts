import { HttpError } from '../errors/http-error';
import { parseJsonBody } from './parse-json-body';
import { describeValue } from '../recorder/describe-value';
import { batchSentAt, checkBatchSize } from './batch-checks';

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
  checkBatchSize('batch', messages.length, 'messages');
  const sentAt = batchSentAt(typeof json.sentAt === 'string' || typeof json.sentAt === 'number' ? json.sentAt : undefined);
  return { messages, sentAt, context: !single && isObject(json.context) ? json.context : undefined };
}
