/**
 * Half of a UTF-16 surrogate pair without its other half: what slicing a string through an emoji makes
 * ("Sale 🎉".slice(0, 6)). UTF-8 cannot encode it; PostgreSQL refuses it (the whole transaction
 * failed), SQLite kept it as is. So both stores refuse it alike, before the write.
 */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');
/** JSON.stringify writes a lone surrogate as an escape (\ud83d), never as itself. */
const escapedSurrogate = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

export const hasLoneSurrogate = (text: string) => loneSurrogate.test(text);

/** The text with each lone surrogate replaced by U+FFFD, as a UTF-8 decoder would. */
export const withoutLoneSurrogates = (text: string) => text.replace(loneSurrogates, '\uFFFD');

/** Whether JSON text written by JSON.stringify may hold a lone surrogate; false means surely not. */
export const mayHoldLoneSurrogate = (json: string) => escapedSurrogate.test(json);

/** Where a JSON value holds a lone surrogate, in a string or a key, as a dotted path; undefined when nowhere. */
export function findLoneSurrogate(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const at = (key: string | number) => (path === '' ? String(key) : `${path}.${key}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findLoneSurrogate(value[i], at(i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [key, v] of Object.entries(value)) {
    if (hasLoneSurrogate(key)) return at(key);
    const found = findLoneSurrogate(v, at(key));
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * JSON text of a value that every store can keep: lone surrogates in its strings and keys become U+FFFD
 * (JSON.stringify would write them as \ud83d escapes, which PostgreSQL's json refuses).
 */
export function storableJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  if (!mayHoldLoneSurrogate(text)) return text;
  return JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (typeof v === 'string') return withoutLoneSurrogates(v);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    // Keys too; defined as own properties so that a "__proto__" key is kept as data.
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) Object.defineProperty(out, withoutLoneSurrogates(k), { value: inner, enumerable: true, writable: true, configurable: true });
    return out;
  });
}
