import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { WriteBatch, WriteOutcome } from '../event-store';
import { GroupCommit } from '../group-commit';
import { identityKey } from '../identity-key';
import { CustomerMovedError } from './customer-moved-error';
import { PgPartitions } from './pg-partitions';
import { isPgUnavailable, pgFailure } from './pg-unavailable';
import { PgWriteTransaction } from './pg-write-transaction';

/** Deadlock, serialization failure, and a unique key another collector took between our read and write. */
const retryableCodes = new Set(['40P01', '40001', '23505']);
/** 23514 with this message: no partition of events takes the row's time. */
const isMissingPartition = (error: unknown) => (error as { code?: string } | null)?.code === '23514' && /no partition/.test(String((error as Error).message));
const isRetryable = (error: unknown) => error instanceof CustomerMovedError || retryableCodes.has((error as { code?: string } | null)?.code ?? '');
const maxAttempts = 5;

/**
 * Writes ingest batches to PostgreSQL, grouped by GroupCommit: each group is one transaction on one
 * pooled connection, written with one multi-row (unnest) insert per table.
 *
 * Several collectors may write to one database at once. Dedupe holds through event_ids (one row per
 * uuid, `on conflict do nothing`: a second writer of the same uuid waits for the first to commit, then
 * sees it). Customer resolution holds through a transaction-scoped advisory lock per identity of the
 * transaction's events, taken in sorted order before any identity is read: two collectors meeting the
 * same new identity serialise on it and make one customer. A customer merged meanwhile by another
 * writer is caught when the transaction updates it (it must still be live), and the transaction retries.
 */
export class PgEventWriter {
  /** Writes go through it: `group.write(batch)`; its `lastUnavailableAt` tells readiness, its queue the metrics. */
  readonly group: GroupCommit<WriteBatch, WriteOutcome[]>;
  private readonly strongIdentityTypes: ReadonlySet<string>;
  private readonly partitions: PgPartitions;

  constructor(
    private readonly pool: pg.Pool,
    /** Tells the advisory locks of stores on different schemas of one database apart. */
    private readonly lockSpace: string,
    options: { strongIdentityTypes: readonly string[] },
  ) {
    this.strongIdentityTypes = new Set(options.strongIdentityTypes);
    this.partitions = new PgPartitions(pool);
    this.group = new GroupCommit({
      commit: (batches) => this.transact(batches),
      unavailable: (error) => (isPgUnavailable(error) ? pgFailure(error) : undefined),
    });
  }


  private async transact(batches: WriteBatch[]): Promise<WriteOutcome[][]> {
    const times = batches.flatMap((b) => b.events.map((e) => e.time));
    for (let attempt = 1; ; attempt++) {
      await this.partitions.ensure(times);
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('begin');
        const outcomes = await new PgWriteTransaction(client, this.strongIdentityTypes).apply(batches, this.lockKeys(batches));
        await client.query('commit');
        return outcomes;
      } catch (error) {
        await client.query('rollback').catch(() => (broken = true));
        // A month partition this process made was dropped since (retention, here or in another collector).
        if (attempt < maxAttempts && isMissingPartition(error)) {
          this.partitions.forget();
          continue;
        }
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
}
