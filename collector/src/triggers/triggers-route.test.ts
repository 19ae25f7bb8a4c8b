import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { DeliveryWorker } from './delivery-worker';
import { verifyDelivery } from './sign-delivery';
import { TriggerTargetPolicy } from './trigger-target-policy';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTP receiver on loopback that answers 500 to its first `failFirst` requests. */
async function startReceiver(failFirst: number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(received.length <= failFirst ? 500 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const secret = 'a-receiver-secret-of-32-characters';
let collector: TestCollector;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeEach(async () => {
  collector = await createTestCollector();
  receiver = await startReceiver(2);
});
afterEach(async () => {
  await collector.services.deliveries.stop();
  await receiver.close();
  await collector.close();
});

const admin = (method: string, path: string, body?: unknown) => collector.request(method, path, { key: collector.adminKey, ...(body !== undefined && { body }) });

async function createTrigger(extra: Record<string, unknown> = {}) {
  const res = await admin('POST', '/v1/triggers', { event: 'page_view', url: receiver.url, secret, ...extra });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

/** Runs the worker until the receiver has `count` requests or time runs out. */
async function deliverUntil(worker: DeliveryWorker, count: number) {
  const deadline = Date.now() + 10_000;
  while (receiver.received.length < count && Date.now() < deadline) {
    await worker.runOnce();
    await new Promise((r) => setTimeout(r, 20));
  }
}

const fastWorker = (giveUpAfterMs = 60_000) =>
  new DeliveryWorker(
    collector.services.store,
    collector.services.log,
    { intervalMs: 10, timeoutMs: 2_000, batch: 10, policy: { baseMs: 20, maxMs: 100, giveUpAfterMs } },
    { secrets: collector.services.secrets, targets: new TriggerTargetPolicy(collector.services.config.triggerAllowedHosts) },
  );

describe('event triggers', () => {
  it('delivers a matching event, signed, retrying a failing receiver until it answers 2xx, and logs every attempt', async () => {
    const trigger = await createTrigger({ where: [{ property: 'channel', op: '=', value: 'wechat' }] });
    const hit = makeEvent({ properties: { channel: 'wechat', title: 'Spring sale' }, tags: ['sale'] });
    const miss = makeEvent({ properties: { channel: 'web' } });
    await collector.request('POST', '/v1/events', { body: { events: [hit, miss, makeEvent({ event: 'wechat_follow' })] } });

    await deliverUntil(fastWorker(), 3);
    expect(receiver.received).toHaveLength(3);
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { delivery: string; trigger: string; event: Record<string, unknown> });
    // The same delivery each time, carrying the event uuid for the receiver to dedupe on.
    expect(new Set(bodies.map((b) => b.delivery)).size).toBe(1);
    expect(bodies[0]).toMatchObject({ trigger: trigger.id, event: { uuid: hit.uuid, event: 'page_view', properties: { channel: 'wechat', title: 'Spring sale' }, tags: ['sale'] } });
    for (const r of receiver.received) {
      const header = r.headers['eventline-signature'] as string;
      // Recomputed here by hand, as a receiver in any language would.
      const [, t, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      expect(createHmac('sha256', secret).update(`${t}.${r.body}`).digest('hex')).toBe(mac);
      expect(verifyDelivery(secret, header, r.body)).toBe(true);
      expect(verifyDelivery('another-secret-of-enough-length', header, r.body)).toBe(false);
      expect(verifyDelivery(secret, header, r.body.replace('wechat', 'WECHAT'))).toBe(false);
      expect(r.headers['eventline-event']).toBe(hit.uuid);
    }
    expect(receiver.received.map((r) => r.headers['eventline-attempt'])).toEqual(['1', '2', '3']);

    const res = await admin('GET', `/v1/triggers/${trigger.id}/deliveries`);
    const { items } = (await res.json()) as { items: { status: string; attempts: number; eventUuid: string; attemptLog: { status: number | null }[] }[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'delivered', attempts: 3, eventUuid: hit.uuid });
    expect(items[0]!.attemptLog.map((a) => a.status)).toEqual([500, 500, 200]);
  });

  it('names the customer as they are at delivery time, after a merge the survivor', async () => {
    const trigger = await createTrigger({ event: 'form_submit' });
    const send = (...events: unknown[]) => collector.request('POST', '/v1/events', { body: { events } });
    await send(makeEvent({ anonymousId: 'b', identities: { mobile: '138 0000 0000' }, event: 'wechat_follow' }));
    const hit = makeEvent({ anonymousId: 'a', event: 'form_submit', properties: { form_id: 'f1' } });
    await send(hit);
    const loser = (await collector.services.store.customers.findByIdentity('anonymous', 'a'))!.id;
    // The identify that merges "a" into the mobile's customer comes after the event, before its delivery.
    await send(makeEvent({ anonymousId: 'a', identities: { mobile: '13800000000' } }));
    const survivor = (await collector.services.store.customers.findByIdentity('mobile', '13800000000'))!;
    expect(survivor.id).not.toBe(loser);

    await deliverUntil(fastWorker(), 3);
    const body = JSON.parse(receiver.received.at(-1)!.body) as { trigger: string; event: { uuid: string; customerId: string }; customer: Record<string, unknown> };
    expect(body.trigger).toBe(trigger.id);
    expect(body.event).toMatchObject({ uuid: hit.uuid, customerId: survivor.id });
    expect(body.customer).toEqual({
      id: survivor.id,
      identities: { anonymous: expect.arrayContaining(['a', 'b']), mobile: ['13800000000'] },
      activeness: survivor.activeness,
      // wechat_follow (10) and form_submit reach the default "medium" band (10 and up).
      activenessLevel: 'medium',
      stage: survivor.stage,
    });
    expect((body.customer.identities as { anonymous: string[] }).anonymous).toHaveLength(2);
  });

  it('writes no second delivery when the same event is sent again', async () => {
    const trigger = await createTrigger();
    const e = makeEvent();
    await collector.request('POST', '/v1/events', { body: { events: [e] } });
    await collector.request('POST', '/v1/events', { body: { events: [e] } });
    const { items } = (await (await admin('GET', `/v1/triggers/${trigger.id}/deliveries`)).json()) as { items: unknown[] };
    expect(items).toHaveLength(1);
  });

  it('is set off by an event added by hand on a customer and by a quarantined event once replayed', async () => {
    const trigger = await createTrigger();
    const formTrigger = await createTrigger({ event: 'form_submit' });
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent({ anonymousId: 'hand' })] } });
    const customer = await collector.services.store.customers.findByIdentity('anonymous', 'hand');
    const manual = await admin('POST', `/v1/customers/${customer!.id}/events`, { event: 'form_submit', properties: { form_id: 'paper-1' } });
    expect(manual.status).toBe(201);
    const manualUuid = ((await manual.json()) as { uuid: string }).uuid;

    // Quarantined at first (no definition yet), then recorded by a replay once it is defined.
    const late = makeEvent({ event: 'cl_signup', properties: {} });
    expect(((await (await collector.request('POST', '/v1/events', { body: { events: [late] } })).json()) as { rejected: unknown[] }).rejected).toHaveLength(1);
    expect((await admin('POST', '/v1/definitions', { id: 'cl_signup', name: 'Sign up', type: 'inbound' })).status).toBe(201);
    const lateTrigger = await createTrigger({ event: 'cl_signup' });
    expect(await (await admin('POST', '/v1/quarantine/replay')).json()).toMatchObject({ replayed: 1 });

    const deliveries = async (id: string) => ((await (await admin('GET', `/v1/triggers/${id}/deliveries`)).json()) as { items: { eventUuid: string }[] }).items.map((d) => d.eventUuid);
    expect(await deliveries(trigger.id)).toHaveLength(1);
    expect(await deliveries(formTrigger.id)).toEqual([manualUuid]);
    expect(await deliveries(lateTrigger.id)).toEqual([late.uuid]);
  });

  it('gives up once the retry period is over, and says so', async () => {
    await receiver.close();
    receiver = await startReceiver(1_000);
    const trigger = await createTrigger();
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } });
    // Long enough for a second attempt on a loaded machine, where the first may come a few hundred ms after the event.
    const worker = fastWorker(1_500);
    const deadline = Date.now() + 8_000;
    let status = 'pending';
    while (status === 'pending' && Date.now() < deadline) {
      await worker.runOnce();
      await new Promise((r) => setTimeout(r, 20));
      status = ((await (await admin('GET', `/v1/triggers/${trigger.id}/deliveries`)).json()) as { items: { status: string }[] }).items[0]!.status;
    }
    expect(status).toBe('failed');
    const attempts = receiver.received.length;
    expect(attempts).toBeGreaterThan(1);
    await worker.runOnce();
    expect(receiver.received.length).toBe(attempts);
  });

  it('a deleted trigger stops matching and its pending deliveries are cancelled', async () => {
    const trigger = await createTrigger();
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } });
    expect((await admin('DELETE', `/v1/triggers/${trigger.id}`)).status).toBe(204);
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } });
    expect(await fastWorker().runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(0);
    expect((await admin('GET', `/v1/triggers/${trigger.id}/deliveries`)).status).toBe(404);
    expect((await admin('DELETE', `/v1/triggers/${trigger.id}`)).status).toBe(404);
  });

  it('lists triggers without their secrets, and only for admin keys', async () => {
    const trigger = await createTrigger();
    const list = (await (await admin('GET', '/v1/triggers')).json()) as { items: Record<string, unknown>[] };
    expect(list.items).toEqual([{ id: trigger.id, event: 'page_view', where: [], url: receiver.url, createdAt: expect.any(Number) }]);
    expect(JSON.stringify(list)).not.toContain(secret);
    expect((await collector.request('GET', '/v1/triggers')).status).toBe(403);
  });

  it.each([
    ['a short secret', { secret: 'short' }, /secret/],
    ['a non-http url', { url: 'ftp://example.test/x' }, /url/],
    ['an unknown event', { event: 'cl_nope' }, /no event is defined/],
    ['a bad where', { where: [{ property: 'channel', op: 'like', value: 'x' }] }, /where/],
  ])('rejects %s', async (_name, change, message) => {
    const res = await admin('POST', '/v1/triggers', { event: 'page_view', url: receiver.url, secret, ...change });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  });
});
