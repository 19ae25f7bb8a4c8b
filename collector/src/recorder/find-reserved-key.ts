/**
 * Where a JSON value has a "__proto__" key, as a dotted path under `path`; undefined when nowhere.
 * JSON.parse keeps it as an own key, but any JavaScript that copies the event later ({...x},
 * Object.assign, a zod record) loses it without a word: so it is refused, not stored.
 */
export function findReservedKey(value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findReservedKey(value[i], `${path}.${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key === '__proto__') return `${path}.${key}`;
    const found = findReservedKey(v, `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
