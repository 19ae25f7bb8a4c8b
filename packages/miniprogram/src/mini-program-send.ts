import type { SendRequest, SendResult } from '@eventline/core';
import { hostFailure } from './host-failure';
import type { MiniProgramHost } from './mini-program-api';

/** Header names arrive in whatever case the host gives them (Android lower-cases, iOS keeps the server's). */
const retryAfter = (headers: Record<string, unknown> | undefined) => {
  for (const name in headers) if (name.toLowerCase() === 'retry-after') return headers[name] as string | number;
  return undefined;
};

/**
 * Sends a batch with the host's `request`: JSON with the key as a Bearer token (a mini-program sends
 * no Origin and has no beacon, so neither the web's `text/plain` nor `?key=` is needed). The answer is
 * asked for as text, unparsed: core parses it, and a non-JSON error page must not fail the call.
 * `urgent` changes nothing: after onAppHide the host keeps the app running for a few seconds, long
 * enough for a request already started.
 */
export function createMiniProgramSend(host: MiniProgramHost): (request: SendRequest) => Promise<SendResult> {
  return ({ url, writeKey, body }) =>
    new Promise((resolve, reject) => {
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${writeKey}` };
      if (host.name === 'my') {
        host.api.request({
          url,
          method: 'POST',
          data: body,
          headers,
          dataType: 'text',
          success: (r) => resolve({ status: r.status, body: r.data, retryAfter: retryAfter(r.headers) }),
          // Alipay fails any non-2xx answer (error 19); newer base libraries still hand over the answer.
          fail: (r) => (typeof r.status === 'number' ? resolve({ status: r.status, body: r.data, retryAfter: retryAfter(r.headers) }) : reject(hostFailure(r))),
        });
      } else {
        host.api.request({
          url,
          method: 'POST',
          data: body,
          header: headers,
          dataType: 'text',
          responseType: 'text',
          success: (r) => resolve({ status: r.statusCode, body: r.data, retryAfter: retryAfter(r.header) }),
          fail: (r) => reject(hostFailure(r)),
        });
      }
    });
}
