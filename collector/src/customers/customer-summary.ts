import type { z } from '@hono/zod-openapi';
import type { CustomerRecord } from '../store/store';
import { activenessLevel, type ActivenessLevel } from './activeness-levels';
import type { customerSummarySchema } from './customer-schemas';

export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/** A stored customer as the API answers it, with its activeness level. */
export function customerSummary(record: CustomerRecord, levels: readonly ActivenessLevel[]): CustomerSummary {
  return {
    id: record.id,
    identities: record.identities.map((i) => ({ type: i.type, value: i.value, since: i.createdAt })),
    activeness: record.activeness,
    activenessLevel: activenessLevel(record.activeness, levels),
    stage: record.stage,
    firstSeen: record.firstSeen,
    lastSeen: record.lastSeen,
    eventCount: record.eventCount,
    createdAt: record.createdAt,
  };
}
