import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's request signature: SHA-1 (hex) of its parts sorted as strings and joined. The URL check
 * and plaintext pushes sign (token, timestamp, nonce); safe mode adds the Encrypt text (msg_signature).
 */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Compares in constant time, so a wrong guess does not tell how much of it was right. */
export function signatureMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given.toLowerCase());
  return a.length === b.length && timingSafeEqual(a, b);
}
