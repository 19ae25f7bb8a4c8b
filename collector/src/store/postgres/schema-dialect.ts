import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  type Kysely,
  type PostgresDialectConfig,
  type TableMetadata,
} from 'kysely';

/**
 * PostgreSQL as Kysely speaks it, but looking at one schema when it looks at the catalog. Kysely's
 * migrator finds its own tables through the dialect's introspector, whose stock version lists every
 * column of every table of the database and calls functions on each (privileges, serial sequences):
 * a schema another collector, or test, drops or migrates at that moment fails the listing ("schema …
 * does not exist", "relation … does not exist"). Table names of one schema, read from the catalog by
 * a plain join, cannot meet anyone else's.
 */
export class SchemaDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly schema: string,
  ) {
    super(config);
  }

  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    const schema = this.schema;
    const internal = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);
    const getTables = async (options?: DatabaseMetadataOptions): Promise<TableMetadata[]> => {
      const { rows } = await sql<{ name: string; kind: string }>`
        select c.relname as name, c.relkind as kind from pg_catalog.pg_class c
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('r', 'p', 'v')
        order by c.relname`.execute(db);
      // Names only: the migrator asks whether its tables exist, nothing more.
      return rows.filter((row) => options?.withInternalKyselyTables || !internal.has(row.name)).map((row) => ({ name: row.name, schema, isView: row.kind === 'v', columns: [] }));
    };
    return {
      async getSchemas() {
        const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
        return rows;
      },
      getTables,
      getMetadata: async (options) => ({ tables: await getTables(options) }),
    };
  }
}
