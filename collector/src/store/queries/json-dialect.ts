import type { RawBuilder } from 'kysely';

/** How an engine reads one property out of a JSON text column: the one thing engines spell differently. */
export interface JsonDialect {
  /** The property's JSON type as 'string', 'number', 'true', 'false', or '' (missing or other); never NULL. */
  typeOf(column: string, property: string): RawBuilder<string>;
  /**
   * The property's value as SQL compares it with a bound `kind` value: an engine whose JSON values are
   * typed (PostgreSQL) must cast, and never cast a value of another type (NULL then).
   */
  value(column: string, property: string, kind: 'string' | 'number'): RawBuilder<unknown>;
  /** True when the text `haystack` contains `needle`, case-sensitive. */
  contains(haystack: RawBuilder<unknown>, needle: string): RawBuilder<boolean>;
}
