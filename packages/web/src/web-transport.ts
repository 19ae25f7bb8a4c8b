import type { SendRequest, SendResult } from '@eventline/core';

/**
 * Sends a batch as a string body (text/plain) with the key in the query string: a "simple" CORS
 * request, so there is no preflight, and the same URL works for sendBeacon, which cannot set headers.
 * Urgent sends (page hidden or closing) use fetch `keepalive`, which outlives the page and still lets a
 * living page read the answer; sendBeacon is the fallback where keepalive fetch refuses (over its
 * 64 KB budget) or fetch is missing. A beacon's answer is never seen: status 0, the events stay queued
 * and the collector's uuid dedupe absorbs the resend.
 */
export function sendWithFetch({ url, writeKey, body, urgent }: SendRequest): Promise<SendResult> {
  const target = `${url}?key=${encodeURIComponent(writeKey)}`;
  try {
    return fetch(target, { method: 'POST', body, keepalive: urgent }).then(async (response) => ({
      status: response.status,
      body: await response.text(),
      retryAfter: response.headers.get('Retry-After'),
    }));
  } catch (error) {
    // keepalive fetch throws at once over its budget: that is what sendBeacon is for.
    return urgent && navigator.sendBeacon?.(target, body) ? Promise.resolve({ status: 0 }) : Promise.reject(error);
  }
}
