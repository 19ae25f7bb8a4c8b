import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../support/collector-process';

/**
 * A slow-loris client: it opens a request and sends its body (or its headers) a byte per second. Left
 * alone it would hold a socket and a request for as long as it likes; the collector ends it once
 * EVENTLINE_REQUEST_TIMEOUT_MS has passed (2 s here, 30 s by default).
 */
let collector: RunningCollector;
beforeAll(async () => {
  collector = await startCollector({ env: { EVENTLINE_REQUEST_TIMEOUT_MS: '2000' } });
});
afterAll(() => collector?.stop());

/** Writes `head`, then one byte of `drip` a second; resolves with what the server sent and when it closed. */
function slowRequest(head: string, drip: string): Promise<{ answer: string; closedAfterMs: number }> {
  const { port } = new URL(collector.url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let i = 0;
    const timer = setInterval(() => {
      if (i < drip.length && socket.writable) socket.write(drip[i++]!);
    }, 1000);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined); // a reset is one way of being cut off
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`still open after 20 s; got: ${answer}`));
    }, 20_000);
  });
}

it.concurrent('cuts off a body sent a byte per second', async () => {
  const body = JSON.stringify({ events: [{ event: 'page_view', anonymousId: 'slow' }] });
  const head = `POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${collector.writeKey}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  const { answer, closedAfterMs } = await slowRequest(head, body);
  expect(closedAfterMs).toBeLessThan(10_000);
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
}, 30_000);

it.concurrent('cuts off headers sent a byte per second', async () => {
  const { answer, closedAfterMs } = await slowRequest('POST /v1/events HTTP/1.1\r\n', `Host: x\r\nX-Slow: ${'a'.repeat(100)}`);
  expect(closedAfterMs).toBeLessThan(10_000);
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
}, 30_000);

it.concurrent('still answers everyone else meanwhile, and afterwards', async () => {
  const slow = slowRequest(`POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${collector.writeKey}\r\nContent-Length: 100\r\n\r\n`, '{"events":');
  const res = await fetch(`${collector.url}/healthz`);
  expect(res.status).toBe(200);
  await slow;
  expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
}, 30_000);
