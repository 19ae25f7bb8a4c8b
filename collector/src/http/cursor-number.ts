/**
 * Whether a number inside a cursor is one the collector could have written: digits that JavaScript
 * holds exactly. PostgreSQL refuses a bigint past 2^63 (a 500 if it reached the query); SQLite would
 * compare a rounded float and skip rows; so a number past 2^53 is an edited cursor, not a position.
 */
export function isCursorNumber(text: string): boolean {
  return /^-?\d{1,16}$/.test(text) && Number.isSafeInteger(Number(text));
}
