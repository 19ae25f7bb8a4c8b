import { createMiddleware } from 'hono/factory';
import { findNul } from '../http/find-nul';
import type { ConsoleEnv, FormBody } from './console-env';
import { sameToken } from './console-sessions';
import { messagePage } from './message-page';

/**
 * Every POST after the login: its form must carry the session's CSRF token (a page on another site
 * cannot read it), or it is refused with 403 before any page sees it. The checked form is `c.var.form`.
 */
export const checkCsrf = createMiddleware<ConsoleEnv>(async (c, next) => {
  if (c.req.method !== 'POST') return next();
  const form = (await c.req.parseBody({ all: true })) as FormBody;
  if (findNul(form) !== undefined) return messagePage(c, 400, 'Not saved', 'A field contains a NUL character (U+0000), which cannot be stored.');
  const token = form._csrf;
  if (!sameToken(typeof token === 'string' ? token : undefined, c.var.session.csrf)) return c.text('the form has no valid CSRF token: reload the page', 403);
  c.set('form', form);
  return next();
});
