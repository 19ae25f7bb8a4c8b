import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The collector first: its app extends zod with the OpenAPI methods the schemas the store imports use.
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import type { TriggerStore } from '../store/trigger-store';
import { DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker';
import { TriggerTargetPolicy } from './trigger-target-policy';

interface Received {
  delivery: string;
  event: string;
  attempt: string;
  at: number;
}

/** A receiver on loopback; `answer` picks each request's status and how long it takes to give it. */
async function startReceiver(answer: (event: string) => { status: number; delayMs?: number } = () => ({ status: 200 })) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const event = (JSON.parse(body) as { event: { uuid: string } }).event.uuid;
      received.push({ delivery: String(req.headers['eventline-delivery']), event, attempt: String(req.headers['eventline-attempt']), at: Date.now() });
      const { status, delayMs = 0 } = answer(event);
      setTimeout(() => res.writeHead(status).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let collector: TestCollector;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
const others: Store[] = [];
const workers: DeliveryWorker[] = [];

beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await receiver?.close();
  receiver = undefined;
  for (const s of others.splice(0)) await s.close();
  await collector.close();
});

const policy = { baseMs: 2_000, maxMs: 4_000, giveUpAfterMs: 60_000 };

function worker(triggers: TriggerStore, options: Partial<DeliveryWorkerOptions> = {}) {
  const w = new DeliveryWorker(
    { triggers },
    collector.services.log,
    { intervalMs: 10, timeoutMs: 2_000, batch: 50, concurrency: 8, policy, ...options },
    { secrets: collector.services.secrets, targets: new TriggerTargetPolicy(collector.services.config.triggerAllowedHosts) },
  );
  workers.push(w);
  return w;
}

/** A trigger to the receiver and `count` events that match it: `count` pending deliveries. */
async function pendingDeliveries(url: string, count: number) {
  const res = await collector.request('POST', '/v1/triggers', { key: collector.adminKey, body: { event: 'page_view', url, secret: 'a-receiver-secret-of-32-characters' } });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  const events = Array.from({ length: count }, (_, i) => makeEvent({ anonymousId: `c${i % 7}` }));
  for (let i = 0; i < events.length; i += 100) {
    const sent = await collector.request('POST', '/v1/events', { body: { events: events.slice(i, i + 100) } });
    expect(sent.status).toBe(200);
  }
  return { triggerId: id, uuids: events.map((e) => e.uuid as string) };
}

async function deliveriesOf(triggerId: string) {
  const res = await collector.request('GET', `/v1/triggers/${triggerId}/deliveries?limit=100`, { key: collector.adminKey });
  return ((await res.json()) as { items: { id: string; eventUuid: string; status: string; attempts: number; nextAttemptAt: number | null; attemptLog: { at: number; status: number | null }[] }[] }).items;
}

describe('delivery batches', () => {
  it('hands each delivery to one of two collectors claiming batches side by side, so each is sent once', async () => {
    receiver = await startReceiver();
    const { uuids } = await pendingDeliveries(receiver.url, 240);
    // A second store on the same database: another collector process, with connections of its own.
    const second = await openStore(collector.services.config);
    others.push(second);
    const a = worker(collector.services.store.triggers, { batch: 16 });
    const b = worker(second.triggers, { batch: 16 });
    const drain = async (w: DeliveryWorker) => {
      let total = 0;
      for (let n = -1; n !== 0; total += n) n = await w.runOnce();
      return total;
    };
    const [byA, byB] = await Promise.all([drain(a), drain(b)]);

    expect(byA + byB).toBe(240);
    // Both took part: the claims interleaved rather than one worker taking all.
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(receiver.received).toHaveLength(240);
    expect(new Set(receiver.received.map((r) => r.delivery)).size).toBe(240);
    expect(new Set(receiver.received.map((r) => r.event))).toEqual(new Set(uuids));
  });

  it('retries a failing delivery with backoff while the others of its batch are sent and recorded', async () => {
    let slow = '';
    receiver = await startReceiver((event) => (event === slow ? { status: 500, delayMs: 700 } : { status: 200 }));
    const { triggerId, uuids } = await pendingDeliveries(receiver.url, 12);
    slow = uuids[0]!;
    const w = worker(collector.services.store.triggers, { concurrency: 4 });

    expect(await w.runOnce()).toBe(12);
    const failedAt = receiver.received.find((r) => r.event === slow)!.at;
    // The other eleven did not wait for the slow, failing one: they were all received before it answered.
    const rest = receiver.received.filter((r) => r.event !== slow);
    expect(rest).toHaveLength(11);
    for (const r of rest) expect(r.at).toBeLessThan(failedAt + 700);

    const items = await deliveriesOf(triggerId);
    expect(items.filter((d) => d.status === 'delivered')).toHaveLength(11);
    const failing = items.find((d) => d.eventUuid === slow)!;
    expect(failing).toMatchObject({ status: 'pending', attempts: 1 });
    const attempted = failing.attemptLog[0]!;
    expect(attempted.status).toBe(500);
    // Backoff: the next attempt waits between half and all of the base delay after this one ended.
    const ended = attempted.at + 700;
    expect(failing.nextAttemptAt!).toBeGreaterThanOrEqual(ended + policy.baseMs / 2 - 50);
    expect(failing.nextAttemptAt!).toBeLessThanOrEqual(Date.now() + policy.baseMs);

    // Not due yet: a look at once sends nothing.
    expect(await w.runOnce()).toBe(0);
    slow = '';
    await new Promise((r) => setTimeout(r, failing.nextAttemptAt! - Date.now() + 20));
    expect(await w.runOnce()).toBe(1);
    const again = receiver.received.filter((r) => r.event === uuids[0]);
    expect(again.map((r) => r.attempt)).toEqual(['1', '2']);
    expect(new Set(again.map((r) => r.delivery)).size).toBe(1);
    expect((await deliveriesOf(triggerId)).find((d) => d.eventUuid === uuids[0])).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('sends again, with the same delivery id, what was sent but not recorded when the process stopped', async () => {
    receiver = await startReceiver();
    const { triggerId } = await pendingDeliveries(receiver.url, 5);
    const store = collector.services.store.triggers;
    // The process dies after the requests went out and before their outcome was written.
    const dying = worker({
      ...store,
      recordAttempts: async () => {
        throw new Error('killed');
      },
    });
    const t0 = Date.now();
    await expect(dying.runOnce(t0)).rejects.toThrow('killed');
    expect(receiver.received).toHaveLength(5);
    const first = receiver.received.map((r) => r.delivery).sort();
    expect((await deliveriesOf(triggerId)).map((d) => d.status)).toEqual(Array(5).fill('pending'));

    // Another worker (after a restart) takes nothing while the lease holds, then sends each again.
    const restarted = worker(store);
    expect(await restarted.runOnce(t0 + 1_000)).toBe(0);
    expect(await restarted.runOnce(t0 + 3_600_000)).toBe(5);
    const resent = receiver.received.slice(5);
    expect(resent.map((r) => r.delivery).sort()).toEqual(first);
    // Nothing was recorded of the first sending, so the receiver sees attempt 1 twice: the id is what it dedupes on.
    expect(resent.map((r) => r.attempt)).toEqual(Array(5).fill('1'));
    expect((await deliveriesOf(triggerId)).map((d) => d.status)).toEqual(Array(5).fill('delivered'));
  });
});
