/** A named band of activeness: from `min` (inclusive) up to the next level's `min` (exclusive). */
export interface ActivenessLevel {
  name: string;
  /** null for the lowest level, which has no floor (activeness may be negative). */
  min: number | null;
}

/** The default bands: low < 10 ≤ medium < 50 ≤ high. */
export const defaultActivenessLevels = 'low,medium:10,high:50';

/**
 * Reads levels written lowest first as `name[:min]`, e.g. `low,medium:10,high:50`. The lowest level has no
 * floor (it holds everything below the next); the other floors must rise. Answers an error message instead of throwing, for config.
 */
export function parseActivenessLevels(text: string): ActivenessLevel[] | string {
  const levels: ActivenessLevel[] = [];
  for (const [i, part] of text.split(',').entries()) {
    const [rawName = '', rawMin, ...rest] = part.split(':').map((s) => s.trim());
    if (!/^[a-z][a-z0-9_-]*$/.test(rawName) || rest.length > 0) return `"${part.trim()}" is not name or name:min (lower-case name)`;
    if (levels.some((l) => l.name === rawName)) return `the level "${rawName}" is named twice`;
    if (i === 0) {
      if (rawMin !== undefined) return `the lowest level "${rawName}" takes no minimum: it holds everything below the next one`;
      levels.push({ name: rawName, min: null });
      continue;
    }
    if (rawMin === undefined) return `the level "${rawName}" needs a minimum (name:min)`;
    const min = Number(rawMin);
    if (rawMin === '' || !Number.isInteger(min)) return `the minimum of "${rawName}" must be an integer`;
    const previous = levels[levels.length - 1]?.min;
    if (previous != null && min <= previous) return `the minimums must rise: "${rawName}" (${min}) is not above ${previous}`;
    levels.push({ name: rawName, min });
  }
  return levels;
}

/** The level an activeness falls in. */
export function activenessLevel(activeness: number, levels: readonly ActivenessLevel[]): string {
  let name = levels[0]!.name;
  for (const level of levels) if (level.min !== null && activeness >= level.min) name = level.name;
  return name;
}

/** The activeness range `[min, max)` of a level by name (null bound = open); undefined for an unknown name. */
export function activenessRange(name: string, levels: readonly ActivenessLevel[]): { min: number | null; max: number | null } | undefined {
  const i = levels.findIndex((l) => l.name === name);
  if (i < 0) return undefined;
  return { min: levels[i]!.min, max: levels[i + 1]?.min ?? null };
}
