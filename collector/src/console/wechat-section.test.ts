import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';
import { fieldMessageOf, loggedInBrowser } from './console-browser';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

/** Fills the connect form as an operator would and posts it; answers the refused page. */
const connect = async (fields: Record<string, string>) => (await loggedInBrowser(collector)).submitRefused('/console/wechat', '#new-wechat-account', fields);

const field = (page: Document, name: string) => page.querySelector(`#new-wechat-account [name=${name}]`) as HTMLInputElement;

describe('a refused WeChat account form', () => {
  it('puts the message beside its field, keeps what was typed but never the secrets', async () => {
    const page = await connect({ name: 'Brand', appId: 'wxabc', token: 'no!', encodingAesKey: 'short' });
    expect(fieldMessageOf(field(page, 'token'))).toBe('token: a WeChat token is 3 to 32 letters or digits');
    expect(fieldMessageOf(field(page, 'encodingAesKey'))).toBe('encodingAesKey: an EncodingAESKey is 43 letters or digits');
    expect(fieldMessageOf(field(page, 'appId'))).toBeUndefined();
    expect([field(page, 'name').value, field(page, 'appId').value, field(page, 'token').value]).toEqual(['Brand', 'wxabc', '']);
    expect(await collector.services.store.wechat.list()).toEqual([]);
  });

  it('says which of the id and the AppID is taken', async () => {
    const first = { name: 'Brand', appId: 'wxabc', token: 'secret123', id: 'brand' };
    const b = await loggedInBrowser(collector);
    expect((await b.submit('/console/wechat', '#new-wechat-account', first)).status).toBe(303);

    const sameAppId = await connect({ ...first, id: '' });
    expect(fieldMessageOf(field(sameAppId, 'appId'))).toBe('A WeChat account with the id “wxabc” or the AppID “wxabc” exists.');
    const sameId = await connect({ ...first, appId: 'wxother' });
    expect(fieldMessageOf(field(sameId, 'id'))).toBe('A WeChat account with the id “brand” or the AppID “wxother” exists.');
    expect(fieldMessageOf(field(sameId, 'appId'))).toBeUndefined();
  });
});
