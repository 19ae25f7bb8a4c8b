import type { IngestResponse } from '@eventline/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

/** The event as JSON text with `"__proto__": value` spliced into `field`: the way a client sends it. */
const withProto = (field: string, value: string, nested = false) => {
  const e = makeEvent({ [field]: nested ? { page: { title: 'x' } } : { title: 'x' } });
  const text = JSON.stringify(e);
  const splice = nested ? `"${field}":{"page":{"__proto__":${value},` : `"${field}":{"__proto__":${value},`;
  return { uuid: e.uuid as string, text: text.replace(nested ? `"${field}":{"page":{` : `"${field}":{`, splice) };
};

describe('nothing of an event is dropped silently: a "__proto__" key is rejected, on every store', () => {
  const cases: [string, string, string, boolean, string, string][] = [
    ['properties', 'properties', '"x"', false, 'unknown_property', 'properties.__proto__'],
    ['properties, an object value', 'properties', '{"polluted":true}', false, 'unknown_property', 'properties.__proto__'],
    ['context', 'context', '"x"', false, 'unknown_property', 'context.__proto__'],
    ['context, nested', 'context', '{"polluted":true}', true, 'unknown_property', 'context.page.__proto__'],
    ['identities', 'identities', '"a@shop.example"', false, 'invalid_identity', 'identities.__proto__'],
  ];
  it.each(cases)('in %s', async (_name, field, value, nested, code, path) => {
    const bad = withProto(field, value, nested);
    const good = makeEvent();
    const res = await collector.request('POST', '/v1/events', { body: `{"events":[${bad.text},${JSON.stringify(good)}]}` });
    const body = (await res.json()) as IngestResponse;
    expect(body).toMatchObject({ accepted: 1, rejected: [{ index: 0, uuid: bad.uuid, code, path, message: expect.stringMatching(/^\S+: .* — /) }] });
    expect(await collector.services.store.events.get(bad.uuid)).toBeUndefined();
    // Quarantined as sent, the key included.
    const q = await collector.request('GET', '/v1/quarantine', { key: collector.adminKey });
    const items = ((await q.json()) as { items: { code: string; raw: unknown }[] }).items;
    expect(items).toHaveLength(1);
    expect(JSON.stringify(items[0]!.raw)).toContain('"__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('through the Segment API too', async () => {
    const res = await collector.request('POST', '/v1/batch', {
      body: '{"batch":[{"type":"track","event":"page_view","anonymousId":"a-1","messageId":"m-proto","properties":{"__proto__":"x","title":"t"}}]}',
    });
    expect(await res.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, code: 'unknown_property', path: 'properties.__proto__' }] });
  });
});
