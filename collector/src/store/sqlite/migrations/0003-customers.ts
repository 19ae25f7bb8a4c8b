import { sql, type Kysely, type Migration } from 'kysely';

export const customers: Migration = {
  async up(db: Kysely<unknown>) {
    // A merge repoints the customers already merged into the loser, so a merged id is one hop from its survivor.
    await db.schema.createIndex('customers_merged_into').on('customers').column('merged_into').where(sql.ref('merged_into'), 'is not', null).execute();
    // Customers by activeness level, most active first, paged on (activeness, id).
    await db.schema.createIndex('customers_activeness').on('customers').columns(['activeness', 'id']).where(sql.ref('merged_into'), 'is', null).execute();
  },
};
