import { errorCodes } from '@eventline/protocol';
import { z } from '@hono/zod-openapi';
import type { Scope } from '../store/store';

/** Every HTTP error of the collector: `{ error: { code, message, …details } }`. */
export const errorBodySchema = z
  .object({
    error: z.looseObject({
      code: z.enum(errorCodes),
      message: z.string(),
    }),
  })
  .openapi('Error');

/** A JSON response for a route's `responses`. */
export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({ description, content: { 'application/json': { schema } } });

/** The answer of a list route: `{ items: [...] }`, the one shape every unpaged list has. */
export const itemsResponse = <S extends z.ZodType>(item: S, description: string) => jsonResponse(z.object({ items: z.array(item) }), description);

/** An error response for a route's `responses`. */
export const errorResponse = (description: string) => jsonResponse(errorBodySchema, description);

/** The answers every keyed route may give. */
export const keyErrorResponses = {
  401: errorResponse('No key, or a key that is not known or was revoked'),
  403: errorResponse('The key lacks the scope this route needs'),
} as const;

/** A response whose body is not JSON (a file, a stream, WeChat's plain-text answers). */
export const textResponse = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });

/** The sentence a keyed route's description carries: which key scopes may call it (docs/collector.md). */
export const scopeNote = (...scopes: Scope[]) => `Key scope: ${scopes.join(' or ')}.`;
