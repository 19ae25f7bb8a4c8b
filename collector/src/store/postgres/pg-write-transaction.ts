import type pg from 'pg';
import type { IdentityRef, NewEvent, WriteBatch, WriteOutcome } from '../event-store';
import { displacedUuid } from '../displaced-uuid';
import { identityKey } from '../identity-key';
import { ownersOf, resolveCustomer, type IdentityConflict } from '../resolve-customer';
import { CustomerMovedError } from './customer-moved-error';
import { insertEvents } from './pg-insert-events';
import type { RecordedRow } from './pg-recorded-row';
import { pgSuppressedEvents } from './pg-suppressed-events';
import { updateCustomers } from './pg-update-customers';
import { writeQuarantine } from './pg-write-quarantine';

/** One attempt at writing a group of batches, inside an open transaction on `client`. */
export class PgWriteTransaction {
  /** Owner of each identity of this transaction's events, as known so far (read, or assigned here). */
  private readonly owners = new Map<string, string>();
  private readonly newCustomers: { id: string; createdAt: number; time: number }[] = [];
  private readonly newIdentities: { type: string; value: string; customerId: string; createdAt: number }[] = [];
  private readonly rows: RecordedRow[] = [];
  /** The row of each uuid this transaction records. */
  private readonly taken = new Map<string, RecordedRow>();
  private readonly conflicts: { uuid: string; at: number; conflict: IdentityConflict }[] = [];
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
    const suppressed = await pgSuppressedEvents(q, events);
    const unclaim = [...suppressed].filter((uuid) => claimed.has(uuid));
    // Nothing of a suppressed event is kept, not even its uuid: once lifted, a resend is recorded.
    if (unclaim.length > 0) await q.query('delete from event_ids where uuid = any($1::text[])', [unclaim]);
    const outcomes: WriteOutcome[][] = [];
    for (const b of batches) {
      const batchOutcomes: WriteOutcome[] = [];
      for (const e of b.events) batchOutcomes.push(suppressed.has(e.uuid) ? 'suppressed' : await this.take(e, claimed));
      outcomes.push(batchOutcomes);
    }

    await this.readOwners(this.rows.map((r) => r.event));
    for (const row of this.rows) row.customerId = await this.resolveCustomer(row.event);
    await this.flushCustomers();
    await insertEvents(q, this.rows);
    await updateCustomers(q, this.rows);
    await this.writeConflicts();
    await writeQuarantine(q, batches.flatMap((b) => b.quarantine));
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

  /**
   * Whether `e` is recorded: its uuid is new, or a trusted event takes it over from a public-key event
   * (stored, or earlier in this transaction), which moves to a derived uuid. Else it is a duplicate.
   */
  private async take(e: NewEvent, claimed: ReadonlySet<string>): Promise<WriteOutcome> {
    const mine = this.taken.get(e.uuid);
    const fresh = mine === undefined && claimed.has(e.uuid);
    if (!fresh) {
      if (e.trusted === false) return 'duplicate';
      if (mine !== undefined) {
        if (mine.event.trusted !== false) return 'duplicate';
        mine.event = { ...mine.event, uuid: await this.freeUuid(e.uuid, mine.event.time) };
      } else if (!(await this.displaceStored(e.uuid))) {
        return 'duplicate';
      }
      await this.client.query('update event_ids set time = $2 where uuid = $1', [e.uuid, e.time]);
    }
    const row = { event: e, customerId: '' };
    this.rows.push(row);
    this.taken.set(e.uuid, row);
    return 'accepted';
  }

  /**
   * Moves the stored event of `uuid` to a derived uuid when a public key sent it; false when it stays. The
   * uuid's event_ids row is locked first: of two collectors taking one uuid over, the second then finds
   * the trusted event there.
   */
  private async displaceStored(uuid: string): Promise<boolean> {
    const q = this.client;
    await q.query('select 1 from event_ids where uuid = $1 for update', [uuid]);
    // Revoked keys keep their row, so an event's key still says whether a public key sent it.
    const { rows } = await q.query<{ scope: string | null; time: string }>(
      'select k.scope, e.time from events e left join keys k on k.id = e.key_id where e.uuid = $1',
      [uuid],
    );
    const stored = rows[0];
    if (stored?.scope !== 'ingest') return false;
    const to = await this.freeUuid(uuid, Number(stored.time));
    await q.query('update events set uuid = $1 where uuid = $2', [to, uuid]);
    await q.query('update event_tags set event_uuid = $1 where event_uuid = $2', [to, uuid]);
    await q.query('update deliveries set event_uuid = $1 where event_uuid = $2', [to, uuid]);
    await q.query('update timers set event_uuid = $1 where event_uuid = $2', [to, uuid]);
    await q.query('update identity_conflicts set event_uuid = $1 where event_uuid = $2', [to, uuid]);
    return true;
  }

  /** The first uuid derived from `uuid` that no event holds, claimed in event_ids for an event at `time`. */
  private async freeUuid(uuid: string, time: number): Promise<string> {
    for (let to = displacedUuid(uuid); ; to = displacedUuid(to)) {
      const claimed = await this.client.query('insert into event_ids (uuid, time) values ($1, $2) on conflict do nothing', [to, time]);
      if (claimed.rowCount === 1) return to;
    }
  }

  private async writeConflicts(): Promise<void> {
    if (this.conflicts.length === 0) return;
    const list = this.conflicts;
    await this.client.query(
      `insert into identity_conflicts (event_uuid, customer_id, other_customer_id, identities, reason, created_at)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])`,
      [
        list.map((c) => c.uuid),
        list.map((c) => c.conflict.customer),
        list.map((c) => c.conflict.other),
        list.map((c) => JSON.stringify(c.conflict.identities)),
        list.map((c) => c.conflict.reason),
        list.map((c) => c.at),
      ],
    );
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

  /** Reads what resolveCustomer needs from what this transaction knows and holds, then writes what it decided. */
  private async resolveCustomer(e: NewEvent): Promise<string> {
    const identities = e.identities.map((i) => ({ type: i.type, value: i.value, owner: this.owners.get(identityKey(i)) ?? null }));
    const owners = ownersOf(identities);
    const typesOf = owners.length > 1 ? await this.lockOwners(owners) : new Map<string, string[]>();
    const resolution = resolveCustomer({ identities, typesOf, strongTypes: this.strongIdentityTypes, trusted: e.trusted !== false });
    const customerId = resolution.customer ?? `c${this.customerIds.shift()!.toString(36)}`;
    if (resolution.customer === null) this.newCustomers.push({ id: customerId, createdAt: e.receivedAt, time: e.time });
    for (const identity of resolution.newIdentities) {
      this.owners.set(identityKey(identity), customerId);
      this.newIdentities.push({ type: identity.type, value: identity.value, customerId, createdAt: e.receivedAt });
    }
    for (const { loser, survivor } of resolution.merges) await this.merge(loser, survivor);
    for (const conflict of resolution.conflicts) this.conflicts.push({ uuid: e.uuid, at: e.receivedAt, conflict });
    return customerId;
  }

  /**
   * Locks the rows of customers that may merge, so a merge or an ingest elsewhere waits for this one, and
   * answers the identity types each holds. Each must still be live: else another collector merged it.
   */
  private async lockOwners(owners: string[]): Promise<Map<string, string[]>> {
    const q = this.client;
    await this.flushCustomers();
    const live = await q.query('select id from customers where id = any($1::text[]) and merged_into is null order by id for update', [owners]);
    if (live.rowCount !== owners.length) throw new CustomerMovedError();
    const { rows } = await q.query<{ customer_id: string; type: string }>('select distinct customer_id, type from identities where customer_id = any($1::text[])', [owners]);
    const typesOf = new Map(owners.map((owner) => [owner, [] as string[]]));
    for (const r of rows) typesOf.get(r.customer_id)!.push(r.type);
    return typesOf;
  }

  /** Moves everything of `loser` to `survivor`: what is stored, and what this transaction holds. */
  private async merge(loser: string, survivor: string): Promise<void> {
    const q = this.client;
    await this.flushCustomers();
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
}
