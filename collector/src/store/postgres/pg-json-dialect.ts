import { sql } from 'kysely';
import type { JsonDialect } from '../queries/json-dialect';

// Property ids are checked against /^[A-Za-z_]\w*$/ before they get here; bound as parameters anyway.
const field = (column: string, property: string) => sql`(${sql.ref(column)} -> ${property}::text)`;

/** PostgreSQL's jsonb operators behind the JsonDialect the analysis queries are written against. */
export const pgJsonDialect: JsonDialect = {
  typeOf: (column, property) => {
    const f = field(column, property);
    return sql<string>`coalesce(case jsonb_typeof(${f}) when 'string' then 'string' when 'number' then 'number' when 'boolean' then ${f}::text end, '')`;
  },
  // A CASE, not `type = … and cast`: SQL does not promise to evaluate the type test first, and a
  // string cast to numeric would fail the whole query. Strings compare byte-wise, as on SQLite.
  value: (column, property, kind) =>
    kind === 'number'
      ? sql`(case when jsonb_typeof(${field(column, property)}) = 'number' then (${sql.ref(column)} ->> ${property}::text)::numeric end)`
      : sql`((${sql.ref(column)} ->> ${property}::text) collate "C")`,
  contains: (haystack, needle) => sql<boolean>`strpos(${haystack}, ${needle}::text) > 0`,
};
