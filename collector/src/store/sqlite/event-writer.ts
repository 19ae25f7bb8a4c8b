import type BetterSqlite3 from 'better-sqlite3';
import { displacedUuid } from '../displaced-uuid';
import { identityKey } from '../identity-key';
import type { IdentityRef, NewEvent, WriteBatch, WriteOutcome } from '../event-store';
import { ownersOf, resolveCustomer } from '../resolve-customer';
import { CustomerTotals } from './customer-totals';
import { SqliteOutbox } from './sqlite-outbox';
import { SqliteSuppressionCheck } from './sqlite-suppression-check';

/**
 * Writes ingest batches to SQLite: one synchronous transaction per group of batches (see GroupCommit), so
 * one fsync acknowledges many requests. It runs in the writer thread (writer-thread.ts), which owns the
 * connection, the statements and the customer-id counter.
 */
export class SqliteEventWriter {
  /** Writes the group in one transaction; one outcome list per batch, in order. Throws the driver's error. */
  readonly commit: (batches: WriteBatch[]) => WriteOutcome[][];
  private readonly statements;
  private readonly outbox: SqliteOutbox;
  private readonly suppressions: SqliteSuppressionCheck;
  private readonly totals: CustomerTotals;
  /**
   * Identity owners read or written in this transaction: an SDK batch names the same identities on its
   * fifty events. Kept up to date by this transaction's new identities and cleared by a merge; cleared
   * when it ends, since an erasure between two transactions may remove an identity.
   */
  private readonly owners = new Map<string, string | null>();

  private readonly strongIdentityTypes: ReadonlySet<string>;
  /** Customer ids are short ("c" + base-36 counter): every event's index entry carries one, and a
   * 36-character UUID there made each insert into the (customer_id, time) index about 3× slower. */
  private lastCustomer: number;

  constructor(
    private readonly db: BetterSqlite3.Database,
    options: { strongIdentityTypes: readonly string[] },
  ) {
    this.strongIdentityTypes = new Set(options.strongIdentityTypes);
    this.outbox = new SqliteOutbox(db);
    // An erased customer's id is never given again (meta: see queries/erasure-plan.ts).
    const lastCustomer = db
      .prepare<[], number>("select max(coalesce((select max(rowid) from customers), 0), coalesce((select cast(value as integer) from meta where key = 'erased_customer_rowid'), 0))")
      .pluck();
    this.lastCustomer = lastCustomer.get()!;
    this.statements = {
      // Two reads rather than one join with keys: the join took about 19 µs an event against under 2 for
      // this probe alone (`npm run bench:writer -- --statements`), and nearly every event is new, so a key's
      // scope is read only for a stored event.
      storedKey: db.prepare<[string], { key_id: string | null }>('select key_id from events where uuid = ?'),
      // Revoked keys keep their row, so an event's key still says whether a public key sent it.
      scopeOf: db.prepare<[string], string>('select scope from keys where id = ?').pluck(),
      rekeyEvent: db.prepare('update events set uuid = ? where uuid = ?'),
      rekeyTags: db.prepare('update event_tags set event_uuid = ? where event_uuid = ?'),
      rekeyDeliveries: db.prepare('update deliveries set event_uuid = ? where event_uuid = ?'),
      rekeyTimers: db.prepare('update timers set event_uuid = ? where event_uuid = ?'),
      rekeyConflicts: db.prepare('update identity_conflicts set event_uuid = ? where event_uuid = ?'),
      insertConflict: db.prepare(
        'insert into identity_conflicts (event_uuid, customer_id, other_customer_id, identities, reason, created_at) values (?, ?, ?, ?, ?, ?)',
      ),
      findIdentity: db.prepare<[string, string], string>('select customer_id from identities where type = ? and value = ?').pluck(),
      insertCustomer: db.prepare(
        // rowid follows the id's counter, so max(rowid) is the last id given even after an erasure.
        'insert into customers (rowid, id, created_at, first_seen, last_seen, activeness, event_count, stage, stage_rank) values (?, ?, ?, ?, ?, 0, 0, null, -1)',
      ),
      insertIdentity: db.prepare('insert into identities (type, value, customer_id, created_at) values (?, ?, ?, ?) on conflict do nothing'),
      identityTypesOf: db.prepare<[string], string>('select distinct type from identities where customer_id = ?').pluck(),
      moveEvents: db.prepare('update events set customer_id = ? where customer_id = ?'),
      moveTags: db.prepare('update event_tags set customer_id = ? where customer_id = ?'),
      moveIdentities: db.prepare('update identities set customer_id = ? where customer_id = ?'),
      absorbCustomer: db.prepare(
        `update customers as s set activeness = s.activeness + l.activeness, event_count = s.event_count + l.event_count,
           first_seen = min(s.first_seen, l.first_seen), last_seen = max(s.last_seen, l.last_seen),
           stage = case when l.stage_rank > s.stage_rank then l.stage else s.stage end, stage_rank = max(s.stage_rank, l.stage_rank)
         from customers as l where s.id = ? and l.id = ?`,
      ),
      // The loser's figures now live on the survivor: zeroed, so sums over customers still add up.
      retireCustomer: db.prepare('update customers set merged_into = ?, activeness = 0, event_count = 0 where id = ?'),
      repointMerged: db.prepare('update customers set merged_into = ? where merged_into = ?'),
      insertEvent: db.prepare(
        `insert into events (uuid, event, type, customer_id, time, client_time, received_at, score, properties, context, anonymous_id, source, key_id)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertTag: db.prepare('insert into event_tags (event_uuid, tag, customer_id, time) values (?, ?, ?, ?) on conflict do nothing'),
      quarantine: db.prepare(
        `insert into quarantine (uuid, event, code, message, path, raw, received_at, sent_at, key_id, scope, attempts, status)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 'pending')
         on conflict (uuid) where uuid is not null do update set
           attempts = attempts + 1, code = excluded.code, message = excluded.message, path = excluded.path,
           raw = excluded.raw, received_at = excluded.received_at`,
      ),
      resolveQuarantine: db.prepare("update quarantine set status = 'replayed', resolved_at = ? where id = ?"),
      drop: db.prepare('insert into client_drops (received_at, key_id, anonymous_id, count) values (?, ?, ?, ?)'),
    };
    this.suppressions = new SqliteSuppressionCheck(db);
    this.totals = new CustomerTotals(db);
    const transaction = db.transaction((batches: WriteBatch[]) => {
      try {
        // Another store on the same file (a second process, a test) may have given ids since: two
        // primary-key reads, inside the lock, once per group.
        this.lastCustomer = Math.max(this.lastCustomer, lastCustomer.get()!);
        const outcomes = batches.map((batch) => this.apply(batch));
        this.totals.flush();
        return outcomes;
      } finally {
        this.totals.clear();
        this.suppressions.clear();
        this.owners.clear();
      }
    });
    // Immediate: a deferred transaction that read first could not take the write lock if the request
    // thread's connection wrote meanwhile (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out).
    this.commit = (batches) => transaction.immediate(batches);
  }

  private apply(batch: WriteBatch): WriteOutcome[] {
    const s = this.statements;
    const outcomes = batch.events.map((event): WriteOutcome => (this.suppressions.has(event) ? 'suppressed' : this.insertEvent(event)));
    for (const q of batch.quarantine) {
      s.quarantine.run(q.uuid, q.event, q.code, q.message, q.path, q.raw, q.receivedAt, q.sentAt, q.keyId, q.scope);
    }
    const now = Date.now();
    for (const id of batch.resolvedQuarantine ?? []) s.resolveQuarantine.run(now, id);
    if (batch.dropped && batch.dropped.count > 0) {
      s.drop.run(now, batch.dropped.keyId, batch.dropped.anonymousId, batch.dropped.count);
    }
    return outcomes;
  }

  private insertEvent(e: NewEvent): WriteOutcome {
    const s = this.statements;
    const stored = s.storedKey.get(e.uuid);
    if (stored !== undefined) {
      if (e.trusted === false || stored.key_id === null || s.scopeOf.get(stored.key_id) !== 'ingest') return 'duplicate';
      this.displace(e.uuid);
    }
    const customerId = this.resolveCustomer(e);
    s.insertEvent.run(
      e.uuid,
      e.event,
      e.type,
      customerId,
      e.time,
      e.clientTime,
      e.receivedAt,
      e.score,
      e.properties,
      e.context,
      e.anonymousId,
      e.source,
      e.keyId,
    );
    for (const tag of e.tags) s.insertTag.run(e.uuid, tag, customerId, e.time);
    this.totals.add(customerId, e);
    this.outbox.write(e, customerId);
    return 'accepted';
  }

  /** Reads the owners (and, when two or more, their identity types), then writes what resolveCustomer decided. */
  private resolveCustomer(e: NewEvent): string {
    const s = this.statements;
    const identities = e.identities.map((i) => ({ type: i.type, value: i.value, owner: this.ownerOf(i) }));
    const owners = ownersOf(identities);
    const typesOf = new Map(owners.length > 1 ? owners.map((owner) => [owner, s.identityTypesOf.all(owner)]) : []);
    const resolution = resolveCustomer({ identities, typesOf, strongTypes: this.strongIdentityTypes, trusted: e.trusted !== false });
    const customerId = resolution.customer ?? this.newCustomerId();
    if (resolution.customer === null) s.insertCustomer.run(this.lastCustomer, customerId, e.receivedAt, e.time, e.time);
    for (const identity of resolution.newIdentities) {
      s.insertIdentity.run(identity.type, identity.value, customerId, e.receivedAt);
      this.owners.set(identityKey(identity), customerId);
    }
    for (const { loser, survivor } of resolution.merges) this.merge(loser, survivor);
    for (const c of resolution.conflicts) s.insertConflict.run(e.uuid, c.customer, c.other, JSON.stringify(c.identities), c.reason, e.receivedAt);
    return customerId;
  }

  private ownerOf(identity: IdentityRef): string | null {
    const key = identityKey(identity);
    let owner = this.owners.get(key);
    if (owner === undefined) this.owners.set(key, (owner = this.statements.findIdentity.get(identity.type, identity.value) ?? null));
    return owner;
  }

  /** Moves a public-key event off `uuid`, so the trusted event arriving with it is stored under it. */
  private displace(uuid: string): void {
    const s = this.statements;
    let to = displacedUuid(uuid);
    while (s.storedKey.get(to) !== undefined) to = displacedUuid(to);
    s.rekeyEvent.run(to, uuid);
    s.rekeyTags.run(to, uuid);
    s.rekeyDeliveries.run(to, uuid);
    s.rekeyTimers.run(to, uuid);
    s.rekeyConflicts.run(to, uuid);
  }

  private newCustomerId(): string {
    return `c${(++this.lastCustomer).toString(36)}`;
  }

  /** Moves everything of `loser` to `survivor`. Rare: an identify on a new device. */
  private merge(loser: string, survivor: string): void {
    const s = this.statements;
    // The merge reads both customers' figures: what the group added so far must be on them first.
    this.totals.flush();
    s.moveEvents.run(survivor, loser);
    s.moveTags.run(survivor, loser);
    s.moveIdentities.run(survivor, loser);
    s.absorbCustomer.run(survivor, loser);
    s.retireCustomer.run(survivor, loser);
    s.repointMerged.run(survivor, loser);
    // The loser's identities now name the survivor: read them again.
    this.owners.clear();
  }
}
