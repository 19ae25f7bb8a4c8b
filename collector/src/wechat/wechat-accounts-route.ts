import { createRoute, z } from '@hono/zod-openapi';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import { connectWechatAccount } from './connect-account';
import type { WechatAccountRecord } from '../store/store';
import { accountIdParam, accountSchema, createBody, patchBody } from './wechat-account-schemas';

const tags = ['WeChat'];
const description = scopeNote('admin');
const notFoundResponse = errorResponse('No such account');
const notFound = (id: string) => new HttpError(404, 'not_found', `there is no WeChat account "${id}"`);

/** What the API shows of an account: never the token or the key, only whether a key is set. */
const toJson = (a: WechatAccountRecord) => ({
  id: a.id,
  name: a.name,
  appId: a.appId,
  safeMode: a.sealedEncodingAesKey !== null,
  callbackPath: `/v1/wechat/${a.id}/callback`,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

/** /v1/wechat/accounts (admin): the official accounts whose pushes the collector records. */
export function wechatAccountsRoute(services: Services) {
  const app = openApiApp<KeyEnv>();
  const admin = requireKey(services.keys, ['admin']);
  const { wechat } = services.store;
  const seal = (value: string | null | undefined) => (value == null ? value : services.secrets.seal(value));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'List connected official accounts',
      description,
      middleware: [admin] as const,
      responses: { 200: json(z.object({ items: z.array(accountSchema) }), 'The accounts'), ...keyErrorResponses },
    }),
    async (c) => c.json({ items: (await wechat.list()).map(toJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Connect an official account',
      description: `The token and EncodingAESKey are stored encrypted and never shown again. The id (the AppID when not given) names the callback URL. ${description}`,
      middleware: [admin] as const,
      request: { body: { required: true, content: { 'application/json': { schema: createBody } } } },
      responses: {
        201: json(accountSchema, 'Connected'),
        400: errorResponse('Not JSON, or a bad field'),
        409: errorResponse('An account with this id or AppID exists'),
        ...keyErrorResponses,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { id, created } = await connectWechatAccount(services, body);
      if (!created) throw new HttpError(409, 'conflict', `a WeChat account with id "${id}" or AppID "${body.appId}" exists`);
      return c.json(toJson((await wechat.get(id))!), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'One account',
      description,
      middleware: [admin] as const,
      request: { params: accountIdParam },
      responses: { 200: json(accountSchema, 'The account'), 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const account = await wechat.get(id);
      if (!account) throw notFound(id);
      return c.json(toJson(account), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change an account’s name, token or EncodingAESKey',
      description: `encodingAesKey null turns safe mode off. ${description}`,
      middleware: [admin] as const,
      request: { params: accountIdParam, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
      responses: { 200: json(accountSchema, 'The account after the change'), 400: errorResponse('Not JSON, or a bad field'), 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const updated = await wechat.update(id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.token !== undefined ? { sealedToken: services.secrets.seal(body.token) } : {}),
        ...(body.encodingAesKey !== undefined ? { sealedEncodingAesKey: seal(body.encodingAesKey) ?? null } : {}),
      });
      if (!updated) throw notFound(id);
      return c.json(toJson(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Disconnect an account',
      description,
      middleware: [admin] as const,
      request: { params: accountIdParam },
      responses: { 204: { description: 'Disconnected' }, 404: notFoundResponse, ...keyErrorResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await wechat.delete(id))) throw notFound(id);
      return c.body(null, 204);
    },
  );

  return app;
}
