import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors/http-error';
import { bodyLimit } from './body-limit';

/** An app whose one route reads the body the way a handler may: catching the failed read as its own 400. */
function appWith(maxBytes: number | undefined) {
  const app = new Hono();
  app.use('*', bodyLimit(() => maxBytes));
  app.post('/echo', async (c) => {
    try {
      return c.text(await c.req.text());
    } catch {
      throw new HttpError(400, 'invalid_json', 'the body could not be read');
    }
  });
  app.onError((error, c) => (error instanceof HttpError ? c.json(error.toBody(), error.status) : c.text('unexpected', 500)));
  return app;
}

/** A chunked body (no Content-Length) of `chunks` pieces of 1 KiB, counting how many were pulled. */
function chunked(chunks: number) {
  const pulled = { count: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count === chunks) return controller.close();
      pulled.count++;
      controller.enqueue(new Uint8Array(1024).fill(97));
    },
  });
  return { stream, pulled };
}

const post = (app: Hono, body: BodyInit, headers: Record<string, string> = {}) =>
  app.request('/echo', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('bodyLimit', () => {
  it('refuses a declared Content-Length over the limit without reading the body', async () => {
    const { stream, pulled } = chunked(100);
    const res = await post(appWith(10 * 1024), stream, { 'content-length': String(100 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: 'the body is over 10240 bytes' } });
    expect(pulled.count).toBeLessThanOrEqual(1);
  });

  it('cuts a chunked body off at the limit, and answers 413 though the route made it a 400', async () => {
    const { stream, pulled } = chunked(10_000);
    const res = await post(appWith(10 * 1024), stream);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    // Read up to the limit and not much past it: 10 MB were on offer.
    expect(pulled.count).toBeLessThan(15);
  });

  it('passes a body within the limit through unchanged', async () => {
    const { stream } = chunked(10);
    const res = await post(appWith(10 * 1024), stream);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('a'.repeat(10 * 1024));
  });

  it('leaves a route without a limit alone', async () => {
    const { stream } = chunked(100);
    const res = await post(appWith(undefined), stream);
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBe(100 * 1024);
  });
});
