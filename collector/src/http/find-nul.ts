/**
 * Where a JSON value holds a NUL character (U+0000), in a string or a key, as a dotted path ('' for the
 * value itself); undefined when nowhere. PostgreSQL stores no NUL in text or jsonb, so both stores
 * refuse it up front with a clear error rather than one failing on it in the middle of a write.
 */
export function findNul(root: unknown): string | undefined {
  // A walk with its own stack, not recursion: a JSON body may nest far deeper than the call stack
  // goes (5,000 levels of [ overflowed it, a 500 on any JSON route).
  // An entry is a value to look into, or (found) the path of a key that holds a NUL.
  const stack: ({ value: unknown; path: string } | { found: string })[] = [{ value: root, path: '' }];
  const at = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  while (stack.length > 0) {
    const next = stack.pop()!;
    if ('found' in next) return next.found;
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes('\0')) return path;
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    // Last first, so that they come off the stack in document order: each key before its value.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, v] = entries[i]!;
      stack.push({ value: v, path: at(path, key) });
      if (typeof key === 'string' && key.includes('\0')) stack.push({ found: at(path, visible(key)) });
    }
  }
  return undefined;
}

/** The text with each NUL shown as U+FFFD, for a message that must not carry one itself. */
export const visible = (text: string) => text.replaceAll('\0', '\uFFFD');
