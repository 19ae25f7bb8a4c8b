import type { EventType, PropertyDefinition } from '@eventline/protocol';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema';
import type { DefinitionStore, StoredDefinition } from '../store';

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

export function definitionQueries(db: Kysely<Database>): DefinitionStore {
  return {
    async list() {
      const rows = await db.selectFrom('definitions').selectAll().where('deleted_at', 'is', null).orderBy('system', 'desc').orderBy('id').execute();
      return rows.map(toDefinition);
    },
    async get(id) {
      const row = await db.selectFrom('definitions').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      return row && toDefinition(row);
    },
    async seedSystem(definitions) {
      const now = Date.now();
      for (const d of definitions) {
        await db
          .insertInto('definitions')
          .values({
            id: d.id,
            name: d.name,
            type: d.type,
            score: d.score,
            stage: d.stage,
            group_id: d.group,
            properties: JSON.stringify(d.properties),
            system: 1,
            default_score: d.score,
            default_stage: d.stage,
            created_at: now,
            updated_at: now,
            deleted_at: null,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    },
    async create(d) {
      const now = Date.now();
      await db
        .insertInto('definitions')
        .values({
          id: d.id,
          name: d.name,
          type: d.type,
          score: d.score,
          stage: d.stage,
          group_id: d.group,
          properties: JSON.stringify(d.properties),
          system: d.system ? 1 : 0,
          default_score: null,
          default_stage: null,
          created_at: now,
          updated_at: now,
          deleted_at: null,
        })
        .execute();
    },
  };
}
