import { ConfigError, loadConfig, type Config } from '../config';
import type { CliIo } from './cli-io';

/** The collector's configuration for a command; undefined, with the reason on stderr, when it is invalid. */
export function loadCliConfig(io: CliIo): Config | undefined {
  try {
    return loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`eventline: ${error.message}\n`);
    return undefined;
  }
}

/** The SQLite file of a command that works on one; undefined, said on stderr, when the store is PostgreSQL. */
export function sqliteDatabaseOf(io: CliIo, command: string, postgresTool: string): string | undefined {
  const config = loadCliConfig(io);
  if (!config) return undefined;
  if (config.databaseUrl) {
    io.stderr(`eventline ${command}: the store is PostgreSQL; use ${postgresTool} instead (docs/operations.md)\n`);
    return undefined;
  }
  return config.dbPath;
}
