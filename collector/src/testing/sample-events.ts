import { v7 as uuidv7 } from 'uuid';
import { prng } from './prng';
import type { TestCollector } from './test-collector';

/** An event as the tests' in-memory references see it, with the customer ingest gave it. */
export interface SampleEvent {
  uuid: string;
  event: string;
  customerId: string;
  time: number;
  properties: Record<string, unknown>;
  tags: string[];
}

/** The custom events the samples use: scores and stages feed activeness and stage. */
export const sampleDefinitions = [
  { id: 'cl_view', name: 'View', type: 'inbound', score: 1, stage: 'aware', properties: [{ id: 'cl_page', name: 'Page', type: 'text' }] },
  { id: 'cl_cart', name: 'Add to cart', type: 'inbound', score: 3, stage: 'interested', properties: [{ id: 'cl_vip', name: 'VIP', type: 'boolean' }] },
  { id: 'cl_buy', name: 'Buy', type: 'inbound', score: 10, stage: 'converted', properties: [{ id: 'cl_amount', name: 'Amount', type: 'number' }] },
] as const;

/**
 * Defines the sample events and sends `count` random ones from `customers` anonymous visitors over the
 * last `days` days through POST /v1/events; answers them with the customer each was recorded for.
 */
export async function ingestSampleEvents(collector: TestCollector, options: { count: number; customers: number; days: number; seed: number; now?: number }): Promise<SampleEvent[]> {
  for (const definition of sampleDefinitions) {
    const res = await collector.request('POST', '/v1/definitions', { key: collector.adminKey, body: definition });
    if (res.status !== 201) throw new Error(`defining ${definition.id}: ${res.status} ${await res.text()}`);
  }
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = options.now ?? Date.now();
  const wire = Array.from({ length: options.count }, () => {
    const event = pick(['cl_view', 'cl_view', 'cl_cart', 'cl_buy']);
    const properties: Record<string, unknown> = {};
    const channel = pick(['wechat', 'web', 'app', null]);
    if (channel) properties.channel = channel;
    if (event === 'cl_view') properties.cl_page = pick(['WeChat article', 'home', 'wechat menu', 'Product 7']);
    if (event === 'cl_cart' && random() < 0.8) properties.cl_vip = random() < 0.5;
    if (event === 'cl_buy') properties.cl_amount = Math.floor(random() * 100);
    const tags = random() < 0.3 ? [pick(['sale', 'shoes', 'winter'])] : [];
    return {
      uuid: uuidv7(),
      event,
      time: Math.floor(now - random() * options.days * 86_400_000),
      anonymousId: `visitor-${Math.floor(random() * options.customers)}`,
      properties,
      tags,
    };
  });
  for (let i = 0; i < wire.length; i += 200) {
    const res = await collector.request('POST', '/v1/events', { body: { events: wire.slice(i, i + 200) } });
    const body = (await res.json()) as { accepted: number };
    if (body.accepted !== wire.slice(i, i + 200).length) throw new Error(`ingest: ${JSON.stringify(body)}`);
  }
  return Promise.all(
    wire.map(async (e) => {
      const stored = await collector.services.store.events.get(e.uuid);
      return { uuid: e.uuid, event: e.event, customerId: stored!.customerId, time: e.time, properties: e.properties, tags: e.tags };
    }),
  );
}
