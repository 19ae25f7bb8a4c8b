import { describe, expect, it } from 'vitest';
import { pageAtCursor } from './page-at-cursor';

/** A list of ten read three at a time, whose cursors are the offsets it hands out. */
const read = async (at: { cursor?: string }) => {
  const from = at.cursor === undefined ? 0 : Number.parseInt(at.cursor, 10);
  if (Number.isNaN(from)) throw new Error(`not a cursor: ${at.cursor}`);
  return { items: [from, from + 1, from + 2].filter((n) => n < 10), nextCursor: from + 3 < 10 ? String(from + 3) : null };
};

describe('pageAtCursor', () => {
  it('reads the first page without a cursor, and the page a cursor names', async () => {
    expect(await pageAtCursor(undefined, read)).toEqual({ items: [0, 1, 2], nextCursor: '3' });
    expect(await pageAtCursor('', read)).toEqual({ items: [0, 1, 2], nextCursor: '3' });
    expect(await pageAtCursor('9', read)).toEqual({ items: [9], nextCursor: null });
  });

  it('answers the first page for a cursor edited by hand', async () => {
    expect(await pageAtCursor('oops', read)).toEqual({ items: [0, 1, 2], nextCursor: '3' });
  });

  it('reads a failing first page once and passes its error on', async () => {
    let reads = 0;
    const failing = async () => {
      reads++;
      throw new Error('query_timeout');
    };
    await expect(pageAtCursor(undefined, failing)).rejects.toThrow('query_timeout');
    expect(reads).toBe(1);
  });
});
