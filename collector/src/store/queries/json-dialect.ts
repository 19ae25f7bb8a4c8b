import type { RawBuilder } from 'kysely';

/** How an engine reads one property out of a JSON text column: the one thing engines spell differently. */
export interface JsonDialect {
  /** The property's JSON type as 'string', 'number', 'true', 'false', or '' (missing or other); never NULL. */
  typeOf(column: string, property: string): RawBuilder<string>;
  /** The property's value as SQL compares it (text or number). */
  value(column: string, property: string): RawBuilder<unknown>;
  /** True when the text `haystack` contains `needle`, case-sensitive. */
  contains(haystack: RawBuilder<unknown>, needle: string): RawBuilder<boolean>;
}
