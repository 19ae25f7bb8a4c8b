import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { toDefinitionCsv } from './definition-csv';
import { importProblemSchema, newDefinitionBody } from './definition-schemas';
import { definitionTemplateDownload } from './definition-template';
import { importDefinitions } from './import-definitions';

const tags = ['Definitions: CSV'];
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: { type: 'string' as const } } } });

const csvResponse = (c: Context, text: string, filename: string) => {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${filename}"`);
  return c.body(text, 200);
};

/** The CSV file of an import: the body itself (text/csv), or the first file of a multipart form. */
async function readCsv(c: Context): Promise<Uint8Array> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return new Uint8Array(await c.req.arrayBuffer());
  if (type === 'multipart/form-data') {
    const form = await c.req.parseBody({ all: true });
    const file = Object.values(form)
      .flat()
      .find((v): v is File => v instanceof File);
    if (!file) throw new HttpError(400, 'invalid_request', 'the form has no file: send the CSV as a file field');
    return new Uint8Array(await file.arrayBuffer());
  }
  throw new HttpError(415, 'unsupported_media_type', 'send the CSV as text/csv, or as a file in multipart/form-data');
}

/** Batch creation from the CSV template, and export of the custom events in the same format. */
export function definitionCsvRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const admin = keyAccess(services.keys, ['admin']);
  const reader = keyAccess(services.keys, ['admin', 'read']);
  const customDefinitions = () => services.store.definitions.list({ system: false });

  app.openapi(
    keyedRoute(reader, {
      method: 'get',
      path: '/template.csv',
      tags,
      summary: 'The batch-creation template',
      description: 'The fixed header and example rows: one property per row, the event’s name, id, type, score and stage repeated on each.',
      responses: { 200: csv('UTF-8 with a BOM, CRLF line ends') },
    }),
    definitionTemplateDownload,
  );

  app.openapi(
    keyedRoute(reader, {
      method: 'get',
      path: '/export.csv',
      tags,
      summary: 'Export every custom event in the template format',
      description: 'Importable elsewhere unchanged. The template has no column for `required` or the group: those are not exported.',
      responses: { 200: csv('UTF-8 with a BOM, CRLF line ends') },
    }),
    async (c) => csvResponse(c, toDefinitionCsv(await customDefinitions()), 'eventline-definitions.csv'),
  );

  app.openapi(
    keyedRoute(reader, {
      method: 'get',
      path: '/export.json',
      tags,
      summary: 'Export every custom event as creation requests',
      responses: {
        200: itemsResponse(newDefinitionBody, 'Each item can be sent to POST /v1/definitions'),
      },
    }),
    async (c) => {
      const items = (await customDefinitions()).map(({ id, name, type, score, stage, properties }) => ({ id, name, type, score, stage, properties }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/import',
      tags,
      summary: 'Create events from a filled-in template',
      description: 'All or nothing: any problem answers 422 with the first 100 problems found and their total. Handles a UTF-8 BOM, CRLF, quoted fields.',
      // The body limit is app-wide (EVENTLINE_MAX_CSV_BODY_BYTES).
      request: {
        body: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string' } },
            'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } },
          },
        },
      },
      responses: {
        201: json(z.object({ created: z.number().int(), ids: z.array(z.string()) }), 'Every event was created'),
        422: json(
          z.object({ error: z.object({ code: z.literal('unprocessable'), message: z.string(), problems: z.array(importProblemSchema), problemCount: z.number().int() }) }),
          'Nothing was created; the first 100 problems by row and column, and how many there are in all',
        ),
        413: errorResponse('The file is over EVENTLINE_MAX_CSV_BODY_BYTES (2 MiB by default)'),
        415: errorResponse('Neither text/csv nor multipart/form-data'),
      },
    }),
    async (c) => {
      const created = await importDefinitions(services, await readCsv(c));
      return c.json({ created: created.length, ids: created.map((d) => d.id) }, 201);
    },
  );

  return app;
}
