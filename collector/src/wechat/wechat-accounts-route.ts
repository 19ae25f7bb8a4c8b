import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { errorResponse, itemsResponse, jsonResponse as json } from '../openapi/openapi-responses';
import { idParam } from '../openapi/id-param';
import { jsonBody } from '../openapi/json-body';
import { keyAccess, keyedRoute } from '../openapi/keyed-route';
import { NotFound } from '../openapi/not-found';
import { openApiApp } from '../openapi/openapi-app';
import { addDeleteByIdRoute } from '../openapi/delete-by-id-route';
import { addReadByIdRoute } from '../openapi/read-by-id-route';
import type { Services } from '../services';
import { connectWechatAccount } from './connect-account';
import type { WechatAccountRecord } from '../store/store';
import { accountSchema, createBody, patchBody } from './wechat-account-schemas';

const tags = ['WeChat'];
const noSuchAccount = new NotFound('No such account', (id) => `there is no WeChat account "${id}"`);

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
  const admin = keyAccess(services.keys, ['admin']);
  const { wechat } = services.store;
  const seal = (value: string | null | undefined) => (value == null ? value : services.secrets.seal(value));

  app.openapi(
    keyedRoute(admin, {
      method: 'get',
      path: '/',
      tags,
      summary: 'List connected official accounts',
      responses: { 200: itemsResponse(accountSchema, 'The accounts') },
    }),
    async (c) => c.json({ items: (await wechat.list()).map(toJson) }, 200),
  );

  app.openapi(
    keyedRoute(admin, {
      method: 'post',
      path: '/',
      tags,
      summary: 'Connect an official account',
      description: 'The token and EncodingAESKey are stored encrypted and never shown again. The id (the AppID when not given) names the callback URL.',
      request: { body: jsonBody(createBody) },
      responses: {
        201: json(accountSchema, 'Connected'),
        400: errorResponse('Not JSON, or a bad field'),
        409: errorResponse('An account with this id or AppID exists'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { id, created } = await connectWechatAccount(services, body);
      if (!created) throw new HttpError(409, 'conflict', `a WeChat account with id "${id}" or AppID "${body.appId}" exists`);
      return c.json(toJson((await wechat.get(id))!), 201);
    },
  );

  addReadByIdRoute(app, admin, {
    tags,
    summary: 'One account',
    found: 'The account',
    schema: accountSchema,
    notFound: noSuchAccount,
    read: async (id) => {
      const account = await wechat.get(id);
      return account && toJson(account);
    },
  });

  app.openapi(
    keyedRoute(admin, {
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change an account’s name, token or EncodingAESKey',
      description: 'encodingAesKey null turns safe mode off.',
      request: { params: idParam, body: jsonBody(patchBody) },
      responses: { 200: json(accountSchema, 'The account after the change'), 400: errorResponse('Not JSON, or a bad field'), 404: noSuchAccount.response },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const updated = await wechat.update(id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.token !== undefined ? { sealedToken: services.secrets.seal(body.token) } : {}),
        ...(body.encodingAesKey !== undefined ? { sealedEncodingAesKey: seal(body.encodingAesKey) ?? null } : {}),
      });
      return c.json(toJson(noSuchAccount.unless(updated, id)), 200);
    },
  );

  addDeleteByIdRoute(app, admin, { tags, summary: 'Disconnect an account', done: 'Disconnected', notFound: noSuchAccount, delete: (id) => wechat.delete(id) });

  return app;
}
