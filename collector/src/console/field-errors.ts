import type { z } from 'zod';
import { describeIssue } from '../http/describe-issue';

/**
 * A form's problems by the field they name, each message in the API's words with the field as the page
 * labels it. Keys are the request paths joined with dots ("id", "properties.1.name"), so the page puts
 * each message beside its input rather than only in one line at the top.
 */
export type FieldErrors = Record<string, string>;

type FieldName = (path: readonly PropertyKey[]) => string;

const add = (errors: FieldErrors, key: string, message: string) => {
  errors[key] = errors[key] ? `${errors[key]}; ${message}` : message;
};

/** Schema issues, each under its path. */
export function fieldErrorsOfIssues(issues: readonly z.core.$ZodIssue[], name: FieldName): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) add(errors, issue.path.map(String).join('.') || 'form', describeIssue(issue, name));
  return errors;
}

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
