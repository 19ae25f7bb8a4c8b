import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { collectorPerTest } from '../testing/collector-per-test';
import { makeEvent } from '../testing/test-collector';
import { displacedUuid } from './displaced-uuid';

describe('displacedUuid', () => {
  it('derives the same new uuid from a uuid every time, and another from that', () => {
    const uuid = uuidv7();
    expect(displacedUuid(uuid)).toBe(displacedUuid(uuid));
    expect(displacedUuid(uuid)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(displacedUuid(displacedUuid(uuid))).not.toBe(displacedUuid(uuid));
  });
});

describe('a server event whose uuid an ingest key sent first, through the API', () => {
  const collector = collectorPerTest();

  const send = async (key: string, event: Record<string, unknown>) => {
    const res = await collector.request('POST', '/v1/events', { key, body: { events: [event] } });
    return (await res.json()) as { accepted: number; duplicates: number };
  };
  const timelineOf = async (identity: string) => {
    const found = await collector.request('GET', `/v1/customers?identity=${encodeURIComponent(identity)}`, { key: collector.adminKey });
    const id = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
    const res = await collector.request('GET', `/v1/customers/${id}/events`, { key: collector.adminKey });
    return ((await res.json()) as { items: { uuid: string; source: string; properties: Record<string, unknown> }[] }).items;
  };

  it('is stored under that uuid with its own content, the browser’s event moves aside, and retries of each are duplicates', async () => {
    const created = await collector.request('POST', '/v1/keys', { key: collector.adminKey, body: { name: 'flows', scope: 'server' } });
    const serverKey = ((await created.json()) as { key: string }).key;
    const uuid = uuidv7();
    const browser = makeEvent({ uuid, anonymousId: 'browser', properties: { title: 'sent first from a page' } });
    const server = makeEvent({ uuid, anonymousId: 'flow-customer', properties: { title: 'the real one' } });

    expect(await send(collector.writeKey, browser)).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await send(serverKey, server)).toMatchObject({ accepted: 1, duplicates: 0 });

    expect(await timelineOf('anonymous:flow-customer')).toMatchObject([{ uuid, source: 'api', properties: { title: 'the real one' } }]);
    expect(await timelineOf('anonymous:browser')).toMatchObject([{ uuid: displacedUuid(uuid), source: 'sdk', properties: { title: 'sent first from a page' } }]);

    expect(await send(collector.writeKey, browser)).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await send(serverKey, server)).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await timelineOf('anonymous:browser')).toHaveLength(1);
  });
});
