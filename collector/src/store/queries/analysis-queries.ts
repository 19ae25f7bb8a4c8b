import { sql, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { CustomerCondition } from '../query-model/customer-condition';
import type { AnalysisStore } from '../analysis-store';
import type { Database } from '../schema';
import type { JsonDialect } from './json-dialect';
import { propertyConditionsSql } from './property-condition-sql';

type CustomersEb = ExpressionBuilder<Database & { c: Database['customers'] }, 'c'>;

/**
 * The customer filter and has-event judgement, for any engine with a JsonDialect. Each event or tag
 * condition becomes one uncorrelated `c.id in (select customer_id …)`, which the engine evaluates
 * once from the (event, time, customer_id) index instead of once per customer.
 */
export function analysisQueries(db: Kysely<Database>, json: JsonDialect): Omit<AnalysisStore, 'distribution' | 'funnel'> {
  // `customers` selects customer_id from events or from event_tags.
  function countedIn(eb: CustomersEb, customers: SelectQueryBuilder<any, any, { customer_id: string }>, c: { atLeast: number; atMost: number | null }): Expression<SqlBool> {
    if (c.atLeast === 0) {
      // Zero times counts, so the customers that did it more than atMost are the ones left out.
      if (c.atMost === null) return sql<SqlBool>`1 = 1`;
      return eb('c.id', 'not in', customers.groupBy('customer_id').having(sql`count(*)`, '>', c.atMost));
    }
    if (c.atLeast === 1 && c.atMost === null) return eb('c.id', 'in', customers);
    let counted = customers.groupBy('customer_id').having(sql`count(*)`, '>=', c.atLeast);
    if (c.atMost !== null) counted = counted.having(sql`count(*)`, '<=', c.atMost);
    return eb('c.id', 'in', counted);
  }

  function eventCustomers(c: Extract<CustomerCondition, { kind: 'did' }>) {
    let q = db.selectFrom('events').select('events.customer_id').where('events.event', '=', c.event);
    if (c.from !== null) q = q.where('events.time', '>=', c.from);
    if (c.to !== null) q = q.where('events.time', '<', c.to);
    if (c.where.length > 0) q = q.where(propertyConditionsSql(json, 'events.properties', c.where));
    return q;
  }

  function taggedCustomers(c: Extract<CustomerCondition, { kind: 'tagged' }>) {
    let q = db.selectFrom('event_tags').select('event_tags.customer_id').where('event_tags.tag', '=', c.tag);
    if (c.from !== null) q = q.where('event_tags.time', '>=', c.from);
    if (c.to !== null) q = q.where('event_tags.time', '<', c.to);
    return q;
  }

  function holds(eb: CustomersEb, c: CustomerCondition): Expression<SqlBool> {
    switch (c.kind) {
      case 'all':
        return eb.and(c.of.map((x) => holds(eb, x)));
      case 'any':
        return eb.or(c.of.map((x) => holds(eb, x)));
      case 'not':
        return eb.not(holds(eb, c.of));
      case 'did':
        return countedIn(eb, eventCustomers(c), c);
      case 'tagged':
        return countedIn(eb, taggedCustomers(c), c);
      case 'stage':
        return eb('c.stage', 'in', c.stages);
      case 'activeness':
        return eb.and([...(c.min === null ? [] : [eb('c.activeness', '>=', c.min)]), ...(c.max === null ? [] : [eb('c.activeness', '<', c.max)])]);
    }
  }

  return {
    async liveCustomerId(id) {
      const row = await db.selectFrom('customers').select(['id', 'merged_into']).where('id', '=', id).executeTakeFirst();
      // A merge repoints earlier merges to the survivor, so one hop always reaches a live customer.
      return row && (row.merged_into ?? row.id);
    },

    async filterCustomers(condition, { limit, cursor }) {
      // The match set is built once, materialized, for both the count and the page; only the page
      // leaves the database. Left-joining the page to the count keeps one row when the page is empty.
      const rows = await db
        .with(
          (cte) => cte('matched').materialized(),
          (q) => q.selectFrom('customers as c').select('c.id').where('c.merged_into', 'is', null).where((eb) => holds(eb, condition)),
        )
        .with('page', (q) => {
          let page = q.selectFrom('matched').select('matched.id');
          if (cursor !== undefined) page = page.where('matched.id', '>', cursor);
          return page.orderBy('matched.id').limit(limit + 1);
        })
        .selectFrom((q) => q.selectFrom('matched').select((eb) => eb.fn.countAll<number>().as('total')).as('counted'))
        .leftJoin('page', (join) => join.onTrue())
        .leftJoin('customers as p', 'p.id', 'page.id')
        .select(['counted.total', 'p.id', 'p.activeness', 'p.stage', 'p.first_seen', 'p.last_seen', 'p.event_count'])
        .orderBy('p.id')
        .execute();
      const found = rows.filter((r) => r.id !== null);
      const items = found.slice(0, limit).map((r) => ({
        id: r.id!,
        activeness: r.activeness!,
        stage: r.stage ?? null,
        firstSeen: r.first_seen!,
        lastSeen: r.last_seen!,
        eventCount: r.event_count!,
      }));
      return {
        count: Number(rows[0]!.total),
        items,
        nextCursor: found.length > limit ? items[items.length - 1]!.id : null,
      };
    },

    async lastEvent(id, { event, from, to, where }) {
      const row = await db
        .selectFrom('customers as c')
        .select((eb) => {
          // A merge repoints earlier merges to the survivor, so one hop always reaches a live customer.
          const live = eb.fn.coalesce('c.merged_into', 'c.id');
          let last = eb.selectFrom('events').select((e) => e.fn.max('events.time').as('time')).where('events.customer_id', '=', live).where('events.event', '=', event);
          if (from !== null) last = last.where('events.time', '>=', from);
          if (to !== null) last = last.where('events.time', '<', to);
          if (where.length > 0) last = last.where(propertyConditionsSql(json, 'events.properties', where));
          return [live.as('customerId'), last.as('last')];
        })
        .where('c.id', '=', id)
        .executeTakeFirst();
      return row && { customerId: row.customerId, last: row.last ?? null };
    },
  };
}
