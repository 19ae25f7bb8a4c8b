import { z } from '@hono/zod-openapi';

const units = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const minMs = units.s;
const maxMs = 30 * units.d;

/** How long a follow-up trigger waits for its `unless` event: `90s`, `15m`, `24h`, `30d`; from 1 s to 30 d. In ms. */
export const followUpWindowSchema = z
  .string()
  .regex(/^[1-9]\d{0,7}[smhd]$/, 'a duration such as 30s, 15m, 24h or 7d')
  .transform((v) => Number(v.slice(0, -1)) * units[v.slice(-1) as keyof typeof units])
  .refine((ms) => ms >= minMs && ms <= maxMs, 'from 1s to 30d')
  .openapi({ type: 'string', example: '24h' });

/** The window written back in its largest whole unit, so `24h` reads back as `1d` and `90s` as `90s`. */
export function formatFollowUpWindow(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const) if (ms % units[unit] === 0) return `${ms / units[unit]}${unit}`;
  return `${Math.round(ms / units.s)}s`;
}
