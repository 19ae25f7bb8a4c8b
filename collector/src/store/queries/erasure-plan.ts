import type { ErasureCounts, ErasureOutcome, ErasureRequest } from '../erasure-store';
import { identityKey } from '../identity-key';
import { chunks } from './chunks';

/** One statement of an erasure: `rows` answers the selected rows, else the number of rows changed. */
export type ErasureStatement = { sql: string; params: unknown[]; rows: true } | { sql: string; params: unknown[]; rows: false };

export type ErasureStep = Generator<ErasureStatement, ErasureOutcome | undefined, unknown>;

/** Rows per statement where a list of ids is read or deleted. */
const chunkSize = 500;

/**
 * An erasure as a sequence of statements, written once: SQLite runs it synchronously inside one
 * immediate better-sqlite3 transaction (it holds the write lock, so no ingest commit of the writer thread
 * lands in between), PostgreSQL
 * inside one transaction on one pooled connection. Statements use `?` placeholders and SQL both engines
 * read alike.
 */
export function* erasurePlan(request: ErasureRequest, engine: 'sqlite' | 'postgres'): ErasureStep {
  const rows = (sql: string, params: unknown[]) => ({ sql, params, rows: true as const }) satisfies ErasureStatement;
  const run = (sql: string, params: unknown[]) => ({ sql, params, rows: false as const }) satisfies ErasureStatement;
  const counts: ErasureCounts = {};

  if (engine === 'postgres') {
    // Every ingest transaction claims its uuids in event_ids first: this waits for those under way to
    // commit and holds back new ones until the erasure (and its suppressions) committed.
    yield run('lock table event_ids in share row exclusive mode', []);
  }
  const live = (yield rows('select id from customers where id = ? and merged_into is null', [request.customerId])) as { id: string }[];
  if (live.length === 0) return undefined;
  const merged = (yield rows('select id from customers where merged_into = ?', [request.customerId])) as { id: string }[];
  const ids = [request.customerId, ...merged.map((m) => m.id)];
  const inIds = `(${ids.map(() => '?').join(', ')})`;
  const ofEvents = `select uuid from events where customer_id in ${inIds}`;

  const identities = (yield rows(`select type, value from identities where customer_id in ${inIds}`, ids)) as { type: string; value: string }[];
  if (request.suppress) {
    counts.suppressions = (yield run(
      `insert into suppressions (type, value, created_at) select type, value, cast(? as bigint) from identities where customer_id in ${inIds} on conflict do nothing`,
      [Date.now(), ...ids],
    )) as number;
  }

  // Quarantined events are matched on the identities their raw JSON names, normalised as at ingest.
  const names = new Set(identities.map(identityKey));
  const quarantined: number[] = [];
  for (let after = 0; ; ) {
    const page = (yield rows('select id, raw from quarantine where id > ? order by id limit ?', [after, chunkSize])) as { id: number; raw: string }[];
    for (const q of page) if (request.quarantineNames(q.raw, names)) quarantined.push(Number(q.id));
    if (page.length < chunkSize) break;
    after = Number(page[page.length - 1]!.id);
  }
  counts.quarantine = 0;
  for (const chunk of chunks(quarantined, chunkSize)) {
    counts.quarantine += (yield run(`delete from quarantine where id in (${chunk.map(() => '?').join(', ')})`, chunk)) as number;
  }

  // Deliveries first: a delivery worker holding one commits its attempt before this delete goes on, so
  // the attempts read next include it.
  const deliveries = (yield rows(`delete from deliveries where event_uuid in (${ofEvents}) returning id`, ids)) as { id: string }[];
  counts.deliveries = deliveries.length;
  counts.delivery_attempts = 0;
  for (const chunk of chunks(deliveries.map((d) => d.id), chunkSize)) {
    counts.delivery_attempts += (yield run(`delete from delivery_attempts where delivery_id in (${chunk.map(() => '?').join(', ')})`, chunk)) as number;
  }
  // Pending follow-up timers, and the merges their identities were refused (which name their identities).
  counts.timers = (yield run(`delete from timers where customer_id in ${inIds}`, ids)) as number;
  counts.identity_conflicts = (yield run(`delete from identity_conflicts where customer_id in ${inIds} or other_customer_id in ${inIds}`, [...ids, ...ids])) as number;
  if (engine === 'postgres') counts.event_ids = (yield run(`delete from event_ids where uuid in (${ofEvents})`, ids)) as number;
  counts.event_tags = (yield run(`delete from event_tags where customer_id in ${inIds}`, ids)) as number;
  counts.events = (yield run(`delete from events where customer_id in ${inIds}`, ids)) as number;
  counts.identities = (yield run(`delete from identities where customer_id in ${inIds}`, ids)) as number;
  if (engine === 'sqlite') {
    // The SQLite writer numbers customers from max(rowid): remember the highest, so a restart after
    // erasing the newest customers never gives their ids to someone else. (PostgreSQL uses a sequence.)
    yield run(
      `insert into meta (key, value) select 'erased_customer_rowid', cast(max(rowid) as text) from customers
       where true on conflict (key) do update set value = excluded.value where cast(excluded.value as integer) > cast(meta.value as integer)`,
      [],
    );
  }
  counts.customers = (yield run(`delete from customers where id in ${inIds}`, ids)) as number;

  const { at, keyId, action, target } = request.audit;
  yield run('insert into audit_log (at, key_id, action, target, counts) values (?, ?, ?, ?, ?)', [at, keyId, action, target, JSON.stringify(counts)]);
  return { erased: ids, counts };
}
