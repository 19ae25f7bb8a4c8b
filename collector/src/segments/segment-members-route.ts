import { z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { concurrencyGate } from '../http/concurrency-gate';
import { pagedNdjsonStream } from '../http/paged-ndjson-stream';
import { errorResponse, jsonResponse as json, textResponse } from '../openapi/openapi-responses';
import { idParam } from '../openapi/id-param';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { noSuchSegment } from './no-such-segment';
import { segmentConditionAt, segmentMembers } from './segment-members';
import { membersPageSchema, membersQuery } from './segment-schemas';

const tags = ['Segments'];
/** Members per store query while streaming: memory holds about one such page at a time. */
const streamPageSize = 500;

/** GET /v1/segments/{id}/count and /members: who matches the segment now. */
export function segmentMembersRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store, config } = services;
  const reader = keyAccess(services.keys, ['admin', 'read']);
  const gate = concurrencyGate('customer queries', config.concurrency.queries);
  const deps = { analysis: store.analysis, segments: store.segments, levels: config.activenessLevels };
  const conditionOf = async (id: string) => {
    const segment = noSuchSegment.unless(await store.segments.get(id), id);
    return segmentConditionAt(segment, Date.now(), config.activenessLevels);
  };

  app.openapi(
    keyedRoute(reader, {
      method: 'get',
      path: '/{id}/count',
      tags,
      summary: 'How many live customers are in the segment now',
      middleware: [gate] as const,
      request: { params: idParam },
      responses: { 200: json(z.object({ count: z.number().int() }), 'The count'), 404: noSuchSegment.response },
    }),
    async (c) => {
      const condition = await conditionOf(c.req.valid('param').id);
      return c.json({ count: (await store.analysis.filterCustomers(condition, { limit: 1 })).count }, 200);
    },
  );

  app.openapi(
    keyedRoute(reader, {
      method: 'get',
      path: '/{id}/members',
      tags,
      summary: 'The segment’s members in id order: JSON pages, or every member as NDJSON',
      description:
        'With Accept: application/x-ndjson every member, one JSON object per line, read a page at a time as the client takes them ' +
        `(limit and cursor do not apply; a stream cut short is incomplete).`,
      middleware: [gate] as const,
      request: { params: idParam, query: membersQuery },
      responses: {
        200: { description: 'One page, or the NDJSON stream', content: { ...json(membersPageSchema, '').content, ...textResponse('application/x-ndjson', '').content } },
        400: errorResponse('A bad limit or cursor'),
        404: noSuchSegment.response,
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const condition = await conditionOf(c.req.valid('param').id);
      if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
        const page = await segmentMembers(deps, condition, { limit, ...(cursor !== undefined && { cursor }) });
        return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
      }
      const stream = pagedNdjsonStream(
        undefined,
        async (after: string | undefined) => {
          const page = await segmentMembers(deps, condition, { limit: streamPageSize, ...(after !== undefined && { cursor: after }) });
          return { items: page.items, next: page.nextCursor };
        },
        (error) => services.log.error('segment members stream failed', { error: String(error) }),
      );
      return c.body(stream, 200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }) as never;
    },
  );

  return app;
}
