import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { safeLookup } from './safe-lookup';
import { RefusedTargetError, type TriggerTargetPolicy } from './trigger-target-policy';

/** One attempt's outcome: the receiver's status (null when none came) and why it failed (null when it did not). */
export interface PostOutcome {
  status: number | null;
  error: string | null;
  /** The target is an address deliveries may not reach: nothing was sent. */
  refused: boolean;
}

/**
 * What a refused attempt records, whatever the reason: telling timings, statuses or socket errors apart
 * would turn the delivery log into a scanner of the collector's own network.
 */
export const refusedTargetError = 'the target address is not allowed (see EVENTLINE_TRIGGER_ALLOWED_HOSTS)';

/**
 * POSTs a delivery with node:http rather than fetch, because the socket must connect to the address
 * the policy checked (see safe-lookup.ts), and fetch takes no `lookup`. Redirects are not followed.
 */
export function postDelivery(url: string, headers: OutgoingHttpHeaders, body: string, timeoutMs: number, policy: TriggerTargetPolicy): Promise<PostOutcome> {
  const target = new URL(url);
  if (policy.refusalOfHost(target.hostname) !== undefined) return Promise.resolve({ status: null, error: refusedTargetError, refused: true });
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const signal = AbortSignal.timeout(timeoutMs);
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        // A pooled socket would skip the lookup; one connection per attempt is what a webhook costs anyway.
        agent: false,
        signal,
        ...(!policy.allowsName(target.hostname) && { lookup: safeLookup(policy) }),
      },
      (res) => {
        const status = res.statusCode ?? null;
        res.destroy();
        resolve({ status, error: status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}`, refused: false });
      },
    );
    req.on('error', (error: Error & { cause?: Error }) => {
      if (error instanceof RefusedTargetError || error.cause instanceof RefusedTargetError) resolve({ status: null, error: refusedTargetError, refused: true });
      else if (signal.aborted) resolve({ status: null, error: `no answer within ${timeoutMs} ms`, refused: false });
      else resolve({ status: null, error: error.message, refused: false });
    });
    req.end(body);
  });
}
