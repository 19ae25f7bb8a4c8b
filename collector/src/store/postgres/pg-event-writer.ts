import { createHash } from 'node:crypto';
import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { canMerge } from '../../customers/can-merge';
import type { IdentityRef, NewEvent, QuarantineEntry, WriteBatch, WriteOutcome } from '../store';
import { isPgUnavailable, pgFailure } from './pg-unavailable';

interface Pending {
  batch: WriteBatch;
  resolve: (outcomes: WriteOutcome[]) => void;
  reject: (error: unknown) => void;
}

/** A customer this transaction resolved to was merged by another collector since it was read: start over. */
class CustomerMovedError extends Error {
  constructor() {
    super('a customer was merged by another writer meanwhile');
  }
}

/** Deadlock, serialization failure, and a unique key another collector took between our read and write. */
const retryableCodes = new Set(['40P01', '40001', '23505']);
const isRetryable = (error: unknown) => error instanceof CustomerMovedError || retryableCodes.has((error as { code?: string } | null)?.code ?? '');
const maxAttempts = 5;

const identityKey = (i: IdentityRef) => `${i.type}\u0000${i.value}`;
const monthMs = (time: number) => {
  const d = new Date(time);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};

/**
 * Writes ingest batches to PostgreSQL with group commit: the batches that reach it while the previous
 * transaction commits share the next one, on one pooled connection, written with one multi-row
 * (unnest) insert per table. A batch's promise settles only after COMMIT.
 *
 * Several collectors may write to one database at once. Dedupe holds through event_ids (one row per
 * uuid, `on conflict do nothing`: a second writer of the same uuid waits for the first to commit, then
 * sees it). Customer resolution holds through a transaction-scoped advisory lock per identity of the
 * transaction's events, taken in sorted order before any identity is read: two collectors meeting the
 * same new identity serialise on it and make one customer. A customer merged meanwhile by another
 * writer is caught when the transaction updates it (it must still be live), and the transaction retries.
 */
export class PgEventWriter {
  private pending: Pending[] = [];
  private running = false;
  /** When a commit last failed because the database could not write (0 after a success); readiness looks at it. */
  lastUnavailableAt = 0;
  private readonly strongIdentityTypes: ReadonlySet<string>;
  /** Months (their first ms) whose events partition this process made sure of. */
  private readonly partitions = new Set<number>();

  constructor(
    private readonly pool: pg.Pool,
    /** Tells the advisory locks of stores on different schemas of one database apart. */
    private readonly lockSpace: string,
    options: { strongIdentityTypes: readonly string[] },
  ) {
    this.strongIdentityTypes = new Set(options.strongIdentityTypes);
  }

  write(batch: WriteBatch): Promise<WriteOutcome[]> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0 && !this.running) setImmediate(() => void this.flush());
      this.pending.push({ batch, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    this.running = true;
    const items = this.pending;
    this.pending = [];
    try {
      await this.commitGroup(items);
    } finally {
      this.running = false;
      if (this.pending.length > 0) setImmediate(() => void this.flush());
    }
  }

  private async commitGroup(items: Pending[]): Promise<void> {
    let results: WriteOutcome[][];
    try {
      results = await this.transact(items.map((item) => item.batch));
    } catch (error) {
      if (isPgUnavailable(error)) {
        this.lastUnavailableAt = Date.now();
        const failure = pgFailure(error);
        for (const item of items) item.reject(failure);
      } else if (items.length > 1) {
        // One batch the database refuses (say a NUL character in a text) must not fail the requests
        // that happened to share its transaction: each goes alone.
        for (const item of items) await this.commitGroup([item]);
      } else {
        items[0]!.reject(error);
      }
      return;
    }
    this.lastUnavailableAt = 0;
    items.forEach((item, i) => item.resolve(results[i]!));
  }

  private async transact(batches: WriteBatch[]): Promise<WriteOutcome[][]> {
    await this.ensurePartitions(batches.flatMap((b) => b.events.map((e) => e.time)));
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('begin');
        const outcomes = await new Transaction(client, this.strongIdentityTypes).apply(batches, this.lockKeys(batches));
        await client.query('commit');
        return outcomes;
      } catch (error) {
        await client.query('rollback').catch(() => (broken = true));
        if (attempt < maxAttempts && isRetryable(error)) {
          await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  /** One advisory lock key per identity (64 bits of its SHA-1), sorted so that two writers never wait on each other in a cycle. */
  private lockKeys(batches: WriteBatch[]): string[] {
    const keys = new Set<bigint>();
    for (const b of batches) {
      for (const e of b.events) {
        for (const i of e.identities) keys.add(createHash('sha1').update(`${this.lockSpace}\u0000${identityKey(i)}`).digest().readBigInt64BE(0));
      }
    }
    return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
  }

  /**
   * Creates the month partitions these times need. Outside the write transaction (DDL locks the parent
   * table); another collector may create the same one at the same moment, which is fine.
   */
  private async ensurePartitions(times: number[]): Promise<void> {
    const months = new Set(times.map(monthMs).filter((m) => !this.partitions.has(m)));
    for (const month of months) {
      const start = new Date(month);
      const next = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
      const name = `events_${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
      try {
        await this.pool.query(`create table if not exists ${name} partition of events for values from (${month}) to (${next})`);
      } catch (error) {
        // 42P07/23505: created by another collector between our check and create; 42P17: a partition covers it already.
        if (!['42P07', '23505', '42P17'].includes((error as { code?: string }).code ?? '')) throw error;
      }
      this.partitions.add(month);
    }
  }
}

interface Row {
  event: NewEvent;
  customerId: string;
}

/** One attempt at writing a group of batches, inside an open transaction on `client`. */
class Transaction {
  /** Owner of each identity of this transaction's events, as known so far (read, or assigned here). */
  private readonly owners = new Map<string, string>();
  private readonly newCustomers: { id: string; createdAt: number; time: number }[] = [];
  private readonly newIdentities: { type: string; value: string; customerId: string; createdAt: number }[] = [];
  private readonly rows: Row[] = [];
  private customerIds: number[] = [];

  constructor(
    private readonly client: pg.PoolClient,
    private readonly strongIdentityTypes: ReadonlySet<string>,
  ) {}

  async apply(batches: WriteBatch[], lockKeys: string[]): Promise<WriteOutcome[][]> {
    const q = this.client;
    if (lockKeys.length > 0) await q.query('select count(pg_advisory_xact_lock(k)) from unnest($1::bigint[]) as k', [lockKeys]);

    const events = batches.flatMap((b) => b.events);
    const claimed = await this.claim(events);
    const outcomes = batches.map((b) =>
      b.events.map((e): WriteOutcome => {
        if (!claimed.delete(e.uuid)) return 'duplicate';
        this.rows.push({ event: e, customerId: '' });
        return 'accepted';
      }),
    );

    await this.readOwners(this.rows.map((r) => r.event));
    for (const row of this.rows) row.customerId = await this.resolveCustomer(row.event);
    await this.flushCustomers();
    await this.insertEvents();
    await this.updateCustomers();
    await this.writeQuarantine(batches.flatMap((b) => b.quarantine));
    const resolved = batches.flatMap((b) => b.resolvedQuarantine ?? []);
    const now = Date.now();
    if (resolved.length > 0) await q.query("update quarantine set status = 'replayed', resolved_at = $1 where id = any($2::bigint[])", [now, resolved]);
    for (const b of batches) {
      if (b.dropped && b.dropped.count > 0) {
        await q.query('insert into client_drops (received_at, key_id, anonymous_id, count) values ($1, $2, $3, $4)', [now, b.dropped.keyId, b.dropped.anonymousId, b.dropped.count]);
      }
    }
    return outcomes;
  }

  /** The uuids this transaction may record: not stored yet, nor taken by a writer that commits first. */
  private async claim(events: NewEvent[]): Promise<Set<string>> {
    const first = new Map<string, number>();
    for (const e of events) if (!first.has(e.uuid)) first.set(e.uuid, e.time);
    if (first.size === 0) return new Set();
    const { rows } = await this.client.query<{ uuid: string }>(
      'insert into event_ids (uuid, time) select * from unnest($1::text[], $2::bigint[]) on conflict do nothing returning uuid',
      [[...first.keys()], [...first.values()]],
    );
    return new Set(rows.map((r) => r.uuid));
  }

  private async readOwners(events: NewEvent[]): Promise<void> {
    const identities = new Map<string, IdentityRef>();
    for (const e of events) for (const i of e.identities) identities.set(identityKey(i), i);
    if (identities.size === 0) return;
    const list = [...identities.values()];
    const { rows } = await this.client.query<{ type: string; value: string; customer_id: string }>(
      `select i.type, i.value, i.customer_id from identities i
       join unnest($1::text[], $2::text[]) as w(type, value) on i.type = w.type and i.value = w.value`,
      [list.map((i) => i.type), list.map((i) => i.value)],
    );
    for (const r of rows) this.owners.set(identityKey(r), r.customer_id);
    // At most one new customer per event none of whose identities has an owner: their ids in one round trip.
    const unowned = events.filter((e) => e.identities.every((i) => !this.owners.has(identityKey(i)))).length;
    if (unowned > 0) {
      const ids = await this.client.query<{ id: number }>("select nextval('customer_ids') as id from generate_series(1, $1::int)", [unowned]);
      this.customerIds = ids.rows.map((r) => r.id);
    }
  }

  /** As the SQLite writer: the first identity with an owner decides; the other owners merge into it when they may. */
  private async resolveCustomer(e: NewEvent): Promise<string> {
    const owners = e.identities.map((i) => this.owners.get(identityKey(i)));
    const found = owners.find((owner) => owner !== undefined);
    const customerId = found ?? `c${this.customerIds.shift()!.toString(36)}`;
    if (found === undefined) this.newCustomers.push({ id: customerId, createdAt: e.receivedAt, time: e.time });
    e.identities.forEach((identity, i) => {
      if (owners[i] === undefined && !this.owners.has(identityKey(identity))) {
        this.owners.set(identityKey(identity), customerId);
        this.newIdentities.push({ type: identity.type, value: identity.value, customerId, createdAt: e.receivedAt });
      }
    });
    for (let i = 0; i < owners.length; i++) {
      const owner = owners[i];
      if (owner !== undefined && owner !== customerId && owners.indexOf(owner) === i) await this.merge(owner, customerId);
    }
    return customerId;
  }

  /** Moves everything of `loser` to `survivor` when they may be one person: what is stored, and what this transaction holds. */
  private async merge(loser: string, survivor: string): Promise<void> {
    const q = this.client;
    await this.flushCustomers();
    // Both rows locked first, so a merge or an ingest elsewhere waits for this one; both must still be live.
    const live = await q.query('select id from customers where id = any($1::text[]) and merged_into is null order by id for update', [[loser, survivor]]);
    if (live.rowCount !== 2) throw new CustomerMovedError();
    const { rows } = await q.query<{ customer_id: string; type: string }>('select distinct customer_id, type from identities where customer_id = any($1::text[])', [[loser, survivor]]);
    const typesOf = (id: string) => rows.filter((r) => r.customer_id === id).map((r) => r.type);
    if (!canMerge(typesOf(loser), typesOf(survivor), this.strongIdentityTypes)) return;
    await q.query('update events set customer_id = $1 where customer_id = $2', [survivor, loser]);
    await q.query('update event_tags set customer_id = $1 where customer_id = $2', [survivor, loser]);
    await q.query('update identities set customer_id = $1 where customer_id = $2', [survivor, loser]);
    await q.query(
      `update customers as s set activeness = s.activeness + l.activeness, event_count = s.event_count + l.event_count,
         first_seen = least(s.first_seen, l.first_seen), last_seen = greatest(s.last_seen, l.last_seen),
         stage = case when l.stage_rank > s.stage_rank then l.stage else s.stage end, stage_rank = greatest(s.stage_rank, l.stage_rank)
       from customers as l where s.id = $1 and l.id = $2`,
      [survivor, loser],
    );
    // The loser's figures now live on the survivor: zeroed, so sums over customers still add up.
    await q.query('update customers set merged_into = $1, activeness = 0, event_count = 0 where id = $2', [survivor, loser]);
    await q.query('update customers set merged_into = $1 where merged_into = $2', [survivor, loser]);
    for (const [key, owner] of this.owners) if (owner === loser) this.owners.set(key, survivor);
    for (const row of this.rows) if (row.customerId === loser) row.customerId = survivor;
  }

  private async flushCustomers(): Promise<void> {
    const q = this.client;
    const customers = this.newCustomers.splice(0);
    if (customers.length > 0) {
      await q.query(
        `insert into customers (id, created_at, first_seen, last_seen, activeness, event_count, stage, stage_rank)
         select id, created_at, t, t, 0, 0, null, -1 from unnest($1::text[], $2::bigint[], $3::bigint[]) as n(id, created_at, t)`,
        [customers.map((c) => c.id), customers.map((c) => c.createdAt), customers.map((c) => c.time)],
      );
    }
    const identities = this.newIdentities.splice(0);
    if (identities.length > 0) {
      await q.query(
        'insert into identities (type, value, customer_id, created_at) select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[])',
        [identities.map((i) => i.type), identities.map((i) => i.value), identities.map((i) => i.customerId), identities.map((i) => i.createdAt)],
      );
    }
  }

  private async insertEvents(): Promise<void> {
    if (this.rows.length === 0) return;
    const q = this.client;
    const col = <T>(f: (r: Row) => T) => this.rows.map(f);
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
    const tags = this.rows.flatMap((r) => [...new Set(r.event.tags)].map((tag) => ({ uuid: r.event.uuid, tag, customerId: r.customerId, time: r.event.time })));
    if (tags.length > 0) {
      await q.query('insert into event_tags (event_uuid, tag, customer_id, time) select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) on conflict do nothing', [
        tags.map((t) => t.uuid),
        tags.map((t) => t.tag),
        tags.map((t) => t.customerId),
        tags.map((t) => t.time),
      ]);
    }
    // The outbox row commits with its event or not at all: no trigger fires for an event that was not stored.
    const deliveries = this.rows.flatMap((r) => (r.event.triggers ?? []).map((trigger) => ({ trigger, uuid: r.event.uuid, at: r.event.receivedAt })));
    if (deliveries.length > 0) {
      await q.query(
        `insert into deliveries (id, trigger_id, event_uuid, status, attempts, next_attempt_at, created_at)
         select id, t, u, 'pending', 0, at, at from unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) as d(id, t, u, at)`,
        [deliveries.map(() => uuidv7()), deliveries.map((d) => d.trigger), deliveries.map((d) => d.uuid), deliveries.map((d) => d.at)],
      );
    }
  }

  /** One update per customer: the sums of its new events, and the first stage of the highest rank among them. */
  private async updateCustomers(): Promise<void> {
    const totals = new Map<string, { score: number; count: number; first: number; last: number; rank: number; stage: string | null }>();
    for (const { event: e, customerId } of this.rows) {
      const t = totals.get(customerId);
      if (!t) {
        totals.set(customerId, { score: e.score, count: 1, first: e.time, last: e.time, rank: e.stageRank, stage: e.stage });
        continue;
      }
      t.score += e.score;
      t.count += 1;
      t.first = Math.min(t.first, e.time);
      t.last = Math.max(t.last, e.time);
      if (e.stageRank > t.rank) [t.rank, t.stage] = [e.stageRank, e.stage];
    }
    if (totals.size === 0) return;
    const ids = [...totals.keys()];
    const list = [...totals.values()];
    const result = await this.client.query(
      `update customers as c set activeness = c.activeness + d.score, event_count = c.event_count + d.n,
         first_seen = least(c.first_seen, d.first), last_seen = greatest(c.last_seen, d.last),
         stage = case when d.rank > c.stage_rank then d.stage else c.stage end, stage_rank = greatest(c.stage_rank, d.rank)
       from unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::int[], $7::text[]) as d(id, score, n, first, last, rank, stage)
       where c.id = d.id and c.merged_into is null`,
      [ids, list.map((t) => t.score), list.map((t) => t.count), list.map((t) => t.first), list.map((t) => t.last), list.map((t) => t.rank), list.map((t) => t.stage)],
    );
    // A customer read before another collector merged it away: its events must go to the survivor.
    if (result.rowCount !== ids.length) throw new CustomerMovedError();
  }

  /** A resent rejected event counts on its quarantine row: repeats within this transaction are folded into one upsert. */
  private async writeQuarantine(entries: QuarantineEntry[]): Promise<void> {
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
    await this.client.query(
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
}
