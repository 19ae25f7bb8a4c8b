import type { Selectable } from 'kysely';
import type { PropertyCondition } from '../query-model/property-condition';
import type { Database } from '../schema';
import type { TriggerUnless } from '../trigger-store';

type UnlessColumns = Pick<Selectable<Database['triggers']>, 'unless_event' | 'unless_where' | 'within_ms'>;

/** A trigger row's follow-up part; null for a plain trigger. */
export const toUnless = (r: UnlessColumns): TriggerUnless | null =>
  r.unless_event === null || r.within_ms === null
    ? null
    : { event: r.unless_event, where: JSON.parse(r.unless_where ?? '[]') as PropertyCondition[], withinMs: Number(r.within_ms) };
