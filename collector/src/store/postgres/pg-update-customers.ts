import type pg from 'pg';
import { CustomerMovedError } from './customer-moved-error';
import type { RecordedRow } from './pg-recorded-row';

/** One update per customer: the sums of its new events, and the first stage of the highest rank among them. */
export async function updateCustomers(client: pg.PoolClient, rows: RecordedRow[]): Promise<void> {
  const totals = new Map<string, { score: number; count: number; first: number; last: number; rank: number; stage: string | null }>();
  for (const { event: e, customerId } of rows) {
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
  const result = await client.query(
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
