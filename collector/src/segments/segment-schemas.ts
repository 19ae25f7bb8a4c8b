import { z } from '@hono/zod-openapi';
import { withinConditionLimits, type ConditionLimits } from '../analysis/condition-limits';
import { customerConditionSchema } from '../analysis/customer-condition';

const name = z.string().trim().min(1).max(200);

/** A saved condition, read back: checked when saved, so only parsed (its limits held then). */
export const storedCondition = customerConditionSchema;

/** The condition exactly as POST /v1/customers/query takes it: the same schema, size and depth limits. */
export const segmentCondition = (limits: ConditionLimits) => withinConditionLimits(customerConditionSchema, limits).openapi('CustomerCondition');

export const newSegmentBody = (limits: ConditionLimits) => z.object({ name, condition: segmentCondition(limits) }).strict().openapi('NewSegment');

export const segmentChangeBody = (limits: ConditionLimits) =>
  z
    .object({ name: name.optional(), condition: segmentCondition(limits).optional() })
    .strict()
    .refine((b) => b.name !== undefined || b.condition !== undefined, 'give name or condition')
    .openapi('SegmentChange');

export const segmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    condition: z.unknown().openapi({ description: 'As written: relative windows (within: 30d) are read at each use' }),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi('Segment');

export const membersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(200).optional().openapi({ description: 'nextCursor of the previous page' }),
});

export const segmentMemberSchema = z
  .object({
    id: z.string(),
    identities: z.record(z.string(), z.array(z.string())).openapi({ description: 'Values by identity type' }),
    activeness: z.number().int(),
    activenessLevel: z.string(),
    stage: z.string().nullable(),
    lastSeen: z.number().int(),
  })
  .openapi('SegmentMember');

export const membersPageSchema = z.object({ items: z.array(segmentMemberSchema), nextCursor: z.string().nullable() }).openapi('SegmentMemberPage');
