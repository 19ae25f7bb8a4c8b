import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { createBody, patchBody } from '../wechat/wechat-accounts-route';
import { errorResponse, jsonResponse as json, keyErrorResponses, scopeNote, textResponse } from './openapi-responses';

const accountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    appId: z.string(),
    safeMode: z.boolean().openapi({ description: 'An EncodingAESKey is set, so safe-mode (encrypted) pushes are taken' }),
    callbackPath: z.string().openapi({ description: 'The URL path to enter in the account’s server configuration' }),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('WechatAccount', { description: 'Never the token or the EncodingAESKey' });

const idParam = z.object({ id: z.string() });
const accountParam = z.object({ account: z.string().openapi({ description: 'The account id' }) });
// The callback reads these by hand (wechat/wechat-callback-route.ts); they are WeChat's own names.
const signed = { signature: z.string().optional(), timestamp: z.string().optional(), nonce: z.string().optional() };

const tags = ['WeChat'];
const admin = scopeNote('admin');
const notFound = errorResponse('No such account');
const unreadable = errorResponse('The account’s secrets cannot be read: EVENTLINE_SECRET changed since they were saved');

/** Connected official accounts (wechat/wechat-accounts-route.ts) and the URL WeChat pushes to (wechat-callback-route.ts). */
export function registerWechatPaths(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/wechat/accounts',
    tags,
    summary: 'List connected official accounts',
    description: admin,
    responses: { 200: json(z.object({ items: z.array(accountSchema) }), 'The accounts'), ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/wechat/accounts',
    tags,
    summary: 'Connect an official account',
    description: `The token and EncodingAESKey are stored encrypted and never shown again. The id (the AppID when not given) names the callback URL. ${admin}`,
    request: { body: { required: true, content: { 'application/json': { schema: createBody.openapi('NewWechatAccount') } } } },
    responses: {
      201: json(accountSchema, 'Connected'),
      400: errorResponse('Not JSON, or a bad field'),
      409: errorResponse('An account with this id or AppID exists'),
      ...keyErrorResponses,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/wechat/accounts/{id}',
    tags,
    summary: 'One account',
    description: admin,
    request: { params: idParam },
    responses: { 200: json(accountSchema, 'The account'), 404: notFound, ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'patch',
    path: '/v1/wechat/accounts/{id}',
    tags,
    summary: 'Change an account’s name, token or EncodingAESKey',
    description: `encodingAesKey null turns safe mode off. ${admin}`,
    request: { params: idParam, body: { required: true, content: { 'application/json': { schema: patchBody.openapi('WechatAccountChanges') } } } },
    responses: { 200: json(accountSchema, 'The account after the change'), 400: errorResponse('Not JSON, or a bad field'), 404: notFound, ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'delete',
    path: '/v1/wechat/accounts/{id}',
    tags,
    summary: 'Disconnect an account',
    description: admin,
    request: { params: idParam },
    responses: { 204: { description: 'Disconnected' }, 404: notFound, ...keyErrorResponses },
  });

  registry.registerPath({
    method: 'get',
    path: '/v1/wechat/{account}/callback',
    tags,
    summary: 'WeChat’s URL check',
    description: 'Called by WeChat when the server configuration is saved. No key: the signature is checked against the account’s token.',
    security: [],
    request: { params: accountParam, query: z.object({ ...signed, echostr: z.string().optional() }) },
    responses: {
      200: textResponse('text/plain', 'The echostr, as WeChat expects'),
      401: errorResponse('The signature does not match the account token'),
      404: notFound,
      500: unreadable,
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/v1/wechat/{account}/callback',
    tags,
    summary: 'A push from WeChat (follow, scan, menu click…), recorded as system events',
    description:
      'No key: the signature (msg_signature in safe mode, encrypt_type=aes) is checked against the account’s token. Answers "success" once ' +
      'the events are committed; an event its definition rejects is quarantined and still answered "success", so WeChat does not retry it.',
    security: [],
    request: {
      params: accountParam,
      query: z.object({ ...signed, msg_signature: z.string().optional(), encrypt_type: z.enum(['aes']).optional() }),
      body: { required: true, content: { 'text/xml': { schema: z.string().max(64 * 1024) } } },
    },
    responses: {
      200: textResponse('text/plain', '"success"'),
      400: errorResponse('Not a push: no FromUserName or CreateTime, no <Encrypt> in safe mode, or safe mode without an EncodingAESKey set'),
      401: errorResponse('The signature does not match the account token, or the message was encrypted for another AppID'),
      404: notFound,
      413: errorResponse('Over 64 KiB'),
      500: unreadable,
      503: errorResponse('The store cannot take writes; WeChat retries'),
    },
  });
}
