import type pg from 'pg';
import type { QuarantineEntry } from '../quarantine-store';

/** A resent rejected event counts on its quarantine row: repeats within this transaction are folded into one upsert. */
export async function writeQuarantine(client: pg.PoolClient, entries: QuarantineEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const folded: (QuarantineEntry & { times: number })[] = [];
  const byUuid = new Map<string, QuarantineEntry & { times: number }>();
  for (const entry of entries) {
    const seen = entry.uuid === null ? undefined : byUuid.get(entry.uuid);
    if (seen) {
      Object.assign(seen, { code: entry.code, message: entry.message, path: entry.path, raw: entry.raw, receivedAt: entry.receivedAt, times: seen.times + 1 });
      continue;
    }
    const row = { ...entry, times: 1 };
    folded.push(row);
    if (entry.uuid !== null) byUuid.set(entry.uuid, row);
  }
  const col = <T>(f: (e: QuarantineEntry & { times: number }) => T) => folded.map(f);
  await client.query(
    `insert into quarantine (uuid, event, code, message, path, raw, received_at, sent_at, key_id, scope, attempts, status)
     select u, ev, co, me, pa, ra, re, se, ke, sc, n, 'pending'
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::int[])
       as x(u, ev, co, me, pa, ra, re, se, ke, sc, n)
     on conflict (uuid) where uuid is not null do update set
       attempts = quarantine.attempts + excluded.attempts, code = excluded.code, message = excluded.message, path = excluded.path,
       raw = excluded.raw, received_at = excluded.received_at`,
    [
      col((e) => e.uuid),
      col((e) => e.event),
      col((e) => e.code),
      col((e) => e.message),
      col((e) => e.path),
      col((e) => e.raw),
      col((e) => e.receivedAt),
      col((e) => e.sentAt),
      col((e) => e.keyId),
      col((e) => e.scope),
      col((e) => e.times),
    ],
  );
}
