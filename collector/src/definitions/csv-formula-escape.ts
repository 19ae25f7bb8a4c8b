/**
 * A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(…)`, `@SUM(…)`,
 * or a tab / carriage return that some importers strip before one). A quote is listed too, so a name
 * that really starts with a quote survives the round trip.
 */
const dangerous = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);

// A negative score is a number, not a formula, and stays one in the file.
const plainNumber = /^-?\d+(\.\d+)?$/;

/** OWASP's CSV-injection defence: a leading single quote, which Excel and LibreOffice show as text and hide. */
export function escapeCsvFormula(cell: string): string {
  return cell !== '' && dangerous.has(cell[0]!) && !plainNumber.test(cell) ? `'${cell}` : cell;
}

/** The inverse, for an import: removes the quote escapeCsvFormula added, and nothing else. */
export function unescapeCsvFormula(cell: string): string {
  return cell.length >= 2 && cell[0] === "'" && dangerous.has(cell[1]!) ? cell.slice(1) : cell;
}
