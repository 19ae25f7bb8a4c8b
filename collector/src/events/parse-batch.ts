import { eventBatchSchema } from '@eventline/protocol';
import { HttpError } from '../errors/http-error';
import { describeValue } from '../recorder/describe-value';
import { batchSentAt, checkBatchSize } from './batch-checks';
import { parseJsonBody } from './parse-json-body';

export interface ParsedBatch {
  events: unknown[];
  /** The client's clock as sent, whatever its value: plausibleSentAt decides whether it is used. */
  sentAt: number | null;
  dropped: number;
}

const shape = 'send { "sentAt"?: time, "events": [ … ] }';

/** The whole-request checks of POST /v1/events; each event is checked on its own afterwards. */
export function parseBatch(text: string): ParsedBatch {
  const json = parseJsonBody(text);
  const batch = eventBatchSchema.safeParse(json);
  if (!batch.success) {
    const issue = batch.error.issues[0]!;
    const path = issue.path.join('.');
    if (path === '') throw new HttpError(400, 'invalid_batch', `body: expected an object, got ${describeValue(json)} — ${shape}`);
    const got = (json as Record<string, unknown>)[String(issue.path[0])];
    const expected: Record<string, string> = {
      events: 'an array of events',
      sentAt: 'a time (ISO 8601 string or epoch milliseconds)',
      dropped: 'a whole number of at least 0',
    };
    const what = got === undefined ? 'missing' : `expected ${expected[path] ?? issue.message}, got ${describeValue(got)}`;
    throw new HttpError(400, 'invalid_batch', `${path}: ${what} — ${shape}`);
  }
  const { events, sentAt, dropped } = batch.data;
  checkBatchSize('events', events.length, 'events');
  return { events, sentAt: batchSentAt(sentAt), dropped: dropped ?? 0 };
}
