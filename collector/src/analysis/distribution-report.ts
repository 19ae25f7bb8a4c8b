import type { BucketBy } from '../store/analysis-store';
import { zoneOffset } from './zone-intervals';

export interface DistributionBucket {
  /** Hour of day 0–23; weekday 'mon'…'sun'; or the local date YYYY-MM-DD. */
  key: number | string;
  count: number;
}

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const dayMs = 86_400_000;

/**
 * Every bucket of the range, empty ones included, in order (weeks start on Monday): the store answers
 * only buckets that have events, keyed hour, weekday (0 = Sunday) or local days since 1970-01-01.
 */
export function distributionBuckets(counts: Map<number, number>, by: BucketBy, range: { from: number; to: number; timeZone: string }): DistributionBucket[] {
  if (by === 'hour') return Array.from({ length: 24 }, (_, h) => ({ key: h, count: counts.get(h) ?? 0 }));
  if (by === 'weekday') return [1, 2, 3, 4, 5, 6, 0].map((d) => ({ key: weekdays[d]!, count: counts.get(d) ?? 0 }));
  const localDay = (t: number) => Math.floor((t + zoneOffset(range.timeZone, t)) / dayMs);
  const buckets: DistributionBucket[] = [];
  for (let day = localDay(range.from), last = localDay(range.to - 1); day <= last; day++) {
    buckets.push({ key: new Date(day * dayMs).toISOString().slice(0, 10), count: counts.get(day) ?? 0 });
  }
  return buckets;
}
