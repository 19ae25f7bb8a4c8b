import { createRoute, z } from '@hono/zod-openapi';
import { checkOrigin } from '../auth/check-origin';
import { HttpError } from '../errors/http-error';
import { openApiApp } from '../openapi/openapi-app';
import { errorResponse, jsonResponse as json } from '../openapi/openapi-responses';
import type { Services } from '../services';

const settingsSchema = z
  .object({
    integrations: z.object({
      'Segment.io': z.object({
        apiKey: z.string().openapi({ description: 'The write key asked for' }),
        apiHost: z.string().openapi({ description: 'This collector’s host and /v1, as the request reached it' }),
        protocol: z.enum(['http', 'https']),
      }),
    }),
    plan: z.object({}),
    metrics: z.object({ sampleRate: z.literal(0) }).openapi({ description: 'analytics.js sends no metrics of its own (they would go to /v1/m)' }),
    remotePlugins: z.array(z.unknown()).max(0).openapi({ description: 'None: the page loads nothing from elsewhere' }),
  })
  .openapi('SegmentSettings');

const writeKeyParam = z.object({ writeKey: z.string().min(1).openapi({ param: { name: 'writeKey', in: 'path' }, description: 'An Eventline ingest key' }) });

/**
 * The settings document analytics.js fetches before it sends anything (`${cdnURL}/v1/projects/<writeKey>/settings`,
 * from cdn.segment.com unless cdnURL is set), so a page needs only cdnURL pointed at the collector.
 * It names the collector as the Segment.io destination's host, so events come here too; no other
 * destination, middleware or plugin is listed, so the page loads nothing from anywhere else.
 */
export function segmentSettingsRoute(services: Services) {
  const app = openApiApp();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{writeKey}/settings',
      tags: ['Segment'],
      summary: 'analytics.js settings for a write key',
      description:
        'Public like the key itself: the write key in the path must be a live ingest key (a key of another scope does not belong in a page). ' +
        'The Segment.io destination points at this collector: the Host of the request, over https when the request came over TLS or a proxy ' +
        'says X-Forwarded-Proto: https. Never cached by shared caches.',
      security: [],
      request: { params: writeKeyParam },
      responses: {
        200: json(settingsSchema, 'The settings: the Segment.io destination only'),
        403: errorResponse('The key is limited to origins and the Origin is not one (origin_not_allowed)'),
        404: errorResponse('No live ingest key is this write key (not_found)'),
      },
    }),
    async (c) => {
      // The answer names a host taken from the request, so no shared cache may serve it to another.
      c.header('Cache-Control', 'no-store');
      const { writeKey } = c.req.valid('param');
      const key = await services.keys.resolve(writeKey);
      if (!key || key.scope !== 'ingest') throw new HttpError(404, 'not_found', 'there are no analytics.js settings for this write key: use a live ingest key');
      checkOrigin(c, key);
      const origin = c.req.header('origin');
      if (origin) {
        c.header('Access-Control-Allow-Origin', origin);
        c.header('Vary', 'Origin');
      }
      const url = new URL(c.req.url);
      // Only ever upgraded: a forged header could otherwise point a page's events at plain http.
      const https = url.protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
      return c.json(
        {
          integrations: { 'Segment.io': { apiKey: writeKey, apiHost: `${url.host}/v1`, protocol: https ? ('https' as const) : ('http' as const) } },
          plan: {},
          metrics: { sampleRate: 0 as const },
          remotePlugins: [],
        },
        200,
      );
    },
  );
  return app;
}
