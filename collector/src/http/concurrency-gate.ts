import type { MiddlewareHandler } from 'hono';
import type { KeyEnv } from '../auth/require-key';
import { HttpError } from '../errors/http-error';

export interface ConcurrencyLimits {
  /** Requests of one key in progress at once. */
  perKey: number;
  /** Requests of all keys in progress at once, in this process. */
  total: number;
}

/** Answers whose work goes on while they are sent: the store is read as the client takes them, or they stay open. */
const streamedTypes = new Set(['application/x-ndjson', 'text/event-stream']);

/**
 * Lets at most `limits` requests through at once, per key and in all; the next is 429
 * too_many_requests with Retry-After. A request holds its place while its handler runs, and a
 * streamed answer (an NDJSON export, the live debugger) until the stream ends or the client leaves.
 * Mount it after requireKey. The counts are per process: behind a load balancer each collector has its own.
 */
export function concurrencyGate(what: string, limits: ConcurrencyLimits, retryAfterSeconds = 1): MiddlewareHandler<KeyEnv> {
  const byKey = new Map<string, number>();
  let total = 0;
  const refuse = (message: string) => new HttpError(429, 'too_many_requests', message, {}, { 'Retry-After': String(retryAfterSeconds) });

  return async (c, next) => {
    const keyId = c.var.key.id;
    const mine = byKey.get(keyId) ?? 0;
    if (mine >= limits.perKey) throw refuse(`this key already has ${mine} ${what} in progress, the most one key may; retry once one has finished`);
    if (total >= limits.total) throw refuse(`the collector already has ${total} ${what} in progress, the most it takes at once; retry shortly`);
    byKey.set(keyId, mine + 1);
    total++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      total--;
      const left = (byKey.get(keyId) ?? 1) - 1;
      if (left === 0) byKey.delete(keyId);
      else byKey.set(keyId, left);
    };

    try {
      await next();
    } catch (error) {
      release();
      throw error;
    }
    const body = c.res.body;
    const type = (c.res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (body === null || !streamedTypes.has(type)) return release();
    const reader = body.getReader();
    const sent = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            release();
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          release();
          controller.error(error);
        }
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    });
    c.res = new Response(sent, c.res);
  };
}
