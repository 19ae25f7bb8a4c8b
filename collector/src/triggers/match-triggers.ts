import { matchesProperties } from '../analysis/property-condition';
import type { NewEvent } from '../store/store';
import type { TriggerRecord } from '../store/trigger-store';

/** The ids of the triggers an event sets off: same event id, and every `where` condition holds. */
export function matchTriggers(triggers: readonly Pick<TriggerRecord, 'id' | 'event' | 'where'>[], event: Pick<NewEvent, 'event' | 'properties'>): string[] {
  let properties: Record<string, unknown> | undefined;
  const ids: string[] = [];
  for (const t of triggers) {
    if (t.event !== event.event) continue;
    properties ??= JSON.parse(event.properties) as Record<string, unknown>;
    if (matchesProperties(properties, t.where)) ids.push(t.id);
  }
  return ids;
}
