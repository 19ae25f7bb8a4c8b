import type { z } from 'zod';
import { formText, type FormBody } from './console-env';
import type { FieldErrors } from './field-errors';
import { typedPropertyValue } from './typed-property-value';

/** The new-trigger form as typed, so a refusal shows it again. */
export interface TriggerFormValues {
  event: string;
  property: string;
  propertyOp: string;
  propertyValue: string;
  /** Empty: a plain trigger; else a follow-up that fires when this event does not follow within `unlessWithin`. */
  unlessEvent: string;
  unlessWithin: string;
  /** A segment id, or empty for every customer. */
  segment: string;
  url: string;
  secretMode: 'generate' | 'type';
  secret: string;
}

export type TriggerField = keyof TriggerFormValues;

export const blankTriggerForm: TriggerFormValues = {
  event: '',
  property: '',
  propertyOp: '=',
  propertyValue: '',
  unlessEvent: '',
  unlessWithin: '1d',
  segment: '',
  url: '',
  secretMode: 'generate',
  secret: '',
};

export function readTriggerForm(form: FormBody): TriggerFormValues {
  const values = Object.fromEntries(Object.keys(blankTriggerForm).map((k) => [k, formText(form, k)])) as unknown as TriggerFormValues;
  return { ...values, secretMode: values.secretMode === 'type' ? 'type' : 'generate' };
}

/** The body POST /v1/triggers takes, from the form and the secret (typed, or made up for it). */
export function triggerBodyFrom(values: TriggerFormValues, secret: string): unknown {
  return {
    event: values.event,
    where: values.property === '' ? [] : [{ property: values.property, op: values.propertyOp, value: typedPropertyValue(values.propertyOp, values.propertyValue) }],
    url: values.url,
    secret,
    ...(values.unlessEvent !== '' && { unless: { event: values.unlessEvent, within: values.unlessWithin } }),
    ...(values.segment !== '' && { segment: values.segment }),
  };
}

const fieldOfPath: Record<string, TriggerField> = { event: 'event', where: 'property', url: 'url', secret: 'secret', segment: 'segment', unless: 'unlessEvent' };
const fieldWords: Record<TriggerField, string> = {
  event: 'The event',
  property: 'The property condition',
  propertyOp: 'The comparison',
  propertyValue: 'The value',
  unlessEvent: 'The follow-up event',
  unlessWithin: 'The waiting time',
  segment: 'The segment',
  url: 'The URL',
  secretMode: 'The secret',
  secret: 'The secret',
};

/** Each problem next to the field that caused it, in words: "The URL: an http(s) URL". */
export function triggerFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const [head, next] = issue.path;
    const field = head === 'unless' && next === 'within' ? 'unlessWithin' : (fieldOfPath[String(head)] ?? 'event');
    const message = issue.code === 'invalid_type' ? 'is missing' : issue.message;
    errors[field] ??= `${fieldWords[field]}: ${message}`;
  }
  return errors;
}

/** A refusal of the whole body (from the checks after the schema) by the field its message starts with. */
export function triggerRefusalField(message: string): { field: TriggerField; text: string } {
  const [, path = '', rest = message] = /^([a-z.]+): (.*)$/s.exec(message) ?? [];
  const field = path === 'unless.event' ? 'unlessEvent' : (fieldOfPath[path] ?? 'event');
  return { field, text: `${fieldWords[field]}: ${rest}` };
}
