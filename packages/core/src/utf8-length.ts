/**
 * Bytes of `text` in UTF-8, without TextEncoder (missing in some mini-program runtimes). Request
 * limits (64 KB keepalive, the collector's body limit) are in bytes, and JSON lengths are in UTF-16
 * units. Each %XX escape of encodeURIComponent is one byte: short code for the size budget, and it
 * only runs when events are written or batched, never in track(). Lone surrogates count 3 bytes.
 */
export function utf8Length(text: string): number {
  return encodeURI(text.replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, (s) => (s[1] ? '\u{10000}' : '\ufffd'))).replace(/%../g, '.').length;
}
