import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../../testing/test-collector';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(() => collector.close());

const send = (events: unknown[]) => collector.request('POST', '/v1/events', { body: { events } });
const customerOf = async (uuid: unknown) => (await collector.services.store.events.get(uuid as string))!.customerId;

describe('recording events', () => {
  it('puts events of one anonymous id, and of its later identities, on one customer', async () => {
    const a = makeEvent({ anonymousId: 'device-1' });
    const b = makeEvent({ anonymousId: 'device-1', identities: { mobile: ' 138-0000-0000 ' } });
    const c = makeEvent({ anonymousId: 'device-2', identities: { mobile: '13800000000' } });
    const other = makeEvent({ anonymousId: 'device-3' });
    await send([a, b, c, other]);
    const customer = await customerOf(a.uuid);
    expect(await customerOf(b.uuid)).toBe(customer);
    expect(await customerOf(c.uuid)).toBe(customer);
    expect(await customerOf(other.uuid)).not.toBe(customer);
  });

  it('merges within one batch, and puts its later events of the merged customer on the survivor', async () => {
    const x = makeEvent({ anonymousId: 'device-x' });
    const y = makeEvent({ anonymousId: 'device-y', identities: { mobile: '13900000000' } });
    const both = makeEvent({ anonymousId: 'device-x', identities: { mobile: '13900000000' } });
    const laterY = makeEvent({ anonymousId: 'device-y' });
    const laterX = makeEvent({ anonymousId: 'device-x' });
    expect(await (await send([x, y, both, laterY, laterX])).json()).toMatchObject({ accepted: 5 });
    const customers = await Promise.all([x, y, both, laterY, laterX].map((e) => customerOf(e.uuid)));
    expect(new Set(customers).size).toBe(1);
  });

  it('keeps activeness, event count and the forward-only stage on the customer', async () => {
    await send([
      makeEvent({ event: 'wechat_follow', anonymousId: 'd' }), // +5, interested
      makeEvent({ event: 'page_view', anonymousId: 'd' }), // +1, aware: not a step back
      makeEvent({ event: 'wechat_unfollow', anonymousId: 'd' }), // -5
    ]);
    const db = new Sqlite(collector.dbPath, { readonly: true });
    const row = db.prepare("select c.activeness, c.event_count, c.stage from customers c join identities i on i.customer_id = c.id where i.type = 'anonymous' and i.value = 'd'").get();
    db.close();
    expect(row).toEqual({ activeness: 1, event_count: 3, stage: 'interested' });
  });

  it('records content tags in a table queried by tag', async () => {
    const e = makeEvent({ tags: ['summer-sale', 'shoes', 'shoes'] });
    await send([e, makeEvent({ tags: ['winter'] })]);
    const db = new Sqlite(collector.dbPath, { readonly: true });
    const uuids = db.prepare("select event_uuid from event_tags where tag = 'shoes'").pluck().all();
    db.close();
    expect(uuids).toEqual([e.uuid]);
  });

  it('commits the batches of concurrent requests together, each answered for itself', async () => {
    const batches = Array.from({ length: 20 }, (_, i) => [makeEvent({ anonymousId: `c${i}` }), makeEvent({ anonymousId: `c${i}` })]);
    const shared = makeEvent({ anonymousId: 'shared' });
    const answers = await Promise.all([...batches.map((b) => send(b)), send([shared]), send([shared])].map(async (r) => (await r).json()));
    expect(answers.slice(0, 20)).toEqual(Array(20).fill({ accepted: 2, duplicates: 0, rejected: [] }));
    expect(answers.slice(20).map((a) => (a as { accepted: number }).accepted).sort()).toEqual([0, 1]);
  });
});
