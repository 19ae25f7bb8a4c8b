import { createRoute, z } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { concurrencyGate } from '../http/concurrency-gate';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote, textResponse } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { segmentConditionAt, segmentMembers } from './segment-members';
import { membersPageSchema, membersQuery, segmentIdParam } from './segment-schemas';

const tags = ['Segments'];
/** Members per store query while streaming: memory holds about one such page at a time. */
const streamPageSize = 500;

/** GET /v1/segments/{id}/count and /members: who matches the segment now. */
export function segmentMembersRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store, config } = services;
  const reader = requireKey(services.keys, ['admin', 'read']);
  const gate = concurrencyGate('customer queries', config.concurrency.queries);
  const deps = { analysis: store.analysis, segments: store.segments, levels: config.activenessLevels };
  const conditionOf = async (id: string) => {
    const segment = await store.segments.get(id);
    if (!segment) throw new HttpError(404, 'not_found', `there is no segment with the id "${id}"`);
    return segmentConditionAt(segment, Date.now(), config.activenessLevels);
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/count',
      tags,
      summary: 'How many live customers are in the segment now',
      description: scopeNote('read', 'admin'),
      middleware: [reader, gate] as const,
      request: { params: segmentIdParam },
      responses: { 200: json(z.object({ count: z.number().int() }), 'The count'), 404: errorResponse('No such segment'), ...keyErrorResponses },
    }),
    async (c) => {
      const condition = await conditionOf(c.req.valid('param').id);
      return c.json({ count: (await store.analysis.filterCustomers(condition, { limit: 1 })).count }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/members',
      tags,
      summary: 'The segment’s members in id order: JSON pages, or every member as NDJSON',
      description:
        'With Accept: application/x-ndjson every member, one JSON object per line, read a page at a time as the client takes them ' +
        `(limit and cursor do not apply; a stream cut short is incomplete). ${scopeNote('read', 'admin')}`,
      middleware: [reader, gate] as const,
      request: { params: segmentIdParam, query: membersQuery },
      responses: {
        200: { description: 'One page, or the NDJSON stream', content: { ...json(membersPageSchema, '').content, ...textResponse('application/x-ndjson', '').content } },
        400: errorResponse('A bad limit or cursor'),
        404: errorResponse('No such segment'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const condition = await conditionOf(c.req.valid('param').id);
      if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
        const page = await segmentMembers(deps, condition, { limit, ...(cursor !== undefined && { cursor }) });
        return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
      }
      const encoder = new TextEncoder();
      let after: string | undefined;
      const stream = new ReadableStream<Uint8Array>(
        {
          // Called only when the client has taken what was queued: a slow reader slows the queries.
          async pull(controller) {
            try {
              const page = await segmentMembers(deps, condition, { limit: streamPageSize, ...(after !== undefined && { cursor: after }) });
              if (page.items.length > 0) controller.enqueue(encoder.encode(page.items.map((m) => `${JSON.stringify(m)}\n`).join('')));
              if (page.nextCursor !== null) after = page.nextCursor;
              else controller.close();
            } catch (error) {
              // The 200 is already sent: cutting the stream is how the client learns it is incomplete.
              services.log.error('segment members stream failed', { error: String(error) });
              controller.error(error);
            }
          },
        },
        { highWaterMark: 1 },
      );
      return c.body(stream, 200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }) as never;
    },
  );

  return app;
}
