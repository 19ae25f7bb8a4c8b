import { eventBatchSchema, limits } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';
import { parseJsonBody } from './parse-json-body';
import { parseTime } from '../recorder/parse-time';

export interface ParsedBatch {
  events: unknown[];
  sentAt: number | null;
  dropped: number;
}

/** The whole-request checks of POST /v1/events; each event is checked on its own afterwards. */
export function parseBatch(text: string): ParsedBatch {
  const json = parseJsonBody(text);
  const batch = eventBatchSchema.safeParse(json);
  if (!batch.success) {
    const issue = batch.error.issues[0]!;
    throw new HttpError(400, 'invalid_batch', `${issue.path.join('.') || 'body'}: ${issue.message}; expected { sentAt?, events: [...] }`);
  }
  const { events, sentAt, dropped } = batch.data;
  if (events.length > limits.maxEventsPerBatch) {
    throw new HttpError(413, 'payload_too_large', `${events.length} events in one request; at most ${limits.maxEventsPerBatch} are allowed`);
  }
  let sent: number | null = null;
  if (sentAt !== undefined) {
    const t = parseTime(sentAt);
    if (!t.ok) throw new HttpError(400, 'invalid_batch', `sentAt: ${t.message}`);
    sent = t.ms;
  }
  return { events, sentAt: sent, dropped: dropped ?? 0 };
}
