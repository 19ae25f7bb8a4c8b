import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { canMerge } from './can-merge';

const strong = new Set(['external_id', 'mobile', 'wechat_unionid']);

describe('canMerge', () => {
  it('refuses two customers who both hold one strong type, and allows weak overlaps', () => {
    expect(canMerge(['anonymous', 'mobile'], ['external_id', 'anonymous'], strong)).toBe(true);
    expect(canMerge(['anonymous', 'email'], ['email', 'anonymous'], strong)).toBe(true);
    expect(canMerge(['mobile', 'anonymous'], ['anonymous', 'mobile'], strong)).toBe(false);
  });
});

interface Customer {
  id: string;
  identities: { type: string; value: string }[];
  activeness: number;
  eventCount: number;
  stage: string | null;
  firstSeen: number;
  lastSeen: number;
  topTags: { tag: string; count: number }[];
}

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(() => collector.close());

const sendWith = async (key: string, ...events: Record<string, unknown>[]) => {
  const res = await collector.request('POST', '/v1/events', { key, body: { events } });
  expect(await res.json()).toMatchObject({ accepted: events.length, rejected: [] });
};
const send = (...events: Record<string, unknown>[]) => sendWith(collector.writeKey, ...events);
/** A public key may not merge two known customers (resolve-customer.ts): a back end's key may. */
const serverKey = async () => {
  const res = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'back end', scope: 'server' } });
  return ((await res.json()) as { key: string }).key;
};
const get = (path: string) => collector.request('GET', path, { key: collector.adminKey });
const lookup = async (identity: string): Promise<Customer> => {
  const body = (await (await get(`/v1/customers?identity=${encodeURIComponent(identity)}`)).json()) as { items: Customer[] };
  expect(body.items).toHaveLength(1);
  return (await (await get(`/v1/customers/${body.items[0]!.id}`)).json()) as Customer;
};
const identitiesOf = (c: Customer) => c.identities.map((i) => `${i.type}:${i.value}`).sort();
const minutesAgo = (m: number) => Date.now() - m * 60_000;

describe('identity resolution', () => {
  it('joins the anonymous history to the known customer on identify, both with history', async () => {
    // A known customer on one device: follows (+5, interested), views a page.
    await send(
      makeEvent({ event: 'wechat_follow', anonymousId: 'phone', identities: { external_id: 'u-1' }, time: minutesAgo(50), tags: ['vip'] }),
      makeEvent({ event: 'page_view', anonymousId: 'phone', time: minutesAgo(40) }),
    );
    // Someone anonymous on a laptop: submits a form (+5, engaged), unfollows (-5), views a page.
    await send(
      makeEvent({ event: 'form_submit', anonymousId: 'laptop', time: minutesAgo(90), tags: ['vip', 'shoes'] }),
      makeEvent({ event: 'wechat_unfollow', anonymousId: 'laptop', time: minutesAgo(80) }),
      makeEvent({ event: 'page_view', anonymousId: 'laptop', time: minutesAgo(70) }),
    );
    const known = await lookup('external_id:u-1');
    const anonymous = await lookup('anonymous:laptop');
    expect(anonymous.id).not.toBe(known.id);
    expect(anonymous).toMatchObject({ activeness: 1, eventCount: 3, stage: 'engaged' });

    // The laptop logs in.
    await send(makeEvent({ event: 'identify', anonymousId: 'laptop', identities: { external_id: 'u-1' }, time: minutesAgo(1) }));

    const merged = await lookup('anonymous:laptop');
    expect(merged.id).toBe(known.id);
    expect(identitiesOf(merged)).toEqual(['anonymous:laptop', 'anonymous:phone', 'external_id:u-1']);
    expect(merged).toMatchObject({
      activeness: 5 + 1 + 5 - 5 + 1 + 0,
      eventCount: 6,
      stage: 'engaged',
      firstSeen: anonymous.firstSeen,
      topTags: [
        { tag: 'vip', count: 2 },
        { tag: 'shoes', count: 1 },
      ],
    });
    const timeline = (await (await get(`/v1/customers/${known.id}/events`)).json()) as { items: { event: string }[] };
    expect(timeline.items.map((e) => e.event)).toEqual(['identify', 'page_view', 'wechat_follow', 'page_view', 'wechat_unfollow', 'form_submit']);

    // The old id keeps answering: a redirect to the survivor, for every customer path.
    const old = await get(`/v1/customers/${anonymous.id}/events?limit=2`);
    expect(old.status).toBe(308);
    expect(old.headers.get('location')).toBe(`/v1/customers/${known.id}/events?limit=2`);
    expect(await old.json()).toEqual({ id: anonymous.id, mergedInto: known.id });
    expect((await get(`/v1/customers/${anonymous.id}`)).headers.get('location')).toBe(`/v1/customers/${known.id}`);
  });

  it('does not merge two customers holding different values of a strong type; the event goes by priority', async () => {
    await send(makeEvent({ anonymousId: 'd1', identities: { external_id: 'u-1', mobile: '13800000001' } }));
    await send(makeEvent({ anonymousId: 'd2', identities: { mobile: '13800000002' } }));
    const first = await lookup('external_id:u-1');
    const second = await lookup('mobile:13800000002');

    await send(makeEvent({ event: 'form_submit', anonymousId: 'd3', identities: { external_id: 'u-1', mobile: '13800000002' } }));

    const after1 = await lookup('external_id:u-1');
    const after2 = await lookup('mobile:13800000002');
    expect(after2.id).toBe(second.id);
    expect(identitiesOf(after2)).toEqual(['anonymous:d2', 'mobile:13800000002']);
    expect(after2).toMatchObject({ eventCount: 1, stage: 'aware' });
    expect(after1.id).toBe(first.id);
    expect(after1).toMatchObject({ eventCount: 2, stage: 'engaged' });
    // The identity nobody held joins the customer the event went to.
    expect(identitiesOf(after1)).toContain('anonymous:d3');
  });

  it('follows the configured priority', async () => {
    await collector.close();
    collector = await createTestCollector({ EVENTLINE_IDENTITY_PRIORITY: 'mobile,external_id,wechat_unionid,wechat_openid,email,anonymous' });
    await send(makeEvent({ anonymousId: 'd1', identities: { external_id: 'u-1', mobile: '13800000001' } }));
    await send(makeEvent({ anonymousId: 'd2', identities: { mobile: '13800000002' } }));
    await send(makeEvent({ event: 'form_submit', anonymousId: 'd3', identities: { external_id: 'u-1', mobile: '13800000002' } }));
    expect(await lookup('mobile:13800000002')).toMatchObject({ eventCount: 2, stage: 'engaged' });
    expect(await lookup('external_id:u-1')).toMatchObject({ eventCount: 1 });
  });

  it('merges when only weak types overlap, and points every older merged id at the last survivor', async () => {
    await send(makeEvent({ anonymousId: 'a' }));
    await send(makeEvent({ anonymousId: 'b', identities: { email: 'Ann@Example.com ' } }));
    await send(makeEvent({ anonymousId: 'c', identities: { email: 'ann@work.example', external_id: 'u-9' } }));
    const a = await lookup('anonymous:a');
    const b = await lookup('anonymous:b');

    await send(makeEvent({ anonymousId: 'a', identities: { email: 'ann@example.com' } })); // a into b
    await sendWith(await serverKey(), makeEvent({ anonymousId: 'b', identities: { external_id: 'u-9' } })); // b (with a) into c

    const survivor = await lookup('anonymous:a');
    expect(identitiesOf(survivor)).toEqual(['anonymous:a', 'anonymous:b', 'anonymous:c', 'email:ann@example.com', 'email:ann@work.example', 'external_id:u-9']);
    expect(survivor.eventCount).toBe(5);
    for (const old of [a.id, b.id]) {
      const res = await get(`/v1/customers/${old}`);
      expect(res.status).toBe(308);
      expect(res.headers.get('location')).toBe(`/v1/customers/${survivor.id}`);
    }
  });

  it('keeps merged customers out of the activeness levels', async () => {
    await send(makeEvent({ anonymousId: 'a' }), makeEvent({ anonymousId: 'b', identities: { mobile: '13800000000' } }));
    await send(makeEvent({ anonymousId: 'a', identities: { mobile: '13800000000' } }));
    const low = (await (await get('/v1/customers?activeness=low')).json()) as { items: Customer[] };
    expect(low.items.map((c) => c.activeness)).toEqual([3]);
  });
});
