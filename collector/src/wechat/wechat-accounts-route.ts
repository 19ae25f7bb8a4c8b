import { Hono } from 'hono';
import { z } from 'zod';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';
import { readJson } from '../http/read-json';
import type { Services } from '../services';
import type { WechatAccountRecord } from '../store/store';

/** WeChat's own rules for the server configuration fields. */
const token = z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'a WeChat token is 3 to 32 letters or digits');
const encodingAesKey = z.string().regex(/^[A-Za-z0-9]{43}$/, 'an EncodingAESKey is 43 letters or digits');
const name = z.string().trim().min(1).max(128);

export const createBody = z.object({
  /** The callback URL's segment; the AppID when not given. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and -, at most 64')
    .refine((id) => id !== 'accounts', 'the callback URL of an account named "accounts" would be the accounts API')
    .optional(),
  name,
  appId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an AppID is letters and digits'),
  token,
  encodingAesKey: encodingAesKey.nullable().optional(),
});

export const patchBody = z.object({ name: name.optional(), token: token.optional(), encodingAesKey: encodingAesKey.nullable().optional() });

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

/** Admin: the official accounts whose pushes the collector records. */
export function wechatAccountsRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const admin = requireKey(services.keys, ['admin']);
  const { wechat } = services.store;
  const seal = (value: string | null | undefined) => (value == null ? value : services.secrets.seal(value));

  app.get('/v1/wechat/accounts', admin, async (c) => c.json({ items: (await wechat.list()).map(toJson) }));

  app.post('/v1/wechat/accounts', admin, async (c) => {
    const body = await readJson(c, createBody);
    const id = body.id ?? body.appId;
    const created = await wechat.create({
      id,
      name: body.name,
      appId: body.appId,
      sealedToken: services.secrets.seal(body.token),
      sealedEncodingAesKey: seal(body.encodingAesKey) ?? null,
    });
    if (!created) throw new HttpError(409, 'conflict', `a WeChat account with id "${id}" or AppID "${body.appId}" exists`);
    return c.json(toJson((await wechat.get(id))!), 201);
  });

  app.get('/v1/wechat/accounts/:id', admin, async (c) => {
    const account = await wechat.get(c.req.param('id'));
    if (!account) throw new HttpError(404, 'not_found', `there is no WeChat account "${c.req.param('id')}"`);
    return c.json(toJson(account));
  });

  app.patch('/v1/wechat/accounts/:id', admin, async (c) => {
    const body = await readJson(c, patchBody);
    const updated = await wechat.update(c.req.param('id'), {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.token !== undefined ? { sealedToken: services.secrets.seal(body.token) } : {}),
      ...(body.encodingAesKey !== undefined ? { sealedEncodingAesKey: seal(body.encodingAesKey) ?? null } : {}),
    });
    if (!updated) throw new HttpError(404, 'not_found', `there is no WeChat account "${c.req.param('id')}"`);
    return c.json(toJson(updated));
  });

  app.delete('/v1/wechat/accounts/:id', admin, async (c) => {
    if (!(await wechat.delete(c.req.param('id')))) throw new HttpError(404, 'not_found', `there is no WeChat account "${c.req.param('id')}"`);
    return c.body(null, 204);
  });

  return app;
}
