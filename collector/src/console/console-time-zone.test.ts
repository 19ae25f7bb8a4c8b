import { describe, expect, it } from 'vitest';
import { formatTime, todayIn, zonedInstant } from './console-time-zone';

describe('console times', () => {
  it('shows an instant in the chosen zone', () => {
    const at = Date.parse('2026-12-03T08:40:05Z');
    expect(formatTime(at, 'UTC')).toBe('2026-12-03 08:40:05');
    expect(formatTime(at, 'Asia/Shanghai')).toBe('2026-12-03 16:40:05');
    expect(todayIn('America/Los_Angeles', Date.parse('2026-12-03T05:00:00Z'))).toBe('2026-12-02');
  });

  it('reads a local time in the zone, also on the day summer time starts', () => {
    expect(zonedInstant('2026-12-03T16:40', 'Asia/Shanghai')).toBe(Date.parse('2026-12-03T08:40:00Z'));
    expect(zonedInstant('2026-03-29', 'Europe/Berlin')).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(zonedInstant('2026-03-29T12:00', 'Europe/Berlin')).toBe(Date.parse('2026-03-29T10:00:00Z'));
    expect(zonedInstant('not a date', 'UTC')).toBeNaN();
  });
});
