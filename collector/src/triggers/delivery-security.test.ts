import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { DeliveryWorker } from './delivery-worker';
import { refusedTargetError } from './post-delivery';
import { verifyDelivery } from './sign-delivery';
import { TriggerTargetPolicy } from './trigger-target-policy';

const secret = 'a-receiver-secret-of-32-characters';
let receiver: { port: number; received: { signature: string; body: string }[]; close(): Promise<void> };
const open: TestCollector[] = [];

beforeEach(async () => {
  const received: { signature: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ signature: String(req.headers['eventline-signature']), body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver = { port: (server.address() as AddressInfo).port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
});
afterEach(async () => {
  await receiver.close();
  for (const c of open.splice(0)) await c.close();
});

/** A collector with EVENTLINE_TRIGGER_ALLOWED_HOSTS as given ('' is the deployed default: none). */
async function collectorAllowing(allowed: string) {
  const collector = await createTestCollector({ EVENTLINE_TRIGGER_ALLOWED_HOSTS: allowed });
  open.push(collector);
  const worker = new DeliveryWorker(
    collector.services.store,
    collector.services.log,
    { intervalMs: 10, timeoutMs: 2_000, batch: 10, policy: { baseMs: 10, maxMs: 20, giveUpAfterMs: 60_000 } },
    { secrets: collector.services.secrets, targets: new TriggerTargetPolicy(collector.services.config.triggerAllowedHosts) },
  );
  return { collector, worker };
}

/** A trigger as the store may already hold it: saved before these checks, or by a name that resolves inside. */
async function storedTrigger(collector: TestCollector, url: string, storedSecret = secret) {
  const id = uuidv7();
  await collector.services.store.triggers.create({ id, event: 'page_view', where: [], url, secret: storedSecret, createdAt: Date.now() });
  await collector.services.triggers.load();
  return id;
}

const attemptsOf = async (collector: TestCollector, id: string) => {
  const res = await collector.request('GET', `/v1/triggers/${id}/deliveries`, { key: collector.adminKey });
  return ((await res.json()) as { items: { attemptLog: { status: number | null; error: string | null; durationMs: number }[] }[] }).items[0]!.attemptLog;
};

describe('trigger targets', () => {
  it.each([
    ['http://127.0.0.1:9/hook', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://localhost/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata'],
    ['http://10.0.0.1/', 'private'],
    ['https://[fd00::1]/', 'unique-local'],
    ['http://100.64.0.1/', 'CGNAT'],
    ['http://0.0.0.0/', 'unspecified'],
  ])('refuses to create a trigger to %s, naming it %s', async (url, reason) => {
    const { collector } = await collectorAllowing('');
    const res = await collector.request('POST', '/v1/triggers', { key: collector.adminKey, body: { event: 'page_view', url, secret } });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain(`a ${reason} address`);
    expect(await collector.services.store.triggers.list()).toEqual([]);
  });

  it('checks the resolved address at each delivery, and logs a refusal with a fixed text and no timing', async () => {
    const { collector, worker } = await collectorAllowing('');
    // localhost passes no literal check at delivery time: only its resolved 127.0.0.1 gives it away.
    const byName = await storedTrigger(collector, `http://localhost:${receiver.port}/hook`);
    const byAddress = await storedTrigger(collector, `http://127.0.0.1:${receiver.port}/hook`);
    const closed = await storedTrigger(collector, 'http://127.0.0.1:9/hook');
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } });
    expect(await worker.runOnce()).toBe(3);
    expect(receiver.received).toEqual([]);
    // A listening port and a closed one look the same in the log.
    for (const id of [byName, byAddress, closed]) expect(await attemptsOf(collector, id)).toEqual([{ attempt: 1, at: expect.any(Number), durationMs: 0, status: null, error: refusedTargetError }]);
  });

  it('delivers inside where EVENTLINE_TRIGGER_ALLOWED_HOSTS allows it, by CIDR or by name', async () => {
    for (const allowed of ['127.0.0.0/8', 'localhost']) {
      const { collector, worker } = await collectorAllowing(allowed);
      const res = await collector.request('POST', '/v1/triggers', { key: collector.adminKey, body: { event: 'page_view', url: `http://localhost:${receiver.port}/hook`, secret } });
      expect(res.status).toBe(201);
      await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } });
      expect(await worker.runOnce()).toBe(1);
    }
    expect(receiver.received).toHaveLength(2);
  });
});

describe('trigger secrets at rest', () => {
  it('stores the signing secret sealed, and still signs with it', async () => {
    const { collector, worker } = await collectorAllowing('127.0.0.1');
    const res = await collector.request('POST', '/v1/triggers', { key: collector.adminKey, body: { event: 'page_view', url: `http://127.0.0.1:${receiver.port}/hook`, secret } });
    const { id } = (await res.json()) as { id: string };
    const stored = (await collector.services.store.triggers.get(id))!.secret;
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^sealed:/);

    await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } });
    await worker.runOnce();
    expect(receiver.received).toHaveLength(1);
    expect(verifyDelivery(secret, receiver.received[0]!.signature, receiver.received[0]!.body)).toBe(true);
  });

  it('keeps delivering a trigger saved before secrets were sealed, signed with its plain secret', async () => {
    const { collector, worker } = await collectorAllowing('127.0.0.1');
    await storedTrigger(collector, `http://127.0.0.1:${receiver.port}/hook`, secret);
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } });
    await worker.runOnce();
    expect(verifyDelivery(secret, receiver.received[0]!.signature, receiver.received[0]!.body)).toBe(true);
  });

  it('gives up, saying why, when EVENTLINE_SECRET changed since the secret was sealed', async () => {
    const { collector } = await collectorAllowing('127.0.0.1');
    await collector.request('POST', '/v1/triggers', { key: collector.adminKey, body: { event: 'page_view', url: `http://127.0.0.1:${receiver.port}/hook`, secret } });
    await collector.restart({ EVENTLINE_SECRET: 'another-collector-secret-of-32-chars!' });
    const worker = new DeliveryWorker(collector.services.store, collector.services.log, { intervalMs: 10, timeoutMs: 2_000, batch: 10, policy: { baseMs: 10, maxMs: 20, giveUpAfterMs: 60_000 } }, {
      secrets: collector.services.secrets,
      targets: new TriggerTargetPolicy(['127.0.0.1']),
    });
    await collector.request('POST', '/v1/events', { body: { events: [makeEvent()] } });
    await worker.runOnce();
    expect(receiver.received).toEqual([]);
    const [trigger] = await collector.services.store.triggers.list();
    const res = await collector.request('GET', `/v1/triggers/${trigger!.id}/deliveries`, { key: collector.adminKey });
    expect(await res.json()).toMatchObject({ items: [{ status: 'failed', lastError: expect.stringContaining('EVENTLINE_SECRET changed') }] });
  });
});
