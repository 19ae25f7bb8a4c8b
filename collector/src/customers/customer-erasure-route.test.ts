import { describe, expect, it } from 'vitest';
import { countRows, tableRows } from '../testing/table-rows';
import { adminRequest } from '../testing/admin-request';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';

const collector = collectorPerTest();

const admin = adminRequest(collector);
const ingest = async (...events: Record<string, unknown>[]) => {
  const res = await collector.request('POST', '/v1/events', { body: { sentAt: new Date().toISOString(), events } });
  expect(res.status).toBe(200);
  return (await res.json()) as { accepted: number; duplicates: number; rejected: { index: number; code: string }[] };
};
const lookup = async (identity: string) => {
  const body = (await (await admin('GET', `/v1/customers?identity=${encodeURIComponent(identity)}`)).json()) as { items: { id: string; eventCount: number }[] };
  return body.items[0];
};

/**
 * Person A: a device (dev-a) whose customer was merged into the one holding external_id u-a, with a
 * mobile, tagged events, a pending trigger delivery and two quarantined events (one naming the mobile
 * as typed, not normalised). Person B: another device with the same kinds of rows.
 */
async function twoPeople() {
  const trigger = await admin('POST', '/v1/triggers', { event: 'page_view', url: 'http://127.0.0.1:9/hook', secret: 'a-receiver-secret-of-32-characters' });
  expect(trigger.status).toBe(201);
  await ingest(makeEvent({ anonymousId: 'dev-a', tags: ['shoes'], properties: { url: 'https://shop.example/private-page-a' } }));
  await ingest(makeEvent({ anonymousId: undefined, identities: { external_id: 'u-a', mobile: '138-0000-0001' } }));
  await ingest(makeEvent({ event: 'identify', anonymousId: 'dev-a', identities: { external_id: 'u-a' } }));
  await ingest(makeEvent({ event: 'cl_not_defined', anonymousId: 'dev-a' }), makeEvent({ event: 'cl_not_defined', anonymousId: undefined, identities: { mobile: '138 0000 0001' } }));
  await ingest(makeEvent({ anonymousId: 'dev-b', tags: ['hats'] }), makeEvent({ event: 'cl_not_defined', anonymousId: 'dev-b' }));
  const a = (await lookup('external_id:u-a'))!;
  const merged = (await tableRows<{ id: string }>(collector, 'select id from customers where merged_into = ?', [a.id])).map((r) => r.id);
  expect(merged).toHaveLength(1);
  const b = (await lookup('anonymous:dev-b'))!;
  const aEvents = (await tableRows<{ uuid: string }>(collector, 'select uuid from events where customer_id = ?', [a.id])).map((r) => r.uuid);
  expect(aEvents).toHaveLength(3);
  return { a: a.id, loser: merged[0]!, b: b.id, aEvents };
}

describe('GET /v1/customers/:id/export', () => {
  it('answers everything held about the customer: identities, figures, tags, events, quarantined events, deliveries', async () => {
    const { a, loser, aEvents } = await twoPeople();
    const res = await admin('GET', `/v1/customers/${a}/export`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    expect(body.customer).toMatchObject({ id: a, eventCount: 3, stage: 'aware', activeness: 2 });
    expect(body.customer.identities.map((i: { type: string; value: string }) => `${i.type}:${i.value}`).sort()).toEqual(['anonymous:dev-a', 'external_id:u-a', 'mobile:13800000001']);
    expect(body.tags).toEqual([{ tag: 'shoes', count: 1 }]);
    expect(body.events.map((e: { uuid: string }) => e.uuid).sort()).toEqual([...aEvents].sort());
    expect(body.events.find((e: { tags: string[] }) => e.tags.includes('shoes')).properties).toEqual({ url: 'https://shop.example/private-page-a' });
    expect(body.quarantine).toHaveLength(2);
    expect(body.quarantine.every((q: { raw: string }) => !q.raw.includes('dev-b'))).toBe(true);
    expect(body.deliveries).toHaveLength(2);
    expect(aEvents).toContain(body.deliveries[0].eventUuid);

    // A merged id redirects to the survivor, as every /v1/customers/<id>… does.
    expect((await admin('GET', `/v1/customers/${loser}/export`)).status).toBe(308);
  });

  it('streams NDJSON, one { kind, data } per line, and finds the customer by identity as typed', async () => {
    const { a } = await twoPeople();
    const res = await collector.request('GET', `/v1/customers/export?identity=${encodeURIComponent('mobile:+138 0000 0001')}`, { key: collector.adminKey, headers: { accept: 'application/x-ndjson' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; data: { id?: string } });
    expect(lines[0]).toMatchObject({ kind: 'customer', data: { id: a } });
    expect(lines.filter((l) => l.kind === 'event')).toHaveLength(3);
    expect(lines.filter((l) => l.kind === 'quarantine')).toHaveLength(2);
    expect((await admin('GET', '/v1/customers/export?identity=anonymous:nobody')).status).toBe(404);
  });
});

describe('DELETE /v1/customers/:id', () => {
  it('removes the customer, the one merged into it and every row about them, in every table, and nothing of anyone else', async () => {
    const { a, loser, b, aEvents } = await twoPeople();
    const before = {
      bEvents: await countRows(collector, 'events where customer_id = ?', [b]),
      deliveries: await countRows(collector, 'deliveries'),
      quarantine: await countRows(collector, 'quarantine'),
    };

    // One failed attempt on record for one of A's deliveries, and one for B's.
    for (const customer of [a, b]) {
      const [delivery] = await tableRows<{ id: string }>(collector, 'select d.id from deliveries d join events e on e.uuid = d.event_uuid where e.customer_id = ?', [customer]);
      await tableRows(collector, 'insert into delivery_attempts (delivery_id, attempt, at, duration_ms, status, error) values (?, 1, 1, 5, 500, null)', [delivery!.id]);
    }

    const refused = await admin('DELETE', `/v1/customers/${loser}`);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'conflict', survivor: a } });
    expect(await countRows(collector, 'customers where id = ?', [a])).toBe(1);

    const res = await admin('DELETE', `/v1/customers/${a}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { erased: string[]; removed: Record<string, number> };
    expect(body.erased.sort()).toEqual([a, loser].sort());
    expect(body.removed).toMatchObject({ customers: 2, identities: 3, events: 3, event_tags: 1, deliveries: 2, delivery_attempts: 1, quarantine: 2 });

    const ids = [a, loser];
    const inUuids = `(${aEvents.map(() => '?').join(', ')})`;
    expect(await countRows(collector, 'customers where id in (?, ?) or merged_into in (?, ?)', [...ids, ...ids])).toBe(0);
    expect(await countRows(collector, "identities where value in ('dev-a', 'u-a', '13800000001')")).toBe(0);
    expect(await countRows(collector, `events where uuid in ${inUuids} or anonymous_id = 'dev-a'`, aEvents)).toBe(0);
    expect(await countRows(collector, `event_tags where event_uuid in ${inUuids}`, aEvents)).toBe(0);
    expect(await countRows(collector, `deliveries where event_uuid in ${inUuids}`, aEvents)).toBe(0);
    expect(await countRows(collector, "quarantine where raw like '%dev-a%' or raw like '%138 0000 0001%'")).toBe(0);
    if (!collector.dbPath) expect(await countRows(collector, `event_ids where uuid in ${inUuids}`, aEvents)).toBe(0);

    expect(await countRows(collector, 'events where customer_id = ?', [b])).toBe(before.bEvents);
    expect(await countRows(collector, 'deliveries')).toBe(before.deliveries - 2);
    expect(await countRows(collector, 'delivery_attempts')).toBe(1);
    expect(await countRows(collector, 'quarantine')).toBe(before.quarantine - 2);
    expect(await lookup('anonymous:dev-b')).toMatchObject({ id: b, eventCount: 1 });

    expect((await admin('GET', `/v1/customers/${a}`)).status).toBe(404);
    expect((await admin('DELETE', `/v1/customers/${a}`)).status).toBe(404);

    // Not suppressed: the device's next event makes a fresh customer, with none of the old history.
    expect(await ingest(makeEvent({ anonymousId: 'dev-a' }))).toMatchObject({ accepted: 1, rejected: [] });
    const fresh = (await lookup('anonymous:dev-a'))!;
    expect(fresh.id).not.toBe(a);
    expect(fresh.eventCount).toBe(1);
  });

  it('with suppress=true refuses the device’s next events as suppressed, keeps nothing of them, counts them, until lifted', async () => {
    const { a } = await twoPeople();
    const res = await admin('DELETE', `/v1/customers/${a}?suppress=true`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { removed: Record<string, number> }).removed.suppressions).toBe(3);
    const quarantined = await countRows(collector, 'quarantine');

    const answer = await ingest(makeEvent({ anonymousId: 'dev-b' }), makeEvent({ anonymousId: 'dev-a' }), makeEvent({ anonymousId: 'dev-new', identities: { mobile: '13800000001' } }));
    expect(answer.accepted).toBe(1);
    expect(answer.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'suppressed'],
      [2, 'suppressed'],
    ]);
    expect(await lookup('anonymous:dev-a')).toBeUndefined();
    expect(await lookup('anonymous:dev-new')).toBeUndefined();
    expect(await countRows(collector, 'quarantine')).toBe(quarantined);
    const metrics = await (await admin('GET', '/metrics')).text();
    expect(metrics).toMatch(/eventline_events_total\{outcome="rejected",code="suppressed"\} 2/);

    const list = (await (await admin('GET', '/v1/suppressions')).json()) as { items: { type: string; value: string }[] };
    expect(list.items.map((s) => `${s.type}:${s.value}`).sort()).toEqual(['anonymous:dev-a', 'external_id:u-a', 'mobile:13800000001']);

    expect((await admin('DELETE', '/v1/suppressions?identity=anonymous:dev-a')).status).toBe(200);
    expect(await ingest(makeEvent({ anonymousId: 'dev-a' }))).toMatchObject({ accepted: 1, rejected: [] });
    expect(await lookup('anonymous:dev-a')).toMatchObject({ eventCount: 1 });
  });

  it('with suppress=true, racing the device’s own ingest, leaves none of its events: each was erased or refused', async () => {
    await ingest(makeEvent({ anonymousId: 'dev-race' }));
    const id = (await lookup('anonymous:dev-race'))!.id;
    let sending = true;
    const answers: { accepted: number; rejected: { code: string }[] }[] = [];
    // Four senders, so requests are in flight on both sides of the erasure's commit.
    const senders = Array.from({ length: 4 }, async () => {
      while (sending) answers.push(await ingest(...Array.from({ length: 20 }, () => makeEvent({ anonymousId: 'dev-race' }))));
    });
    while (answers.length < 3) await new Promise((r) => setTimeout(r, 5));
    const res = await admin('DELETE', `/v1/customers/${id}?suppress=true`);
    expect(res.status).toBe(200);
    const after = answers.length;
    while (answers.length < after + 8) await new Promise((r) => setTimeout(r, 5));
    sending = false;
    await Promise.all(senders);

    expect(await countRows(collector, "events where anonymous_id = 'dev-race'")).toBe(0);
    expect(await countRows(collector, "identities where value = 'dev-race'")).toBe(0);
    expect(await countRows(collector, 'customers')).toBe(0);
    expect(answers.some((a) => a.accepted > 0)).toBe(true);
    expect(answers.at(-1)!.rejected.map((r) => r.code)).toEqual(Array(20).fill('suppressed'));
  });

  it('erases the customer’s pending follow-up timers, and no one else’s', async () => {
    await ingest(makeEvent({ anonymousId: 'dev-t' }), makeEvent({ anonymousId: 'dev-u' }));
    const [t, u] = [(await lookup('anonymous:dev-t'))!.id, (await lookup('anonymous:dev-u'))!.id];
    await tableRows(
      collector,
      "insert into timers (trigger_id, event_uuid, customer_id, event_time, due_at, next_check_at) values ('tr', 'e1', ?, 1, 1, 1), ('tr', 'e2', ?, 2, 2, 2), ('tr', 'e3', ?, 3, 3, 3)",
      [t, t, u],
    );
    const res = await admin('DELETE', `/v1/customers/${t}`);
    expect(((await res.json()) as { removed: Record<string, number> }).removed.timers).toBe(2);
    expect(await tableRows(collector, 'select event_uuid from timers')).toEqual([{ event_uuid: 'e3' }]);
  });

  it('never gives an erased customer’s id to someone else, also after a restart', async () => {
    await ingest(makeEvent({ anonymousId: 'dev-old' }));
    const erased = (await lookup('anonymous:dev-old'))!.id;
    expect((await admin('DELETE', `/v1/customers/${erased}`)).status).toBe(200);
    await collector.restart();
    await ingest(makeEvent({ anonymousId: 'dev-next' }));
    expect((await lookup('anonymous:dev-next'))!.id).not.toBe(erased);
  });

  it('writes each export, erasure and suppression change to the audit log, newest first, with no event data', async () => {
    const { a } = await twoPeople();
    await (await admin('GET', `/v1/customers/${a}/export`)).text();
    await admin('DELETE', `/v1/customers/${a}?suppress=true`);
    await admin('POST', '/v1/suppressions', { type: 'email', value: ' Someone@Example.com ' });
    await admin('DELETE', '/v1/suppressions?identity=email:someone@example.com');

    const res = await admin('GET', '/v1/audit');
    expect(res.status).toBe(200);
    const text = await res.text();
    const { items } = JSON.parse(text) as { items: { action: string; target: string; keyId: string | null; counts: Record<string, number>; at: number }[] };
    expect(items.map((i) => [i.action, i.target])).toEqual([
      ['suppression.lift', 'email:someone@example.com'],
      ['suppression.add', 'email:someone@example.com'],
      ['customer.erase', a],
      ['customer.export', a],
    ]);
    expect(items[2]!.counts).toMatchObject({ events: 3, customers: 2, suppressions: 3 });
    expect(items[3]!.counts).toMatchObject({ events: 3, quarantine: 2, deliveries: 2, complete: 1 });
    expect(items.every((i) => typeof i.keyId === 'string' && i.at > 0)).toBe(true);
    expect(text).not.toContain('private-page-a');
    expect(text).not.toContain('shoes');
    expect((await collector.request('GET', '/v1/audit', { key: collector.writeKey })).status).toBe(403);
  });
});
