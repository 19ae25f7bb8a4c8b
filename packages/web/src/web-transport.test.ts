// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import { sendWithFetch } from './web-transport';

const request = { url: 'https://collect.test/v1/events', writeKey: 'el_pub_a b', body: '{"events":[]}', urgent: false };

afterEach(() => {
  vi.unstubAllGlobals();
});

it('POSTs the body as a simple request with the key in the query, and reads status, body and Retry-After', async () => {
  const fetch = vi.fn(async () => new Response('{"error":{"code":"rate_limited"}}', { status: 429, headers: { 'Retry-After': '7' } }));
  vi.stubGlobal('fetch', fetch);
  const result = await sendWithFetch(request);
  expect(result).toEqual({ status: 429, body: '{"error":{"code":"rate_limited"}}', retryAfter: '7' });
  const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
  expect(url).toBe('https://collect.test/v1/events?key=el_pub_a%20b');
  expect(init).toMatchObject({ method: 'POST', body: request.body, keepalive: false });
  // No custom header: a string body goes as text/plain, which needs no CORS preflight.
  expect(init.headers).toBeUndefined();
});

it('uses keepalive when urgent, and sendBeacon when keepalive fetch refuses', async () => {
  const fetch = vi.fn(() => {
    throw new TypeError('keepalive budget exceeded');
  });
  const sendBeacon = vi.fn(() => true);
  vi.stubGlobal('fetch', fetch);
  vi.stubGlobal('navigator', { sendBeacon });
  const result = await sendWithFetch({ ...request, urgent: true });
  expect(fetch.mock.calls[0]).toMatchObject([expect.any(String), { keepalive: true }]);
  expect(sendBeacon).toHaveBeenCalledWith('https://collect.test/v1/events?key=el_pub_a%20b', request.body);
  // A beacon's answer is never seen: the events stay queued.
  expect(result).toEqual({ status: 0 });
});

it('rejects a network failure so core retries', async () => {
  vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
  await expect(sendWithFetch(request)).rejects.toThrow('Failed to fetch');
});
