import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import { groupBy } from './group-by';

/** The tags of these events by event, each in tag order; an event without tags is absent. Callers keep `uuids` to one page or chunk. */
export async function eventTags(db: Kysely<Database>, uuids: readonly string[]): Promise<Map<string, string[]>> {
  if (uuids.length === 0) return new Map();
  const rows = await db.selectFrom('event_tags').select(['event_uuid', 'tag']).where('event_uuid', 'in', uuids).orderBy('tag').execute();
  return groupBy(rows, (r) => r.event_uuid, (r) => r.tag);
}
