import { HttpError } from '../errors/http-error';
import type { ConsoleContext } from './console-env';
import type { ConsoleSession } from './console-sessions';

/** The one-time message for this page; shown once, so dropped (the session middleware stores that). */
export function takeFlash(session: ConsoleSession): ConsoleSession['flash'] {
  const flash = session.flash;
  session.flash = null;
  return flash;
}

/** Runs a change, keeps its outcome as the next page's message, and goes back to `to`. */
export async function flashAndRedirect(c: ConsoleContext, to: string, work: () => Promise<string>) {
  try {
    c.var.session.flash = { kind: 'ok', text: await work() };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    c.var.session.flash = { kind: 'error', text: error.message };
  }
  return c.redirect(to, 303);
}
