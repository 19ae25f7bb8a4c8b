import { z } from '@hono/zod-openapi';
import { scopes, type KeyRecord } from '../store/store';

const originSchema = z.string().refine(
  (value) => {
    try {
      return new URL(value).origin === value;
    } catch {
      return false;
    }
  },
  { message: 'an origin is scheme://host[:port] with no path or trailing slash, such as https://shop.example.com' },
);

export const newKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    scope: z.enum(scopes),
    allowedOrigins: z.array(originSchema).max(100).default([]),
    /** Events per second; omitted or null: the collector's default. */
    rateLimit: z.number().int().positive().max(1_000_000).nullable().default(null),
  })
  .refine((k) => k.allowedOrigins.length === 0 || k.scope === 'ingest', {
    path: ['allowedOrigins'],
    message: 'only ingest keys are limited to origins: the other scopes are for servers, which send no Origin',
  })
  .openapi('NewKey');

export const keyRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: z.enum(scopes),
    allowedOrigins: z.array(z.string()),
    createdAt: z.number().int(),
    rateLimit: z.number().int().nullable().openapi({ description: 'Events per second; null: the collector’s default' }),
  })
  .openapi('KeyRecord') satisfies z.ZodType<KeyRecord>;

