import type { PropertyCondition } from '../analysis/property-condition';
import { formatFollowUpWindow } from '../triggers/follow-up-window';
import type { TriggerRecord } from '../store/trigger-store';

/** Property conditions in words: `plan = "pro" and amount > 100`. */
export const whereText = (where: readonly PropertyCondition[]) => where.map((w) => `${w.property} ${w.op} ${JSON.stringify(w.value)}`).join(' and ');

/** A follow-up trigger's "unless" in words: `unless Buy within 1d`; '' for a plain trigger. */
export function unlessText(trigger: TriggerRecord, eventName: (id: string) => string): string {
  const u = trigger.unless;
  if (!u) return '';
  return `unless ${eventName(u.event)}${u.where.length ? ` where ${whereText(u.where)}` : ''} within ${formatFollowUpWindow(u.withinMs)}`;
}
