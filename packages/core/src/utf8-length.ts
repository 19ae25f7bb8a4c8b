/**
 * Bytes of `text` in UTF-8, without TextEncoder (missing in some mini-program runtimes). Request
 * limits (64 KB keepalive, the collector's body limit) are in bytes, and JSON lengths are in UTF-16 units.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair is 2 units and 4 bytes: count 2 for it here and skip the low half.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}
