import { Hono, type Context } from 'hono';
import { checkOrigin } from '../auth/check-origin';
import { requireKey, type KeyEnv } from '../auth/require-key';
import type { Services } from '../services';
import { ingestEvents } from './ingest-events';
import { readBody } from './read-body';
import { parseSegmentBody } from './segment-body';
import { SegmentEventNames } from './segment-event-names';
import { segmentToEvent, type SegmentType } from './segment-to-event';

/**
 * The Segment HTTP Tracking API (/v1/batch, /v1/track, /v1/identify), so back ends keep the Segment
 * libraries they use: point their host at the collector and use an Eventline key as the write key
 * (they send it as the HTTP Basic username). Messages become protocol events and go through the same
 * ingestEvents as POST /v1/events, so the answer is the same { accepted, duplicates, rejected }.
 */
export function segmentRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const names = new SegmentEventNames(services.store.definitions, services.definitions);
  const auth = requireKey(services.keys, ['ingest', 'server', 'admin']);

  const handle = (type?: SegmentType) => async (c: Context<KeyEnv>) => {
    const key = c.var.key;
    checkOrigin(c, key);
    const receivedAt = Date.now();
    const body = parseSegmentBody(await readBody(c.req.raw), type !== undefined);
    services.rateLimiter.take(key, body.messages.length);
    const sentNames = body.messages.flatMap((m) => {
      const event = (m as { event?: unknown } | null)?.event;
      return typeof event === 'string' ? [event] : [];
    });
    const translation = { keyId: key.id, fallbackTime: body.sentAt ?? receivedAt, batchContext: body.context, eventIds: await names.resolve(sentNames) };
    const events = body.messages.map((m) => segmentToEvent(m, translation, type));
    const result = await ingestEvents(
      {
        events,
        context: { receivedAt, sentAt: body.sentAt, scope: key.scope, keyId: key.id, source: key.scope === 'ingest' ? 'sdk' : 'api' },
      },
      { validator: services.validator, events: services.store.events, triggers: services.triggers },
    );
    services.debug?.publish(events, result, { receivedAt, keyId: key.id, origin: c.req.header('origin') ?? null });
    return c.json(result);
  };

  app.post('/v1/batch', auth, handle());
  app.post('/v1/track', auth, handle('track'));
  app.post('/v1/identify', auth, handle('identify'));
  return app;
}
