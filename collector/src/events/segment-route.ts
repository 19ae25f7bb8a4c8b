import { requireKey, type KeyEnv } from '../auth/require-key';
import { openApiApp } from '../openapi/openapi-app';
import { scopeNote } from '../openapi/openapi-responses';
import type { Services } from '../services';
import { segmentBrowserRoute } from './segment-browser-route';
import { segmentCallRoute, type SegmentEndpoint } from './segment-call-route';
import { segmentIngest } from './segment-ingest';
import { segmentBatchSchema, segmentMessageSchema } from './segment-schemas';
import { segmentSettingsRoute } from './segment-settings-route';

const about =
  'Segment HTTP Tracking API: a back end keeps its Segment library, pointed at the collector with an Eventline key as the write key ' +
  '(sent as the HTTP Basic username). Messages go through the same checks, dedupe and quarantine as POST /v1/events; a rejected ' +
  `message is listed by its index. ${scopeNote('ingest', 'server', 'admin')}`;

const endpoints: SegmentEndpoint[] = [
  ['/v1/batch', 'Send a Segment batch', 'SegmentBatch', undefined],
  ['/v1/track', 'Send one Segment track message', 'SegmentMessage', 'track'],
  ['/v1/identify', 'Send one Segment identify message (the system event identify)', 'SegmentMessage', 'identify'],
];

/**
 * The Segment HTTP Tracking API (/v1/batch, /v1/track, /v1/identify), so back ends keep the Segment
 * libraries they use: point their host at the collector and use an Eventline key as the write key
 * (they send it as the HTTP Basic username). It also mounts what analytics.js in a page needs (its
 * settings document and /v1/t, /v1/p, …), recorded by the same segmentIngest.
 */
export function segmentRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  app.openAPIRegistry.register('SegmentMessage', segmentMessageSchema);
  app.openAPIRegistry.register('SegmentBatch', segmentBatchSchema);
  const auth = requireKey(services.keys, ['ingest', 'server', 'admin']);
  const handle = segmentIngest(services);

  for (const endpoint of endpoints) {
    app.openapi(segmentCallRoute(endpoint, about, [auth]), async (c) => c.json(await handle(c, endpoint[3]), 200));
  }
  // analytics.js in a page: its settings document and the paths it posts to.
  app.route('/', segmentSettingsRoute(services));
  app.route('/', segmentBrowserRoute(services, handle));
  return app;
}
