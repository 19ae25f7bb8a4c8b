/** One page of what a paged NDJSON stream sends, and where the next page starts (null: this was the last). */
export interface StreamPage<T, P> {
  items: readonly T[];
  next: P | null;
}

/**
 * An NDJSON body (one JSON value per line) read a page at a time, and only as fast as the client takes
 * it, so memory holds about one page however many items there are. `pageAfter` answers the page
 * after a position: `from` first, then the `next` of each page. `onFailure` is told when a page
 * cannot be read: by then the 200 is sent, so the stream is cut instead.
 */
export function pagedNdjsonStream<T, P>(from: P | undefined, pageAfter: (after: P | undefined) => Promise<StreamPage<T, P>>, onFailure: (error: unknown) => void) {
  const encoder = new TextEncoder();
  let after = from;
  return new ReadableStream<Uint8Array>(
    {
      // Called only when the client has taken what was queued: a slow reader slows the queries.
      async pull(controller) {
        try {
          const page = await pageAfter(after);
          if (page.items.length > 0) controller.enqueue(encoder.encode(page.items.map((item) => `${JSON.stringify(item)}\n`).join('')));
          if (page.next !== null) after = page.next;
          else controller.close();
        } catch (error) {
          // The 200 is already sent: cutting the stream is how the client learns it is incomplete.
          onFailure(error);
          controller.error(error);
        }
      },
    },
    { highWaterMark: 1 },
  );
}
