import type { IngestResponse } from '@eventline/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';

const y2000 = Date.UTC(2000, 0, 1);
const hour = 60 * 60 * 1000;

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(async () => {
  await collector.close();
});

const send = async (body: unknown) => {
  const res = await collector.request('POST', '/v1/events', { body });
  expect(res.status).toBe(200);
  return (await res.json()) as IngestResponse;
};

describe('clock correction is bounded, on every store', () => {
  it('ignores a sentAt no clock shows: the event is stored with its own time, not 285,000 years BC', async () => {
    const e = makeEvent({ time: y2000 });
    expect(await send({ sentAt: 9e15, events: [e, makeEvent()] })).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    const stored = await collector.services.store.events.get(e.uuid as string);
    expect(stored).toMatchObject({ time: y2000, clientTime: y2000 });
    // What the wild time broke: the customer's page and the export.
    const customer = await collector.request('GET', `/v1/customers/${stored!.customerId}`, { key: collector.adminKey });
    expect(customer.status).toBe(200);
    // The export's cursor after the event is one it takes back.
    const first = (await (await collector.request('GET', '/v1/events?limit=1', { key: collector.adminKey })).json()) as { nextCursor: string | null };
    expect(first.nextCursor).not.toBeNull();
    const next = await collector.request('GET', `/v1/events?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`, { key: collector.adminKey });
    expect(next.status).toBe(200);
  });

  it('rejects a time out of bounds with a sentAt that was ignored, and says the sentAt was ignored', async () => {
    const wild = makeEvent({ time: 9e15 });
    const body = await send({ sentAt: 9e15, events: [wild, makeEvent()] });
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 0, uuid: wild.uuid, code: 'invalid_time', path: 'time', message: expect.stringMatching(/^time: .*more than 24 hours in the future.*sentAt .* was ignored/) }]);
  });

  it('rejects a time that correction would move before 2000, keeping the rest of the batch', async () => {
    const now = Date.now();
    // A plausible sentAt 23 h ahead and a time just after 2000: corrected, it would be before 2000.
    const e = makeEvent({ time: y2000 + hour });
    const body = await send({ sentAt: now + 23 * hour, events: [e, makeEvent({ time: now })] });
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 0, uuid: e.uuid, code: 'invalid_time', path: 'time', message: expect.stringMatching(/^time: corrected by the batch's sentAt .* — send the time and sentAt from the same clock/) }]);
    const q = (await (await collector.request('GET', '/v1/quarantine', { key: collector.adminKey })).json()) as { items: { code: string }[] };
    expect(q.items).toEqual([expect.objectContaining({ code: 'invalid_time' })]);
  });

  const outOfBounds: [string, number][] = [
    ['9e15 (year 287,000)', 9e15],
    ['-8.99e15', -8.99e15],
    ['25 hours ahead', Date.now() + 25 * hour],
    ['epoch seconds', 1_700_000_000],
  ];
  it.each(outOfBounds)('rejects a raw time of %s as invalid_time without a sentAt', async (_name, time) => {
    const e = makeEvent({ time });
    const body = await send({ events: [e, makeEvent()] });
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 0, uuid: e.uuid, code: 'invalid_time', path: 'time', message: expect.stringMatching(/^time: .* — send/) }]);
  });

  it('a Segment batch with a wild sentAt: its messages without timestamp are recorded at the time received', async () => {
    const before = Date.now();
    const res = await collector.request('POST', '/v1/batch', { body: { sentAt: 9e15, batch: [{ type: 'identify', userId: 'u-1', messageId: 'm-1' }] } });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const page = (await (await collector.request('GET', '/v1/events', { key: collector.adminKey })).json()) as { items: { time: number }[] };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.time).toBeGreaterThanOrEqual(before);
    expect(page.items[0]!.time).toBeLessThanOrEqual(Date.now());
  });
});
