import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../support/collector-process';

let collector: RunningCollector | undefined;
let closeReceiver: (() => void) | undefined;
afterAll(async () => {
  await collector?.stop();
  closeReceiver?.();
});

async function until(check: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
}

interface Received {
  at: number;
  delivery: string;
  event: { uuid: string; customerId: string };
  customer: { identities: Record<string, string[]> } | null;
}

it('a follow-up whose window ends while the collector is down (kill -9) fires once after the restart', { timeout: 60_000 }, async () => {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ at: Date.now(), ...(JSON.parse(body) as Omit<Received, 'at'>) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeReceiver = () => server.close();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  collector = await startCollector({ env: { EVENTLINE_DELIVERY_INTERVAL_MS: '50' } });
  const c = collector;
  const call = (path: string, key: string, body: unknown) =>
    fetch(`${c.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const created = await call('/v1/triggers', c.adminKey, { event: 'form_submit', unless: { event: 'page_view', within: '3s' }, url, secret: 'follow-up-test-secret-0123456789' });
  expect(created.status).toBe(201);

  const now = Date.now();
  const lonely = uuidv7();
  const followed = uuidv7();
  const sent = await call('/v1/events', c.writeKey, {
    events: [
      { uuid: lonely, event: 'form_submit', time: now, anonymousId: 'k1', identities: { email: 'k1@example.com' } },
      { uuid: followed, event: 'form_submit', time: now, anonymousId: 'k2' },
      { uuid: uuidv7(), event: 'page_view', time: now + 1_000, anonymousId: 'k2' },
    ],
  });
  expect(await sent.json()).toMatchObject({ accepted: 3 });

  // Killed inside the window: nothing was due yet, so nothing was sent.
  await c.kill();
  expect(received).toEqual([]);
  await new Promise((r) => setTimeout(r, 3_500 - (Date.now() - now)));
  await c.restart();

  expect(await until(() => received.length > 0)).toBe(true);
  // Long enough for a second delivery, a retry or the followed event's, to show up if there were one.
  await new Promise((r) => setTimeout(r, 2_000));
  expect(received.map((r) => r.event.uuid)).toEqual([lonely]);
  expect(received[0]!.at).toBeGreaterThanOrEqual(now + 3_000);
  expect(received[0]!.customer?.identities).toEqual({ anonymous: ['k1'], email: ['k1@example.com'] });
});
