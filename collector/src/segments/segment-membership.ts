import type { ActivenessLevel } from '../customers/activeness-levels';
import type { AnalysisStore } from '../store/analysis-store';
import type { SegmentStore } from '../store/store';
import { segmentConditionAt } from './segment-members';

/**
 * The id just below `id` in the store's order, for customer ids ("c" + base-36): a page of the
 * segment starting after it holds `id` first if `id` is a member. "~" sorts after every id character.
 */
const justBelow = (id: string) => `${id.slice(0, -1)}${String.fromCharCode(id.charCodeAt(id.length - 1) - 1)}~`;

/**
 * Whether a customer is in a segment now; false when the segment was deleted. Asks the filter for one
 * member from just below the customer's id: no second way to evaluate a condition to drift from it.
 */
export function segmentMembership(stores: { analysis: Pick<AnalysisStore, 'filterCustomers'>; segments: Pick<SegmentStore, 'get'> }, levels: readonly ActivenessLevel[]) {
  return async (segmentId: string, customerId: string, now = Date.now()): Promise<boolean> => {
    const segment = await stores.segments.get(segmentId);
    if (!segment || customerId === '') return false;
    const page = await stores.analysis.filterCustomers(segmentConditionAt(segment, now, levels), { limit: 1, cursor: justBelow(customerId) });
    return page.items[0]?.id === customerId;
  };
}
