import { createRoute, z } from '@hono/zod-openapi';
import { HttpError } from '../errors/http-error';
import { errorResponse, textResponse } from '../openapi/openapi-responses';
import { openApiApp } from '../openapi/openapi-app';
import type { Services } from '../services';
import type { WechatAccountRecord } from '../store/store';
import { decryptWechatMessage } from './decrypt-wechat-message';
import { parseWechatXml } from './parse-wechat-xml';
import { refuseReplayedPush } from './refuse-replayed-push';
import { ReplayGuard } from './replay-guard';
import { SecretBoxError } from './secret-box';
import { signatureMatches, wechatSignature } from './wechat-signature';
import { wechatPushEvents } from './wechat-push-events';


const tags = ['WeChat'];
const accountParam = z.object({ account: z.string().min(1).openapi({ param: { name: 'account', in: 'path' }, description: 'The account id' }) });
// WeChat's own names; the handlers read them as they come.
const signed = { signature: z.string().optional(), timestamp: z.string().optional(), nonce: z.string().optional() };
const notFound = errorResponse('No such account');
const unreadable = errorResponse('The account’s secrets cannot be read: EVENTLINE_SECRET changed since they were saved');

const urlCheck = createRoute({
  method: 'get',
  path: '/{account}/callback',
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

// The body is XML read by hand (parse-wechat-xml.ts): declared as text, so no JSON validator runs on it.
const push = createRoute({
  method: 'post',
  path: '/{account}/callback',
  tags,
  summary: 'A push from WeChat (follow, scan, menu click…), recorded as system events',
  description:
    'No key: the signature (msg_signature in safe mode, encrypt_type=aes) is checked against the account’s token. Answers "success" once ' +
    'the events are committed; an event its definition rejects is quarantined and still answered "success", so WeChat does not retry it.',
  security: [],
  request: {
    params: accountParam,
    query: z.object({ ...signed, msg_signature: z.string().optional(), encrypt_type: z.string().optional().openapi({ description: '"aes" in safe mode' }) }),
    // At most EVENTLINE_MAX_WECHAT_BODY_BYTES (64 KiB): the app-wide body limit cuts a larger one off as it arrives.
    body: { required: true, content: { 'text/xml': { schema: z.string() } } },
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

/**
 * The URL an official account's server configuration points at. GET answers WeChat's URL check; POST
 * records a push (plaintext or safe mode) as system events and answers "success" once committed.
 */
export function wechatCallbackRoute(services: Services) {
  const app = openApiApp();
  const replays = new ReplayGuard(services.config.wechatReplayWindowMs);

  const account = async (id: string) => {
    const found = await services.store.wechat.get(id);
    if (!found) throw new HttpError(404, 'not_found', `there is no WeChat account "${id}"`);
    return found;
  };
  const open = (record: WechatAccountRecord, sealed: string) => {
    try {
      return services.secrets.open(sealed);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      services.log.error('wechat account secrets unreadable', { account: record.id });
      throw new HttpError(500, 'internal', `the secrets of WeChat account "${record.id}" cannot be read: EVENTLINE_SECRET changed since they were saved; enter them again`);
    }
  };
  const badSignature = () => new HttpError(401, 'invalid_key', 'the signature does not match the account token');

  app.openapi(urlCheck, async (c) => {
    const record = await account(c.req.param('account'));
    const { signature, timestamp = '', nonce = '', echostr = '' } = c.req.query();
    if (!signatureMatches(wechatSignature(open(record, record.sealedToken), timestamp, nonce), signature)) throw badSignature();
    return c.text(echostr);
  });

  app.openapi(push, async (c) => {
    const record = await account(c.req.param('account'));
    const token = open(record, record.sealedToken);
    const { signature, msg_signature: msgSignature, timestamp = '', nonce = '', encrypt_type: encryptType } = c.req.query();
    // At most EVENTLINE_MAX_WECHAT_BODY_BYTES (64 KiB): the app-wide body limit cuts a larger one off as it arrives.
    const body = await c.req.text();

    let push: Record<string, string>;
    if (encryptType === 'aes') {
      const envelope = parseWechatXml(body);
      const encrypted = envelope.Encrypt;
      if (!encrypted) throw new HttpError(400, 'invalid_request', 'encrypt_type=aes but the body has no <Encrypt> element');
      if (!signatureMatches(wechatSignature(token, timestamp, nonce, encrypted), msgSignature)) throw badSignature();
      refuseReplayedPush(replays, { account: record.id, timestamp, nonce });
      if (!record.sealedEncodingAesKey) throw new HttpError(400, 'invalid_request', `WeChat account "${record.id}" has no EncodingAESKey: set one to receive safe-mode pushes`);
      const message = decryptWechatMessage(encrypted, open(record, record.sealedEncodingAesKey));
      if (message.appId !== record.appId) throw new HttpError(401, 'invalid_key', 'the message was encrypted for another AppID');
      push = parseWechatXml(message.xml);
    } else {
      if (!signatureMatches(wechatSignature(token, timestamp, nonce), signature)) throw badSignature();
      refuseReplayedPush(replays, { account: record.id, timestamp, nonce, unsignedBody: body });
      push = parseWechatXml(body);
    }
    if (!push.FromUserName || !/^\d{1,12}$/.test(push.CreateTime ?? '')) {
      throw new HttpError(400, 'invalid_request', 'a WeChat push needs FromUserName and a numeric CreateTime');
    }

    const receivedAt = Date.now();
    const events = wechatPushEvents(push, record.id, receivedAt);
    const context = { receivedAt, sentAt: null, scope: 'server', keyId: null, source: 'wechat' } as const;
    const result = await services.recorder.record(events, context, { live: { origin: null } });
    if (result.rejected.length > 0) {
      services.log.info('wechat push quarantined', { account: record.id, rejected: result.rejected.map((r) => ({ code: r.code, message: r.message })) });
    }
    // WeChat takes "success" (or an empty body) as "received, do not retry".
    return c.text('success');
  });

  return app;
}
