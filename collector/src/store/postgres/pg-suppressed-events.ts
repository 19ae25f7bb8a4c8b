import type pg from 'pg';
import type { NewEvent } from '../event-store';

/**
 * The uuids of the events that name a suppressed identity. Read after the transaction claimed its
 * uuids in event_ids: an erasure with suppress locks event_ids, so by then it has committed and its
 * suppressions are seen (read committed: each statement reads what committed before it).
 */
export async function pgSuppressedEvents(client: pg.PoolClient, events: readonly NewEvent[]): Promise<Set<string>> {
  const uuids: string[] = [];
  const types: string[] = [];
  const values: string[] = [];
  for (const e of events) {
    for (const i of e.identities) {
      uuids.push(e.uuid);
      types.push(i.type);
      values.push(i.value);
    }
  }
  if (uuids.length === 0) return new Set();
  const { rows } = await client.query<{ uuid: string }>(
    `select distinct w.uuid from unnest($1::text[], $2::text[], $3::text[]) as w(uuid, type, value)
     join suppressions s on s.type = w.type and s.value = w.value`,
    [uuids, types, values],
  );
  return new Set(rows.map((r) => r.uuid));
}
