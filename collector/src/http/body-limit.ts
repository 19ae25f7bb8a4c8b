import type { Context, MiddlewareHandler } from 'hono';
import { HttpError } from '../errors/http-error';

export const payloadTooLarge = (maxBytes: number) => new HttpError(413, 'payload_too_large', `the body is over ${maxBytes} bytes`);

/**
 * Refuses a body over the limit `maxBytesOf` gives for the request (undefined: the route limits its
 * own body). A declared Content-Length over it is refused before anything reads the body; any other
 * body (chunked) is counted as the route reads it and cut off at the limit, so nothing buffers more
 * than the limit, unlike hono/body-limit, which buffers a chunked body to check it.
 *
 * The route sees the overflow as a failed read, which a body parser may turn into its own 400: the
 * answer is still 413, set here once the route is done.
 */
export function bodyLimit(maxBytesOf: (c: Context) => number | undefined): MiddlewareHandler {
  return async (c, next) => {
    const maxBytes = maxBytesOf(c);
    const body = c.req.raw.body;
    if (maxBytes === undefined || body === null) return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > maxBytes) throw payloadTooLarge(maxBytes);

    let size = 0;
    let overflowed = false;
    const source = body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await source.read();
        if (done) return controller.close();
        size += value.byteLength;
        if (size > maxBytes) {
          overflowed = true;
          // The rest is left unread: the server drains or closes the socket after the answer.
          controller.error(payloadTooLarge(maxBytes));
          return;
        }
        controller.enqueue(value);
      },
      cancel: (reason) => source.cancel(reason),
    });
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    if (overflowed) throw payloadTooLarge(maxBytes);
  };
}
