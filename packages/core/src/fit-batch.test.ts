import type { WireEvent } from '@eventline/protocol';
import { describe, expect, it } from 'vitest';
import { fitBatch } from './fit-batch';

const ev = (n: number, text = ''): WireEvent => ({ uuid: `u${n}`, event: 'cl_x', time: n, properties: { cl_text: text } });

describe('fitBatch', () => {
  it('takes at most maxEvents', () => {
    expect(fitBatch([ev(1), ev(2), ev(3)], 2, 1e6).map((e) => e.uuid)).toEqual(['u1', 'u2']);
  });
  it('keeps the request body within maxBytes, counted in UTF-8', () => {
    const events = Array.from({ length: 10 }, (_, i) => ev(i, '中'.repeat(300)));
    const batch = fitBatch(events, 100, 4000);
    expect(batch.length).toBe(4);
    expect(Buffer.byteLength(JSON.stringify({ sentAt: Date.now(), dropped: 1000, events: batch }))).toBeLessThanOrEqual(4000);
  });
  it('always takes one event, however large', () => {
    expect(fitBatch([ev(1, 'x'.repeat(5000))], 100, 100)).toHaveLength(1);
    expect(fitBatch([], 100, 100)).toEqual([]);
  });
});
