import type { KeyEnv } from '../auth/require-key';
import { parseIdentity } from '../customers/parse-identity';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { addListRoute } from '../openapi/list-route';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { liftQuery, suppressionBody, suppressionChangeSchema, suppressionListQuery, suppressionPageSchema } from './suppression-schemas';

const tags = ['Suppressions'];

/**
 * /v1/suppressions: identities whose events are refused and not kept. The check runs inside the event
 * writer's transaction (store/sqlite/sqlite-suppression-check.ts, store/postgres/pg-suppressed-events.ts),
 * so a change here holds for the next write on every collector, with no cache to refresh.
 */
export function suppressionsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const { store, config } = services;
  const admin = keyAccess(services.keys, ['admin']);

  addListRoute(app, admin, {
    tags,
    summary: 'The suppressed identities, newest first',
    query: suppressionListQuery,
    response: json(suppressionPageSchema, 'One page'),
    badQuery: 'A bad limit or cursor',
    list: ({ limit, cursor }) => store.suppressions.list({ limit, ...(cursor && { cursor }) }),
  });

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/',
      tags,
      summary: 'Suppress an identity: its events are refused from now on',
      description: 'Recorded in the audit log.',
      request: { body: jsonBody(suppressionBody) },
      responses: {
        201: json(suppressionChangeSchema, 'Suppressed'),
        200: json(suppressionChangeSchema, 'It already was'),
        400: errorResponse('Neither identity nor type and value, or an unknown type'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      let text: string;
      if (body.identity !== undefined && body.type === undefined && body.value === undefined) text = body.identity;
      else if (body.identity === undefined && body.type !== undefined && body.value !== undefined) text = `${body.type}:${body.value}`;
      else throw new HttpError(400, 'invalid_request', 'identity: give identity as type:value, or type and value');
      const identity = parseIdentity(text, config.identityTypes);
      const changed = await store.suppressions.add(identity, Date.now());
      await store.audit.append({ at: Date.now(), keyId: c.var.key.id, action: 'suppression.add', target: `${identity.type}:${identity.value}`, counts: { suppressions: changed ? 1 : 0 } });
      return c.json({ ...identity, changed }, changed ? 201 : 200);
    },
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'delete',
      path: '/',
      tags,
      summary: 'Lift a suppression: the identity’s events are recorded again',
      description: 'Recorded in the audit log.',
      request: { query: liftQuery },
      responses: { 200: json(suppressionChangeSchema, 'Lifted'), 400: errorResponse('Not type:value with a known type'), 404: errorResponse('The identity is not suppressed') },
    }),
    async (c) => {
      const identity = parseIdentity(c.req.valid('query').identity, config.identityTypes);
      const changed = await store.suppressions.lift(identity);
      if (!changed) throw new HttpError(404, 'not_found', `${identity.type}:${identity.value} is not suppressed`);
      await store.audit.append({ at: Date.now(), keyId: c.var.key.id, action: 'suppression.lift', target: `${identity.type}:${identity.value}`, counts: { suppressions: 1 } });
      return c.json({ ...identity, changed }, 200);
    },
  );

  return app;
}
