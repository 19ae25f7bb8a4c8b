import type { Kysely } from 'kysely';
import type { DeliveryAbout } from '../erasure-store';
import type { Database } from '../schema';

/** The deliveries of triggers about a customer's events, by id (events of merged customers were moved to it). */
export async function deliveriesAboutQuery(db: Kysely<Database>, customerId: string, page: { limit: number; afterId?: string }): Promise<DeliveryAbout[]> {
  let q = db
    .selectFrom('deliveries as d')
    .innerJoin('events as e', 'e.uuid', 'd.event_uuid')
    .select(['d.id', 'd.trigger_id', 'd.event_uuid', 'd.status', 'd.attempts', 'd.created_at', 'd.delivered_at', 'd.last_error'])
    .where('e.customer_id', '=', customerId)
    .orderBy('d.id')
    .limit(page.limit);
  if (page.afterId !== undefined) q = q.where('d.id', '>', page.afterId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    triggerId: r.trigger_id,
    eventUuid: r.event_uuid,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    lastError: r.last_error,
  }));
}
