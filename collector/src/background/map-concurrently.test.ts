import { describe, expect, it } from 'vitest';
import { mapConcurrently } from './map-concurrently';

const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mapConcurrently', () => {
  it('answers in the order of the items, never running more than the limit at once', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapConcurrently([30, 5, 20, 1, 10, 2, 8], 3, async (ms) => {
      most = Math.max(most, ++inFlight);
      await later(ms);
      inFlight--;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20, 4, 16]);
    expect(most).toBe(3);
  });

  it('lets the other items go on past a slow one', async () => {
    const finished: string[] = [];
    await mapConcurrently(['slow', 'a', 'b', 'c', 'd'], 2, async (name) => {
      await later(name === 'slow' ? 200 : 5);
      finished.push(name);
    });
    expect(finished).toEqual(['a', 'b', 'c', 'd', 'slow']);
  });

  it('answers an empty list at once', async () => {
    expect(await mapConcurrently([], 4, async () => 1)).toEqual([]);
  });
});
