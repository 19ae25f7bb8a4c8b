import { sql } from 'kysely';
import type { JsonDialect } from '../queries/json-dialect';

// Property ids are checked against /^[A-Za-z_]\w*$/ before they get here; the path is a bound parameter anyway.
const path = (property: string) => `$.${property}`;

/** SQLite's JSON1 functions behind the JsonDialect the analysis queries are written against. */
export const sqliteJsonDialect: JsonDialect = {
  typeOf: (column, property) =>
    sql<string>`case json_type(${sql.ref(column)}, ${path(property)}) when 'text' then 'string' when 'integer' then 'number' when 'real' then 'number' when 'true' then 'true' when 'false' then 'false' else '' end`,
  value: (column, property) => sql`json_extract(${sql.ref(column)}, ${path(property)})`,
  contains: (haystack, needle) => sql<boolean>`instr(${haystack}, ${needle}) > 0`,
};
