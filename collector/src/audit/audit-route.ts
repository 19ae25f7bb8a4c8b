import { z } from '@hono/zod-openapi';
import type { KeyEnv } from '../auth/require-key';
import { isCursorNumber } from '../http/cursor-number';
import { keyAccess } from '../openapi/keyed-route';
import { addListRoute } from '../openapi/list-route';
import { jsonResponse as json } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';

const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.number().int(),
    keyId: z.string().nullable().openapi({ description: 'The key that did it' }),
    action: z.enum(['customer.export', 'customer.erase', 'suppression.add', 'suppression.lift']),
    target: z.string().openapi({ description: 'A customer id, or an identity as type:value' }),
    counts: z.record(z.string(), z.number()).openapi({ description: 'Rows exported or removed per kind; never event data' }),
  })
  .openapi('AuditEntry');

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().refine(isCursorNumber, 'not a cursor this route answered').optional().openapi({ description: 'nextCursor of the previous page' }),
});

/** /v1/audit: the data-rights actions (exports, erasures, suppression changes), newest first. */
export function auditRoute(services: Services) {
  const app = openApiApp<KeyEnv>();

  addListRoute(app, keyAccess(services.keys, ['admin']), {
    tags: ['Audit'],
    summary: 'Who exported, erased or suppressed what, newest first',
    query: auditQuery,
    response: json(z.object({ items: z.array(auditEntrySchema), nextCursor: z.string().nullable() }).openapi('AuditPage'), 'One page'),
    badQuery: 'A bad limit or cursor',
    list: ({ limit, cursor }) => services.store.audit.list({ limit, ...(cursor !== undefined ? { cursor: Number(cursor) } : {}) }),
  });

  return app;
}
