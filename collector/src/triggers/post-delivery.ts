import { Agent as HttpAgent, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

/** Keep-alive connections for the deliveries of one worker, per scheme. */
export interface DeliveryAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/**
 * A pooled socket skips the lookup of later requests, and that is still safe: it was opened to an
 * address the policy checked (safeLookup runs when the socket connects), and it stays connected to that
 * address. What it saves is a TCP (and TLS) handshake per delivery when thousands go to one receiver.
 */
export const keepAliveAgents = (): DeliveryAgents => ({ http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) });

/** Most of a receiver's answer body read to keep its connection for the next delivery; a longer one closes it. */
const maxDrainedBytes = 64 * 1024;

/**
 * POSTs a delivery with node:http rather than fetch, because the socket must connect to the address
 * the policy checked (see safe-lookup.ts), and fetch takes no `lookup`. Redirects are not followed.
 */
export function postDelivery(
  url: string,
  headers: OutgoingHttpHeaders,
  body: string,
  timeoutMs: number,
  policy: TriggerTargetPolicy,
  agents?: DeliveryAgents,
): Promise<PostOutcome> {
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
        // Without agents, one connection per attempt.
        agent: agents === undefined ? false : target.protocol === 'https:' ? agents.https : agents.http,
        signal,
        ...(!policy.allowsName(target.hostname) && { lookup: safeLookup(policy) }),
      },
      (res) => {
        const status = res.statusCode ?? null;
        if (agents === undefined) res.destroy();
        else {
          // Read to its end, the answer frees its socket for the next delivery.
          let drained = 0;
          res.on('data', (chunk: Buffer) => {
            drained += chunk.length;
            if (drained > maxDrainedBytes) res.destroy();
          });
          res.on('error', () => {});
        }
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
