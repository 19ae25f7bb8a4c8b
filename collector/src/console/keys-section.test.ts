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

/** Fills the page's create-key form as an operator would and posts it; answers the page that comes back, once sure no key was made. */
async function createKey(fields: Record<string, string>) {
  const before = await collector.services.store.keys.list();
  const page = await (await loggedInBrowser(collector)).submitRefused('/console/keys', '#create-key', fields);
  expect(await collector.services.store.keys.list()).toEqual(before);
  return page;
}

const messageBeside = (page: Document, name: string) => fieldMessageOf(page.querySelector(`#create-key [name=${name}]`)!);

describe('a refused key form', () => {
  it('puts each message beside its field, origins numbered as typed, and keeps what was typed', async () => {
    const origins = 'https://shop.example.com\nhttps://shop.example.com/cart';
    const page = await createKey({ name: 'Shop', scope: 'ingest', origins, rateLimit: '0' });
    expect(messageBeside(page, 'origins')).toBe('Origin 2: an origin is scheme://host[:port] with no path or trailing slash, such as https://shop.example.com');
    expect(messageBeside(page, 'rateLimit')).toBe('rateLimit: expected more than 0 — change it and send again');
    expect(messageBeside(page, 'name')).toBeUndefined();
    expect(messageBeside(page, 'scope')).toBeUndefined();
    expect((page.querySelector('[name=name]') as HTMLInputElement).value).toBe('Shop');
    expect((page.querySelector('[name=origins]') as HTMLTextAreaElement).value).toBe(origins);
    expect((page.querySelector('[name=rateLimit]') as HTMLInputElement).value).toBe('0');
    // The whole story stays at the top too.
    expect(page.querySelector('.flash.error')?.textContent).toContain('Origin 2: an origin is');
  });

  it('says beside the origins that only an ingest key takes them, keeping the scope chosen', async () => {
    const page = await createKey({ name: 'Backend', scope: 'server', origins: 'https://shop.example.com' });
    expect(messageBeside(page, 'origins')).toBe('allowedOrigins: only ingest keys are limited to origins: the other scopes are for servers, which send no Origin');
    expect(page.querySelector('[name=scope] option[selected]')?.getAttribute('value')).toBe('server');
    expect(messageBeside(page, 'name')).toBeUndefined();
  });
});
