import { describe, expect, it } from 'vitest';
import { createMutex } from './create-mutex';

describe('createMutex', () => {
  it('runs holders of one name one at a time, in the order they asked', async () => {
    const lock = createMutex();
    const log: string[] = [];
    const hold = (id: string, ms: number) =>
      lock('q', async () => {
        log.push(`start ${id}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${id}`);
      });
    await Promise.all([hold('a', 20), hold('b', 1), hold('c', 5)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets different names run side by side, and a failing holder does not block the next', async () => {
    const lock = createMutex();
    const log: string[] = [];
    const failing = lock('q', async () => {
      await new Promise((r) => setTimeout(r, 10));
      throw new Error('boom');
    });
    const other = lock('other', async () => log.push('other'));
    const after = lock('q', async () => log.push('after'));
    await expect(failing).rejects.toThrow('boom');
    await Promise.all([other, after]);
    expect(log).toEqual(['other', 'after']);
  });
});
