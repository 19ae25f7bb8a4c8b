import type { z } from 'zod';
import { definitionChangesSchema, newDefinitionSchema } from '@eventline/protocol';
import type { StoredDefinition } from '../store/store';
import type { FormBody } from './console-env';
import { describeIssue } from '../http/describe-issue';
import { formRefusal, pageFieldName } from './field-errors';

/** What the single-event form shows and sends back: text, and each property's required flag. */
export interface EventFormValues {
  id: string;
  name: string;
  type: string;
  score: string;
  stage: string;
  group: string;
  /** `required`: an event of this type without the property is rejected (kept in quarantine). */
  properties: { id: string; name: string; type: string; required: boolean }[];
}

const text = (v: FormBody[string] | undefined): string => (typeof v === 'string' ? v.trim() : '');
const texts = (v: FormBody[string] | undefined): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === 'string' ? x.trim() : ''));

/** The form's fields (parsed with `all: true`), blank property rows left out. */
export function readEventForm(body: FormBody): EventFormValues {
  const ids = texts(body.prop_id);
  const names = texts(body.prop_name);
  const types = texts(body.prop_type);
  // Each row sends its own "required" choice (a select, not a checkbox: an unticked box sends nothing,
  // which would shift the rows after it), so the i-th value is the i-th property's.
  const required = texts(body.prop_required);
  const properties = ids
    .map((id, i) => ({ id, name: names[i] ?? '', type: types[i] ?? '', required: required[i] === 'required' }))
    .filter((p) => p.id !== '' || p.name !== '');
  return { id: text(body.id), name: text(body.name), type: text(body.type), score: text(body.score), stage: text(body.stage), group: text(body.group), properties };
}

export function formValuesOf(d: StoredDefinition): EventFormValues {
  return {
    id: d.id,
    name: d.name,
    type: d.type,
    score: d.score === null ? '' : String(d.score),
    stage: d.stage ?? '',
    group: d.group ?? '',
    properties: d.properties.map((p) => ({ id: p.id, name: p.name, type: p.type, required: p.required === true })),
  };
}

// An empty score is "none"; anything else must be a number, which the schema then checks as an integer.
const score = (v: string) => (v === '' ? null : Number(v));
const orNull = (v: string) => (v === '' ? null : v);

/** A field as the page labels it: "Property 2, name" for the second row's name. */
export const fieldName = pageFieldName({ properties: 'Property' });

/** What is wrong with a console form, in words: each field as the page shows it, and what to put there. */
export const issuesText = (issues: readonly z.core.$ZodIssue[]) => issues.map((i) => describeIssue(i, fieldName)).join('; ');

/** The form as a creation request, checked by the API's own schema. */
export function toNewDefinition(v: EventFormValues) {
  const parsed = newDefinitionSchema.safeParse({
    id: v.id,
    name: v.name,
    type: v.type,
    score: score(v.score),
    stage: orNull(v.stage),
    group: orNull(v.group),
    properties: v.properties,
  });
  return parsed.success ? { ok: true as const, value: parsed.data } : failure(parsed.error.issues);
}

/** A form that failed its schema: the whole story for the top of the page, and each field's part for beside it. */
const failure = (issues: readonly z.core.$ZodIssue[]) => ({ ok: false as const, ...formRefusal(issues, fieldName) });

/** The form as changes to a saved event: a system event sends only what it may change. */
export function toDefinitionChanges(v: EventFormValues, saved: StoredDefinition) {
  const common = { score: score(v.score), stage: orNull(v.stage), group: orNull(v.group) };
  const parsed = definitionChangesSchema.safeParse(saved.system ? common : { ...common, name: v.name, properties: v.properties });
  return parsed.success ? { ok: true as const, value: parsed.data } : failure(parsed.error.issues);
}
