import { requireKey, type KeyEnv } from '../auth/require-key';
import { openApiApp } from '../openapi/openapi-app';
import { scopeNote } from '../openapi/openapi-responses';
import type { Services } from '../services';
import { checkBrowserOrigin, ingestCorsAnswer, ingestPreflight } from './ingest-cors';
import type { SegmentIngest } from './segment-ingest';
import { segmentCallRoute, type SegmentEndpoint } from './segment-call-route';

const about =
  'What analytics.js (@segment/analytics-next) posts once its apiHost is the collector’s /v1: one message a request, to the first ' +
  'letter of its type, or a batch to /v1/b with the batching delivery strategy. The write key (an Eventline ingest key) comes as ' +
  'the HTTP Basic username; the page calls cross-origin, so the route answers the CORS preflight as POST /v1/events does. ' +
  'Recorded exactly as the Segment back-end routes record. ';

const endpoints: SegmentEndpoint[] = [
  ['/v1/t', 'analytics.js track', 'SegmentMessage', 'track'],
  ['/v1/p', 'analytics.js page (the system event page_view)', 'SegmentMessage', 'page'],
  ['/v1/i', 'analytics.js identify (the system event identify)', 'SegmentMessage', 'identify'],
  ['/v1/s', 'analytics.js screen (rejected unknown_event: not recorded)', 'SegmentMessage', 'screen'],
  ['/v1/g', 'analytics.js group (rejected unknown_event: not recorded)', 'SegmentMessage', 'group'],
  ['/v1/a', 'analytics.js alias (rejected unknown_event: not recorded)', 'SegmentMessage', 'alias'],
  ['/v1/b', 'analytics.js batch (batching delivery strategy)', 'SegmentBatch', undefined],
];

/**
 * analytics.js in a page, pointed at the collector instead of api.segment.io. Its paths are the first
 * letter of the call type (segmentio plugin: `${remote}/${type.charAt(0)}`); screen, group and alias
 * are served too, so that a page calling them gets a clear per-message rejection rather than a failed
 * preflight that analytics.js would retry with backoff from its localStorage queue.
 */
export function segmentBrowserRoute(services: Services, handle: SegmentIngest) {
  const app = openApiApp<KeyEnv>();
  const auth = requireKey(services.keys, ['ingest', 'server', 'admin']);
  for (const endpoint of endpoints) {
    app.options(endpoint[0], ingestPreflight);
    app.openapi(segmentCallRoute(endpoint, about + scopeNote('ingest', 'server', 'admin'), [ingestCorsAnswer, auth]), async (c) => {
      checkBrowserOrigin(c);
      return c.json(await handle(c, endpoint[3]), 200);
    });
  }
  return app;
}
