import type { PropertyCondition } from './property-condition';

/** Epoch ms, from inclusive, to exclusive; null is open. */
interface TimeRange {
  from: number | null;
  to: number | null;
}

/** Counts in [atLeast, atMost]; atMost null is open. */
interface CountRange {
  atLeast: number;
  atMost: number | null;
}

/** A customer filter with absolute times and activeness bounds, as the store evaluates it. */
export type CustomerCondition =
  | { kind: 'all' | 'any'; of: CustomerCondition[] }
  | { kind: 'not'; of: CustomerCondition }
  | ({ kind: 'did'; event: string; where: PropertyCondition[] } & TimeRange & CountRange)
  | ({ kind: 'tagged'; tag: string } & TimeRange & CountRange)
  | { kind: 'activeness'; min: number | null; max: number | null }
  | { kind: 'stage'; stages: string[] };
