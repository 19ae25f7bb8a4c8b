import type { Context } from 'hono';
import type { ConsoleSession } from './console-sessions';

/** A POSTed form as `parseBody({ all: true })` gives it: a repeated field is an array. */
export type FormBody = Record<string, string | File | (string | File)[]>;

/** What the console's middleware leaves for its pages: the session, and on a POST its checked form. */
export type ConsoleEnv = { Variables: { session: ConsoleSession; form: FormBody } };

export type ConsoleContext = Context<ConsoleEnv>;

/** One field of a form, trimmed; '' when absent or a file. */
export const formText = (form: FormBody, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
};
