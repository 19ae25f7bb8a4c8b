import type { DefinitionImportProblem } from '@eventline/protocol';

/**
 * A failed import lists this many problems, the first by row, and counts the rest: a file of
 * thousands of bad rows answered 87 MB of JSON (73 MB of console HTML) and held the event loop for
 * seconds, while the first screenful is what anyone fixes first.
 */
export const maxListedProblems = 100;

/** A value quoted in a problem's message is cut to this many characters: a cell may be megabytes. */
const maxQuotedChars = 64;

export interface ListedProblems {
  /** The first `maxListedProblems`, by row. */
  problems: DefinitionImportProblem[];
  /** All of them. */
  problemCount: number;
  /** Rows with at least one problem. */
  rowCount: number;
}

export function listProblems(all: readonly DefinitionImportProblem[]): ListedProblems {
  const sorted = [...all].sort((a, b) => a.row - b.row);
  return { problems: sorted.slice(0, maxListedProblems), problemCount: sorted.length, rowCount: new Set(sorted.map((p) => p.row)).size };
}

/** A cell's value as a message quotes it: at most maxQuotedChars characters. */
export function quoted(value: string): string {
  return `"${value.length > maxQuotedChars ? `${value.slice(0, maxQuotedChars)}…` : value}"`;
}
