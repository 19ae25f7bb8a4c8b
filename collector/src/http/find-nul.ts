/**
 * Where a JSON value holds a NUL character (U+0000), in a string or a key, as a dotted path ('' for the
 * value itself); undefined when nowhere. PostgreSQL stores no NUL in text or jsonb, so both stores
 * refuse it up front with a clear error rather than one failing on it in the middle of a write.
 */
export function findNul(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const at = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], at(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('\0')) return at(visible(key));
    const found = findNul(v, at(key));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The text with each NUL shown as U+FFFD, for a message that must not carry one itself. */
export const visible = (text: string) => text.replaceAll('\0', '\uFFFD');
