import { v7 } from 'uuid';

const POOL = 16 * 64;

/**
 * UUIDv7 ids (time-ordered, so the collector's indexes stay local) from the platform's random bytes.
 * Random bytes are fetched 64 ids at a time: one call into the platform's crypto per 64 events keeps
 * `track()` in microseconds.
 */
export function createIdGenerator(randomBytes: (length: number) => Uint8Array, now: () => number): () => string {
  let pool: Uint8Array = new Uint8Array(0);
  let offset = POOL;
  return () => {
    if (offset >= pool.length) {
      pool = randomBytes(POOL);
      offset = 0;
    }
    const random = pool.subarray(offset, offset + 16);
    offset += 16;
    return v7({ random, msecs: now() });
  };
}
