import type { z } from 'zod';
import { describeIssue } from '../http/describe-issue';

/**
 * A form's problems by the field they name, each message in the API's words with the field as the page
 * labels it. Keys are the request paths joined with dots ("id", "properties.1.name"), so the page puts
 * each message beside its input rather than only in one line at the top.
 */
export type FieldErrors = Record<string, string>;

/** A request path as a message words it; `FieldKey`, as the page keys the input it belongs beside. */
export type FieldName = (path: readonly PropertyKey[]) => string;
type FieldKey = (path: readonly PropertyKey[]) => string;

const pathKey: FieldKey = (path) => path.map(String).join('.') || 'form';

/**
 * Names fields as the page shows them: the items of each list in `rows` numbered as the page numbers
 * them (1-based: "Property 2, name", "Origin 3"), not by the validator's array indexes.
 */
export const pageFieldName =
  (rows: Record<string, string>): FieldName =>
  (path) => {
    const [list, index, ...rest] = path;
    const row = rows[String(list)];
    if (row === undefined || typeof index !== 'number') return pathKey(path);
    return `${row} ${index + 1}${rest.length > 0 ? `, ${rest.map(String).join('.')}` : ''}`;
  };

const add = (errors: FieldErrors, key: string, message: string) => {
  errors[key] = errors[key] ? `${errors[key]}; ${message}` : message;
};

/** Schema issues, each under its path, or under the input `key` says holds it (one text box for a list). */
export function fieldErrorsOfIssues(issues: readonly z.core.$ZodIssue[], name: FieldName, key: FieldKey = pathKey): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) add(errors, key(issue.path), describeIssue(issue, name));
  return errors;
}

/** A form its schema refused: the whole story for the top of the page, and each field's part for beside it. */
export interface FormRefusal {
  message: string;
  fields: FieldErrors;
}

export const formRefusal = (issues: readonly z.core.$ZodIssue[], name: FieldName = pathKey, key: FieldKey = pathKey): FormRefusal => ({
  message: issues.map((issue) => describeIssue(issue, name)).join('; '),
  fields: fieldErrorsOfIssues(issues, name, key),
});

/**
 * A service's message ("group: there is no …; properties.1.type: …"), each part under the path it
 * starts with, relabelled as the page names the field; a part without a path goes under `fallback`.
 */
export function fieldErrorsOfMessage(message: string, name: FieldName, fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const part of message.split('; ')) {
    const match = /^([A-Za-z_]\w*(?:\.\w+)*): (.*)$/s.exec(part);
    if (!match) {
      add(errors, fallback, part);
      continue;
    }
    const path = match[1]!.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    add(errors, match[1]!, `${name(path)}: ${match[2]}`);
  }
  return errors;
}

/** The message for a field, or for its row when the issue names the row as a whole ("properties.1"). */
export const fieldError = (errors: FieldErrors | undefined, key: string, row?: string): string | undefined => errors?.[key] ?? (row === undefined ? undefined : errors?.[row]);
