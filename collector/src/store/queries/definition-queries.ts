import type { EventDefinition, EventType, PropertyDefinition } from '@eventline/protocol';
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../schema';
import type { DefinitionStore, StoredDefinition } from '../definition-store';

const toDefinition = (row: Selectable<Database['definitions']>): StoredDefinition => ({
  id: row.id,
  name: row.name,
  type: row.type as EventType,
  score: row.score,
  stage: row.stage,
  group: row.group_id,
  properties: JSON.parse(row.properties) as PropertyDefinition[],
  system: row.system === 1,
  defaultScore: row.default_score,
  defaultStage: row.default_stage,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toRow = (d: EventDefinition, now: number): Insertable<Database['definitions']> => ({
  id: d.id,
  name: d.name,
  type: d.type,
  score: d.score,
  stage: d.stage,
  group_id: d.group,
  properties: JSON.stringify(d.properties),
  system: d.system ? 1 : 0,
  default_score: d.system ? d.score : null,
  default_stage: d.system ? d.stage : null,
  created_at: now,
  updated_at: now,
  deleted_at: null,
});

/** A LIKE pattern matching `text` anywhere, literally: `_` is in nearly every id and must not be a wildcard. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

// Every write below is one statement: on SQLite every request of the thread shares this connection, so
// a Kysely transaction held open across awaits could take another request's statements into it.
export function definitionQueries(db: Kysely<Database>): DefinitionStore {
  return {
    async list(filter = {}) {
      let q = db.selectFrom('definitions').selectAll().where('deleted_at', 'is', null);
      if (filter.q) {
        const pattern = containsPattern(filter.q);
        q = q.where(sql<boolean>`(lower(name) like ${pattern} escape '\\' or lower(id) like ${pattern} escape '\\')`);
      }
      if (filter.group !== undefined) q = filter.group === null ? q.where('group_id', 'is', null) : q.where('group_id', '=', filter.group);
      if (filter.type) q = q.where('type', '=', filter.type);
      if (filter.system !== undefined) q = q.where('system', '=', filter.system ? 1 : 0);
      const rows = await q.orderBy('system', 'desc').orderBy('id').execute();
      return rows.map(toDefinition);
    },
    async get(id) {
      const row = await db.selectFrom('definitions').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      return row && toDefinition(row);
    },
    async getDeleted(id) {
      const row = await db.selectFrom('definitions').selectAll().where('id', '=', id).where('deleted_at', 'is not', null).executeTakeFirst();
      return row && toDefinition(row);
    },
    async seedSystem(definitions) {
      const now = Date.now();
      for (const d of definitions) {
        await db
          .insertInto('definitions')
          .values(toRow({ ...d, system: true }, now))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    },
    async create(...definitions) {
      if (definitions.length === 0) return;
      const now = Date.now();
      const result = await db
        .insertInto('definitions')
        .values(definitions.map((d) => toRow(d, now)))
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              type: eb.ref('excluded.type'),
              score: eb.ref('excluded.score'),
              stage: eb.ref('excluded.stage'),
              group_id: eb.ref('excluded.group_id'),
              properties: eb.ref('excluded.properties'),
              created_at: eb.ref('excluded.created_at'),
              updated_at: eb.ref('excluded.updated_at'),
              deleted_at: null,
            }))
            .where('definitions.deleted_at', 'is not', null),
        )
        .executeTakeFirst();
      // A live definition with one of these ids is left as it was; the caller checked, so only a race gets here.
      if (Number(result.numInsertedOrUpdatedRows ?? definitions.length) < definitions.length) {
        throw new Error('a definition with one of these ids was created meanwhile');
      }
    },
    async update(id, changes) {
      await db
        .updateTable('definitions')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.score !== undefined && { score: changes.score }),
          ...(changes.stage !== undefined && { stage: changes.stage }),
          ...(changes.group !== undefined && { group_id: changes.group }),
          ...(changes.properties !== undefined && { properties: JSON.stringify(changes.properties) }),
          updated_at: Date.now(),
        })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .execute();
    },
    async delete(id) {
      const now = Date.now();
      const result = await db
        .updateTable('definitions')
        .set({ deleted_at: now, updated_at: now, group_id: null })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async restoreDefaults() {
      const result = await db
        .updateTable('definitions')
        .set((eb) => ({ score: eb.ref('default_score'), stage: eb.ref('default_stage'), updated_at: Date.now() }))
        .where('system', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async setGroup(ids, group) {
      if (ids.length === 0) return 0;
      const result = await db
        .updateTable('definitions')
        .set({ group_id: group, updated_at: Date.now() })
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
