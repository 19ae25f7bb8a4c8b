import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../support/collector-process';

/**
 * 300 MB chunked bodies, made as they are sent (never held by the test), to one route of each body
 * family. Before the app-wide limit the console login parsed all of it (the collector grew ~900 MB
 * before its 403), and the WeChat callback and the JSON routes read it whole before checking it.
 */
const bodyBytes = 300 * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 'a');

let collector: RunningCollector;
let wechatAccount: string;
beforeAll(async () => {
  collector = await startCollector();
  const res = await fetch(`${collector.url}/v1/wechat/accounts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${collector.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'big bodies', appId: 'wxbodylimit0000001', token: 'bodylimittoken' }),
  });
  expect(res.status).toBe(201);
  wechatAccount = ((await res.json()) as { id: string }).id;
}, 60_000);
afterAll(() => collector?.stop());

/** The collector's resident memory, in bytes. */
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

/** Streams up to 300 MB chunked to `path` until the collector answers; resolves with its answer. */
function sendHuge(path: string, headers: Record<string, string>): Promise<{ status: number; body: string; sentBytes: number }> {
  const { port } = new URL(collector.url);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
    const write = () => {
      while (!answered && sent < bodyBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', write);
      }
      if (!answered) req.end();
    };
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, body, sentBytes: sent });
      });
    });
    // The collector may close the socket once it has answered and stopped reading.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    write();
  });
}

it('answers 413 payload_too_large to 300 MB chunked bodies on every body family, and does not grow by them', async () => {
  const json = { 'content-type': 'application/json' };
  const targets: [string, Record<string, string>][] = [
    ['/console/login', { 'content-type': 'application/x-www-form-urlencoded' }],
    [`/v1/wechat/${wechatAccount}/callback?signature=x&timestamp=1&nonce=1`, { 'content-type': 'text/xml' }],
    ['/v1/keys', { ...json, authorization: `Bearer ${collector.adminKey}` }],
    ['/v1/definitions/import', { 'content-type': 'text/csv', authorization: `Bearer ${collector.adminKey}` }],
    ['/v1/events', { ...json, authorization: `Bearer ${collector.writeKey}` }],
  ];
  // Settle first: start-up allocations are not what is measured.
  await fetch(`${collector.url}/healthz`);
  const before = rssOf(collector.pid);
  for (const [path, headers] of targets) {
    const answer = await sendHuge(path, headers);
    expect(answer.status, path).toBe(413);
    expect(JSON.parse(answer.body), path).toMatchObject({ error: { code: 'payload_too_large' } });
    // Answered early: long before the 300 MB were sent.
    expect(answer.sentBytes, path).toBeLessThan(bodyBytes);
  }
  expect(rssOf(collector.pid) - before).toBeLessThan(50 * 1024 * 1024);
  expect((await fetch(`${collector.url}/healthz`)).status).toBe(200);
}, 120_000);
