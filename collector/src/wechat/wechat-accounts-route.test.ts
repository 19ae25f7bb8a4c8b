import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminRequest } from '../testing/admin-request';
import { collectorPerTest } from '../testing/collector-per-test';
import { type TestCollector } from '../testing/test-collector';

const account = { name: 'Demo account', appId: 'wxb11529c136998cb6', token: 'pamtest', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const verifyQuery = (token: string) => {
  const [timestamp, nonce] = ['1409304348', 'xxxxxx'];
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=ok`;
};

const collector = collectorPerTest();

const admin = adminRequest(collector);

describe('/v1/wechat/accounts', () => {
  it('creates an account named after its AppID and never shows the token or the EncodingAESKey', async () => {
    const res = await admin('POST', '/v1/wechat/accounts', account);
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toEqual({
      id: 'wxb11529c136998cb6',
      name: 'Demo account',
      appId: 'wxb11529c136998cb6',
      safeMode: true,
      callbackPath: '/v1/wechat/wxb11529c136998cb6/callback',
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    const listed = await (await admin('GET', '/v1/wechat/accounts')).text();
    expect(listed).not.toContain('pamtest');
    expect(listed).not.toContain(account.encodingAesKey);
    expect(await (await admin('GET', '/v1/wechat/accounts/wxb11529c136998cb6')).json()).toEqual(created);
  });

  it('stores the token and the key sealed, not in the clear', async () => {
    await admin('POST', '/v1/wechat/accounts', account);
    const row = (await collector.services.store.wechat.get('wxb11529c136998cb6'))!;
    expect(row.sealedToken).not.toContain('pamtest');
    expect(row.sealedEncodingAesKey).not.toContain(account.encodingAesKey.slice(0, 10));
  });

  it('answers 409 for a taken id or AppID, 400 for a token or key WeChat would not accept', async () => {
    await admin('POST', '/v1/wechat/accounts', account);
    expect((await admin('POST', '/v1/wechat/accounts', account)).status).toBe(409);
    expect((await admin('POST', '/v1/wechat/accounts', { ...account, id: 'other' })).status).toBe(409);
    const badKey = await admin('POST', '/v1/wechat/accounts', { ...account, id: 'x', appId: 'wx1', encodingAesKey: 'short' });
    expect(badKey.status).toBe(400);
    expect(((await badKey.json()) as { error: { message: string } }).error.message).toMatch(/encodingAesKey: .*43/);
    expect((await admin('POST', '/v1/wechat/accounts', { ...account, id: 'x', appId: 'wx1', token: 'has space' })).status).toBe(400);
  });

  it('changes the token: the callback then verifies with the new one only', async () => {
    await admin('POST', '/v1/wechat/accounts', { ...account, id: 'demo' });
    expect((await admin('PATCH', '/v1/wechat/accounts/demo', { token: 'newtoken1' })).status).toBe(200);
    expect((await collector.app.request(`/v1/wechat/demo/callback?${verifyQuery('pamtest')}`)).status).toBe(401);
    expect((await collector.app.request(`/v1/wechat/demo/callback?${verifyQuery('newtoken1')}`)).status).toBe(200);
  });

  it('deletes an account: its callback is then 404', async () => {
    await admin('POST', '/v1/wechat/accounts', { ...account, id: 'demo' });
    expect((await admin('DELETE', '/v1/wechat/accounts/demo')).status).toBe(204);
    expect((await admin('DELETE', '/v1/wechat/accounts/demo')).status).toBe(404);
    expect((await collector.app.request(`/v1/wechat/demo/callback?${verifyQuery('pamtest')}`)).status).toBe(404);
  });

  it('is for admin keys only', async () => {
    expect((await collector.request('GET', '/v1/wechat/accounts')).status).toBe(403);
  });
});

describe('the collector secret', () => {
  it('is generated once and kept, so accounts still verify after a restart', async () => {
    await admin('POST', '/v1/wechat/accounts', { ...account, id: 'demo' });
    await collector.restart();
    const res = await collector.app.request(`/v1/wechat/demo/callback?${verifyQuery('pamtest')}`);
    expect(await res.text()).toBe('ok');
  });

  it('when EVENTLINE_SECRET changes, says the sealed secrets must be entered again', async () => {
    await admin('POST', '/v1/wechat/accounts', { ...account, id: 'demo' });
    await collector.restart({ EVENTLINE_SECRET: 'a-new-secret-that-is-at-least-32-characters' });
    const res = await collector.app.request(`/v1/wechat/demo/callback?${verifyQuery('pamtest')}`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/EVENTLINE_SECRET changed.*enter them again/);
  });
});
