import { z } from 'zod';
import { activenessRange, type ActivenessLevel } from '../customers/activeness-levels';
import { propertyConditionsSchema, type PropertyCondition } from './property-condition';
import type { CustomerCondition } from '../store/query-model/customer-condition';
import { resolveWindow, timeWindowShape } from './time-window';

export type { CustomerCondition };

const count = z.number().int().min(0);
const bothWindows = { message: 'give within or between, not both', path: ['between'] };

const eventConditionSchema = z
  .object({ event: z.string().min(1), where: propertyConditionsSchema.optional(), atLeast: count.optional(), atMost: count.optional(), ...timeWindowShape })
  .strict()
  .refine((c) => c.within === undefined || c.between === undefined, bothWindows);

const taggedConditionSchema = z
  .object({ tag: z.string().min(1), atLeast: count.optional(), atMost: count.optional(), ...timeWindowShape })
  .strict()
  .refine((c) => c.within === undefined || c.between === undefined, bothWindows);

type EventConditionInput = z.output<typeof eventConditionSchema>;

/** The condition tree POST /v1/customers/query takes, as parsed (durations in ms, times in epoch ms). */
export type CustomerConditionInput =
  | { all: CustomerConditionInput[] }
  | { any: CustomerConditionInput[] }
  | { not: CustomerConditionInput }
  | { did: EventConditionInput }
  | { didNot: EventConditionInput }
  | { tagged: z.output<typeof taggedConditionSchema> }
  | { activeness: { level?: string | undefined; min?: number | undefined; max?: number | undefined } }
  | { stage: string | string[] };

/** What each kind of node holds; `child` is the schema of a nested condition. */
export const customerConditionBranches = (child: z.ZodType) => ({
  all: z.array(child).min(1).max(50),
  any: z.array(child).min(1).max(50),
  not: child,
  did: eventConditionSchema,
  didNot: eventConditionSchema,
  tagged: taggedConditionSchema,
  activeness: z.object({ level: z.string().optional(), min: z.number().int().optional(), max: z.number().int().optional() }).strict(),
  stage: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
});
type Kind = keyof ReturnType<typeof customerConditionBranches>;

/**
 * Each node is an object with exactly one key naming its kind. Dispatched on that key rather than a
 * z.union, so a mistake deep in the tree is reported at its path instead of as "Invalid input".
 */
export const customerConditionSchema: z.ZodType<CustomerConditionInput, unknown> = z.lazy(() => {
  const branches: Record<Kind, z.ZodType> = customerConditionBranches(customerConditionSchema);
  return z.unknown().transform((value, ctx) => {
    const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
    const kind = keys.length === 1 && Object.hasOwn(branches, keys[0]!) ? (keys[0] as Kind) : undefined;
    if (kind === undefined) {
      ctx.addIssue({ code: 'custom', message: `a condition is an object with exactly one of ${Object.keys(branches).join(', ')}` });
      return z.NEVER;
    }
    const parsed = branches[kind].safeParse((value as Record<string, unknown>)[kind]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [kind, ...issue.path] });
      return z.NEVER;
    }
    return { [kind]: parsed.data } as CustomerConditionInput;
  });
});

export class ConditionError extends Error {
  override readonly name = 'ConditionError';
}

const counts = (c: { atLeast?: number | undefined; atMost?: number | undefined }): { atLeast: number; atMost: number | null } => ({ atLeast: c.atLeast ?? 1, atMost: c.atMost ?? null });

/**
 * Makes `within` absolute against `now`, a level name a range, and `didNot` a `not`. "Did E at most N
 * times" means 1..N unless atLeast says 0, so "did" always means the customer did it.
 */
export function resolveCondition(input: CustomerConditionInput, now: number, levels: readonly ActivenessLevel[]): CustomerCondition {
  const resolve = (c: CustomerConditionInput): CustomerCondition => {
    if ('all' in c) return { kind: 'all', of: c.all.map(resolve) };
    if ('any' in c) return { kind: 'any', of: c.any.map(resolve) };
    if ('not' in c) return { kind: 'not', of: resolve(c.not) };
    if ('did' in c) return { kind: 'did', event: c.did.event, where: c.did.where ?? [], ...resolveWindow(c.did, now), ...counts(c.did) };
    if ('didNot' in c) return { kind: 'not', of: resolve({ did: c.didNot }) };
    if ('tagged' in c) return { kind: 'tagged', tag: c.tagged.tag, ...resolveWindow(c.tagged, now), ...counts(c.tagged) };
    if ('stage' in c) return { kind: 'stage', stages: typeof c.stage === 'string' ? [c.stage] : c.stage };
    const { level, min, max } = c.activeness;
    if (level === undefined) return { kind: 'activeness', min: min ?? null, max: max ?? null };
    if (min !== undefined || max !== undefined) throw new ConditionError('activeness: give a level or a min/max range, not both');
    const range = activenessRange(level, levels);
    if (!range) throw new ConditionError(`activeness: no level "${level}"; the levels are ${levels.map((l) => l.name).join(', ')}`);
    return { kind: 'activeness', ...range };
  };
  return resolve(input);
}
