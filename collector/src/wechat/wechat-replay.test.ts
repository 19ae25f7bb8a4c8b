import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';

const account = { id: 'demo', name: 'Demo account', appId: 'wxb11529c136998cb6', token: 'pamtest', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const push = (openid: string, event = 'subscribe') =>
  `<xml><ToUserName>gh_1</ToUserName><FromUserName>${openid}</FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType>event</MsgType><Event>${event}</Event></xml>`;

let collector: TestCollector;
let errors: ReturnType<typeof vi.spyOn>;
beforeEach(async () => {
  collector = await createTestCollector();
  expect((await collector.request('POST', '/v1/wechat/accounts', { key: collector.adminKey, body: account })).status).toBe(201);
  errors = vi.spyOn(collector.services.log, 'error');
});
afterEach(async () => {
  // Nothing here is the collector's fault: no error line, no stack trace.
  expect(errors).not.toHaveBeenCalled();
  await collector.close();
});

/** A plaintext push signed as WeChat signs it (token, timestamp, nonce: not the body). */
const plaintext = (body: string, timestamp = String(Math.floor(Date.now() / 1000)), nonce = 'n0nce') =>
  collector.app.request(`/v1/wechat/${account.id}/callback?${new URLSearchParams({ signature: sha1(account.token, timestamp, nonce), timestamp, nonce })}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/xml' },
  });
const recorded = async (openid: string) => {
  const customer = await collector.services.store.customers.findByIdentity('wechat_openid', openid);
  return customer ? (await collector.services.store.customers.timeline(customer.id, { limit: 50 })).items.map((e) => e.event) : [];
};
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; reason?: string; message: string } }).error;

describe('WeChat pushes cannot be replayed', () => {
  it('refuses a signed query string used again with a forged body, and records only the real push', async () => {
    const real = push('real-user');
    // One signed query string for every request: a second boundary crossed between two calls would
    // otherwise sign a new one.
    const timestamp = String(Math.floor(Date.now() / 1000));
    expect(await (await plaintext(real, timestamp)).text()).toBe('success');
    const forged = await plaintext(push('forged-user', 'unsubscribe'), timestamp);
    expect(forged.status).toBe(403);
    expect(await errorOf(forged)).toMatchObject({ code: 'forbidden', reason: 'replayed_nonce' });
    expect(await recorded('forged-user')).toEqual([]);
    // WeChat's own retry (same query, same body) is still answered, and recorded once.
    expect((await plaintext(real, timestamp, 'again')).status).toBe(200);
    expect((await plaintext(real, timestamp, 'again')).status).toBe(200);
    expect(await recorded('real-user')).toEqual(['wechat_follow']);
  });

  it.each([
    ['6 minutes old', -360],
    ['6 minutes ahead', 360],
  ])('refuses a plaintext push whose timestamp is %s', async (_name, offset) => {
    const res = await plaintext(push('late-user'), String(Math.floor(Date.now() / 1000) + offset));
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toMatchObject({ code: 'forbidden', reason: 'stale_timestamp' });
    expect(await recorded('late-user')).toEqual([]);
  });

  it('refuses a safe-mode push whose timestamp is stale, after its signature is checked', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000) - 3_600);
    const encrypted = 'c29tZXRoaW5nIHNpZ25lZA==';
    const send = (msgSignature: string) =>
      collector.app.request(`/v1/wechat/${account.id}/callback?${new URLSearchParams({ timestamp, nonce: 'n', encrypt_type: 'aes', msg_signature: msgSignature })}`, {
        method: 'POST',
        body: `<xml><Encrypt>${encrypted}</Encrypt></xml>`,
      });
    expect((await send(sha1('another-token', timestamp, 'n', encrypted))).status).toBe(401);
    const stale = await send(sha1(account.token, timestamp, 'n', encrypted));
    expect(stale.status).toBe(403);
    expect(await errorOf(stale)).toMatchObject({ reason: 'stale_timestamp' });
  });

  it('takes the window from EVENTLINE_WECHAT_REPLAY_WINDOW_S', async () => {
    await collector.restart({ EVENTLINE_WECHAT_REPLAY_WINDOW_S: '900' });
    errors = vi.spyOn(collector.services.log, 'error');
    expect((await plaintext(push('patient-user'), String(Math.floor(Date.now() / 1000) - 600))).status).toBe(200);
  });
});

describe('WeChat XML a client can make expensive', () => {
  it.each([
    ['tags 8,000 deep', `<xml>${'<a>'.repeat(8_000)}x${'</a>'.repeat(8_000)}<FromUserName>u</FromUserName></xml>`],
    // As deep as fits in the 64 KB a push may have.
    ['tags 9,000 deep', `<xml>${'<a>'.repeat(9_000)}${'</a>'.repeat(9_000)}</xml>`],
    ['an element named __proto__', '<xml><__proto__><polluted>yes</polluted></__proto__><FromUserName>u</FromUserName><CreateTime>1</CreateTime></xml>'],
    ['an element named constructor', '<xml><constructor>x</constructor><FromUserName>u</FromUserName><CreateTime>1</CreateTime></xml>'],
    ['an element named prototype', '<xml><prototype>x</prototype><FromUserName>u</FromUserName><CreateTime>1</CreateTime></xml>'],
  ])('answers 400 to %s, with nothing recorded or polluted', async (_name, body) => {
    const res = await plaintext(body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('invalid_request');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await recorded('u')).toEqual([]);
  });

  it('checks the signature before it reads the XML', async () => {
    const res = await collector.app.request(`/v1/wechat/${account.id}/callback?signature=x&timestamp=1&nonce=1`, { method: 'POST', body: `<xml>${'<a>'.repeat(8_000)}</xml>` });
    expect(res.status).toBe(401);
  });
});
