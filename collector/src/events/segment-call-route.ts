import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { jsonResponse as json } from '../openapi/openapi-responses';
import { ingestErrorResponses, ingestResponseSchema, rawJsonBody } from './ingest-schemas';
import type { SegmentType } from './segment-to-event';

/** One path a Segment library posts to: its summary, the schema its body is named by, and the call type it stands for (none: a batch). */
export type SegmentEndpoint = readonly [path: string, summary: string, schemaName: 'SegmentMessage' | 'SegmentBatch', type: SegmentType | undefined];

/**
 * The declaration of a Segment call route, back-end or analytics.js: a POST whose body is read by hand
 * (so only named, by reference) and answered as an ingest is. The caller's middleware checks the key.
 */
export const segmentCallRoute = <M extends MiddlewareHandler<any, any, any>[]>([path, summary, schemaName]: SegmentEndpoint, description: string, middleware: M) =>
  createRoute({
    method: 'post',
    path,
    tags: ['Segment'],
    summary,
    description,
    middleware,
    request: { body: rawJsonBody(schemaName) },
    responses: { 200: json(ingestResponseSchema, 'Committed; rejected messages listed by index'), ...ingestErrorResponses },
  });
