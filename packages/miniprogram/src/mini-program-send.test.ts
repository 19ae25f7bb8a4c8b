import { startCollector, type RunningCollector } from '../../../test/support/collector-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMiniProgramSend } from './mini-program-send';
import { createFakeHost } from './testing/fake-host';

let collector: RunningCollector;

beforeAll(async () => {
  // One event per second per key: the second request in a row is answered 429 with Retry-After.
  collector = await startCollector({ env: { EVENTLINE_RATE_LIMIT: '1' } });
});

afterAll(async () => {
  await collector.stop();
});

const batch = () => JSON.stringify({ sentAt: Date.now(), events: [{ uuid: crypto.randomUUID(), event: 'page_view', time: Date.now(), anonymousId: 'a1', properties: { url: 'pages/index/index' } }] });

describe.each(['wx', 'tt', 'my'] as const)('createMiniProgramSend (%s)', (name) => {
  const send = (writeKey = collector.writeKey) => createMiniProgramSend(createFakeHost(name).host)({ url: `${collector.url}/v1/events`, writeKey, body: batch(), urgent: false });

  it('posts the batch with the key under the option name the host reads, and hands back the answer as text', async () => {
    const result = await send();
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body as string)).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('resolves a refusal with its status and the Retry-After header, whatever its case', async () => {
    await send();
    const result = await send();
    expect(result.status).toBe(429);
    expect(Number(result.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(result.body as string).error.code).toBe('rate_limited');
    await new Promise((resolve) => setTimeout(resolve, Number(result.retryAfter) * 1000));
  });

  it('resolves a bad key as 401, not as a network failure', async () => {
    const result = await send('el_pub_wrong');
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body as string).error.code).toBe('invalid_key');
  });

  it('rejects with the host message when offline', async () => {
    const send = createMiniProgramSend(createFakeHost(name, { online: false }).host);
    await expect(send({ url: `${collector.url}/v1/events`, writeKey: collector.writeKey, body: batch(), urgent: false })).rejects.toThrow(name === 'my' ? '网络出错' : 'request:fail');
  });
});
