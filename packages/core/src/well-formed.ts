const surrogate = /[\uD800-\uDFFF]/;
// No lookbehind: older mini-program engines (iOS before 16.4) refuse it as a syntax error.
const pairOrLone = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

/**
 * `value` with every lone surrogate in its strings and keys replaced by U+FFFD, as
 * `String.prototype.toWellFormed` would (missing in older browsers and mini-program hosts).
 * JSON.stringify writes a lone surrogate as `\udXXX`, which a strict JSON store (PostgreSQL jsonb)
 * refuses: one such string would fail its whole batch.
 */
export function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return (surrogate.test(value) ? value.replace(pairOrLone, (m) => (m.length > 1 ? m : '\uFFFD')) : value) as T;
  if (typeof value !== 'object' || !value) return value;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[wellFormed(key)] = wellFormed(value[key]);
  return copy as T;
}
