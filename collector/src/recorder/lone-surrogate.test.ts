import type { IngestResponse } from '@eventline/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { findLoneSurrogate, storableJson } from './lone-surrogate';

// What slicing "Sale 🎉" through the emoji makes: the high half of the pair, alone.
const cut = 'Sale 🎉'.slice(0, 6);

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

const quarantine = async () =>
  ((await (await collector.request('GET', '/v1/quarantine', { key: collector.adminKey })).json()) as { items: { code: string; path: string; raw: unknown }[] }).items;

describe('a lone surrogate costs one event, on every store', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a property value', { properties: { title: cut } }, 'properties.title'],
    ['a property key', { properties: { [`cl_${cut}`]: 'x' } }, `properties.cl_Sale \uFFFD`],
    ['a context value', { context: { page: { title: cut } } }, 'context.page.title'],
    ['a tag', { tags: ['ok', cut] }, 'tags.1'],
    ['an identity', { identities: { email: `${cut}@shop.example` } }, 'identities.email'],
    ['the anonymousId', { anonymousId: cut }, 'anonymousId'],
    ['the event name', { event: cut }, 'event'],
  ];
  it.each(cases)('in %s: that event is rejected as invalid_text with its path, the rest stored', async (_name, change, path) => {
    const bad = makeEvent(change);
    const good = [makeEvent(), makeEvent()];
    const res = await collector.request('POST', '/v1/events', { body: { events: [good[0], bad, good[1]] } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as IngestResponse;
    expect(body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(body.rejected).toEqual([{ index: 1, uuid: bad.uuid, code: 'invalid_text', path, message: expect.any(String) }]);
    expect(body.rejected[0]!.message).toMatch(/: contains a broken character .* — cut text by characters/);
    expect(body.rejected[0]!.message.startsWith(`${path}: `)).toBe(true);
    for (const e of good) expect(await collector.services.store.events.get(e.uuid as string)).toMatchObject({ uuid: e.uuid });
    expect(await collector.services.store.events.get(bad.uuid as string)).toBeUndefined();
    // Kept, with each broken character replaced by U+FFFD: the stored raw text is valid UTF-8.
    const items = await quarantine();
    expect(items).toEqual([expect.objectContaining({ code: 'invalid_text', path, raw: JSON.parse(JSON.stringify(bad).replaceAll('\\ud83c', '\uFFFD')) })]);
  });
});

describe('storableJson', () => {
  it('replaces lone surrogates in strings and keys with U+FFFD, keeps pairs, and keeps a __proto__ key as data', () => {
    const value = JSON.parse(`{"__proto__":{"a":"x"},"k\\ud83d":["ok 🎉","\\udc00 end"]}`) as unknown;
    expect(findLoneSurrogate(value)).toBe('k\ud83d');
    const text = storableJson(value);
    expect(text).toBe('{"__proto__":{"a":"x"},"k\uFFFD":["ok 🎉","\uFFFD end"]}');
    expect(findLoneSurrogate(JSON.parse(text))).toBeUndefined();
  });
});
