import type { FunnelPath, FunnelStepQuery } from '../store/analysis-store';
import type { PropertyCondition } from './property-condition';

export interface FunnelStep {
  event: string;
  /** The step's own conditions (empty when it has none). */
  where: PropertyCondition[];
  /** Customers who reached this step (and every one before it) in order within the window. */
  customers: number;
  /** customers / the previous step's customers; 1 for the first step; null when the previous had none. */
  conversion: number | null;
  /** customers / the first step's customers; null when the first had none. */
  overall: number | null;
  /** Median ms from the previous step to this one over the customers who reached it; null for the first step, or when no one reached it. */
  medianMs: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** Counts, conversions (rounded to 4 places) and median step times from each customer's path. */
export function funnelReport(steps: readonly FunnelStepQuery[], paths: readonly FunnelPath[]): FunnelStep[] {
  return steps.map(({ event, where }, k) => {
    const reached = paths.filter((p) => p.length > k);
    const previous = k === 0 ? reached.length : paths.filter((p) => p.length > k - 1).length;
    return {
      event,
      where,
      customers: reached.length,
      conversion: k === 0 ? (reached.length === 0 ? null : 1) : ratio(reached.length, previous),
      overall: ratio(reached.length, paths.length),
      medianMs: k === 0 ? null : median(reached.map((p) => p[k]! - p[k - 1]!)),
    };
  });
}
