import { sql, type Kysely } from 'kysely';
import type { FunnelPath, FunnelQuery } from '../analysis-store';
import type { Database } from '../schema';
import type { JsonDialect } from './json-dialect';
import { propertyConditionsSql } from './property-condition-sql';

/**
 * Each customer's path through the steps: the first step is their earliest one in [from, to); each
 * next step is the earliest after the previous step (strictly after when it is the same event) and no
 * later than the first step + window. One materialized CTE per step, so each step is one seek per
 * customer on (customer_id, event, time) rather than the engine inlining and repeating the subqueries
 * (SQLite does; PostgreSQL 12+ takes the same MATERIALIZED keyword). A step's event must meet both the
 * query's `where` and the step's own conditions.
 */
export async function funnelQuery(db: Kysely<Database>, json: JsonDialect, q: FunnelQuery): Promise<FunnelPath[]> {
  const props = (k: number) => propertyConditionsSql(json, 'e.properties', [...q.where, ...q.steps[k]!.where]);
  const event = (k: number) => q.steps[k]!.event;
  const s = (k: number) => sql.raw(`s${k}`);
  const t = (k: number) => sql.raw(`t${k}`);
  const ctes = [
    sql`s0 as materialized (select e.customer_id, min(e.time) as t0 from events e
      where e.event = ${event(0)} and e.time >= ${q.from} and e.time < ${q.to} and ${props(0)} group by e.customer_id)`,
  ];
  for (let k = 1; k < q.steps.length; k++) {
    const previous = sql`${s(k - 1)}.${t(k - 1)}`;
    const after = event(k) === event(k - 1) ? sql`e.time > ${previous}` : sql`e.time >= ${previous}`;
    const kept = sql.join(Array.from({ length: k }, (_, j) => t(j)));
    ctes.push(sql`${s(k)} as materialized (select customer_id, ${kept},
      (select min(e.time) from events e where e.customer_id = ${s(k - 1)}.customer_id and e.event = ${event(k)}
        and ${after} and e.time <= ${s(k - 1)}.t0 + ${q.window} and ${props(k)}) as ${t(k)}
      from ${s(k - 1)})`);
  }
  const last = q.steps.length - 1;
  const columns = sql.join(Array.from({ length: q.steps.length }, (_, j) => t(j)));
  const { rows } = await sql<Record<string, number | null>>`with ${sql.join(ctes)} select ${columns} from ${s(last)}`.execute(db);
  return rows.map((r) => {
    const path: number[] = [];
    for (let k = 0; k < q.steps.length && r[`t${k}`] != null; k++) path.push(Number(r[`t${k}`]));
    return path;
  });
}
