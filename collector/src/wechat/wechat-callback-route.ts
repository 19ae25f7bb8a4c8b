import { Hono } from 'hono';
import { HttpError } from '../errors/http-error';
import { ingestEvents } from '../ingest/ingest-events';
import type { Services } from '../services';
import type { WechatAccountRecord } from '../store/store';
import { decryptWechatMessage } from './decrypt-wechat-message';
import { parseWechatXml } from './parse-wechat-xml';
import { SecretBoxError } from './secret-box';
import { signatureMatches, wechatSignature } from './wechat-signature';
import { wechatPushEvents } from './wechat-push-events';

/**
 * The URL an official account's server configuration points at. GET answers WeChat's URL check; POST
 * records a push (plaintext or safe mode) as system events and answers "success" once committed.
 */
export function wechatCallbackRoute(services: Services) {
  const app = new Hono();

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

  app.get('/v1/wechat/:account/callback', async (c) => {
    const record = await account(c.req.param('account'));
    const { signature, timestamp = '', nonce = '', echostr = '' } = c.req.query();
    if (!signatureMatches(wechatSignature(open(record, record.sealedToken), timestamp, nonce), signature)) throw badSignature();
    return c.text(echostr);
  });

  app.post('/v1/wechat/:account/callback', async (c) => {
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
      if (!record.sealedEncodingAesKey) throw new HttpError(400, 'invalid_request', `WeChat account "${record.id}" has no EncodingAESKey: set one to receive safe-mode pushes`);
      const message = decryptWechatMessage(encrypted, open(record, record.sealedEncodingAesKey));
      if (message.appId !== record.appId) throw new HttpError(401, 'invalid_key', 'the message was encrypted for another AppID');
      push = parseWechatXml(message.xml);
    } else {
      if (!signatureMatches(wechatSignature(token, timestamp, nonce), signature)) throw badSignature();
      push = parseWechatXml(body);
    }
    if (!push.FromUserName || !/^\d{1,12}$/.test(push.CreateTime ?? '')) {
      throw new HttpError(400, 'invalid_request', 'a WeChat push needs FromUserName and a numeric CreateTime');
    }

    const receivedAt = Date.now();
    const events = wechatPushEvents(push, record.id, receivedAt);
    const result = await ingestEvents(
      {
        events,
        context: { receivedAt, sentAt: null, scope: 'server', keyId: null, source: 'wechat' },
      },
      { validator: services.validator, events: services.store.events, triggers: services.triggers },
    );
    services.debug?.publish(events, result, { receivedAt, keyId: null, origin: null });
    if (result.rejected.length > 0) {
      services.log.info('wechat push quarantined', { account: record.id, rejected: result.rejected.map((r) => ({ code: r.code, message: r.message })) });
    }
    // WeChat takes "success" (or an empty body) as "received, do not retry".
    return c.text('success');
  });

  return app;
}
