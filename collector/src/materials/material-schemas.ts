import { limits } from '@eventline/protocol';
import { z } from '@hono/zod-openapi';
import { materialTypes, type MaterialRecord } from '../store/store';

const tags = z
  .array(z.string().trim().min(1).max(limits.maxTagLength))
  .max(limits.maxTags)
  .transform((t) => [...new Set(t)]);
const fields = { name: z.string().trim().min(1).max(128), type: z.enum(materialTypes), tags };

/** The id is what events name in `properties.target_id` (for a WeChat QR code: its scene value). */
export const createBody = z.object({ id: z.string().trim().min(1).max(limits.maxIdLength).optional(), ...fields, tags: tags.default([]) }).openapi('NewMaterial');
export const patchBody = z.object({ name: fields.name.optional(), type: fields.type.optional(), tags: tags.optional() }).openapi('MaterialChanges');
export const listQuery = z.object({ type: z.enum(materialTypes, { error: `one of ${materialTypes.join(', ')}` }).optional() });

export const materialSchema = z
  .object({ id: z.string(), name: z.string(), type: z.enum(materialTypes), tags: z.array(z.string()), createdAt: z.number().int(), updatedAt: z.number().int() })
  .openapi('Material') satisfies z.ZodType<MaterialRecord>;
