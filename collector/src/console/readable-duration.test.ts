import { expect, it } from 'vitest';
import { readableDuration } from './readable-duration';

it('writes a funnel step time the way a person reads it', () => {
  expect(readableDuration(45_000)).toBe('45s');
  expect(readableDuration(12 * 60_000)).toBe('12m');
  expect(readableDuration(3 * 3_600_000)).toBe('3h');
  expect(readableDuration(3 * 3_600_000 + 20 * 60_000)).toBe('3h 20m');
  expect(readableDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2d 4h');
});
