import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

// The push samples below are WeChat's documented examples, as published (see docs/wechat.md).
const docs = {
  subscribe: `<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>123456789</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[subscribe]]></Event>
</xml>`,
  unsubscribe: `<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>123456789</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[unsubscribe]]></Event>
</xml>`,
  subscribeByQr: `<xml><ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>123456789</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[subscribe]]></Event>
<EventKey><![CDATA[qrscene_123123]]></EventKey>
<Ticket><![CDATA[TICKET]]></Ticket>
</xml>`,
  scan: `<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>123456789</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[SCAN]]></Event>
<EventKey><![CDATA[SCENE_VALUE]]></EventKey>
<Ticket><![CDATA[TICKET]]></Ticket>
</xml>`,
  click: `<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>123456789</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[CLICK]]></Event>
<EventKey><![CDATA[EVENTKEY]]></EventKey>
</xml>`,
  view: `<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>123456789</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[VIEW]]></Event>
<EventKey><![CDATA[www.qq.com]]></EventKey>
<MenuId>MENUID</MenuId>
</xml>`,
  templateSent: `<xml>
<ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>
<FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>
<CreateTime>1395658920</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>
<MsgID>200163836</MsgID>
<Status><![CDATA[success]]></Status>
</xml>`,
  templateBlocked: `<xml>
<ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>
<FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>
<CreateTime>1395658984</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>
<MsgID>200163840</MsgID>
<Status><![CDATA[failed:user block]]></Status>
</xml>`,
  location: `<xml>
<ToUserName><![CDATA[toUser]]></ToUserName>
<FromUserName><![CDATA[fromUser]]></FromUserName>
<CreateTime>123456789</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[LOCATION]]></Event>
<Latitude>23.137466</Latitude>
<Longitude>113.352425</Longitude>
<Precision>119.385040</Precision>
</xml>`,
};

const account = { id: 'demo', name: 'Demo account', appId: 'wxb11529c136998cb6', token: 'pamtest', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
// Now, in seconds: a push further than 5 minutes from the collector's clock is refused as stale.
const timestamp = String(Math.floor(Date.now() / 1000));
const nonce = 'xxxxxx';
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');

/** Safe-mode encryption as WeChat's technical plan describes it, written here independently of the collector. */
function encrypt(xml: string, appId = account.appId, encodingAesKey = account.encodingAesKey): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const content = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
  const pad = 32 - (content.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
  const res = await collector.request('POST', '/v1/wechat/accounts', { key: collector.adminKey, body: account });
  expect(res.status).toBe(201);
});
afterEach(async () => {
  await collector.close();
});

const callback = (query: Record<string, string>, body?: string, method = 'POST') =>
  collector.app.request(`/v1/wechat/${account.id}/callback?${new URLSearchParams(query)}`, { method, ...(body !== undefined ? { body, headers: { 'content-type': 'text/xml' } } : {}) });

const modes = {
  plaintext: (xml: string) => callback({ signature: sha1(account.token, timestamp, nonce), timestamp, nonce, openid: 'FromUser' }, xml),
  safe: (xml: string) => {
    const encrypted = encrypt(xml);
    const envelope = `<xml><ToUserName><![CDATA[toUser]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    return callback(
      { signature: sha1(account.token, timestamp, nonce), timestamp, nonce, openid: 'FromUser', encrypt_type: 'aes', msg_signature: sha1(account.token, timestamp, nonce, encrypted) },
      envelope,
    );
  },
};

/** The events of the customer holding this openid, oldest first, as the timeline shows them. */
async function eventsOf(openid: string) {
  const customer = await collector.services.store.customers.findByIdentity('wechat_openid', openid);
  if (!customer) return [];
  const page = await collector.services.store.customers.timeline(customer.id, { limit: 50 });
  return page.items.reverse().map((e) => ({ event: e.event, properties: e.properties, tags: e.tags, source: e.source }));
}

describe('GET /v1/wechat/:account/callback (URL verification)', () => {
  it('echoes echostr when the signature matches the token', async () => {
    const res = await callback({ signature: sha1(account.token, timestamp, nonce), timestamp, nonce, echostr: '5837397520665' }, undefined, 'GET');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('5837397520665');
  });

  it('answers 401 without echoing when it does not', async () => {
    const res = await callback({ signature: sha1('another', timestamp, nonce), timestamp, nonce, echostr: '5837397520665' }, undefined, 'GET');
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('5837397520665');
  });

  it('answers 404 for an account that is not configured', async () => {
    const res = await collector.app.request(`/v1/wechat/nope/callback?signature=x&timestamp=1&nonce=1&echostr=1`);
    expect(res.status).toBe(404);
  });
});

describe.each(Object.entries(modes))('POST /v1/wechat/:account/callback in %s mode', (_mode, send) => {
  const cases: [keyof typeof docs, string, { event: string; properties: Record<string, unknown> }[]][] = [
    ['subscribe', 'FromUser', [{ event: 'wechat_follow', properties: {} }]],
    ['unsubscribe', 'FromUser', [{ event: 'wechat_unfollow', properties: {} }]],
    [
      'subscribeByQr',
      'FromUser',
      [
        { event: 'wechat_follow', properties: { qr_scene: '123123', target_id: '123123' } },
        { event: 'wechat_scan_qrcode', properties: { qr_scene: '123123', target_id: '123123' } },
      ],
    ],
    ['scan', 'FromUser', [{ event: 'wechat_scan_qrcode', properties: { qr_scene: 'SCENE_VALUE', target_id: 'SCENE_VALUE' } }]],
    ['click', 'FromUser', [{ event: 'wechat_menu_click', properties: { menu_key: 'EVENTKEY' } }]],
    ['view', 'FromUser', [{ event: 'wechat_menu_click', properties: { menu_url: 'www.qq.com' } }]],
    ['templateSent', 'oia2TjuEGTNoeX76QEjQNrcURxG8', [{ event: 'wechat_template_message_sent', properties: { status: 'success' } }]],
    ['templateBlocked', 'oia2TjuEGTNoeX76QEjQNrcURxG8', [{ event: 'wechat_template_message_sent', properties: { status: 'failed:user block' } }]],
  ];

  it.each(cases)('records the documented %s push for its openid and answers "success"', async (name, openid, expected) => {
    const res = await send(docs[name]);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
    expect(await eventsOf(openid)).toEqual(expected.map((e) => ({ ...e, tags: [], source: 'wechat' })));
  });

  it('sets off the triggers of its event, and shows in the live debugger', async () => {
    const trigger = (await (await collector.request('POST', '/v1/triggers', { key: collector.adminKey, body: { event: 'wechat_follow', url: 'http://127.0.0.1:9/hook', secret: 'a-receiver-secret-of-32-characters' } })).json()) as { id: string };
    const stream = await collector.request('GET', '/v1/debug/stream', { key: collector.adminKey });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    await send(docs.subscribe);

    const deliveries = (await (await collector.request('GET', `/v1/triggers/${trigger.id}/deliveries`, { key: collector.adminKey })).json()) as { items: { eventUuid: string }[] };
    expect(deliveries.items).toHaveLength(1);
    let text = '';
    while (!/data: .*\n\n/.test(text)) text += (await reader.read()).value;
    await reader.cancel();
    expect(text).toContain('"event":"wechat_follow"');
    expect(text).toContain('"keyId":null');
  });

  it('records a push WeChat retries once', async () => {
    for (let i = 0; i < 3; i++) expect(await (await send(docs.subscribeByQr)).text()).toBe('success');
    expect((await eventsOf('FromUser')).map((e) => e.event)).toEqual(['wechat_follow', 'wechat_scan_qrcode']);
  });

  it('answers an unknown push and keeps it, whole, in quarantine', async () => {
    const res = await send(docs.location);
    expect(await res.text()).toBe('success');
    expect(await eventsOf('fromUser')).toEqual([]);
    const list = (await (await collector.request('GET', '/v1/quarantine', { key: collector.adminKey })).json()) as { items: { event: string; code: string; raw: { context: unknown } }[] };
    expect(list.items).toEqual([
      expect.objectContaining({
        event: 'wechat_location',
        code: 'unknown_event',
        raw: expect.objectContaining({ context: { wechat: { account: 'demo', push: expect.objectContaining({ Event: 'LOCATION', Latitude: '23.137466' }) } } }),
      }),
    ]);
    await send(docs.location);
    const again = (await (await collector.request('GET', '/v1/quarantine', { key: collector.adminKey })).json()) as { items: unknown[] };
    expect(again.items).toHaveLength(1);
  });

  it('gives a scan the tags of the material its QR scene names', async () => {
    const created = await collector.request('POST', '/v1/materials', { key: collector.adminKey, body: { id: '123123', name: 'Store poster', type: 'qrcode', tags: ['offline', 'poster'] } });
    expect(created.status).toBe(201);
    await send(docs.subscribeByQr);
    expect((await eventsOf('FromUser')).map((e) => e.tags)).toEqual([
      ['offline', 'poster'],
      ['offline', 'poster'],
    ]);
  });
});

describe('POST /v1/wechat/:account/callback refusals', () => {
  const quarantined = async () => ((await (await collector.request('GET', '/v1/quarantine', { key: collector.adminKey })).json()) as { items: unknown[] }).items;

  it('answers 401 to a plaintext push signed with another token and records nothing', async () => {
    const res = await callback({ signature: sha1('another', timestamp, nonce), timestamp, nonce }, docs.subscribe);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_key');
    expect(await eventsOf('FromUser')).toEqual([]);
    expect(await quarantined()).toEqual([]);
  });

  it('answers 401 to a safe-mode push whose msg_signature does not match, or that was encrypted for another AppID', async () => {
    const encrypted = encrypt(docs.subscribe);
    const envelope = `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    const wrongSignature = await callback({ timestamp, nonce, encrypt_type: 'aes', msg_signature: sha1(account.token, timestamp, nonce, 'other') }, envelope);
    expect(wrongSignature.status).toBe(401);

    const forOther = encrypt(docs.subscribe, 'wx0000000000000000');
    const otherApp = await callback({ timestamp, nonce, encrypt_type: 'aes', msg_signature: sha1(account.token, timestamp, nonce, forOther) }, `<xml><Encrypt><![CDATA[${forOther}]]></Encrypt></xml>`);
    expect(otherApp.status).toBe(401);
    expect(await eventsOf('FromUser')).toEqual([]);
  });

  it('answers 400 to malformed XML and to XML that is not a push', async () => {
    const signature = sha1(account.token, timestamp, nonce);
    const broken = await callback({ signature, timestamp, nonce }, '<xml><FromUserName>FromUser</xml>');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(/not well-formed/);
    // Another nonce: the same one with another body would be refused as a replay.
    const notPush = await callback({ signature: sha1(account.token, timestamp, 'yyyyyy'), timestamp, nonce: 'yyyyyy' }, '<xml><ToUserName>toUser</ToUserName></xml>');
    expect(notPush.status).toBe(400);
    expect(await quarantined()).toEqual([]);
  });

  it('refuses an XML bomb without expanding it', async () => {
    const lol = ['<!ENTITY lol0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`)].join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE xml [${lol}]><xml><FromUserName>&lol9;</FromUserName><CreateTime>123456789</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>`;
    const res = await callback({ signature: sha1(account.token, timestamp, nonce), timestamp, nonce }, bomb);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/DTD/);
    expect(await quarantined()).toEqual([]);
  });

  it('answers 413 to a body no push is near, and records nothing', async () => {
    const big = docs.subscribe.replace('toUser', 'x'.repeat(70 * 1024));
    const res = await modes.plaintext(big);
    expect(res.status).toBe(413);
    expect(await eventsOf('FromUser')).toEqual([]);
  });

  it('answers 400 to a safe-mode push for an account without an EncodingAESKey', async () => {
    const patched = await collector.request('PATCH', `/v1/wechat/accounts/${account.id}`, { key: collector.adminKey, body: { encodingAesKey: null } });
    expect(((await patched.json()) as { safeMode: boolean }).safeMode).toBe(false);
    expect((await modes.safe(docs.subscribe)).status).toBe(400);
    expect((await modes.plaintext(docs.subscribe)).status).toBe(200);
  });
});
