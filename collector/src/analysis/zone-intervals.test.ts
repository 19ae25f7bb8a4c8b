import { describe, expect, it } from 'vitest';
import { isTimeZone, zoneIntervals, zoneOffset } from './zone-intervals';

const hour = 3_600_000;

describe('zoneIntervals', () => {
  it('is one piece for a zone without DST', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2026, 11, 31);
    expect(zoneIntervals('Asia/Shanghai', from, to)).toEqual([{ from, to, offset: 8 * hour }]);
  });

  it('cuts at the exact millisecond New York changes its clocks', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2026, 11, 31);
    // 2026-03-08 02:00 EST and 2026-11-01 02:00 EDT, in UTC.
    const spring = Date.UTC(2026, 2, 8, 7);
    const autumn = Date.UTC(2026, 10, 1, 6);
    expect(zoneIntervals('America/New_York', from, to)).toEqual([
      { from, to: spring, offset: -5 * hour },
      { from: spring, to: autumn, offset: -4 * hour },
      { from: autumn, to, offset: -5 * hour },
    ]);
  });

  it.each(['Africa/Casablanca', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago'])('%s: every instant of 2020–2026 falls in a piece with its own offset', (zone) => {
    const from = Date.UTC(2020, 0, 1);
    const to = Date.UTC(2026, 11, 31);
    const pieces = zoneIntervals(zone, from, to);
    expect(pieces[0]!.from).toBe(from);
    expect(pieces.at(-1)!.to).toBe(to);
    pieces.forEach((p, i) => {
      if (i > 0) expect(p.from).toBe(pieces[i - 1]!.to);
      if (i > 0) expect(p.offset).not.toBe(pieces[i - 1]!.offset);
      for (const at of [p.from, p.to - 1, Math.floor((p.from + p.to) / 2)]) expect(zoneOffset(zone, at)).toBe(p.offset);
    });
    // Casablanca leaves +01 for Ramadan every year: pieces a month apart.
    if (zone === 'Africa/Casablanca') expect(pieces.length).toBeGreaterThanOrEqual(13);
  });

  it('keeps offsets that are not whole hours', () => {
    expect(zoneOffset('Asia/Kathmandu', Date.UTC(2026, 5, 1))).toBe(5.75 * hour);
    expect(zoneOffset('America/St_Johns', Date.UTC(2026, 0, 1))).toBe(-3.5 * hour);
  });

  it('knows real zone names only', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
