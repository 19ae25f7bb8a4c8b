const POOL = 16 * 64;

/**
 * UUIDv7 ids (RFC 9562: 48-bit Unix milliseconds, version 7, variant 10, 74 random bits), time-ordered
 * so the collector's indexes stay local. Written here rather than taken from the `uuid` package
 * (which the tests use to check these ids): its v7 costs ~600 bytes gzip of the 5 KB script-tag budget.
 * Random bytes come from the platform, 64 ids at a time: one call into its crypto per 64 events keeps
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
    // 12 hex digits of milliseconds, then 10 random bytes with the version and variant bits set.
    let id = now().toString(16).padStart(12, '0');
    for (let i = 6; i < 16; i++) {
      const byte = pool[offset + i]!;
      // | 0x100 then slice: two hex digits, without a lookup table's bytes in the bundle.
      id += ((i === 6 ? 0x70 | (byte & 0x0f) : i === 8 ? 0x80 | (byte & 0x3f) : byte) | 0x100).toString(16).slice(1);
    }
    offset += 16;
    return id.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  };
}
