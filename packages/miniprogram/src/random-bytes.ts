/**
 * Random bytes for event ids. Mini-programs have no synchronous `crypto.getRandomValues`
 * (`wx.getRandomValues` answers in a callback, too late for `track`, which must return at once),
 * so Math.random fills them where crypto is missing. An id is a UUIDv7: the millisecond time plus
 * 74 of these bits, and the collector stores each uuid once, so ids only need to differ, not be secret.
 */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto;
  if (typeof crypto?.getRandomValues === 'function') return crypto.getRandomValues(bytes);
  for (let i = 0; i < length; i++) bytes[i] = (Math.random() * 256) | 0;
  return bytes;
}
