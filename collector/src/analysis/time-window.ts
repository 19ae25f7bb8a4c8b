import { z } from 'zod';
import { parseTime } from '../recorder/parse-time';

const units = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A duration such as `15m`, `24h` or `30d`, in milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^[1-9]\d{0,5}[mhd]$/, 'a duration such as 15m, 24h or 30d')
  .transform((v) => Number(v.slice(0, -1)) * units[v.slice(-1) as keyof typeof units]);

/** An ISO-8601 time or epoch milliseconds, as events take them, to epoch milliseconds. */
export const instantSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const parsed = parseTime(v);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.ms;
});

/** `within` (the last N minutes, hours or days before now) or `between` two times; neither: all time. */
export const timeWindowShape = {
  within: durationSchema.optional(),
  between: z.object({ from: instantSchema, to: instantSchema }).optional(),
};

/** Epoch ms bounds, from inclusive, to exclusive; null is open. */
export interface TimeRange {
  from: number | null;
  to: number | null;
}

export function resolveWindow(w: { within?: number | undefined; between?: { from: number; to: number } | undefined }, now: number): TimeRange {
  if (w.within !== undefined) return { from: now - w.within, to: null };
  if (w.between) return { from: w.between.from, to: w.between.to };
  return { from: null, to: null };
}
