// segment-schemas first: it loads @hono/zod-openapi before any condition schema is built, which the document needs.
import { storedCondition } from './segment-schemas';
import { resolveCondition, type CustomerCondition } from '../analysis/customer-condition';
import { activenessLevel, type ActivenessLevel } from '../customers/activeness-levels';
import type { AnalysisStore } from '../store/analysis-store';
import type { SegmentRecord, SegmentStore } from '../store/store';

export interface SegmentMember {
  id: string;
  identities: Record<string, string[]>;
  activeness: number;
  activenessLevel: string;
  stage: string | null;
  lastSeen: number;
}

export interface SegmentReader {
  analysis: Pick<AnalysisStore, 'filterCustomers'>;
  segments: Pick<SegmentStore, 'identitiesOf'>;
  levels: readonly ActivenessLevel[];
}

/** The segment's condition as of `now`: its relative windows end now. It was checked when saved, so it parses. */
export function segmentConditionAt(segment: SegmentRecord, now: number, levels: readonly ActivenessLevel[]): CustomerCondition {
  return resolveCondition(storedCondition.parse(segment.condition), now, levels);
}

/** One page of members in id order, each with its identities. */
export async function segmentMembers(
  reader: SegmentReader,
  condition: CustomerCondition,
  page: { limit: number; cursor?: string },
): Promise<{ items: SegmentMember[]; nextCursor: string | null; count: number }> {
  const found = await reader.analysis.filterCustomers(condition, page);
  const identities = await reader.segments.identitiesOf(found.items.map((c) => c.id));
  return {
    count: found.count,
    nextCursor: found.nextCursor,
    items: found.items.map((c) => ({
      id: c.id,
      identities: identities.get(c.id) ?? {},
      activeness: c.activeness,
      activenessLevel: activenessLevel(c.activeness, reader.levels),
      stage: c.stage,
      lastSeen: c.lastSeen,
    })),
  };
}
