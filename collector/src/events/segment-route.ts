import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { checkOrigin } from '../auth/check-origin';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { openApiApp } from '../openapi/openapi-app';
import { jsonResponse as json, scopeNote } from '../openapi/openapi-responses';
import type { Services } from '../services';
import { plausibleSentAt } from '../recorder/event-time';
import { ingestErrorResponses, ingestResponseSchema, rawJsonBody } from './ingest-schemas';
import { readBody } from './read-body';
import { parseSegmentBody } from './segment-body';
import { SegmentEventNames } from './segment-event-names';
import { segmentBatchSchema, segmentMessageSchema } from './segment-schemas';
import { segmentToEvent, type SegmentType } from './segment-to-event';

const about =
  'Segment HTTP Tracking API: a back end keeps its Segment library, pointed at the collector with an Eventline key as the write key ' +
  '(sent as the HTTP Basic username). Messages go through the same checks, dedupe and quarantine as POST /v1/events; a rejected ' +
  `message is listed by its index. ${scopeNote('ingest', 'server', 'admin')}`;

const endpoints = [
  ['/v1/batch', 'Send a Segment batch', 'SegmentBatch', undefined],
  ['/v1/track', 'Send one Segment track message', 'SegmentMessage', 'track'],
  ['/v1/identify', 'Send one Segment identify message (the system event identify)', 'SegmentMessage', 'identify'],
] as const;

/**
 * The Segment HTTP Tracking API (/v1/batch, /v1/track, /v1/identify), so back ends keep the Segment
 * libraries they use: point their host at the collector and use an Eventline key as the write key
 * (they send it as the HTTP Basic username). Messages become protocol events and go through the same
 * recorder as POST /v1/events, so the answer is the same { accepted, duplicates, rejected }.
 */
export function segmentRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  app.openAPIRegistry.register('SegmentMessage', segmentMessageSchema);
  app.openAPIRegistry.register('SegmentBatch', segmentBatchSchema);
  const names = new SegmentEventNames(services.store.definitions, services.definitions);
  const auth = requireKey(services.keys, ['ingest', 'server', 'admin']);

  const handle = async (c: Context<KeyEnv>, type: SegmentType | undefined) => {
    const key = c.var.key;
    checkOrigin(c, key);
    const receivedAt = Date.now();
    const body = parseSegmentBody(await readBody(c.req.raw), type !== undefined);
    services.rateLimiter.take(key, body.messages.length);
    const sentNames = body.messages.flatMap((m) => {
      const event = (m as { event?: unknown } | null)?.event;
      return typeof event === 'string' ? [event] : [];
    });
    const clock = plausibleSentAt(body.sentAt, receivedAt);
    const translation = { keyId: key.id, fallbackTime: clock.sentAt ?? receivedAt, batchContext: body.context, eventIds: await names.resolve(sentNames) };
    const events = body.messages.map((m) => segmentToEvent(m, translation, type));
    return services.recorder.record(
      events,
      { receivedAt, ...clock, scope: key.scope, keyId: key.id, source: key.scope === 'ingest' ? 'sdk' : 'api' },
      { live: { origin: c.req.header('origin') ?? null } },
    );
  };

  for (const [path, summary, schemaName, type] of endpoints) {
    app.openapi(
      createRoute({
        method: 'post',
        path,
        tags: ['Segment'],
        summary,
        description: about,
        middleware: [auth] as const,
        request: { body: rawJsonBody(schemaName) },
        responses: { 200: json(ingestResponseSchema, 'Committed; rejected messages listed by index'), ...ingestErrorResponses },
      }),
      async (c) => c.json(await handle(c, type), 200),
    );
  }
  return app;
}
