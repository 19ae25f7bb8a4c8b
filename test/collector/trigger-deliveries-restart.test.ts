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

async function until(check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  return check();
}

it('a delivery pending when the collector is killed arrives after the restart', { timeout: 60_000 }, async () => {
  // A real receiver on loopback: down (503) until the collector has been killed.
  let up = false;
  const answered: { event: string; status: number }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const status = up ? 200 : 503;
      answered.push({ event: (JSON.parse(body) as { event: { uuid: string } }).event.uuid, status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closeReceiver = () => server.close();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  collector = await startCollector({ env: { EVENTLINE_DELIVERY_INTERVAL_MS: '20', EVENTLINE_DELIVERY_RETRY_MS: '50', EVENTLINE_DELIVERY_TIMEOUT_MS: '1000' } });
  const c = collector;
  const call = (path: string, key: string, body: unknown) =>
    fetch(`${c.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await call('/v1/triggers', c.adminKey, { event: 'page_view', url, secret: 'restart-test-secret-0123456789' })).status).toBe(201);
  const uuids = Array.from({ length: 5 }, () => uuidv7());
  const sent = await call('/v1/events', c.writeKey, { events: uuids.map((uuid) => ({ uuid, event: 'page_view', time: Date.now(), anonymousId: 'r1' })) });
  expect(await sent.json()).toMatchObject({ accepted: 5 });

  // Every delivery has failed at least once: they are pending in the outbox when the process dies.
  expect(await until(() => uuids.every((u) => answered.some((a) => a.event === u)))).toBe(true);
  await c.kill();
  up = true;
  await c.restart();
  // A delivery claimed when the process died is due again once its lease (see docs/triggers.md) runs out.

  expect(await until(() => uuids.every((u) => answered.some((a) => a.event === u && a.status === 200)))).toBe(true);
  expect(answered.filter((a) => a.status === 503).length).toBeGreaterThanOrEqual(5);
});
