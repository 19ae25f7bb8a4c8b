import { describe, expect, it } from 'vitest';
import { eventBatchSchema, wireEventSchema, type EventBatch } from './index';

const event = {
  uuid: '01936b4e-7c4a-7cc2-9d4e-2b1c3f5a6d7e',
  event: 'cl_add_to_cart',
  time: '2026-11-27T10:00:00.000Z',
  anonymousId: 'a1',
  identities: { mobile: '13800000000' },
  properties: { cl_product: 'Shoes', cl_count: 2, channel: 'web' },
  tags: ['summer-sale'],
  context: { library: { name: '@eventline/web', version: '0.1.0' } },
};

describe('protocol v1 event envelope', () => {
  it('round-trips a full event through JSON unchanged', () => {
    const batch: EventBatch = { sentAt: '2026-11-27T10:00:01.000Z', events: [event] };
    const parsed = eventBatchSchema.parse(JSON.parse(JSON.stringify(batch)));
    expect(wireEventSchema.parse(parsed.events[0])).toEqual(event);
  });

  it('accepts epoch milliseconds as a time', () => {
    expect(wireEventSchema.parse({ ...event, time: 1_795_000_000_000 }).time).toBe(1_795_000_000_000);
  });

  it('names the field that is wrong', () => {
    const result = wireEventSchema.safeParse({ ...event, uuid: 'nope', tags: 'x' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['tags', 'uuid']);
  });

  it('rejects a batch whose events is not a list', () => {
    expect(eventBatchSchema.safeParse({ events: {} }).success).toBe(false);
    expect(eventBatchSchema.safeParse({ events: [], dropped: -1 }).success).toBe(false);
  });
});
