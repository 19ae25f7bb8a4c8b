import { describe, expect, it } from 'vitest';
import { pagedNdjsonStream } from './paged-ndjson-stream';

/** Pages of two numbers from `from` up to 5; each position asked for is noted in `asked`. */
function numbers(asked: (number | undefined)[]) {
  return async (after: number | undefined) => {
    asked.push(after);
    const start = (after ?? 0) + 1;
    const items = [start, start + 1].filter((n) => n <= 5);
    return { items, next: items.at(-1)! < 5 ? items.at(-1)! : null };
  };
}

describe('pagedNdjsonStream', () => {
  it('sends every item as one JSON line, starting after `from`, and ends after the last page', async () => {
    const asked: (number | undefined)[] = [];
    const text = await new Response(pagedNdjsonStream(undefined, numbers(asked), () => {})).text();
    expect(text).toBe('1\n2\n3\n4\n5\n');
    expect(asked).toEqual([undefined, 2, 4]);
    expect(await new Response(pagedNdjsonStream(3, numbers([]), () => {})).text()).toBe('4\n5\n');
  });

  it('reads a page only when the client has taken the one before', async () => {
    const asked: (number | undefined)[] = [];
    const reader = pagedNdjsonStream(undefined, numbers(asked), () => {}).getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked.length).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  it('cuts the stream and says why when a page fails after the answer has started', async () => {
    const failures: unknown[] = [];
    const stream = pagedNdjsonStream<number, number>(
      undefined,
      async (after) => {
        if (after !== undefined) throw new Error('store gone');
        return { items: [1], next: 1 };
      },
      (error) => failures.push(error),
    );
    await expect(new Response(stream).text()).rejects.toThrow('store gone');
    expect(failures).toHaveLength(1);
  });
});
