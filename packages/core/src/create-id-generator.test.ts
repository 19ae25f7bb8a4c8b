import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './create-id-generator';

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

describe('createIdGenerator', () => {
  it('makes valid UUIDv7 ids, as the uuid package reads them', () => {
    const next = createIdGenerator(random, () => Date.now());
    for (let i = 0; i < 200; i++) {
      const id = next();
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(id[19]).toMatch(/[89ab]/);
    }
  });

  it('puts the time first, so ids from later milliseconds sort after', () => {
    let ms = Date.parse('2025-06-01T12:00:00.000Z');
    const next = createIdGenerator(random, () => ms);
    const first = next();
    expect(parseInt(first.slice(0, 8) + first.slice(9, 13), 16)).toBe(ms);
    ms += 1;
    const second = next();
    expect(second > first).toBe(true);
  });

  it('never repeats, and asks the platform for random bytes once per 64 ids', () => {
    let calls = 0;
    const next = createIdGenerator((n) => (calls++, random(n)), () => 0);
    const ids = new Set(Array.from({ length: 6400 }, next));
    expect(ids.size).toBe(6400);
    expect(calls).toBe(100);
  });
});
