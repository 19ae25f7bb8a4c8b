import type { EventDefinition } from '@eventline/protocol';
import { formText, type FormBody } from './console-env';
import { zonedInstant } from './console-time-zone';

/** The manual-add form as typed, so it can be shown again after a refusal. */
export interface ManualEventValues {
  event: string;
  /** `YYYY-MM-DDTHH:MM` in the operator's zone; '' for now. */
  time: string;
  /** By property id (`p_<id>` in the form); a preset property too. */
  properties: Record<string, string>;
  tags: string;
}

/** The preset properties offered on the form: what a person adding an event by hand usually knows. */
export const manualPresets = ['channel', 'target_id', 'campaign'] as const;

export function readManualEventForm(form: FormBody): ManualEventValues {
  const properties: Record<string, string> = {};
  for (const name of Object.keys(form)) if (name.startsWith('p_')) properties[name.slice(2)] = formText(form, name);
  return { event: formText(form, 'event'), time: formText(form, 'time'), properties, tags: formText(form, 'tags') };
}

/**
 * The body POST /v1/customers/:id/events takes, from the form: each value typed as its definition says
 * (a number, true/false, a datetime read in the operator's zone), blanks left out. Whether the event
 * passes is the recorder's judgement, as for any event; only what a form cannot say is refused here.
 */
export function toManualEventBody(values: ManualEventValues, definition: EventDefinition, timeZone: string): { ok: true; body: Record<string, unknown> } | { ok: false; message: string } {
  const properties: Record<string, unknown> = {};
  const types = new Map<string, string>(definition.properties.map((p) => [p.id, p.type]));
  for (const [id, text] of Object.entries(values.properties)) {
    if (text === '') continue;
    const type = types.get(id) ?? 'text';
    if (type === 'number') {
      const n = Number(text);
      if (!Number.isFinite(n)) return { ok: false, message: `${id}: “${text}” is not a number` };
      properties[id] = n;
    } else if (type === 'boolean') {
      properties[id] = text === 'true';
    } else if (type === 'datetime') {
      const ms = zonedInstant(text, timeZone);
      if (Number.isNaN(ms)) return { ok: false, message: `${id}: “${text}” is not a date and time` };
      properties[id] = new Date(ms).toISOString();
    } else {
      properties[id] = text;
    }
  }
  const body: Record<string, unknown> = { event: definition.id, properties };
  if (values.time !== '') {
    const ms = zonedInstant(values.time, timeZone);
    if (Number.isNaN(ms)) return { ok: false, message: `time: “${values.time}” is not a date and time` };
    body.time = ms;
  }
  const tags = values.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length > 0) body.tags = tags;
  return { ok: true, body };
}
