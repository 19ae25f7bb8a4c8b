import type { IngestResponse } from '@eventline/protocol';
import type { Context } from 'hono';
import { checkOrigin } from '../auth/check-origin';
import type { KeyEnv } from '../auth/require-key';
import type { Services } from '../services';
import { readBody } from './read-body';
import { parseSegmentBody } from './segment-body';
import { SegmentEventNames } from './segment-event-names';
import { segmentToEvent, type SegmentTranslation, type SegmentType } from './segment-to-event';
import { plausibleSentAt } from '../recorder/event-time';

/** Records the Segment messages of one request: a batch when `type` is undefined, else one message of that type. */
export type SegmentIngest = (c: Context<KeyEnv>, type: SegmentType | undefined) => Promise<IngestResponse>;

/**
 * The one way a Segment request is recorded, whether a back-end library (/v1/batch, /v1/track) or
 * analytics.js in a page (/v1/b, /v1/t, …) sent it: each message becomes a protocol event and goes
 * through the same recorder as POST /v1/events, so the answer is the same { accepted, duplicates, rejected }.
 */
export function segmentIngest(services: Services): SegmentIngest {
  const names = new SegmentEventNames(services.store.definitions, services.definitions);
  return async (c, type) => {
    const key = c.var.key;
    checkOrigin(c, key);
    const receivedAt = Date.now();
    const body = parseSegmentBody(await readBody(c.req.raw), type !== undefined);
    services.rateLimiter.take(key, body.messages.length);
    const sentNames = body.messages.flatMap((m) => {
      const event = (m as { event?: unknown } | null)?.event;
      return typeof event === 'string' ? [event] : [];
    });
    // A wild sentAt corrects nothing, and is no fallback for messages without a timestamp either.
    const clock = plausibleSentAt(body.sentAt, receivedAt);
    const translation: SegmentTranslation = {
      keyId: key.id,
      fallbackTime: clock.sentAt ?? receivedAt,
      batchContext: body.context,
      eventIds: await names.resolve(sentNames),
      propertyIds: (id) => {
        const compiled = services.definitions.get(id);
        return compiled ? new Set(compiled.definition.properties.map((p) => p.id)) : undefined;
      },
    };
    const events = body.messages.map((m) => segmentToEvent(m, translation, type));
    return services.recorder.record(
      events,
      { receivedAt, ...clock, scope: key.scope, keyId: key.id, source: key.scope === 'ingest' ? 'sdk' : 'api' },
      { live: { origin: c.req.header('origin') ?? null } },
    );
  };
}
