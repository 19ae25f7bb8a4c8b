import { limits } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';
import { parseJsonBody } from './parse-json-body';
import { parseTime } from '../recorder/parse-time';

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
  if (!isObject(json)) throw new HttpError(400, 'invalid_batch', 'the body must be a JSON object');
  if (!single && !Array.isArray(json.batch)) throw new HttpError(400, 'invalid_batch', 'batch: expected { batch: [...], sentAt? }');
  const messages = single ? [json] : (json.batch as unknown[]);
  if (messages.length > limits.maxEventsPerBatch) {
    throw new HttpError(413, 'payload_too_large', `${messages.length} messages in one request; at most ${limits.maxEventsPerBatch} are allowed`);
  }
  let sentAt: number | null = null;
  if (typeof json.sentAt === 'string' || typeof json.sentAt === 'number') {
    const t = parseTime(json.sentAt);
    if (!t.ok) throw new HttpError(400, 'invalid_batch', `sentAt: ${t.message}`);
    sentAt = t.ms;
  }
  return { messages, sentAt, context: !single && isObject(json.context) ? json.context : undefined };
}
