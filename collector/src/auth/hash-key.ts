import { createHash } from 'node:crypto';

/**
 * Keys are long random strings, so a fast hash is enough to keep them unreadable at rest; lookup by
 * hash also means no key is ever compared character by character.
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
