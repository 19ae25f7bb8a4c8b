import { sql } from 'kysely';

/** Text compared byte-wise, as on SQLite, whatever the database's locale: see ../migrations.ts. */
export const text = sql`text collate "C"`;
