import type pg from 'pg';
import type { RecordedRow } from './pg-recorded-row';
import { writeOutbox } from './pg-write-outbox';


/** The accepted events, their tags, and the outbox rows of the triggers they match (pg-write-outbox.ts). */
export async function insertEvents(q: pg.PoolClient, rows: RecordedRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: RecordedRow) => T) => rows.map(f);
  await q.query(
    `insert into events (uuid, event, type, customer_id, time, client_time, received_at, score, properties, context, anonymous_id, source, key_id)
     select u, ev, ty, cu, ti, ct, ra, sc, pr::jsonb, cx::jsonb, an, so, ke
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $8::int[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
       as x(u, ev, ty, cu, ti, ct, ra, sc, pr, cx, an, so, ke)`,
    [
      col((r) => r.event.uuid),
      col((r) => r.event.event),
      col((r) => r.event.type),
      col((r) => r.customerId),
      col((r) => r.event.time),
      col((r) => r.event.clientTime),
      col((r) => r.event.receivedAt),
      col((r) => r.event.score),
      col((r) => r.event.properties),
      col((r) => r.event.context),
      col((r) => r.event.anonymousId),
      col((r) => r.event.source),
      col((r) => r.event.keyId),
    ],
  );
  const tags = rows.flatMap((r) => [...new Set(r.event.tags)].map((tag) => ({ uuid: r.event.uuid, tag, customerId: r.customerId, time: r.event.time })));
  if (tags.length > 0) {
    await q.query('insert into event_tags (event_uuid, tag, customer_id, time) select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) on conflict do nothing', [
      tags.map((t) => t.uuid),
      tags.map((t) => t.tag),
      tags.map((t) => t.customerId),
      tags.map((t) => t.time),
    ]);
  }
  await writeOutbox(q, rows);
}
