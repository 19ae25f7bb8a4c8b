import { wellFormed } from './well-formed';

/**
 * Bytes of `text` in UTF-8, without TextEncoder (missing in some mini-program runtimes). Request
 * limits (64 KB keepalive, the collector's body limit) are in bytes, and JSON lengths are in UTF-16
 * units. Each %XX escape of encodeURI is one byte: short code for the size budget, and it
 * only runs when events are written or batched, never in track(). A lone surrogate counts as the
 * U+FFFD it is sent as (3 bytes); encodeURI would throw on it.
 */
export function utf8Length(text: string): number {
  return encodeURI(wellFormed(text)).replace(/%../g, '.').length;
}
