import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { BucketBy, EventScope } from '../analysis-store';
import type { ZoneInterval } from '../query-model/zone-interval';
import type { Database } from '../schema';
import type { JsonDialect } from './json-dialect';
import { propertyConditionsSql } from './property-condition-sql';

const hourMs = 3_600_000;
const dayMs = 86_400_000;

/**
 * Counts per local-time bucket in one scan of the (event, time) index. SQLite has no time zones (the
 * same SQL then serves PostgreSQL): the caller cuts the range where the zone's offset changes, and
 * each event's time is shifted by the offset of the piece it falls in (a CASE on time) before integer
 * division makes the bucket.
 * 1970-01-01 was a Thursday, hence the +4 for weekdays (0 = Sunday).
 */
export async function distributionQuery(db: Kysely<Database>, json: JsonDialect, scope: EventScope, by: BucketBy, intervals: ZoneInterval[]): Promise<Map<number, number>> {
  if (intervals.length === 0) return new Map();
  const time = sql.ref('events.time');
  // Inlined, not bound: better-sqlite3 binds JS numbers as REAL, and the bucket needs integer division.
  const int = (n: number) => sql.lit(Math.trunc(n));
  const offset: RawBuilder<number> =
    intervals.length === 1
      ? int(intervals[0]!.offset)
      : sql`case ${sql.join(
          intervals.slice(0, -1).map((i) => sql`when ${time} < ${int(i.to)} then ${int(i.offset)}`),
          sql` `,
        )} else ${int(intervals[intervals.length - 1]!.offset)} end`;
  const local = sql`(${time} + ${offset})`;
  const bucket =
    by === 'hour' ? sql<number>`(${local} / ${int(hourMs)}) % 24` : by === 'weekday' ? sql<number>`(${local} / ${int(dayMs)} + 4) % 7` : sql<number>`${local} / ${int(dayMs)}`;
  let q = db
    .selectFrom('events')
    .select([bucket.as('bucket'), sql<number>`count(*)`.as('count')])
    .where('events.event', '=', scope.event)
    .where('events.time', '>=', scope.from)
    .where('events.time', '<', scope.to)
    .groupBy('bucket');
  if (scope.where.length > 0) q = q.where(propertyConditionsSql(json, 'events.properties', scope.where));
  const rows = await q.execute();
  return new Map(rows.map((r) => [Number(r.bucket), Number(r.count)]));
}
