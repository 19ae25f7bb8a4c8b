import { presetProperties } from '@eventline/protocol';
import type { StoredDefinition } from '../store/store';

/** One step row of the console's funnel form, as typed: the event and an optional condition on it. */
export interface FunnelStepInput {
  event: string;
  property: string;
  op: string;
  value: string;
}

export const funnelOps = ['=', '!=', '>', '<', 'contains', 'in'] as const;

/** The step rows from the query string: each row sends all four fields, so the i-th of each belong together. */
export function readFunnelSteps(queries: (name: string) => string[] | undefined): FunnelStepInput[] {
  const field = (name: string) => (queries(name) ?? []).map((v) => v.trim());
  const props = field('step_property');
  const ops = field('step_op');
  const values = field('step_value');
  return field('step')
    .map((event, i) => ({ event, property: props[i] ?? '', op: ops[i] || '=', value: values[i] ?? '' }))
    .filter((s) => s.event !== '');
}

// The property's type decides how the typed text is sent: a number compares only with a number.
function typed(text: string, type: string | undefined): string | number | boolean {
  if (type === 'number' && text !== '' && Number.isFinite(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * A step as the API takes it: the bare event id, or `{ event, where }` when a property is named. The
 * value is left for the API's schema to judge, so the console says what the API says.
 */
export function funnelStepBody(step: FunnelStepInput, events: readonly StoredDefinition[]): string | { event: string; where: unknown[] } {
  if (step.property === '') return step.event;
  const type = events.find((d) => d.id === step.event)?.properties.find((p) => p.id === step.property)?.type ?? (Object.hasOwn(presetProperties, step.property) ? 'text' : undefined);
  const value =
    step.op === 'in'
      ? step.value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
          .map((v) => typed(v, type))
      : typed(step.value, type);
  return { event: step.event, where: [{ property: step.property, op: step.op, value }] };
}

/** A step's condition as a person reads it: `cl_amount > 50`; empty without one. */
export function conditionText(where: readonly { property: string; op: string; value: unknown }[]): string {
  return where.map((c) => `${c.property} ${c.op} ${Array.isArray(c.value) ? c.value.join(', ') : String(c.value)}`).join(' and ');
}
