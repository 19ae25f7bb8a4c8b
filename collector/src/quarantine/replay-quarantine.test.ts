import type { IngestResponse } from '@eventline/protocol';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestCollector, makeEvent, type TestCollector } from '../testing/test-collector';
import { replayQuarantine } from './replay-quarantine';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(() => collector.close());

it('replays quarantined events once their definition exists, and keeps the rest with their current reason', async () => {
  const early = makeEvent({ event: 'cl_signup', properties: { cl_plan: 'pro' } });
  const stillBad = makeEvent({ event: 'cl_signup', properties: { cl_plan: 42 } });
  const noUuid = makeEvent({ event: 'cl_signup', uuid: 'x' });
  const res = (await (await collector.request('POST', '/v1/events', { body: { events: [early, stillBad, noUuid] } })).json()) as IngestResponse;
  expect(res.rejected.map((r) => r.code)).toEqual(['unknown_event', 'unknown_event', 'invalid_uuid']);

  // Resending a rejected event does not quarantine it twice.
  await collector.request('POST', '/v1/events', { body: { events: [early] } });
  const pending = (await (await collector.request('GET', '/v1/quarantine', { key: collector.adminKey })).json()) as { items: { uuid: string; attempts: number }[] };
  expect(pending.items).toHaveLength(3);
  expect(pending.items.find((i) => i.uuid === early.uuid)?.attempts).toBe(2);

  const created = await collector.request('POST', '/v1/definitions', {
    key: collector.adminKey,
    body: { id: 'cl_signup', name: 'Sign up', type: 'inbound', score: 10, properties: [{ id: 'cl_plan', name: 'Plan', type: 'text' }] },
  });
  expect(created.status).toBe(201);

  const replay = await collector.request('POST', '/v1/quarantine/replay', { key: collector.adminKey });
  expect(await replay.json()).toEqual({ replayed: 1, duplicates: 0, stillRejected: 2 });
  const stored = await collector.services.store.events.get(early.uuid as string);
  expect(stored).toMatchObject({ event: 'cl_signup', score: 10, source: 'replay', properties: { cl_plan: 'pro' } });

  const left = (await (await collector.request('GET', '/v1/quarantine', { key: collector.adminKey })).json()) as { items: { uuid: string | null; code: string }[] };
  expect(left.items.map((i) => [i.uuid, i.code]).sort()).toEqual([
    [null, 'invalid_uuid'],
    [stillBad.uuid, 'invalid_property'],
  ].sort());

  // Replaying again changes nothing, and the replayed one is a duplicate if the client resends it.
  expect(await (await collector.request('POST', '/v1/quarantine/replay', { key: collector.adminKey })).json()).toEqual({ replayed: 0, duplicates: 0, stillRejected: 2 });
  expect(await (await collector.request('POST', '/v1/events', { body: { events: [early] } })).json()).toMatchObject({ accepted: 0, duplicates: 1 });
});

it('replays only the chosen quarantined events, and leaves the others pending', async () => {
  const events = ['cl_a', 'cl_b', 'cl_c'].map((event) => makeEvent({ event }));
  await collector.request('POST', '/v1/events', { body: { events } });
  for (const id of ['cl_a', 'cl_b', 'cl_c']) {
    await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: { id, name: id, type: 'inbound' } });
  }
  const pending = await collector.services.store.quarantine.pending(10, 0);
  const idOf = (uuid: unknown) => pending.find((q) => q.uuid === uuid)!.id;

  // Page size 1, so the selection is found across pages.
  const result = await replayQuarantine(collector.services.store, collector.services, { ids: [idOf(events[0]!.uuid), idOf(events[2]!.uuid)], pageSize: 1 });
  expect(result).toEqual({ replayed: 2, duplicates: 0, stillRejected: 0 });
  const left = await collector.services.store.quarantine.pending(10, 0);
  expect(left.map((q) => q.uuid)).toEqual([events[1]!.uuid]);
  expect(await collector.services.store.events.get(events[1]!.uuid as string)).toBeUndefined();

  // An empty selection replays nothing; no selection replays the rest.
  expect(await replayQuarantine(collector.services.store, collector.services, { ids: [] })).toEqual({ replayed: 0, duplicates: 0, stillRejected: 0 });
  expect(await replayQuarantine(collector.services.store, collector.services)).toEqual({ replayed: 1, duplicates: 0, stillRejected: 0 });
});
